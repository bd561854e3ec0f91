"""The Diagnostics dock: the current session tab's diagnostics panel (each tab keeps its own findings)."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from console.diagnostics.panel import DiagnosticsPanel, RunnerFactory
from console.kit.widgets import named
from sessions.diagnostics import CheckResult, DiagnosticsRunner

__all__ = ["DiagnosticsDock", "DiagnosticsPanel", "RunnerFactory"]


class DiagnosticsDock(QDockWidget):
    """One DiagnosticsPanel per session tab, the current tab's shown; without tabs, one panel of its own.

    Its buttons, table and methods are the shown panel's; its signals fire for a run in any panel.
    """

    run_requested = Signal()
    check_finished = Signal(str)
    run_finished = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Diagnostics"), parent)
        self.setObjectName("diagnosticsDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.session_label = named(QLabel(body), "diagnosticsSession", self.tr("Session shown"))
        self.session_label.setContentsMargins(6, 4, 6, 0)
        self.session_label.hide()
        layout.addWidget(self.session_label)
        self.stack = QStackedWidget(body)
        layout.addWidget(self.stack, 1)
        self.setWidget(body)
        self._panels: dict[Hashable, DiagnosticsPanel] = {}
        self.splitter_sizes: list[int] = []  # checks over details, as the technician last left them
        self.show_for(None)

    # --- which panel ------------------------------------------------------------------------------
    def panel_for(self, key: Hashable) -> DiagnosticsPanel:
        """The panel of *key* (a session tab; None: the dock's own), made on first use."""
        panel = self._panels.get(key)
        if panel is None:
            panel = DiagnosticsPanel(self.stack)
            panel.run_requested.connect(self.run_requested.emit)
            panel.check_finished.connect(self.check_finished.emit)
            panel.run_finished.connect(self.run_finished.emit)
            if self.splitter_sizes:
                panel.splitter.setSizes(self.splitter_sizes)
            panel.splitter.splitterMoved.connect(lambda *_: self._remember_sizes(panel))
            self._panels[key] = panel
            self.stack.addWidget(panel)
        return panel

    def _remember_sizes(self, panel: DiagnosticsPanel) -> None:
        self.splitter_sizes = panel.splitter.sizes()

    def set_splitter_sizes(self, sizes: list[int]) -> None:
        """Checks over details for every panel (the saved layout)."""
        self.splitter_sizes = sizes
        for panel in self._panels.values():
            panel.splitter.setSizes(sizes)

    def show_for(self, key: Hashable, label: str = "") -> DiagnosticsPanel:
        """Show *key*'s findings (a tab switched to), and say whose they are."""
        panel = self.panel_for(key)
        self.stack.setCurrentWidget(panel)
        self.session_label.setText(self.tr("Findings of {label}").format(label=label))
        self.session_label.setVisible(bool(label))
        return panel

    def forget(self, key: Hashable) -> None:
        """A tab closed: its panel goes (its findings are in the session's record)."""
        panel = self._panels.pop(key, None)
        if panel is not None:
            panel.stop()
            self.stack.removeWidget(panel)
            panel.deleteLater()

    @property
    def panel(self) -> DiagnosticsPanel:
        widget = self.stack.currentWidget()
        assert isinstance(widget, DiagnosticsPanel)
        return widget

    # --- the shown panel's parts and actions ------------------------------------------------------
    @property
    def run_button(self) -> QPushButton:
        return self.panel.run_button

    @property
    def rerun_button(self) -> QPushButton:
        return self.panel.rerun_button

    @property
    def copy_button(self) -> QPushButton:
        return self.panel.copy_button

    @property
    def table(self) -> QTreeWidget:
        return self.panel.table

    @property
    def details(self) -> QPlainTextEdit:
        return self.panel.details

    @property
    def state_label(self) -> QLabel:
        return self.panel.state_label

    def set_runner(self, runner: DiagnosticsRunner) -> None:
        self.panel.set_runner(runner)

    def set_runner_factory(self, factory: RunnerFactory) -> None:
        self.panel.set_runner_factory(factory)

    def start_run(self) -> None:
        self.panel.start_run()

    def rerun_check(self, check_id: str) -> None:
        self.panel.rerun_check(check_id)

    def results(self) -> list[CheckResult]:
        return self.panel.results()

    def finding_text(self) -> str:
        return self.panel.finding_text()
