"""The follow-up queue (View ▸ Follow-ups, Ctrl+Shift+F): open follow-ups from the archive index, or,
when Settings names a team server, the team's open follow-ups from the server (a lead sees their teams').

Each row: due date (overdue in red), device, technician, outcome, the customer's comment, the summary.
"Open record" shows it in the review window; "Close with note…" appends `followup.closed` to the record.
Indexing, reading and writing run on worker threads: the window never waits on the disk.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.kit.operations import Operation
from console.kit.prompts import await_dialog
from console.kit.tasks import spawn
from console.kit.widgets import named
from console.review.window import ReviewWindow
from console.team.service import TeamService
from sessions.archive import ArchiveIndex, open_index
from sessions.archive.followups import OpenFollowUp, close_followup, open_followups

log = logging.getLogger(__name__)
OVERDUE = QColor("#fdecea")


class NoteDialog(QDialog):
    """The note that closes a follow-up (what was done, what the customer said)."""

    def __init__(self, device: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followupNoteDialog")
        self.setWindowTitle(self.tr("Close follow-up — {device}").format(device=device))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("How was it settled?")))
        self.note = named(QPlainTextEdit(), "followupNote", self.tr("Note closing the follow-up"))
        layout.addWidget(self.note)
        buttons = named(
            QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel),
            "followupNoteButtons",
            self.tr("Close the follow-up or keep it open"),
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        named(ok, "followupNoteOk", self.tr("Close the follow-up"))
        ok.setText(self.tr("Close follow-up"))
        ok.setEnabled(False)
        self.note.textChanged.connect(lambda: ok.setEnabled(bool(self.note.toPlainText().strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class FollowUpsDock(QDockWidget):
    """Lists open follow-ups; *archive* and *author* are asked each time (settings may change)."""

    COLUMNS = ("Due", "Device", "Technician", "Outcome", "Customer comment", "Summary")

    def __init__(
        self,
        archive: Callable[[], Path],
        author: Callable[[], str],
        parent: QWidget | None = None,
        team: TeamService | None = None,
    ) -> None:
        super().__init__(self.tr("Follow-ups"), parent)
        self.setObjectName("followupsDock")
        self._archive = archive
        self._author = author
        self.team = team
        self.index: ArchiveIndex | None = None
        self.rows: list[OpenFollowUp] = []
        self.review: ReviewWindow | None = None  # the review window, opened on first use
        body = QWidget()
        layout = QVBoxLayout(body)
        self.table = named(QTableWidget(0, len(self.COLUMNS)), "followupTable", self.tr("Open follow-ups"))
        self.table.setHorizontalHeaderLabels([self.tr(name) for name in self.COLUMNS])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(lambda _row, _col: self.open_selected())
        layout.addWidget(self.table, 1)
        self.status = named(QLabel(), "followupStatus", self.tr("Follow-up queue status"))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.refresh_button = named(QPushButton(self.tr("Refresh")), "followupRefresh", self.tr("Refresh"))
        self.open_button = named(
            QPushButton(self.tr("Open record")),
            "followupOpen",
            self.tr("Open the record in the review window"),
        )
        self.close_button = named(
            QPushButton(self.tr("Close with note…")),
            "followupClose",
            self.tr("Close the follow-up with a note"),
        )
        self.refresh_button.clicked.connect(self.refresh)
        self.open_button.clicked.connect(self.open_selected)
        self.close_button.clicked.connect(lambda: spawn(self.close_selected()))
        for button in (self.refresh_button, self.open_button, self.close_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.setWidget(body)
        self.visibilityChanged.connect(lambda shown: self.refresh() if shown else None)

    # --- loading --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        spawn(self.reload())

    def on_server(self) -> bool:
        return self.team is not None and bool(self.team.server)

    async def reload(self) -> None:
        """Bring the index up to date (only changed records are read) and show the open follow-ups."""
        if self.on_server():
            await self._reload_from_server()
            return
        self.status.setText(self.tr("Reading the archive…"))
        await Operation(self, self._read).success(self._show_rows).errors_to(self.status).run()

    async def _read(self) -> list[OpenFollowUp]:
        index = self._open_index()
        await asyncio.to_thread(index.update)
        return await asyncio.to_thread(open_followups, index)

    async def _reload_from_server(self) -> None:
        self.status.setText(self.tr("Asking the team server…"))
        await Operation(self, self._read_from_server).success(self._show_rows).errors_to(self.status).run()

    async def _read_from_server(self) -> list[OpenFollowUp]:
        assert self.team is not None
        answer = await (await self.team.client()).request("followups.list")
        return [OpenFollowUp(**row) for row in answer["followups"]]

    def _open_index(self) -> ArchiveIndex:
        archive = self._archive()
        if self.index is None or self.index.archive != archive:
            archive.mkdir(parents=True, exist_ok=True)
            if self.index is not None:
                self.index.close()
            self.index = open_index(archive)
        return self.index

    def _show_rows(self, rows: list[OpenFollowUp]) -> None:
        self.rows = rows
        self.table.setRowCount(len(self.rows))
        outcomes = {
            "resolved": self.tr("Resolved"),
            "workaround": self.tr("Workaround"),
            "escalated": self.tr("Escalated"),
            "not_resolved": self.tr("Not resolved"),
        }
        overdue = 0
        for number, row in enumerate(self.rows):
            late = row.overdue()
            overdue += late
            due = row.due or "–"
            cells = (
                due,
                row.device,
                row.technician,
                outcomes.get(row.outcome, row.outcome),
                row.comment,
                row.summary,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if late:
                    item.setBackground(QBrush(OVERDUE))
                    item.setToolTip(self.tr("Overdue since {due}: {text}").format(due=row.due, text=text))
                self.table.setItem(number, column, item)
        self.status.setText(
            self.tr("%n open follow-up(s)", "", len(self.rows))
            + (" " + self.tr("(%n overdue)", "", overdue) if overdue else "")
        )

    # --- actions ---------------------------------------------------------------------------------------
    def selected(self) -> OpenFollowUp | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None and self.on_server():
            self._open_on_server(row)
            return
        if row is None or self.index is None:
            self.status.setText(self.tr("Select a follow-up first."))
            return
        self.review_window().open_session(self.index.archive / row.folder)

    def review_window(self) -> ReviewWindow:
        """The review window over the configured archive (one per console), shown and raised."""
        index = self._open_index()
        shown = getattr(self.review.source, "index", None) if self.review is not None else None
        if self.review is not None and shown is not index:  # the archive setting changed
            self.review.close()
            self.review = None
        if self.review is None:
            self.review = ReviewWindow(index, self._author(), None)
            self.review.start()
        self.review.show()
        self.review.raise_()
        self.review.activateWindow()
        return self.review

    def _open_on_server(self, row: OpenFollowUp) -> None:
        """The team's review window with this session (the row's folder is its session id)."""
        from console.review.server_source import ServerSource

        assert self.team is not None
        server = self.team.server
        shown = getattr(self.review.source, "server", None) if self.review is not None else None
        if self.review is not None and shown != server:  # the archive's window, or another server's
            self.review.close()
            self.review = None
        if self.review is None:
            self.review = ReviewWindow(ServerSource(self.team.client, server), self._author(), None)
            self.review.start()
        self.review.show()
        self.review.raise_()
        self.review.activateWindow()
        self.review.open_key(row.folder)

    async def close_selected(self) -> None:
        """Ask for a note, append `followup.closed` to the record, refresh the list."""
        row = self.selected()
        if row is not None and self.on_server():
            await self._close_on_server(row)
            return
        if row is None or self.index is None:
            self.status.setText(self.tr("Select a follow-up first."))
            return
        dialog = NoteDialog(row.device, self)
        if await await_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        note = dialog.note.toPlainText().strip()
        folder = self.index.archive / row.folder
        closing = Operation.in_thread(self, close_followup, folder, note, self._author())
        if await closing.errors_to(self.status).run() is not None:
            await self.reload()

    async def _close_on_server(self, row: OpenFollowUp) -> None:
        assert self.team is not None
        dialog = NoteDialog(row.device, self)
        if await await_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        note = dialog.note.toPlainText().strip()
        closing = Operation(self, lambda: self._close_request(row.folder, note))
        if await closing.errors_to(self.status).run() is not None:
            await self.reload()

    async def _close_request(self, session_id: str, note: str) -> dict[str, Any]:
        assert self.team is not None
        return await (await self.team.client()).request("followup.close", session_id=session_id, note=note)

    def close_index(self) -> None:
        if self.review is not None:
            self.review.close()
        if self.index is not None:
            self.index.close()
            self.index = None
