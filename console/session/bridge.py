"""The one bridge from the Qt-free core to Qt: a LiveSession's callbacks become signals."""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QObject, Signal

from sessions.errors import SupportError
from sessions.live import LiveSession, Opener, SessionRequest

log = logging.getLogger(__name__)


class SessionBridge(QObject):
    """Runs one LiveSession as an asyncio task on the Qt loop and re-emits what it reports."""

    status_changed = Signal(object)  # SessionStatus
    output_received = Signal(bytes)
    recording_problem = Signal(str)
    failed = Signal(str)

    def __init__(self, request: SessionRequest, opener: Opener, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = LiveSession(
            request,
            opener,
            on_status=self.status_changed.emit,
            on_output=self.output_received.emit,
            on_recording_problem=self.recording_problem.emit,
        )
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.ensure_future(self._run())

    async def _run(self) -> None:
        try:
            await self.session.run()
        except SupportError as exc:
            self.failed.emit(str(exc))
        except asyncio.CancelledError:
            pass
        except Exception as exc:  # top-level boundary of a session task: log and show, never vanish
            log.exception("session task crashed")
            self.failed.emit(self.tr("Unexpected error: {error}").format(error=exc))

    def cancel(self) -> None:
        """Cancel a connect in progress, or end a running session."""
        if self._task is not None and not self._task.done() and self.session.shell is None:
            self._task.cancel()
        else:
            self.session.end()
