"""The Devices dock's tree: folders and devices, filtered as you type, a device dragged onto a folder."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QFont
from PySide6.QtWidgets import QAbstractItemView, QStyle, QTreeWidget, QTreeWidgetItem, QWidget

from sessions.devices import Device, matches

DEVICE_ROLE = Qt.ItemDataRole.UserRole  # a device item's id
FOLDER_ROLE = Qt.ItemDataRole.UserRole + 1  # a folder item's path ("Acme/HQ")
DEVICE_MIME = "application/x-valuezone-device-ids"


class DeviceTree(QTreeWidget):
    """Shows the book; a device dropped on a folder (or on the empty space: the top level) emits
    `device_dropped(device_id, folder)`. The tree is only a view: the dock moves the device in the book
    and shows the book again."""

    device_dropped = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self._collapsed: set[str] = set()
        self.itemCollapsed.connect(lambda item: self._collapsed.add(self._key(item)))
        self.itemExpanded.connect(lambda item: self._collapsed.discard(self._key(item)))

    @staticmethod
    def _key(item: QTreeWidgetItem) -> str:
        return str(item.data(0, FOLDER_ROLE) or "").casefold()

    def count(self) -> int:
        """How many devices are shown (after the search filter)."""
        return len(self.device_items())

    def _all_items(self) -> list[QTreeWidgetItem]:
        """Every item, parents before their children, in the order shown."""
        found: list[QTreeWidgetItem] = []

        def walk(item: QTreeWidgetItem | None) -> None:
            if item is not None:
                found.append(item)
                for number in range(item.childCount()):
                    walk(item.child(number))

        for number in range(self.topLevelItemCount()):
            walk(self.topLevelItem(number))
        return found

    def device_items(self) -> list[QTreeWidgetItem]:
        return [item for item in self._all_items() if item.data(0, DEVICE_ROLE) is not None]

    def folder_item(self, path: str) -> QTreeWidgetItem | None:
        for item in self._all_items():
            if item.data(0, DEVICE_ROLE) is None and self._key(item) == path.casefold():
                return item
        return None

    def show_book(self, devices: list[Device], folders: list[str], query: str, select_id: int | None) -> None:
        """Fill the tree: folders first (nested), then devices, each level by name; *query* filters."""
        self.clear()
        shown = [d for d in devices if matches(d, query)]
        wanted = folders
        if query.strip():  # while searching, only the folders that lead to a device found
            used = {d.folder.casefold() for d in shown if d.folder}
            wanted = [
                f for f in folders if any(u == f.casefold() or u.startswith(f.casefold() + "/") for u in used)
            ]
        items: dict[str, QTreeWidgetItem] = {}
        folder_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        bold = QFont(self.font())
        bold.setBold(True)
        for folder in wanted:
            parent_path, _, name = folder.rpartition("/")
            parent = items.get(parent_path.casefold())
            item = QTreeWidgetItem([name])
            item.setData(0, FOLDER_ROLE, folder)
            item.setIcon(0, folder_icon)
            item.setFont(0, bold)
            item.setToolTip(0, folder)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
            )
            (parent.addChild(item) if parent is not None else self.addTopLevelItem(item))
            items[folder.casefold()] = item
        device_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)
        current = None
        for device in shown:
            item = QTreeWidgetItem([f"{device.name}\n{device.user or '?'}@{device.host}:{device.port}"])
            item.setData(0, DEVICE_ROLE, device.id)
            item.setIcon(0, device_icon)
            item.setToolTip(0, "\n".join(x for x in (device.name, device.notes) if x))
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
            )
            parent = items.get(device.folder.casefold())
            (parent.addChild(item) if parent is not None else self.addTopLevelItem(item))
            if device.id == select_id:
                current = item
        for key, item in items.items():
            item.setExpanded(bool(query.strip()) or key not in self._collapsed)
        if current is None and shown:
            current = self.device_items()[0]
        if current is not None:
            self.setCurrentItem(current)

    # --- drag and drop -------------------------------------------------------------------------------
    def drop_folder(self, item: QTreeWidgetItem | None) -> str:
        """Where a device dropped on *item* goes: that folder, a device's own folder, or the top level."""
        while item is not None and item.data(0, FOLDER_ROLE) is None:
            item = item.parent()
        return str(item.data(0, FOLDER_ROLE)) if item is not None else ""

    def mimeTypes(self) -> list[str]:
        return [DEVICE_MIME]

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:
        """A dragged device carries its id (folders are not dragged)."""
        data = QMimeData()
        ids = [str(item.data(0, DEVICE_ROLE)) for item in items if item.data(0, DEVICE_ROLE) is not None]
        data.setData(DEVICE_MIME, QByteArray(",".join(ids).encode()))
        return data

    @staticmethod
    def _dragged(data: QMimeData) -> list[int]:
        text = bytes(data.data(DEVICE_MIME).data()).decode("ascii", "replace")
        return [int(part) for part in text.split(",") if part.isdigit()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dragged(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._dragged(event.mimeData()):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        dragged = self._dragged(event.mimeData())
        if not dragged:
            event.ignore()
            return
        folder = self.drop_folder(self.itemAt(event.position().toPoint()))
        event.setDropAction(Qt.DropAction.IgnoreAction)  # Qt must not move the item: the book decides
        event.accept()
        for device_id in dragged:
            self.device_dropped.emit(device_id, folder)
