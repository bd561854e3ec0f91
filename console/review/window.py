"""The review window: filters, search with highlighted hits, sessions table, session view, report."""

from __future__ import annotations

import asyncio
import getpass
import html
import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from console.app.errors import render_error
from console.kit.operations import Operation
from console.kit.tasks import spawn
from console.kit.widgets import named
from console.review.charts import ReportPanel
from console.review.filters import FilterBar
from console.review.session_view import SessionView
from sessions.archive import ArchiveIndex, Filters, Hit, SessionRow, build_report, search, sessions
from sessions.errors import SupportError

log = logging.getLogger(__name__)
HIT_LIMIT = 200
COLUMNS = ("Started", "Device", "Technician", "Outcome", "Score", "Language", "Escalated", "Tags", "Summary")
FAILED_BACKGROUND = QColor("#f8d7da")  # the sessions table's mark for a record that failed verification


class ReviewWindow(QMainWindow):
    """Reads an archive through its index; indexing and searching run on worker threads."""

    def __init__(self, index: ArchiveIndex | None, author: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewWindow")
        if index is not None:  # None: a subclass reads the team server instead (server_window.py)
            self.setWindowTitle(self.tr("Valuezone review — %s") % index.archive)
        self.index: ArchiveIndex = index  # type: ignore[assignment]
        self.rows: list[SessionRow] = []
        self.hits: list[Hit] = []
        self._generation = 0
        self.filters = FilterBar(self)
        self.search_box = named(QLineEdit(self), "searchBox", self.tr("Search sessions"))
        self.search_box.setPlaceholderText(self.tr("Search terminal text, chat, findings, notes…"))
        self.search_box.setClearButtonEnabled(True)
        self.hits_view = named(QTextBrowser(self), "hitsView", self.tr("Search hits"))
        self.hits_view.setOpenLinks(False)
        self.table = named(QTableWidget(0, len(COLUMNS), self), "sessionsTable", self.tr("Sessions"))
        self.table.setHorizontalHeaderLabels([self.tr(name) for name in COLUMNS])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.session_view = SessionView(author or getpass.getuser(), self)
        self.report = ReportPanel(self)
        self.tabs = named(QTabWidget(self), "reviewTabs", self.tr("Session or report"))
        self.tabs.addTab(self.session_view, self.tr("Session"))
        self.tabs.addTab(self.report, self.tr("Report"))
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.addWidget(self.filters)
        column.addWidget(self.search_box)
        column.addWidget(self.hits_view, 1)
        column.addWidget(self.table, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(self._search_timer.start)
        self.filters.changed.connect(self.refresh)
        self.table.cellDoubleClicked.connect(self._on_table_cell_double_clicked)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.hits_view.anchorClicked.connect(self._on_hits_view_anchor_clicked)
        self.session_view.record_changed.connect(self._on_session_view_record_changed)
        self.resize(1400, 860)

    # --- indexing and querying (worker threads) -------------------------------------------------------
    def start(self) -> asyncio.Task[None]:
        """Bring the index up to date in the background, then show the sessions."""
        return spawn(self.update_index())

    async def update_index(self) -> None:
        self.statusBar().showMessage(self.tr("Indexing the archive…"))
        loop = asyncio.get_running_loop()

        def progress(done: int, total: int) -> None:
            if done % 200 == 0:
                message = self.tr("Indexing the archive: %1 of %2 records").replace("%1", str(done))
                loop.call_soon_threadsafe(self.statusBar().showMessage, message.replace("%2", str(total)))

        stats = await Operation.in_thread(self, self.index.update, progress).errors_to(self.statusBar()).run()
        if stats is None:
            return
        message = self.tr("Indexed: %1 new, %2 changed, %3 removed.")
        for key, value in (("%1", stats.added), ("%2", stats.updated), ("%3", stats.removed)):
            message = message.replace(key, str(value))
        if stats.failed:
            message += " " + self.tr("%n record(s) failed verification.", "", len(stats.failed))
        self.statusBar().showMessage(message)
        self.filters.set_languages(await asyncio.to_thread(_languages, self.index))
        await self.query()

    def refresh(self) -> None:
        spawn(self.query())

    async def query(self) -> None:
        """Run the current search and filters off the UI thread; show the newest answer only."""
        self._generation += 1
        generation = self._generation
        filters, text = self.filters.filters(), self.search_box.text().strip()
        query = Operation.in_thread(self, _query, self.index, filters, text).errors_to(self.statusBar())
        found = await query.run()
        if found is None or generation != self._generation:
            return
        rows, hits = found
        self._show_rows(rows)
        self._show_hits(hits, text)
        report = await asyncio.to_thread(build_report, self.index, filters.since)
        if generation == self._generation:
            self.report.show_report(report)

    # --- showing --------------------------------------------------------------------------------------
    def _show_rows(self, rows: list[SessionRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            if row.failed:
                self._show_failed(number, row)
                continue
            cells = (
                row.started[:16].replace("T", " "),
                row.device,
                row.technician,
                (row.outcome or "").replace("_", " "),
                "" if row.score is None else str(row.score),
                row.customer_lang,
                self.tr("yes") if row.escalated else "",
                ", ".join(row.tags),
                row.summary,
            )
            for col, text in enumerate(cells):
                self.table.setItem(number, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def _show_failed(self, number: int, row: SessionRow) -> None:
        """A record that failed verification: its folder's date and device, the mark and the reason."""
        mark = self.tr("failed verification")
        reason = row.problem if len(row.problem) <= 90 else row.problem[:89] + "…"  # all of it in the tooltip
        cells = [row.started[:16].replace("T", " "), row.device, "", mark, "", "", "", "", reason]
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setBackground(QBrush(FAILED_BACKGROUND))
            item.setToolTip(f"{mark}: {row.folder}\n{row.problem}")
            self.table.setItem(number, col, item)

    def _show_hits(self, hits: list[Hit], text: str) -> None:
        self.hits = hits
        if not text:
            self.hits_view.setHtml("")
            return
        if not hits:
            self.hits_view.setHtml(f"<i>{html.escape(self.tr('No matches.'))}</i>")
            return
        parts = []
        for number, hit in enumerate(hits):
            minutes, seconds = divmod(int(hit.t), 60)
            snippet = html.escape(hit.marked("\x02", "\x03"))
            snippet = snippet.replace("\x02", '<b style="background:#ffe066">').replace("\x03", "</b>")
            parts.append(
                f'<p><a href="hit:{number}">{html.escape(hit.started[:16].replace("T", " "))} '
                f"{html.escape(hit.device)} +{minutes}:{seconds:02d}</a> <small>{hit.kind}</small>"
                f"<br>{snippet}</p>"
            )
        self.hits_view.setHtml("".join(parts))

    def open_hit(self, number: int) -> None:
        """Open the session of hit *number* with the player at the hit's time."""
        hit = self.hits[number]
        self.open_key(hit.folder, hit.t)

    def open_key(self, key: str, at: float = 0.0) -> None:
        """Open the session a row or hit names (here: its folder in the archive)."""
        self.open_session(self.index.archive / key, at)

    def open_session(self, folder: Path, at: float = 0.0) -> None:
        try:
            self.session_view.open_record(folder, at)
        except SupportError as exc:
            self.statusBar().showMessage(render_error(exc).line())
            return
        self.tabs.setCurrentWidget(self.session_view)

    # --- slots ----------------------------------------------------------------------------------------
    def open_row(self, number: int) -> None:
        """Open a row's session; a record that failed verification is not replayed, its reason is shown."""
        row = self.rows[number]
        if row.failed:
            message = self.tr("%1 failed verification: %2").replace("%1", row.folder)
            self.statusBar().showMessage(message.replace("%2", row.problem))
            return
        self.open_key(row.folder)

    def _on_table_cell_double_clicked(self, row: int, _col: int) -> None:
        self.open_row(row)

    def _on_table_item_selection_changed(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if selected:
            self.open_row(selected[0].row())

    def _on_hits_view_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == "hit":
            self.open_hit(int(url.path()))

    def _on_session_view_record_changed(self, _folder: Path) -> None:
        spawn(self.update_index())


def _query(index: ArchiveIndex, filters: Filters, text: str) -> tuple[list[SessionRow], list[Hit]]:
    rows = sessions(index, filters, text=text)
    hits = search(index, text, limit=HIT_LIMIT, filters=filters) if text else []
    return rows, hits


def _languages(index: ArchiveIndex) -> list[str]:
    from sessions.archive import languages

    return languages(index)


def run_review(archive: Path | None, index_db: Path | None) -> int:
    """`valuezone review`: open the window over *archive* (default: the recording.archive setting)."""
    from console.app.runtime import run_loop, start_application
    from console.kit.notify import show_messages_in
    from sessions.archive import open_index
    from sessions.recording import archive_root

    app, settings = start_application()
    folder = archive or archive_root(settings)
    folder.mkdir(parents=True, exist_ok=True)
    index = open_index(folder, index_db)
    window = ReviewWindow(index, str(settings.get("review", "author", "") or ""))
    show_messages_in(window)
    window.show()
    try:
        return run_loop(app, window.start)
    finally:
        index.close()
