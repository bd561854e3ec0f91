"""The file browser's transfers: one row per file or folder copied, with its progress and a Cancel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressBar, QPushButton, QTreeWidget, QTreeWidgetItem, QWidget

from console.app.errors import render_error
from console.kit.widgets import named
from sessions.files import Direction, TransferState, TransferStatus
from sessions.visible import visible


def human_size(size: float) -> str:
    """1536 → "1.5 KB" (powers of 1024, as file managers show them)."""
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if size < 1024 or unit == "TB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} TB"


class TransfersView(QTreeWidget):
    """Shows TransferStatus values as they come; `cancel(transfer_id)` is what a row's button calls."""

    COLUMNS = ("Transfer", "Progress", "State", "")

    def __init__(self, cancel: Callable[[int], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cancel = cancel
        self.setRootIsDecorated(False)
        self.setHeaderLabels([self.tr(c) for c in self.COLUMNS[:3]] + [""])
        self.setColumnWidth(0, 150)
        self.setColumnWidth(1, 150)
        self.setColumnWidth(2, 150)
        self.rows: dict[int, QTreeWidgetItem] = {}
        self.bars: dict[int, QProgressBar] = {}
        self.buttons: dict[int, QPushButton] = {}

    def show_status(self, status: TransferStatus) -> None:
        row = self.rows.get(status.id)
        if row is None:
            row = self._add(status)
        arrow = "↓" if status.direction is Direction.DOWNLOAD else "↑"
        row.setText(0, f"{arrow} {visible(status.name)}")
        row.setToolTip(0, f"{visible(status.source)} → {visible(status.destination)}")
        bar = self.bars[status.id]
        total = max(status.total, status.done, 1)
        scale = 1 if total < 2**31 else 1024  # QProgressBar counts in int
        bar.setMaximum(total // scale)
        bar.setValue(status.done // scale)
        bar.setFormat(f"{human_size(status.done)} / {human_size(status.total)}")
        row.setText(2, self._state_text(status))
        row.setToolTip(
            2, row.text(2) + ("\n" + "\n".join(map(visible, status.left_out)) if status.left_out else "")
        )
        if status.state is TransferState.FAILED:
            row.setForeground(2, Qt.GlobalColor.darkRed)
        self.buttons[status.id].setEnabled(not status.state.finished)

    def _add(self, status: TransferStatus) -> QTreeWidgetItem:
        row = QTreeWidgetItem(self)
        self.rows[status.id] = row
        bar = named(QProgressBar(), f"transferProgress{status.id}", self.tr("Progress"))
        bar.setTextVisible(True)
        self.bars[status.id] = bar
        self.setItemWidget(row, 1, bar)
        button = named(
            QPushButton(self.tr("Cancel")), f"transferCancel{status.id}", self.tr("Cancel this transfer")
        )
        button.clicked.connect(lambda: self._cancel(status.id))
        self.buttons[status.id] = button
        self.setItemWidget(row, 3, button)
        self.scrollToItem(row)
        return row

    def _state_text(self, status: TransferStatus) -> str:
        files = ""
        if status.files_total > 1:
            files = " " + self.tr("({done} of {total} files)").format(
                done=status.files_done, total=status.files_total
            )
        if status.state is TransferState.QUEUED:
            return self.tr("Waiting")
        if status.state is TransferState.RUNNING:
            return self.tr("Copying") + files
        if status.state is TransferState.DONE:
            left = self.tr(", %n left out", "", len(status.left_out)) if status.left_out else ""
            return self.tr("Done") + files + left
        if status.state is TransferState.CANCELLED:
            return self.tr("Cancelled: nothing half copied was kept")
        if status.state is TransferState.SKIPPED:
            return self.tr("Skipped: the name is taken")
        error = render_error(status.error).line() if status.error is not None else ""
        return self.tr("Failed: {error}").format(error=error)
