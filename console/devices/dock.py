"""The Devices dock: the device book as folders and devices, searched as you type; add, edit, move, import."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.app.errors import render_error
from console.devices.dialog import DeviceDialog, DeviceFields
from console.devices.import_dialog import SshConfigImportDialog
from console.devices.tree import DEVICE_ROLE, FOLDER_ROLE, DeviceTree
from console.kit.widgets import named
from sessions.devices import Device, DeviceBook
from sessions.errors import SupportError


class DevicesDock(QDockWidget):
    """Lists devices in folders; emits `connect_requested(Device)` on Connect or double-click."""

    connect_requested = Signal(object)

    def __init__(self, book: DeviceBook, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Devices"), parent)
        self.book = book
        self.setObjectName("devicesDock")
        body = QWidget()
        layout = QVBoxLayout(body)
        self.search = named(QLineEdit(), "deviceSearch", self.tr("Search devices"))
        self.search.setPlaceholderText(self.tr("Search name, address, notes, folder…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.reload(self._current_id()))
        layout.addWidget(self.search)
        self.list = named(DeviceTree(), "deviceList", self.tr("Devices"))
        self.list.itemDoubleClicked.connect(self._on_list_item_double_clicked)
        self.list.currentItemChanged.connect(self._update_buttons)
        self.list.device_dropped.connect(self.move_device)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_list_context_menu_requested)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.add_button = named(QPushButton(self.tr("Add…")), "addDevice", self.tr("Add a device"))
        self.edit_button = named(QPushButton(self.tr("Edit…")), "editDevice", self.tr("Edit the device"))
        self.remove_button = named(
            QPushButton(self.tr("Remove")), "removeDevice", self.tr("Remove the device")
        )
        self.more_button = named(QToolButton(), "devicesMore", self.tr("Folders and import"))
        self.more_button.setText("⋯")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self.more_button)
        more.setObjectName("devicesMoreMenu")
        self.new_folder_action = more.addAction(self.tr("New folder…"), self.new_folder)
        self.new_folder_action.setObjectName("newFolderAction")
        self.import_action = more.addAction(self.tr("Import from ~/.ssh/config…"), self.import_ssh_config)
        self.import_action.setObjectName("importSshConfigAction")
        self.more_button.setMenu(more)
        self.connect_button = named(
            QPushButton(self.tr("Connect")), "connectDevice", self.tr("Connect to the device")
        )
        self.add_button.clicked.connect(self.add_device)
        self.edit_button.clicked.connect(self.edit_device)
        self.remove_button.clicked.connect(self.remove_device)
        self.connect_button.clicked.connect(self._on_connect_clicked)
        for button in (self.add_button, self.edit_button, self.remove_button, self.more_button):
            row.addWidget(button)
        layout.addLayout(row)
        layout.addWidget(self.connect_button)
        self.setWidget(body)
        self.reload()

    # --- showing the book -----------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        try:
            devices, folders = self.book.list(), self.book.folders()
        except SupportError as exc:
            QMessageBox.warning(self, self.tr("Device book"), render_error(exc).lines())
            devices, folders = [], []
        self.list.show_book(devices, folders, self.search.text(), select_id)
        self._update_buttons()

    def _current_id(self) -> int | None:
        item = self.list.currentItem()
        value = item.data(0, DEVICE_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def current(self) -> Device | None:
        device_id = self._current_id()
        return self.book.get(device_id) if device_id is not None else None

    def current_folder(self) -> str:
        """The folder selected, or the folder of the device selected ("" for the top level)."""
        return self.list.drop_folder(self.list.currentItem())

    def _update_buttons(self, *_: object) -> None:
        has = self._current_id() is not None
        for button in (self.edit_button, self.remove_button, self.connect_button):
            button.setEnabled(has)

    # --- devices --------------------------------------------------------------------------------------
    def _fields_to_kwargs(self, fields: DeviceFields) -> dict[str, object]:
        return {
            "name": fields.name,
            "host": fields.host,
            "port": fields.port,
            "user": fields.user,
            "profile": fields.profile,
            "notes": fields.notes,
            "key_file": fields.key_file or None,
            "folder": fields.folder,
        }

    def add_device(self) -> None:
        initial = DeviceFields("", "", 22, "", "auto", "", "", self.current_folder())
        dialog = DeviceDialog(self, initial, self.book.folders())
        dialog.setWindowTitle(self.tr("Add device"))
        dialog.accepted.connect(lambda: self._save_new(dialog))
        dialog.open()

    def _save_new(self, dialog: DeviceDialog) -> None:
        try:
            device = self.book.add(**self._fields_to_kwargs(dialog.fields()))  # type: ignore[arg-type]
        except SupportError as exc:
            QMessageBox.warning(self, self.tr("Device not saved"), render_error(exc).lines())
            return
        self.reload(select_id=device.id)

    def edit_device(self) -> None:
        device = self.current()
        if device is None:
            return
        initial = DeviceFields(
            device.name,
            device.host,
            device.port,
            device.user,
            device.profile,
            device.notes,
            str(device.key_file or ""),
            device.folder,
        )
        dialog = DeviceDialog(self, initial, self.book.folders())
        dialog.accepted.connect(lambda: self._save_edit(device, dialog))
        dialog.open()

    def _save_edit(self, device: Device, dialog: DeviceDialog) -> None:
        try:
            updated = replace(device, **self._fields_to_kwargs(dialog.fields()))  # type: ignore[arg-type]
            self.book.update(updated)
        except SupportError as exc:
            QMessageBox.warning(self, self.tr("Device not saved"), render_error(exc).lines())
            return
        self.reload(select_id=device.id)

    def move_device(self, device_id: int, folder: str) -> None:
        """Put a device into *folder* (a drop on a folder, or Move to folder…)."""
        try:
            self.book.move(device_id, folder)
        except SupportError as exc:
            QMessageBox.warning(self, self.tr("Device not moved"), render_error(exc).lines())
        self.reload(select_id=device_id)

    def remove_device(self) -> None:
        device = self.current()
        if device is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove device"),
            self.tr("Remove {name} from the device book? Its saved password is deleted too.").format(
                name=device.name
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("removeDeviceConfirm")
        yes = box.button(QMessageBox.StandardButton.Yes)
        named(yes, "removeDeviceYes", self.tr("Remove the device"))

        def on_finished(_result: int) -> None:
            if box.clickedButton() is yes:
                self.book.remove(device.id)
                self.reload()

        box.finished.connect(on_finished)
        box.open()

    # --- folders --------------------------------------------------------------------------------------
    def _ask_folder(self, title: str, label: str, text: str, done: object) -> QInputDialog:
        dialog = QInputDialog(self)
        dialog.setObjectName("folderNameDialog")
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setComboBoxEditable(True)
        dialog.setComboBoxItems([text, *[f for f in self.book.folders() if f != text]])
        dialog.setTextValue(text)
        dialog.textValueSelected.connect(done)  # type: ignore[arg-type]
        dialog.open()
        return dialog

    def new_folder(self) -> QInputDialog:
        parent = self.current_folder()
        return self._ask_folder(
            self.tr("New folder"),
            self.tr("Folder name (a / makes a folder inside a folder):"),
            f"{parent}/" if parent else "",
            self._make_folder,
        )

    def _make_folder(self, text: str) -> None:
        try:
            folder = self.book.add_folder(text)
        except SupportError as exc:
            QMessageBox.warning(self, self.tr("Folder not made"), render_error(exc).lines())
            return
        self.reload(self._current_id())
        item = self.list.folder_item(folder)
        if item is not None:
            self.list.setCurrentItem(item)

    def move_to_folder(self) -> QInputDialog | None:
        device_id = self._current_id()
        if device_id is None:
            return None
        return self._ask_folder(
            self.tr("Move to folder"),
            self.tr("Folder (empty for the top level):"),
            self.current_folder(),
            lambda text: self.move_device(device_id, text),
        )

    def rename_folder(self, folder: str) -> QInputDialog:
        def rename(text: str) -> None:
            try:
                self.book.rename_folder(folder, text)
            except SupportError as exc:
                QMessageBox.warning(self, self.tr("Folder not renamed"), render_error(exc).lines())
            self.reload(self._current_id())

        return self._ask_folder(self.tr("Rename folder"), self.tr("New name:"), folder, rename)

    def remove_folder(self, folder: str) -> None:
        """Remove a folder; what is in it moves up a level (no device is removed)."""
        self.book.remove_folder(folder)
        self.reload(self._current_id())

    def _on_list_context_menu_requested(self, point: QPoint) -> None:
        item = self.list.itemAt(point)
        if item is not None:
            self.list.setCurrentItem(item)
        menu = QMenu(self)
        menu.setObjectName("devicesContextMenu")
        folder = item.data(0, FOLDER_ROLE) if item is not None else None
        if item is not None and folder is None:
            menu.addAction(self.tr("Connect"), self._on_connect_clicked)
            menu.addAction(self.tr("Edit…"), self.edit_device)
            menu.addAction(self.tr("Move to folder…"), self.move_to_folder)
            menu.addAction(self.tr("Remove"), self.remove_device)
        elif folder is not None:
            menu.addAction(self.tr("New folder inside…"), self.new_folder)
            menu.addAction(self.tr("Rename folder…"), lambda: self.rename_folder(str(folder)))
            menu.addAction(
                self.tr("Remove folder (keeps its devices)"), lambda: self.remove_folder(str(folder))
            )
        else:
            menu.addAction(self.tr("New folder…"), self.new_folder)
        menu.popup(self.list.viewport().mapToGlobal(point))

    # --- import ---------------------------------------------------------------------------------------
    def import_ssh_config(self) -> SshConfigImportDialog:
        dialog = SshConfigImportDialog(self.book, self)
        dialog.imported.connect(lambda device_id: self.reload(select_id=device_id))
        dialog.open()
        return dialog

    # --- connecting -----------------------------------------------------------------------------------
    def _on_list_item_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, DEVICE_ROLE) is not None:
            self._on_connect_clicked()

    def _on_connect_clicked(self) -> None:
        device = self.current()
        if device is not None:
            self.connect_requested.emit(device)
