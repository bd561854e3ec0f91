"""The bridge from one SupportSession (Qt-free) to Qt: what it publishes comes out as signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from sessions.live import LiveSession, Output, RecordingProblem, SessionStatus
from sessions.support import (
    ChatEntryChanged,
    ChatOpened,
    ChatUnavailable,
    Failed,
    Notice,
    SupportEventValue,
    SupportSession,
)


class SessionBridge(QObject):
    """Subscribes to *support* once (it may connect several times) and re-emits each kind of event."""

    status_changed = Signal(object)  # SessionStatus
    output_received = Signal(bytes)
    recording_problem = Signal(str)
    failed = Signal(object)  # Failed
    notice = Signal(str)
    chat_opened = Signal(object)  # Conversation
    chat_entry_changed = Signal(object)  # ChatEntry
    chat_unavailable = Signal(str)

    def __init__(self, support: SupportSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.support = support
        self._unsubscribe = support.subscribe(self._publish)

    @property
    def session(self) -> LiveSession:
        """The live session of the latest connect (a bridge is made once the first connect started)."""
        assert self.support.live is not None
        return self.support.live

    def close(self) -> None:
        self._unsubscribe()

    def _publish(self, event: SupportEventValue) -> None:
        if isinstance(event, SessionStatus):
            self.status_changed.emit(event)
        elif isinstance(event, Output):
            self.output_received.emit(event.data)
        elif isinstance(event, RecordingProblem):
            self.recording_problem.emit(event.message)
        elif isinstance(event, Failed):
            self.failed.emit(event)
        elif isinstance(event, Notice):
            self.notice.emit(event.text)
        elif isinstance(event, ChatOpened):
            self.chat_opened.emit(event.conversation)
        elif isinstance(event, ChatEntryChanged):
            self.chat_entry_changed.emit(event.entry)
        elif isinstance(event, ChatUnavailable):
            self.chat_unavailable.emit(event.message)
