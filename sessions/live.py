"""One live session, Qt-free: connect, open a PTY shell, record every output byte, end cleanly.

A console tab or a test watches it with `subscribe()`; tests drive it without a display.
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
from sessions.events import Subscribers, Unsubscribe
from sessions.recording import DeviceInfo, Recorder
from sessions.recording.seal import Sealer
from sessions.ssh.shell import ShellSession
from sessions.stages import SessionStage
from sessions.statemachine import Table

log = logging.getLogger(__name__)

Opener = Callable[[Callable[[str], None]], Awaitable[asyncssh.SSHClientConnection]]


class SessionState(enum.Enum):
    NEW = "new"
    CONNECTING = "connecting"
    ACTIVE = "active"
    RECONNECTING = "reconnecting"
    ENDED = "ended"
    FAILED = "failed"


class SessionEvent(enum.Enum):
    CONNECT = "connect"
    PROGRESS = "progress"  # the next connection stage (its name is the status detail)
    OPENED = "opened"  # the shell is open and the record started
    FAIL = "fail"
    LOSE = "lose"  # a session by code lost its link: it waits for resume()
    RESUME = "resume"
    END = "end"


St, Ev = SessionState, SessionEvent
TABLE: Table[SessionState, SessionEvent] = Table(
    "live session",
    SessionState.NEW,
    {
        (St.NEW, Ev.CONNECT): St.CONNECTING,
        (St.CONNECTING, Ev.PROGRESS): St.CONNECTING,
        (St.CONNECTING, Ev.OPENED): St.ACTIVE,
        (St.CONNECTING, Ev.FAIL): St.FAILED,
        (St.ACTIVE, Ev.LOSE): St.RECONNECTING,
        (St.RECONNECTING, Ev.RESUME): St.ACTIVE,
        (St.NEW, Ev.END): St.ENDED,
        (St.CONNECTING, Ev.END): St.ENDED,
        (St.ACTIVE, Ev.END): St.ENDED,
        (St.RECONNECTING, Ev.END): St.ENDED,
    },
    terminal={SessionState.ENDED, SessionState.FAILED},
)


@dataclass(frozen=True, slots=True)
class SessionStatus:
    """What the UI shows about a session. Never holds a password, key or full session code."""

    state: SessionState
    detail: str = ""
    stage: SessionStage | None = None  # while CONNECTING: how far it got


@dataclass(frozen=True, slots=True)
class Output:
    """Bytes the remote terminal printed (raw: show them only through a terminal emulator)."""

    data: bytes


@dataclass(frozen=True, slots=True)
class RecordingProblem:
    """Writing the record failed; the session goes on unrecorded until `recorder.resume()` works."""

    message: str


LiveEventValue = SessionStatus | Output | RecordingProblem


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
    """Connects with *opener*, then relays terminal bytes and records them until the session ends.

    Watch it with `subscribe()`: a SessionStatus for every step of its state machine, Output,
    RecordingProblem.
    """

    def __init__(self, request: SessionRequest, opener: Opener) -> None:
        self.request = request
        self._opener = opener
        self.events: Subscribers[LiveEventValue] = Subscribers("live session")
        self._machine = TABLE.start()
        self._cols, self._rows = request.cols, request.rows
        self.connection: asyncssh.SSHClientConnection | None = None
        self.shell: ShellSession | None = None
        self.recorder: Recorder | None = None
        self._ended = asyncio.Event()
        self._end_reason = ""
        self._ending = False
        self._lost_at = 0.0

    def subscribe(self, callback: Callable[[LiveEventValue], None]) -> Unsubscribe:
        return self.events.subscribe(callback)

    @property
    def state(self) -> SessionState:
        return self._machine.state

    def _fire(self, event: SessionEvent, detail: str = "") -> None:
        state = self._machine.fire(event)
        stage = SessionStage.of(detail) if state is SessionState.CONNECTING else None
        self.events.emit(SessionStatus(state, detail, stage))

    def _progress(self, stage: str) -> None:
        if self._machine.can(SessionEvent.PROGRESS):  # not a late stage after the technician ended it
            self._fire(SessionEvent.PROGRESS, stage)

    async def run(self) -> None:
        """Connect, open the shell and run until the session ends. Connect failures raise SupportError."""
        self._fire(SessionEvent.CONNECT, SessionStage.CONNECTING)
        try:
            self.connection = await self._opener(self._progress)
            self._progress(SessionStage.OPENING_SHELL)
            self.shell = await ShellSession.open(
                self.connection,
                self._cols,
                self._rows,
                on_output=self._output,
                on_closed=self._shell_closed,
            )
        except SupportError as exc:
            self._close_connection()
            if self._machine.can(SessionEvent.FAIL):
                self._fire(SessionEvent.FAIL, str(exc))
            raise
        except asyncio.CancelledError:
            self._close_connection()
            if self._machine.can(SessionEvent.END):
                self._fire(SessionEvent.END, "cancelled")
            raise
        if self._machine.done:  # ended while the shell opened: nothing to record
            self.shell.close()
            self._close_connection()
            return
        sealer = await self._sealer()
        self.recorder = Recorder.create(
            self.request.archive_root,
            technician=self.request.technician,
            device=self.request.device,
            via=self.request.via,
            cols=self._cols,
            rows=self._rows,
            title=self.request.label,
            on_suspended=lambda message: self.events.emit(RecordingProblem(message)),
            sealer=sealer,
        )
        if self._machine.done:  # ended while the key was unlocked
            self._close_record()
            return
        self._fire(SessionEvent.OPENED)
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
        self.events.emit(Output(data))

    def _shell_closed(self, reason: str | None) -> None:
        lost = self.shell is not None and self.shell.exit_status is None and not self._ending
        if self.request.resumable and lost and self._machine.can(SessionEvent.LOSE):
            self._lost_at = time.time()
            self._fire(SessionEvent.LOSE, reason or "The connection was lost.")
            return
        self._finish(reason or "The remote shell ended.")

    async def resume(self, connection: asyncssh.SSHClientConnection) -> None:
        """Continue on a new connection after a lost link: a new shell, the gap marked in the record."""
        if self.state is not SessionState.RECONNECTING:
            return
        self.connection = connection
        try:
            self.shell = await ShellSession.open(
                connection, self._cols, self._rows, on_output=self._output, on_closed=self._shell_closed
            )
        except SupportError as exc:
            self._finish(str(exc))
            return
        if not self._machine.can(SessionEvent.RESUME):  # ended while the new shell opened
            self.shell.close()
            return
        gap = {"started": round(self._lost_at, 3), "ended": round(time.time(), 3)}
        gap["seconds"] = round(gap["ended"] - gap["started"], 3)
        if self.recorder is not None:
            self.recorder.event("recording.gap", gap)
            self.recorder.marker(f"gap: {gap['seconds']:.1f} s without connection")
        self._fire(SessionEvent.RESUME, "resumed")

    def write(self, data: bytes) -> None:
        """Send keystrokes. Never recorded: what the technician types may be a password."""
        if self.shell is not None and self.state is SessionState.ACTIVE:
            self.shell.write(data)

    def resize(self, cols: int, rows: int) -> None:
        self._cols, self._rows = cols, rows
        if self.shell is not None and self.state is SessionState.ACTIVE:
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
        if not self._machine.can(SessionEvent.END):
            return
        self._end_reason = reason
        self._close_record()
        self._close_connection()
        self._fire(SessionEvent.END, reason)
        self._ended.set()

    def _close_record(self) -> None:
        """One sealed session.ended that also says why (records of older versions have two)."""
        if self.recorder is not None and not self.recorder.closed:
            self.recorder.close(reason=self._end_reason)

    def _close_connection(self) -> None:
        if self.connection is not None:
            self.connection.close()
