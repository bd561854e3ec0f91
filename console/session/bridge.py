"""A session tab's bridge: the generic EventBridge over one SupportSession, with the live session at hand."""

from __future__ import annotations

from PySide6.QtCore import QObject

from console.kit.bridge import EventBridge
from sessions.live import LiveSession
from sessions.support import SupportSession


class SessionBridge(EventBridge):
    """Subscribes to *support* once (it may connect several times); the tab routes each event type."""

    def __init__(self, support: SupportSession, parent: QObject | None = None) -> None:
        super().__init__(support, parent)
        self.support = support

    @property
    def session(self) -> LiveSession:
        """The live session of the latest connect (a bridge is made once the first connect started)."""
        assert self.support.live is not None
        return self.support.live
