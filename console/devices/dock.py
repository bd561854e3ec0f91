"""The Devices dock: the device book as a list with Add, Edit, Remove and Connect."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.devices.dialog import DeviceDialog, DeviceFields
from console.kit.widgets import named
from sessions.devices import Device, DeviceBook
from sessions.errors import SupportError


class DevicesDock(QDockWidget):
    """Lists devices; emits `connect_requested(Device)` on Connect or double-click."""

    connect_requested = Signal(object)

    def __init__(self, book: DeviceBook, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Devices"), parent)
        self.book = book
        self.setObjectName("devicesDock")
        body = QWidget()
        layout = QVBoxLayout(body)
        self.list = named(QListWidget(), "deviceList", self.tr("Devices"))
        self.list.itemDoubleClicked.connect(self._on_list_double_clicked)
        self.list.currentItemChanged.connect(self._update_buttons)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.add_button = named(QPushButton(self.tr("Add…")), "addDevice", self.tr("Add a device"))
        self.edit_button = named(QPushButton(self.tr("Edit…")), "editDevice", self.tr("Edit the device"))
        self.remove_button = named(
            QPushButton(self.tr("Remove")), "removeDevice", self.tr("Remove the device")
        )
        self.connect_button = named(
            QPushButton(self.tr("Connect")), "connectDevice", self.tr("Connect to the device")
        )
        self.add_button.clicked.connect(self.add_device)
        self.edit_button.clicked.connect(self.edit_device)
        self.remove_button.clicked.connect(self.remove_device)
        self.connect_button.clicked.connect(self._on_connect_clicked)
        for button in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(button)
        layout.addLayout(row)
        layout.addWidget(self.connect_button)
        self.setWidget(body)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.list.clear()
        for device in self.book.list():
            item = QListWidgetItem(f"{device.name}\n{device.user or '?'}@{device.host}:{device.port}")
            item.setData(Qt.ItemDataRole.UserRole, device.id)
            item.setToolTip(device.notes or device.name)
            self.list.addItem(item)
            if device.id == select_id:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def current(self) -> Device | None:
        item = self.list.currentItem()
        return self.book.get(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _update_buttons(self, *_: object) -> None:
        has = self.list.currentItem() is not None
        for button in (self.edit_button, self.remove_button, self.connect_button):
            button.setEnabled(has)

    def _fields_to_kwargs(self, fields: DeviceFields) -> dict[str, object]:
        return {
            "name": fields.name,
            "host": fields.host,
            "port": fields.port,
            "user": fields.user,
            "profile": fields.profile,
            "notes": fields.notes,
            "key_file": fields.key_file or None,
        }

    def add_device(self) -> None:
        dialog = DeviceDialog(self)
        dialog.accepted.connect(lambda: self._save_new(dialog))
        dialog.open()

    def _save_new(self, dialog: DeviceDialog) -> None:
        try:
            device = self.book.add(**self._fields_to_kwargs(dialog.fields()))  # type: ignore[arg-type]
        except SupportError as exc:
            QMessageBox.warning(self, self.tr("Device not saved"), str(exc))
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
        )
        dialog = DeviceDialog(self, initial)
        dialog.accepted.connect(lambda: self._save_edit(device, dialog))
        dialog.open()

    def _save_edit(self, device: Device, dialog: DeviceDialog) -> None:
        from dataclasses import replace

        try:
            updated = replace(device, **self._fields_to_kwargs(dialog.fields()))  # type: ignore[arg-type]
            self.book.update(updated)
        except SupportError as exc:
            QMessageBox.warning(self, self.tr("Device not saved"), str(exc))
            return
        self.reload(select_id=device.id)

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

    def _on_list_double_clicked(self, _item: QListWidgetItem) -> None:
        self._on_connect_clicked()

    def _on_connect_clicked(self) -> None:
        device = self.current()
        if device is not None:
            self.connect_requested.emit(device)
