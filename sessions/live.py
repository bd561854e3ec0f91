"""One live session, Qt-free: connect, open a PTY shell, record every output byte, end cleanly.

The console drives it through callbacks and shows its status; tests drive it without a display.
Direct SSH and sessions by code differ only in the *opener* that makes the connection.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncssh

from sessions.errors import SupportError
from sessions.recording import DeviceInfo, Recorder
from sessions.recording.seal import Sealer
from sessions.ssh.shell import ShellSession

log = logging.getLogger(__name__)

Opener = Callable[[Callable[[str], None]], Awaitable[asyncssh.SSHClientConnection]]


class SessionState(enum.Enum):
    NEW = "new"
    CONNECTING = "connecting"
    ACTIVE = "active"
    RECONNECTING = "reconnecting"
    ENDED = "ended"
    FAILED = "failed"


_TRANSITIONS: dict[SessionState, frozenset[SessionState]] = {
    SessionState.NEW: frozenset({SessionState.CONNECTING, SessionState.ENDED}),
    SessionState.CONNECTING: frozenset({SessionState.ACTIVE, SessionState.FAILED, SessionState.ENDED}),
    SessionState.ACTIVE: frozenset({SessionState.RECONNECTING, SessionState.ENDED}),
    SessionState.RECONNECTING: frozenset({SessionState.ACTIVE, SessionState.ENDED}),
    SessionState.ENDED: frozenset(),
    SessionState.FAILED: frozenset(),
}


@dataclass(frozen=True, slots=True)
class SessionStatus:
    """What the UI shows about a session. Never holds a password, key or full session code."""

    state: SessionState
    detail: str = ""


@dataclass(frozen=True, slots=True)
class SessionRequest:
    """Everything a live session needs besides the connection: who, which device, where to record."""

    label: str
    technician: str
    device: DeviceInfo
    archive_root: Path
    via: str = "direct"
    cols: int = 80
    rows: int = 24
    resumable: bool = False  # a lost link waits for resume() instead of ending (sessions by code)
    # Returns the technician's unlocked key (or None) to sign the record when it ends; run in a worker.
    seal_key: Callable[[], Any] | None = None


class LiveSession:
    """Connects with *opener*, then relays terminal bytes and records them until the session ends."""

    def __init__(
        self,
        request: SessionRequest,
        opener: Opener,
        *,
        on_status: Callable[[SessionStatus], None],
        on_output: Callable[[bytes], None],
        on_recording_problem: Callable[[str], None] | None = None,
    ) -> None:
        self.request = request
        self._opener = opener
        self._on_status = on_status
        self._on_output = on_output
        self._on_recording_problem = on_recording_problem or (lambda _message: None)
        self._state = SessionState.NEW
        self._cols, self._rows = request.cols, request.rows
        self.connection: asyncssh.SSHClientConnection | None = None
        self.shell: ShellSession | None = None
        self.recorder: Recorder | None = None
        self._ended = asyncio.Event()
        self._end_reason = ""
        self._ending = False
        self._lost_at = 0.0

    @property
    def state(self) -> SessionState:
        return self._state

    def _move(self, state: SessionState, detail: str = "") -> None:
        if state is self._state and state is not SessionState.CONNECTING:
            return
        if state is not self._state and state not in _TRANSITIONS[self._state]:
            log.debug("ignored transition %s -> %s", self._state.value, state.value)
            return
        self._state = state
        self._on_status(SessionStatus(state, detail))

    async def run(self) -> None:
        """Connect, open the shell and run until the session ends. Connect failures raise SupportError."""
        self._move(SessionState.CONNECTING, "connecting")
        try:
            self.connection = await self._opener(lambda stage: self._move(SessionState.CONNECTING, stage))
            self._move(SessionState.CONNECTING, "opening shell")
            self.shell = await ShellSession.open(
                self.connection,
                self._cols,
                self._rows,
                on_output=self._output,
                on_closed=self._shell_closed,
            )
        except SupportError as exc:
            self._close_connection()
            self._move(SessionState.FAILED, str(exc))
            raise
        except asyncio.CancelledError:
            self._close_connection()
            self._move(SessionState.ENDED, "cancelled")
            raise
        sealer = await self._sealer()
        self.recorder = Recorder.create(
            self.request.archive_root,
            technician=self.request.technician,
            device=self.request.device,
            via=self.request.via,
            cols=self._cols,
            rows=self._rows,
            title=self.request.label,
            on_suspended=self._on_recording_problem,
            sealer=sealer,
        )
        self.recorder.event("session.started", {"label": self.request.label})
        self._move(SessionState.ACTIVE)
        await self._ended.wait()

    async def _sealer(self) -> Sealer | None:
        """The technician's key, unlocked off the event loop, to sign the record at its end."""
        if self.request.seal_key is None:
            return None
        try:
            key = await asyncio.to_thread(self.request.seal_key)
        except (SupportError, OSError, ValueError) as exc:
            log.warning("this session's record will not be signed: %s", exc)
            return None
        return Sealer(key) if key is not None else None

    # --- the running session --------------------------------------------------------------------------
    def _output(self, data: bytes) -> None:
        if self.recorder is not None:
            self.recorder.output(data)
        self._on_output(data)

    def _shell_closed(self, reason: str | None) -> None:
        lost = self.shell is not None and self.shell.exit_status is None and not self._ending
        if self.request.resumable and lost and self._state is SessionState.ACTIVE:
            self._lost_at = time.time()
            self._move(SessionState.RECONNECTING, reason or "The connection was lost.")
            return
        self._finish(reason or "The remote shell ended.")

    async def resume(self, connection: asyncssh.SSHClientConnection) -> None:
        """Continue on a new connection after a lost link: a new shell, the gap marked in the record."""
        if self._state is not SessionState.RECONNECTING:
            return
        self.connection = connection
        try:
            self.shell = await ShellSession.open(
                connection, self._cols, self._rows, on_output=self._output, on_closed=self._shell_closed
            )
        except SupportError as exc:
            self._finish(str(exc))
            return
        gap = {"started": round(self._lost_at, 3), "ended": round(time.time(), 3)}
        gap["seconds"] = round(gap["ended"] - gap["started"], 3)
        if self.recorder is not None:
            self.recorder.event("recording.gap", gap)
            self.recorder.marker(f"gap: {gap['seconds']:.1f} s without connection")
        self._move(SessionState.ACTIVE, "resumed")

    def write(self, data: bytes) -> None:
        """Send keystrokes. Never recorded: what the technician types may be a password."""
        if self.shell is not None and self._state is SessionState.ACTIVE:
            self.shell.write(data)

    def resize(self, cols: int, rows: int) -> None:
        self._cols, self._rows = cols, rows
        if self.shell is not None and self._state is SessionState.ACTIVE:
            self.shell.resize(cols, rows)
            if self.recorder is not None:
                self.recorder.resize(cols, rows)

    def record_event(self, type_: str, data: dict[str, Any]) -> None:
        if self.recorder is not None:
            self.recorder.event(type_, data)

    def end(self, reason: str = "The technician ended the session.") -> None:
        """End the session (idempotent)."""
        self._ending = True
        if self.shell is not None:
            self.shell.close()
        self._finish(reason)

    def _finish(self, reason: str) -> None:
        if self._state in (SessionState.ENDED, SessionState.FAILED):
            return
        self._end_reason = reason
        if self.recorder is not None and not self.recorder.closed:
            self.recorder.event("session.ended", {"reason": reason})
            self.recorder.close()
        self._close_connection()
        self._move(SessionState.ENDED, reason)
        self._ended.set()

    def _close_connection(self) -> None:
        if self.connection is not None:
            self.connection.close()
