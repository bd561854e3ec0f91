"""An interactive PTY shell over a connection: raw bytes out, bytes in, window changes, one close callback."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

import asyncssh

from sessions.errors import SessionClosedError

log = logging.getLogger(__name__)

OutputCallback = Callable[[bytes], None]
ClosedCallback = Callable[[str | None], None]


class _ShellProtocol(asyncssh.SSHClientSession[bytes]):
    """asyncssh's session callbacks, forwarded to the ShellSession that owns it."""

    def __init__(self, owner: ShellSession) -> None:
        self.owner = owner

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self.owner._deliver(data)

    def connection_lost(self, exc: Exception | None) -> None:
        self.owner._closed(exc)


class ShellSession:
    """A remote login shell on a PTY. Output is delivered as bytes (the terminal and the recorder decode).

    `on_closed(reason)` is called once: None for a normal end (the shell exited, or `close()` was called),
    otherwise a short phrase such as "the connection ended before the shell exited".

    Output that arrives before `on_output` is set is buffered and handed over when it is set, so the
    console can open the session first and attach its terminal afterwards.
    """

    def __init__(self) -> None:
        self._chan: asyncssh.SSHClientChannel[bytes] | None = None
        self._on_output: OutputCallback | None = None
        self._pending: list[bytes] = []
        self.on_closed: ClosedCallback | None = None
        self.close_reason: str | None = None
        self.is_closed = False
        self._closing = False

    @classmethod
    async def open(
        cls,
        conn: asyncssh.SSHClientConnection,
        cols: int,
        rows: int,
        term: str = "xterm-256color",
        env: Mapping[str, str] | None = None,
        *,
        on_output: OutputCallback | None = None,
        on_closed: ClosedCallback | None = None,
    ) -> ShellSession:
        """Start the user's login shell on a PTY of cols x rows."""
        shell = cls()
        shell._on_output = on_output
        shell.on_closed = on_closed
        try:
            chan, _ = await conn.create_session(
                lambda: _ShellProtocol(shell),
                term_type=term,
                term_size=(cols, rows),
                env={str(k): str(v) for k, v in (env or {}).items()} or (),
                encoding=None,
            )
        except (OSError, asyncssh.Error) as exc:
            reason = getattr(exc, "reason", "") or str(exc)
            raise SessionClosedError(
                f"The device did not open a shell ({reason}).",
                "The account may have no login shell, or the server limits sessions; try again.",
                code="session.no_shell",
                params={"reason": reason},
            ) from exc
        shell._chan = chan
        return shell

    # --- output --------------------------------------------------------------------------------------
    @property
    def on_output(self) -> OutputCallback | None:
        return self._on_output

    @on_output.setter
    def on_output(self, callback: OutputCallback | None) -> None:
        self._on_output = callback
        if callback is not None and self._pending:
            pending, self._pending = self._pending, []
            for chunk in pending:
                callback(chunk)

    def _deliver(self, data: bytes) -> None:
        if self._on_output is None:
            self._pending.append(data)
        else:
            self._on_output(data)

    def _closed(self, exc: Exception | None) -> None:
        if self.is_closed:
            return
        self.is_closed = True
        if exc is not None:
            self.close_reason = getattr(exc, "reason", "") or str(exc) or type(exc).__name__
        elif self._closing:
            self.close_reason = None
        elif self._chan is not None and (signal := self._chan.get_exit_signal()):
            self.close_reason = f"the shell was killed by signal {signal[0]}"
        elif self._chan is not None and self._chan.get_exit_status() is None:
            self.close_reason = "the connection ended before the shell exited"
        log.debug("shell closed: %s", self.close_reason or "normal exit")
        if self.on_closed is not None:
            self.on_closed(self.close_reason)

    # --- input and control ---------------------------------------------------------------------------
    def write(self, data: bytes) -> None:
        """Send keystrokes or pasted text; ignored once the session has closed."""
        if self._chan is not None and not self.is_closed and not self._chan.is_closing():
            self._chan.write(data)

    def resize(self, cols: int, rows: int) -> None:
        """Tell the remote PTY its new size (SIGWINCH on the device)."""
        if self._chan is not None and not self.is_closed:
            self._chan.change_terminal_size(cols, rows)

    def close(self) -> None:
        """End the session (the connection stays open); `on_closed` then gets None."""
        self._closing = True
        if self._chan is not None:
            self._chan.close()

    async def wait_closed(self) -> None:
        if self._chan is not None:
            await self._chan.wait_closed()

    @property
    def exit_status(self) -> int | None:
        """The shell's exit status, or None while running or when it ended by a signal."""
        if self._chan is None:
            return None
        status = self._chan.get_exit_status()
        return None if status is None or status < 0 else status
