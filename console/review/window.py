"""The review window: filters, search with highlighted hits, sessions table, session view, report.

Everything it shows comes from one ReviewSource (console/review/source.py): the local archive's index,
or a team server. The table, the hits, the report and its export all follow the same filters and words.
Selecting a row (a click, or the arrow keys) opens that session at once; a hit opens it at the hit.
"""

from __future__ import annotations

import asyncio
import getpass
import html
import logging
import re
from collections.abc import Coroutine, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLineEdit,
    QMainWindow,
    QSplitter,
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
from console.review.export import default_name, report_page
from console.review.filters import FilterBar
from console.review.session_view import SessionView
from console.review.source import ArchiveSource, Choices, ReviewSource
from console.review.table import FAILED_BACKGROUND, SessionsTable
from sessions.archive import (
    ArchiveIndex,
    Hit,
    IndexStats,
    Report,
    SessionRow,
    save_page,
    term_patterns,
)
from sessions.errors import SupportError

log = logging.getLogger(__name__)
HIT_LIMIT = 200
__all__ = ["FAILED_BACKGROUND", "ReviewWindow", "run_review"]


class ReviewWindow(QMainWindow):
    """Reads records through *source* (an ArchiveIndex is read through an ArchiveSource)."""

    def __init__(
        self, source: ReviewSource | ArchiveIndex, author: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewWindow")
        self.source: ReviewSource = ArchiveSource(source) if isinstance(source, ArchiveIndex) else source
        self.setWindowTitle(self.tr("Valuezone review — %s") % self.source.title())
        self.rows: list[SessionRow] = []
        self.hits: list[Hit] = []
        self.hits_text = ""  # the words the shown hits were found for
        self.last_report: Report | None = None
        self.export_folder = Path(QDir.homePath())
        self._generation = 0
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closed = False  # closed and not shown again: no new work (a debounced search may still fire)
        self._opening = 0
        self.filters = FilterBar(self)
        self.search_box = named(QLineEdit(self), "searchBox", self.tr("Search sessions"))
        self.search_box.setPlaceholderText(self.tr("Search terminal text, chat, findings, notes…"))
        self.search_box.setClearButtonEnabled(True)
        self.hits_view = named(QTextBrowser(self), "hitsView", self.tr("Search hits"))
        self.hits_view.setOpenLinks(False)
        self.hits_view.hide()  # shown while the search box has words
        self.table = SessionsTable(self)
        self.session_view = SessionView(author or getpass.getuser(), self)
        self.session_view.appender = self.source.append
        self.report = ReportPanel(self)
        self.tabs = named(QTabWidget(self), "reviewTabs", self.tr("Session or report"))
        self.tabs.addTab(self.session_view, self.tr("Session"))
        self.tabs.addTab(self.report, self.tr("Report"))
        self.splitter = named(QSplitter(Qt.Orientation.Horizontal, self), "reviewSplitter", self.tr("Review"))
        self.left = self._left_pane()
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.export_action = self._menus()
        self._sized = False
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(self._search_timer.start)
        self.filters.changed.connect(self.refresh)
        self.table.row_chosen.connect(self.open_row)
        self.hits_view.anchorClicked.connect(self._on_hits_view_anchor_clicked)
        self.session_view.record_changed.connect(self._on_session_view_record_changed)
        self.resize(1366, 768)

    def _left_pane(self) -> QWidget:
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(6, 6, 0, 0)
        column.addWidget(self.filters)
        column.addWidget(self.search_box)
        lists = named(QSplitter(Qt.Orientation.Vertical, left), "listsSplitter", self.tr("Hits and sessions"))
        lists.addWidget(self.hits_view)
        lists.addWidget(self.table)
        lists.setStretchFactor(1, 2)
        lists.setChildrenCollapsible(False)
        column.addWidget(lists, 1)
        return left

    def _menus(self) -> QAction:
        menu = self.menuBar().addMenu(self.tr("&File"))
        export = menu.addAction(self.tr("&Export report…"))
        export.setObjectName("exportReport")
        export.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_E))
        export.setStatusTip(self.tr("Save the report of the sessions listed as a web page (HTML)"))
        export.triggered.connect(self.export_report)
        menu.addSeparator()
        close = menu.addAction(self.tr("&Close"))
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        return export

    def showEvent(self, event: QShowEvent) -> None:
        """The first time: the sessions side as wide as its table needs (at least half), the rest for
        the session view. Shown again after a close (the console keeps one window), it works again."""
        super().showEvent(event)
        self._closed = False
        if not self._sized:
            self._sized = True
            left = max(self.left.minimumSizeHint().width(), self.width() // 2)
            self.splitter.setSizes([left, max(1, self.width() - left)])

    # --- reading (through the source, off the UI thread) ----------------------------------------------
    def start(self) -> asyncio.Task[None]:
        """Bring the index up to date in the background, then show the sessions."""
        return self._spawn(self.update_index())

    async def update_index(self) -> None:
        self.statusBar().showMessage(self.tr("Indexing the archive…"))
        loop = asyncio.get_running_loop()

        def progress(done: int, total: int) -> None:
            if done % 200 == 0:
                message = self.tr("Indexing the archive: %1 of %2 records").replace("%1", str(done))
                loop.call_soon_threadsafe(self.statusBar().showMessage, message.replace("%2", str(total)))

        refreshing = Operation(self, lambda: self.source.refresh(progress)).errors_to(self.statusBar())
        result = await refreshing.run()
        if result is None:
            return
        self.statusBar().showMessage(self._stats_text(result) if isinstance(result, IndexStats) else result)
        choices = await Operation(self, self.source.choices).errors_to(self.statusBar()).run()
        self._offer(choices or Choices())
        await self.query()

    def _stats_text(self, stats: IndexStats) -> str:
        message = self.tr("Indexed: %1 new, %2 changed, %3 removed.")
        for key, value in (("%1", stats.added), ("%2", stats.updated), ("%3", stats.removed)):
            message = message.replace(key, str(value))
        if stats.failed:
            message += " " + self.tr("%n record(s) failed verification.", "", len(stats.failed))
        return message

    def _offer(self, choices: Choices) -> None:
        self.filters.set_languages(choices.languages)
        self.filters.set_platforms(choices.platforms)

    def refresh(self) -> None:
        self._spawn(self.query())

    async def query(self) -> None:
        """The sessions, hits and report for the current filters and words; the newest answer only."""
        self._generation += 1
        generation = self._generation
        filters, text = self.filters.filters(), self.search_box.text().strip()

        async def ask() -> tuple[list[SessionRow], list[Hit], Report]:
            rows = await self.source.sessions(filters, text)
            hits = await self.source.search(text, filters, HIT_LIMIT) if text else []
            return rows, hits, await self.source.report(filters, text)

        found = await Operation(self, ask).errors_to(self.statusBar()).run()
        if found is None or generation != self._generation:
            return
        rows, hits, report = found
        self._show_rows(rows)
        self._show_hits(hits, text)
        self.last_report = report
        self.report.show_report(report)
        if any(hit.kind == "terminal" for hit in hits):
            pinned = (
                await Operation(self, lambda: self.source.pinpoint(hits, text))
                .errors_to(self.statusBar())
                .run()
            )
            if pinned is not None and generation == self._generation:
                self._show_hits(pinned, text)  # terminal hits at the moment their words appear

    # --- showing --------------------------------------------------------------------------------------
    def _show_rows(self, rows: list[SessionRow]) -> None:
        self.rows = rows
        self.table.show_rows(rows, [self._cells(row) for row in rows])

    def _cells(self, row: SessionRow) -> list[str]:
        started = row.started[:16].replace("T", " ")
        if row.failed:  # the folder's date and device, the mark, and the reason (whole in the tooltip)
            reason = row.problem if len(row.problem) <= 90 else row.problem[:89] + "…"
            return [started, row.device, "", self.tr("failed verification"), "", "", "", "", reason]
        return [
            started,
            row.device,
            row.technician,
            (row.outcome or "").replace("_", " "),
            "" if row.score is None else str(row.score),
            row.customer_lang,
            self.tr("yes") if row.escalated else "",
            ", ".join(row.tags),
            row.summary,
        ]

    def _show_hits(self, hits: list[Hit], text: str) -> None:
        self.hits, self.hits_text = hits, text
        self.hits_view.setVisible(bool(text))
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

    # --- opening ----------------------------------------------------------------------------------------
    def open_row(self, number: int) -> None:
        """Open a row's session; a record that failed verification is not replayed, its reason is shown."""
        row = self.rows[number]
        if row.failed:
            message = self.tr("%1 failed verification: %2").replace("%1", row.folder)
            self.statusBar().showMessage(message.replace("%2", row.problem))
            return
        self.open_key(row.folder, patterns=term_patterns(self.hits_text))

    def open_hit(self, number: int) -> None:
        """Open the session of hit *number*: a terminal hit plays from just before its words appear."""
        hit = self.hits[number]
        self.table.select_folder(hit.folder)
        patterns = term_patterns(self.hits_text)
        self.open_key(hit.folder, hit.t, patterns=patterns, kind=hit.kind, pinpointed=hit.pinpointed)

    def open_key(
        self,
        key: str,
        at: float = 0.0,
        *,
        patterns: Sequence[re.Pattern[str]] = (),
        kind: str = "",
        pinpointed: bool = False,
    ) -> asyncio.Task[None]:
        """Open the session a row or hit names (its ``folder``), through the source; the arguments
        after *key* are open_session's."""
        self._opening += 1
        opening = self._opening

        async def fetch_and_open() -> None:
            asking = Operation(self, lambda: self.source.record(key)).errors_to(self.statusBar())
            folder = await asking.run()
            if folder is not None and opening == self._opening:
                self.open_session(folder, at, patterns=patterns, kind=kind, pinpointed=pinpointed)

        return self._spawn(fetch_and_open())

    def open_session(
        self,
        folder: Path,
        at: float = 0.0,
        *,
        patterns: Sequence[re.Pattern[str]] = (),
        kind: str = "",
        pinpointed: bool = False,
    ) -> None:
        """Show the record in *folder* in the session view (its recording loads in the background)."""
        try:
            self.session_view.open_record(folder, at, patterns=patterns, kind=kind, pinpointed=pinpointed)
        except SupportError as exc:
            self.statusBar().showMessage(render_error(exc).line())
            return
        self.tabs.setCurrentWidget(self.session_view)

    # --- exporting --------------------------------------------------------------------------------------
    def make_export_dialog(self) -> QFileDialog:
        """The save dialog of File ▸ Export report… (window-modal; ``fileSelected`` says where)."""
        dialog = named(QFileDialog(self), "exportDialog", self.tr("Export report"))
        dialog.setWindowTitle(self.tr("Export report"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters([self.tr("Web page (*.html *.htm)")])
        dialog.setDefaultSuffix("html")
        dialog.setDirectory(str(self.export_folder))
        dialog.selectFile(default_name())
        return dialog

    def export_report(self) -> QFileDialog:
        """Ask where, then write the report of the sessions listed there (see write_report)."""
        dialog = self.make_export_dialog()
        dialog.fileSelected.connect(lambda path: self._spawn(self.write_report(Path(path))))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    async def write_report(self, out: Path) -> Path | None:
        """The page `valuezone review report` writes for the current filters and words, saved to *out*."""
        filters, text = self.filters.filters(), self.search_box.text().strip()
        self.statusBar().showMessage(self.tr("Writing the report…"))
        asking = Operation(self, lambda: self.source.report(filters, text)).errors_to(self.statusBar())
        report = await asking.run()
        if report is None:
            return None
        page = report_page(report, self.source.report_html)  # charts are drawn here, on the GUI thread
        written = await Operation.in_thread(self, save_page, page, out).errors_to(self.statusBar()).run()
        if written is not None:
            self.export_folder = written.parent
            message = self.tr("Report of %n session(s) written to %1.", "", report.sessions)
            self.statusBar().showMessage(message.replace("%1", str(written)))
        return written

    # --- slots ----------------------------------------------------------------------------------------
    def _on_hits_view_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == "hit":
            self.open_hit(int(url.path()))

    def _on_session_view_record_changed(self, _folder: Path) -> None:
        self._spawn(self.update_index())

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Background work of this window: stopped when the window closes (its source may close next)."""
        task = spawn(coro)
        if self._closed:
            task.cancel()  # before its first step: the work never starts
            return task
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def closeEvent(self, event: QCloseEvent) -> None:
        """Work still under way is stopped (a query must not reach an index closed after the window); a
        source holding fetched copies (the team server's) forgets them."""
        self._closed = True
        self._search_timer.stop()
        for task in list(self._tasks):
            task.cancel()
        self.session_view.player.pause()
        self.source.close()
        super().closeEvent(event)


def run_review(archive: Path | None, index_db: Path | None) -> int:
    """`valuezone review`: open the window over *archive* (default: the recording.archive setting)."""
    from console.app.runtime import run_loop, start_application
    from console.kit.notify import show_messages_in
    from sessions.archive import open_index
    from sessions.identity import Identity
    from sessions.recording import archive_root

    app, settings = start_application()
    folder = archive or archive_root(settings)
    folder.mkdir(parents=True, exist_ok=True)
    index = open_index(folder, index_db)
    identity = Identity.from_settings(settings)  # notes and tags are signed with the technician's name
    author = str(settings.get("review", "author", "") or (identity.label() if identity.name else ""))
    window = ReviewWindow(index, author)
    show_messages_in(window)
    window.show()
    try:
        return run_loop(app, window.start)
    finally:
        index.close()
