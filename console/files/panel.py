"""One session's file browser: the device's folders over the session's own connection, copies each way.

Names from the device are shown through sessions.visible (a control character is shown, never acted
on). Drop files or folders from the desktop on the list to upload them (on a folder row: into it).
In a read-only session (the customer allowed diagnostics only) the browser says so and offers no
change; what the device refuses is shown with its reason.
"""

from __future__ import annotations

import datetime
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import asyncssh
from PySide6.QtCore import (
    QByteArray,
    QEventLoop,
    QMetaType,
    QMimeData,
    QStandardPaths,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.app.errors import render_error
from console.files.conflict import ConflictAsker
from console.files.transfers_view import TransfersView, human_size
from console.kit.bridge import EventBridge
from console.kit.operations import Operation
from console.kit.prompts import await_dialog
from console.kit.tasks import spawn
from console.kit.widgets import named
from sessions.errors import SupportError
from sessions.files import Kind, Listing, RemoteEntry, RemoteFiles, Transfers, TransferStatus
from sessions.files.names import remote_join, remote_parent
from sessions.visible import visible

log = logging.getLogger(__name__)
_ENTRY = Qt.ItemDataRole.UserRole
Connection = Callable[[], "asyncssh.SSHClientConnection | None"]
Record = Callable[[str, dict[str, Any]], None]


class _EntryItem(QTreeWidgetItem):
    """A row that sorts folders first, then by the column's real value (bytes, time), not its text."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        mine, theirs = self.data(0, _ENTRY), other.data(0, _ENTRY)
        if not isinstance(mine, RemoteEntry) or not isinstance(theirs, RemoteEntry):
            return super().__lt__(other)
        if mine.is_folder != theirs.is_folder:
            ascending = (self.treeWidget() or other.treeWidget()).header().sortIndicatorOrder()
            return mine.is_folder == (ascending == Qt.SortOrder.AscendingOrder)
        column = (self.treeWidget() or other.treeWidget()).sortColumn()
        keys = {1: (mine.size, theirs.size), 2: (mine.mtime, theirs.mtime)}
        if column in keys:
            return keys[column][0] < keys[column][1]
        return mine.name.casefold() < theirs.name.casefold()


URI_LIST = "text/uri-list"


class OutgoingFiles(QMimeData):
    """Rows dragged out of the browser: when the drop target asks for them, *fetch()* copies them to this
    computer (the transfers show it) and their local files are handed over; asked once per drag."""

    def __init__(self, fetch: Callable[[], list[Path]]) -> None:
        super().__init__()
        self._fetch = fetch
        self._urls: list[QUrl] | None = None

    def formats(self) -> list[str]:
        return [URI_LIST]

    def hasFormat(self, mimetype: str) -> bool:
        return mimetype == URI_LIST

    def retrieveData(self, mimetype: str, preferred: QMetaType | QMetaType.Type) -> Any:
        if mimetype != URI_LIST:
            return None
        if self._urls is None:
            self._urls = [QUrl.fromLocalFile(str(path)) for path in self._fetch()]
        wanted = preferred.id() if isinstance(preferred, QMetaType) else preferred
        if wanted in (QMetaType.Type.QByteArray, QMetaType.Type.QByteArray.value):
            return QByteArray(b"".join(bytes(url.toEncoded().data()) + b"\r\n" for url in self._urls))
        return list(self._urls)


class FileList(QTreeWidget):
    """The folder's entries; local files dropped on it are offered to `dropped(paths, folder or b"")`;
    rows dragged out are fetched through `fetch_for_drag(entries)` (set by the panel)."""

    dropped = Signal(list, bytes)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fetch_for_drag: Callable[[list[RemoteEntry]], list[Path]] | None = None
        self.setAcceptDrops(True)
        self.setDragEnabled(True)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setRootIsDecorated(False)
        self.setSortingEnabled(True)

    @staticmethod
    def _local_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        urls: list[QUrl] = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]

    def mimeTypes(self) -> list[str]:
        return [URI_LIST]

    def mimeData(self, items: Any) -> QMimeData:
        """The rows being dragged out: their files, copied here when the drop target asks."""
        entries = [e for item in items if isinstance(e := item.data(0, _ENTRY), RemoteEntry)]
        fetch = self.fetch_for_drag
        return OutgoingFiles(lambda: fetch(entries) if fetch is not None and entries else [])

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.source() is self:  # our own rows: not an upload of what we would first download
            event.ignore()
        elif self._local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.source() is not self and self._local_paths(event):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._local_paths(event) if event.source() is not self else []
        if not paths:
            event.ignore()
            return
        item = self.itemAt(event.position().toPoint())
        entry = item.data(0, _ENTRY) if item is not None else None
        folder = entry.path if isinstance(entry, RemoteEntry) and entry.is_folder else b""
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.dropped.emit(paths, folder)


class FilesPanel(QWidget):
    """Browse and copy over *connection()* (asked again after a rejoin); *record* writes to the session's
    record. `publisher` (the SupportSession) makes the panel follow the session's state."""

    COLUMNS = ("Name", "Size", "Modified", "Permissions")

    def __init__(
        self,
        connection: Connection,
        record: Record | None = None,
        parent: QWidget | None = None,
        *,
        download_folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("filesPanel")
        self._connection = connection
        self._record = record
        self.files: RemoteFiles | None = None
        self.transfers: Transfers | None = None
        self.listing: Listing | None = None
        self.download_folder = download_folder or _downloads()
        self.asker = ConflictAsker(self)
        self._bridge: EventBridge | None = None
        self._staging: list[Path] = []  # folders of files dragged out, removed when the browser closes
        self._build()
        self._set_enabled(False)

    # --- layout -----------------------------------------------------------------------------------------
    def _button(self, text: str, name: str, accessible: str, slot: Callable[[], object]) -> QPushButton:
        button = named(QPushButton(text), name, accessible)
        button.clicked.connect(slot)
        return button

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        style = self.style()
        self.up_button = self._button("", "filesUp", self.tr("Up one folder"), self.up)
        self.up_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileDialogToParent))
        self.home_button = self._button("", "filesHome", self.tr("Home folder"), self.go_home)
        self.home_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DirHomeIcon))
        self.refresh_button = self._button("", "filesRefresh", self.tr("Refresh"), self.refresh)
        self.refresh_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.path = named(QLineEdit(), "filesPath", self.tr("Folder on the device"))
        self.path.returnPressed.connect(lambda: spawn(self.go(os.fsencode(self.path.text().strip()))))
        self.count = named(QLabel(), "filesCount", self.tr("Items in the folder"))
        for widget in (self.up_button, self.home_button, self.refresh_button):
            bar.addWidget(widget)
        bar.addWidget(self.path, 1)
        bar.addWidget(self.count)
        layout.addLayout(bar)
        self.read_only_note = named(
            QLabel(
                self.tr(
                    "Read-only: the customer allowed diagnostics only. You can look and download; "
                    "uploads, new folders, renames and deletes are refused."
                )
            ),
            "filesReadOnly",
            self.tr("Read-only session"),
        )
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet("background: #fff4e5; padding: 4px")
        self.read_only_note.hide()
        layout.addWidget(self.read_only_note)
        actions = QHBoxLayout()
        self.download_button = self._button(
            self.tr("Download…"), "filesDownload", self.tr("Download"), self.ask_download
        )
        self.upload_button = self._button(
            self.tr("Upload…"), "filesUpload", self.tr("Upload"), self.ask_upload
        )
        self.new_folder_button = self._button(
            self.tr("New folder…"), "filesNewFolder", self.tr("New folder"), self.ask_new_folder
        )
        self.rename_button = self._button(
            self.tr("Rename…"), "filesRename", self.tr("Rename"), self.ask_rename
        )
        self.delete_button = self._button(
            self.tr("Delete"), "filesDelete", self.tr("Delete"), self.ask_delete
        )
        self.write_buttons = (
            self.upload_button,
            self.new_folder_button,
            self.rename_button,
            self.delete_button,
        )
        for button in (self.download_button, *self.write_buttons):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.list = named(FileList(), "filesList", self.tr("Files on the device"))
        self.list.setHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.list.setColumnWidth(0, 200)
        self.list.setColumnWidth(1, 72)
        self.list.setColumnWidth(2, 122)
        self.list.itemActivated.connect(self._on_list_item_activated)  # double-click or Enter
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.dropped.connect(self._on_list_dropped)
        self.list.fetch_for_drag = self.fetch_for_drag
        self.transfers_view = named(TransfersView(self._cancel), "filesTransfers", self.tr("Transfers"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(self.transfers_view)
        split.setSizes([600, 200])
        layout.addWidget(split, 1)
        self.status = named(QLabel(), "filesStatus", self.tr("File browser status"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

    # --- the session ------------------------------------------------------------------------------------
    def follow(self, publisher: Any, is_active: Callable[[object], bool | None]) -> None:
        """Follow a session: *is_active(event)* says True (usable), False (not now) or None (no change)."""
        self._bridge = EventBridge(publisher, self)
        self._bridge.received.connect(lambda event: self._on_session_event(is_active(event)))

    def _on_session_event(self, active: bool | None) -> None:
        if active is True and self.files is not None and self.files.conn is not self._connection():
            self._drop_files()  # a rejoin: a new connection, a new SFTP session on it
            spawn(self.start())
        elif active is True and self.files is None:
            spawn(self.start())
        elif active is False:
            self._drop_files()
            self._set_enabled(False)
            self.status.setText(self.tr("The session is not connected: the file browser waits for it."))

    def _drop_files(self) -> None:
        if self.transfers is not None:
            self.transfers.close()
            self.transfers = None
        if self.files is not None:
            self.files.close()
            self.files = None

    async def start(self) -> None:
        """Open SFTP on the session's connection and show the home folder."""
        if self.files is not None:
            return
        conn = self._connection()
        if conn is None:
            self.status.setText(self.tr("Connect the session first."))
            return
        self.status.setText(self.tr("Opening the device's files…"))
        opened = await Operation(self, lambda: RemoteFiles.open(conn)).failure(self._show_error).run()
        if opened is None or self.files is not None:
            return
        opened.record = self._record
        self._clear_status()
        self.files = opened
        self.transfers = Transfers(opened, self.asker)
        self.transfers.subscribe(self._on_transfer)
        self.read_only_note.setVisible(opened.read_only)
        self._set_enabled(True)
        await self.go(opened.home)

    def _on_transfer(self, status: TransferStatus) -> None:  # from the core (loop thread = UI thread)
        self.transfers_view.show_status(status)
        listing = self.listing
        if status.state.finished and listing is not None and status.destination == listing.text_path:
            self.refresh()  # an upload into the folder shown

    def close_files(self) -> None:
        """The session ended or the tab closed: cancel transfers, end the SFTP session."""
        if self._bridge is not None:
            self._bridge.close()
        self._drop_files()
        self._set_enabled(False)
        for folder in self._staging:
            shutil.rmtree(folder, ignore_errors=True)
        self._staging.clear()

    # --- navigating -------------------------------------------------------------------------------------
    async def go(self, path: bytes) -> None:
        if self.files is None:
            return
        files = self.files
        listing = await Operation(self, lambda: files.listing(path)).failure(self._show_error).run()
        if listing is None:
            return

        self.listing = listing
        self._show(listing)

    def _show(self, listing: Listing) -> None:
        self.path.setText(visible(listing.text_path))
        self.path.setToolTip(visible(listing.text_path))
        self.list.setSortingEnabled(False)
        self.list.clear()
        style = self.style()
        icons = {
            Kind.FOLDER: style.standardIcon(QStyle.StandardPixmap.SP_DirIcon),
            Kind.FILE: style.standardIcon(QStyle.StandardPixmap.SP_FileIcon),
            Kind.LINK: style.standardIcon(QStyle.StandardPixmap.SP_FileLinkIcon),
            Kind.OTHER: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        for entry in listing.entries:
            when = (
                datetime.datetime.fromtimestamp(entry.mtime).strftime("%Y-%m-%d %H:%M") if entry.mtime else ""
            )
            size = "" if entry.is_folder else human_size(entry.size)
            item = _EntryItem([visible(entry.name), size, when, entry.mode_text])
            item.setData(0, _ENTRY, entry)
            item.setIcon(
                0,
                icons[Kind.FOLDER] if entry.is_folder and entry.kind is not Kind.LINK else icons[entry.kind],
            )
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, visible(entry.text_path))
            self.list.addTopLevelItem(item)
        self.list.setSortingEnabled(True)
        self.list.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        shown = self.tr("%n item(s)", "", len(listing.entries))
        if listing.truncated:
            shown += " " + self.tr("(the first ones: the folder holds more)")
        self.count.setText(shown)
        self._update_buttons()

    def refresh(self) -> None:
        if self.listing is not None:
            spawn(self.go(self.listing.path))

    def up(self) -> None:
        if self.listing is not None:
            spawn(self.go(remote_parent(self.listing.path)))

    def go_home(self) -> None:
        if self.files is not None:
            spawn(self.go(self.files.home))

    def _on_list_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        entry = item.data(0, _ENTRY)
        if isinstance(entry, RemoteEntry) and entry.is_folder:
            spawn(self.go(entry.path))

    def selected(self) -> list[RemoteEntry]:
        return [e for item in self.list.selectedItems() if isinstance(e := item.data(0, _ENTRY), RemoteEntry)]

    def rows(self) -> dict[str, QTreeWidgetItem]:
        """The rows by the name the device gives."""
        found = {}
        for number in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(number)
            entry = item.data(0, _ENTRY) if item is not None else None
            if item is not None and isinstance(entry, RemoteEntry):
                found[entry.name] = item
        return found

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.up_button, self.home_button, self.refresh_button, self.path, self.list):
            widget.setEnabled(enabled)
        self._update_buttons()

    def _update_buttons(self) -> None:
        usable = self.files is not None
        writable = usable and not (self.files is not None and self.files.read_only)
        count = len(self.selected())
        self.download_button.setEnabled(usable and count > 0)
        self.upload_button.setEnabled(writable)
        self.new_folder_button.setEnabled(writable)
        self.rename_button.setEnabled(writable and count == 1)
        self.delete_button.setEnabled(writable and count > 0)

    # --- copying ----------------------------------------------------------------------------------------
    def ask_download(self) -> QFileDialog | None:
        """Download… : choose the folder, then copy what is selected into it."""
        entries = self.selected()
        if not entries:
            return None
        dialog = QFileDialog(self, self.tr("Download into which folder?"), str(self.download_folder))
        dialog.setObjectName("filesDownloadFolder")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(lambda folder: self.download_to(entries, Path(folder)))
        dialog.open()
        return dialog

    def download_to(self, entries: list[RemoteEntry], folder: Path) -> list[int]:
        if self.transfers is None or not entries:
            return []
        self.download_folder = folder
        return self.transfers.download(entries, folder)

    def ask_upload(self) -> QFileDialog | None:
        if self.listing is None:
            return None
        dialog = QFileDialog(self, self.tr("Upload which files?"), str(self.download_folder))
        dialog.setObjectName("filesUploadFiles")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda paths: self.upload([Path(p) for p in paths]))
        dialog.open()
        return dialog

    def upload(self, paths: list[Path], folder: bytes = b"") -> list[int]:
        """Copy local *paths* into *folder* on the device (default: the folder shown)."""
        if self.transfers is None or self.listing is None or not paths:
            return []
        if self.files is not None and self.files.read_only:
            self.status.setText(
                self.tr("Not uploaded: this session is read-only (the customer allowed diagnostics only).")
            )
            return []
        return self.transfers.upload(paths, folder or self.listing.path)

    def fetch_for_drag(self, entries: list[RemoteEntry]) -> list[Path]:
        """Rows dragged to the desktop or a file manager: copy them into a fresh folder here, waiting (the
        window keeps painting and the transfers show progress) until each is done; the files that arrived."""
        if self.transfers is None:
            return []
        folder = Path(tempfile.mkdtemp(prefix="valuezone-drag-"))
        self._staging.append(folder)
        transfers = self.transfers
        ids = transfers.download(entries, folder)
        waiting = QEventLoop()
        timer = QTimer(waiting)
        timer.timeout.connect(
            lambda: waiting.quit() if all(transfers.status(i).state.finished for i in ids) else None
        )
        timer.start(30)
        waiting.exec()
        return sorted(path for path in folder.iterdir() if not path.name.startswith("."))

    def _on_list_dropped(self, paths: list[Path], folder: bytes) -> None:
        self.upload(paths, folder)

    def _cancel(self, transfer_id: int) -> None:
        if self.transfers is not None:
            self.transfers.cancel(transfer_id)

    # --- changing ---------------------------------------------------------------------------------------
    def ask_new_folder(self) -> None:
        spawn(self._new_folder())

    async def _new_folder(self) -> None:
        name = await self._ask_name(self.tr("New folder"), self.tr("Name of the new folder:"), "")
        if name and self.files is not None and self.listing is not None:
            await self._change(self.files.make_folder(remote_join(self.listing.path, os.fsencode(name))))

    def ask_rename(self) -> None:
        spawn(self._rename())

    async def _rename(self) -> None:
        selected = self.selected()
        if len(selected) != 1 or self.files is None:
            return
        entry = selected[0]
        name = await self._ask_name(self.tr("Rename"), self.tr("New name:"), entry.name)
        if name and name != entry.name:
            await self._change(
                self.files.rename(entry.path, remote_join(remote_parent(entry.path), os.fsencode(name)))
            )

    def ask_delete(self) -> None:
        spawn(self._delete())

    async def _delete(self) -> None:
        entries = self.selected()
        if not entries or self.files is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Delete"),
            self.tr("Delete these from the device? This cannot be undone.")
            + "\n\n"
            + "\n".join(visible(e.name) for e in entries[:10])
            + ("\n…" if len(entries) > 10 else ""),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("filesDeleteConfirm")
        if await await_dialog(box) != QMessageBox.StandardButton.Yes:
            return
        for entry in entries:
            if not await self._change(self.files.delete(entry)):
                break

    async def _ask_name(self, title: str, label: str, text: str) -> str:
        dialog = QInputDialog(self)
        dialog.setObjectName("filesNameDialog")
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(text)
        if await await_dialog(dialog) != QInputDialog.DialogCode.Accepted:
            return ""
        name = dialog.textValue().strip()
        if "/" in name or name in (".", ".."):
            self.status.setText(self.tr("A name cannot contain / or be . or .."))
            return ""
        return name

    async def _change(self, work: Any) -> bool:
        """Run one change; the device's refusal is shown with its reason; the folder is shown again."""
        try:
            await work
        except SupportError as exc:
            self.refresh()
            self._show_error(exc)
            return False
        self._clear_status()
        self.refresh()
        return True

    def _clear_status(self) -> None:
        self.status.setText("")
        self.status.setStyleSheet("")

    def _show_error(self, exc: SupportError) -> None:
        """The device's refusal or our own error, in red, until the next thing works."""
        self.status.setText(render_error(exc).lines())
        self.status.setStyleSheet("color: #b00020")


def _downloads() -> Path:
    where = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    return Path(where) if where else Path.home()
