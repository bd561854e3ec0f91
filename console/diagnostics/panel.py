"""One session's diagnostics: Run (Ctrl+Shift+D in the main window), a row per check filling in live, copy."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.app.crash import show_exception
from console.app.errors import render_error
from console.kit.tasks import spawn
from console.kit.widgets import named
from sessions.diagnostics import CheckResult, DiagnosticsRunner, Status, exit_code
from sessions.errors import SupportError

RunnerFactory = Callable[[], Awaitable[DiagnosticsRunner]]
_ICONS = {
    Status.OK: QStyle.StandardPixmap.SP_DialogApplyButton,
    Status.WARN: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Status.FAIL: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Status.ERROR: QStyle.StandardPixmap.SP_MessageBoxQuestion,
}
_CHECK_ROLE = Qt.ItemDataRole.UserRole


class DiagnosticsPanel(QWidget):
    """One session's diagnostics runs. Give it a runner (or an async factory that detects the profile)."""

    run_requested = Signal()  # a run was asked for (button or start_run)
    check_finished = Signal(str)  # check id
    run_finished = Signal(int)  # exit code of the whole run: 0 ok, 1 warn, 2 fail, 3 errors only

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diagnosticsPanel")
        self._factory: RunnerFactory | None = None
        self._runner: DiagnosticsRunner | None = None
        self._results: dict[str, CheckResult] = {}
        self._busy = False
        self._ended = False
        self._stopped = False  # its tab closed: a run under way is cancelled and touches nothing more
        self._task: asyncio.Task[Any] | None = None
        self._build()

    # --- public API -------------------------------------------------------------------------------
    def set_runner(self, runner: DiagnosticsRunner) -> None:
        """Run *runner*'s profile on Run."""
        self._runner, self._factory, self._ended = runner, None, False
        self._refresh_buttons()

    def set_runner_factory(self, factory: RunnerFactory) -> None:
        """On Run, await *factory* for a runner first (it may detect the profile on the device)."""
        self._factory, self._runner, self._ended = factory, None, False
        self._refresh_buttons()

    def start_run(self) -> None:
        """Run every check (the slot the main window's Ctrl+Shift+D calls)."""
        if self._busy or self._ended or (self._runner is None and self._factory is None):
            return
        self.run_requested.emit()
        self._task = spawn(self._run_all())

    def rerun_check(self, check_id: str) -> None:
        """Run one check again, replacing its row."""
        if self._busy or self._ended or self._runner is None:
            return
        self._task = spawn(self._run_one(check_id))

    def results(self) -> list[CheckResult]:
        return list(self._results.values())

    @property
    def busy(self) -> bool:
        return self._busy

    def stop(self) -> None:
        """Its tab is closing: cancel a run under way (its findings so far are in the record)."""
        self._stopped = True
        if self._task is not None and not self._task.done():
            self._task.cancel()

    def interrupt_run(self) -> None:
        """Stop (the button): INT to the checks still running on the device; the channels stay open until
        each command ends, so what it printed so far is kept and the record names what was interrupted."""
        runner = self._runner
        if not self._busy or runner is None or runner.stopped:
            return
        sent = runner.interrupt()
        self.stop_button.setEnabled(False)
        self.state_label.setText(self.tr("Stopping: interrupted %n running check command(s)…", "", len(sent)))

    def set_ended(self) -> None:
        """The session ended: its findings stay; Run is off (there is no connection to run on)."""
        self._ended = True
        self._refresh_buttons()

    def finding_text(self) -> str:
        """The selected check's findings as plain text (what Copy puts on the clipboard)."""
        item = self.table.currentItem()
        result = self._results.get(item.data(0, _CHECK_ROLE)) if item else None
        return "\n".join(f.as_text() for f in result.findings) if result else ""

    # --- building ---------------------------------------------------------------------------------
    def _build(self) -> None:
        body = self
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        buttons = QHBoxLayout()
        self.run_button = named(
            QPushButton(self.tr("&Run"), body), "diagnosticsRun", self.tr("Run diagnostics")
        )
        self.run_button.setToolTip(self.tr("Run every check of the profile (Ctrl+Shift+D)"))
        self.rerun_button = named(
            QPushButton(self.tr("Re-run check"), body),
            "diagnosticsRerun",
            self.tr("Re-run the selected check"),
        )
        self.stop_button = named(
            QPushButton(self.tr("&Stop"), body),
            "diagnosticsStop",
            self.tr("Stop the diagnostics run"),
        )
        self.stop_button.setToolTip(
            self.tr("Interrupt the checks still running (INT, as Ctrl+C would) and start no more")
        )
        self.copy_button = named(
            QPushButton(self.tr("Copy finding"), body),
            "diagnosticsCopy",
            self.tr("Copy the selected finding"),
        )
        self.state_label = named(
            QLabel(self.tr("Not run yet."), body), "diagnosticsState", self.tr("Run state")
        )
        self.state_label.setWordWrap(True)  # a long verdict wraps rather than widening the dock
        for widget in (self.run_button, self.stop_button, self.rerun_button, self.copy_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.state_label)  # a line of its own: the verdict reads whole in a narrow dock
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical, body)
        splitter.setObjectName("diagnosticsSplitter")
        self.table = named(QTreeWidget(splitter), "diagnosticsTable", self.tr("Diagnostic checks"))
        self.table.setHeaderLabels([self.tr("Status"), self.tr("Check"), self.tr("Summary")])
        self.table.setRootIsDecorated(False)
        header = self.table.header()  # status and check in full; the summary takes the rest (details below)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.details = named(QPlainTextEdit(splitter), "diagnosticsDetails", self.tr("Finding details"))
        self.details.setReadOnly(True)
        layout.addWidget(splitter, 1)
        self.run_button.clicked.connect(self.start_run)
        self.stop_button.clicked.connect(self.interrupt_run)
        self.rerun_button.clicked.connect(self._on_rerun_clicked)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.table.currentItemChanged.connect(self._on_table_current_changed)
        self._refresh_buttons()

    # --- running ----------------------------------------------------------------------------------
    async def _run_all(self) -> None:
        self._set_busy(True, self.tr("Connecting…"))
        try:
            if self._factory is not None:
                self._runner = await self._factory()
            assert self._runner is not None
            self._results.clear()
            self.table.clear()
            for check in self._runner.profile.checks:
                self._row(check.id, check.title)
            self.state_label.setText(self.tr("Running %n check(s)…", "", len(self._runner.profile.checks)))
            self._refresh_buttons()  # the runner is known now: Stop can reach its commands
            async for result in self._runner.run():
                self._show(result)
            code = exit_code([f for r in self._results.values() for f in r.findings])
            stopped = self.tr("Stopped: the checks still running were interrupted; the others did not run.")
            self.state_label.setText(stopped if self._runner.stopped else self._verdict(code))
            self.run_finished.emit(code)
        except Exception as exc:  # a SupportError is said in the dock; a bug also in the crash dialog
            if self._stopped:
                return
            if isinstance(exc, SupportError):
                self.state_label.setText(
                    self.tr("Diagnostics stopped: %1").replace("%1", render_error(exc).lines())
                )
                self.run_finished.emit(3)
                return
            self.state_label.setText(self.tr("Diagnostics stopped: %1").replace("%1", str(exc)))
            self.run_finished.emit(3)
            show_exception(exc)
        finally:
            if not self._stopped:
                self._set_busy(False)

    async def _run_one(self, check_id: str) -> None:
        assert self._runner is not None
        self._set_busy(True, self.tr("Re-running %1…").replace("%1", check_id))
        try:
            row = self._row(check_id, self._runner.profile.check(check_id).title)
            self._mark_running(row)
            self._show(await self._runner.run_check(check_id))
        finally:
            if not self._stopped:
                self._set_busy(False, self.tr("Re-ran %1.").replace("%1", check_id))

    # --- rows -------------------------------------------------------------------------------------
    def _row(self, check_id: str, title: str) -> QTreeWidgetItem:
        for index in range(self.table.topLevelItemCount()):
            found = self.table.topLevelItem(index)
            if found is not None and found.data(0, _CHECK_ROLE) == check_id:
                return found
        item = QTreeWidgetItem(self.table, ["", title, ""])
        item.setToolTip(1, title)
        item.setData(0, _CHECK_ROLE, check_id)
        self._mark_running(item)
        return item

    def _mark_running(self, item: QTreeWidgetItem) -> None:
        item.setIcon(0, self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        item.setText(0, self.tr("running"))
        item.setText(2, "")

    def _show(self, result: CheckResult) -> None:
        self._results[result.check] = result
        item = self._row(result.check, result.title)
        status = result.status
        item.setIcon(0, self._icon(status))
        item.setText(0, self._status_text(status))
        shown = next((f for f in result.findings if f.status is status), result.findings[0])
        more = len(result.findings) - 1
        item.setText(2, shown.summary + (self.tr(" (+%1 more)").replace("%1", str(more)) if more else ""))
        item.setToolTip(2, shown.summary)
        if self.table.currentItem() is item or self.table.currentItem() is None:
            self.table.setCurrentItem(item)
            self._show_details(result)
        self.check_finished.emit(result.check)

    def _show_details(self, result: CheckResult | None) -> None:
        self.details.setPlainText("\n\n".join(f.as_text() for f in result.findings) if result else "")
        self._refresh_buttons()

    def _icon(self, status: Status) -> QIcon:
        return self.style().standardIcon(_ICONS[status])

    def _status_text(self, status: Status) -> str:
        texts = {
            Status.OK: self.tr("ok"),
            Status.WARN: self.tr("warning"),
            Status.FAIL: self.tr("failed"),
            Status.ERROR: self.tr("could not check"),
        }
        return texts[status]

    def _verdict(self, code: int) -> str:
        verdicts = {
            0: self.tr("All checks are ok."),
            1: self.tr("Done: warnings to look at."),
            2: self.tr("Done: something has failed."),
            3: self.tr("Done: some checks could not run."),
        }
        return verdicts[code]

    def _set_busy(self, busy: bool, text: str | None = None) -> None:
        self._busy = busy
        if text:
            self.state_label.setText(text)
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        ready = not self._busy and not self._ended and (self._runner is not None or self._factory is not None)
        self.run_button.setEnabled(ready)
        selected = self.table.currentItem() is not None
        self.rerun_button.setEnabled(ready and selected and self._runner is not None)
        running = self._busy and self._runner is not None and not self._runner.stopped
        self.stop_button.setEnabled(running)
        self.copy_button.setEnabled(selected and bool(self.finding_text()))

    # --- slots ------------------------------------------------------------------------------------
    def _on_rerun_clicked(self) -> None:
        item = self.table.currentItem()
        if item is not None:
            self.rerun_check(item.data(0, _CHECK_ROLE))

    def _on_copy_clicked(self) -> None:
        text = self.finding_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def _on_table_current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        check_id = current.data(0, _CHECK_ROLE) if current else None
        self._show_details(self._results.get(check_id) if check_id else None)
