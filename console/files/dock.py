"""The Files dock: the file browser of the session tab in front; each tab keeps its own browser.

A tab's browser is made the first time the dock is shown for it, follows its session (it waits while
the session reconnects, opens SFTP again on the new connection, stops when it ends) and goes away with
the tab.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget, QLabel, QStackedWidget, QWidget

from console.files.panel import FilesPanel
from console.kit.tasks import spawn
from sessions.live import SessionState, SessionStatus
from sessions.support import SupportSession


def _active(event: object) -> bool | None:
    if not isinstance(event, SessionStatus):
        return None
    if event.state is SessionState.ACTIVE:
        return True
    if event.state in (SessionState.RECONNECTING, SessionState.ENDED, SessionState.FAILED):
        return False
    return None


class FilesDock(QDockWidget):
    """One FilesPanel per session tab, the current tab's shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Files"), parent)
        self.setObjectName("filesDock")
        self.stack = QStackedWidget()
        self.empty = QLabel(self.tr("Open a session to see the device's files."))
        self.empty.setObjectName("filesEmpty")
        self.empty.setWordWrap(True)
        self.stack.addWidget(self.empty)
        self.setWidget(self.stack)
        self.panels: dict[int, FilesPanel] = {}
        self._tab: QObject | None = None
        self.visibilityChanged.connect(lambda shown: self.show_for(self._tab) if shown else None)

    def show_for(self, tab: QObject | None) -> FilesPanel | None:
        """Show *tab*'s browser (made and started on first use); anything else shows the empty note."""
        self._tab = tab
        support = getattr(tab, "support", None)
        if tab is None or not isinstance(support, SupportSession):
            self.stack.setCurrentWidget(self.empty)
            self.setWindowTitle(self.tr("Files"))
            return None
        panel = self.panels.get(id(tab))
        if panel is None and self.isVisible():
            panel = self._make(tab, support)
        if panel is None:
            return None
        self.stack.setCurrentWidget(panel)
        self.setWindowTitle(self.tr("Files — {label}").format(label=support.plan.label))
        if panel.files is None and support.can_diagnose():  # connected: open it (again)
            spawn(panel.start())
        return panel

    def _make(self, tab: QObject, support: SupportSession) -> FilesPanel:
        def connection() -> Any:
            return support.live.connection if support.live is not None else None

        def record(kind: str, data: dict[str, Any]) -> None:
            if support.live is not None:
                support.live.record_event(kind, data)

        panel = FilesPanel(connection, record, self.stack)
        panel.follow(support, _active)
        self.stack.addWidget(panel)
        key = id(tab)
        self.panels[key] = panel
        tab.destroyed.connect(lambda *_: self._forget(key))
        return panel

    def _forget(self, key: int) -> None:
        if not shiboken6.isValid(self):  # the window went first
            return
        panel = self.panels.pop(key, None)
        if panel is not None:
            panel.close_files()
            self.stack.removeWidget(panel)
            panel.deleteLater()
        if not self.panels or self.stack.currentWidget() is None:
            self.stack.setCurrentWidget(self.empty)

    def close_all(self) -> None:
        for key in list(self.panels):
            self._forget(key)
