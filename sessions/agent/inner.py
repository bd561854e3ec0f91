"""The agent's own SSH server, run over each consented channel (no socket): shell, exec, SFTP and chat."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import weakref
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import asyncssh

from sessions.agent import shell
from sessions.agent.inputfeed import InputFeed
from sessions.agent.ptylink import TerminalWatch
from sessions.agent.readonly_sftp import ReadOnlySFTP
from sessions.agent.signals import ALLOWED, CommandControl, exit_signal_name, refusal_text
from sessions.chat.link import SUBSYSTEM as CHAT_SUBSYSTEM
from sessions.chat.link import ChatLink
from sessions.ssh.packets import streamline

log = logging.getLogger(__name__)
ActivityFn = Callable[..., None]  # activity(key, **values): a line of the feed (sessions.agent.catalogue)
WatchFn = Callable[[str | None, tuple[int, int, int, int]], TerminalWatch]  # (command, size): live view
# (connection, host, port) → the forwarded channel's session, or ChannelOpenError (sessions.agent.webgate)
OpenWebFn = Callable[[asyncssh.SSHServerConnection, str, int], Awaitable[asyncssh.SSHTCPSession[bytes]]]

CLOSE_TIMEOUT = 10.0  # how long a finished command waits for the technician's side to close its channel

FULL = "full"
DIAGNOSTICS = "diagnostics"
SCOPES = (FULL, DIAGNOSTICS)

SHELL_REFUSED = (
    "This session allows diagnostics only (scope: diagnostics): no shell and no terminal.\r\n"
    "Ask the customer to restart the agent with --scope full if you need a shell.\r\n"
)

_WRITE_FLAGS = asyncssh.FXF_WRITE | asyncssh.FXF_APPEND | asyncssh.FXF_CREAT | asyncssh.FXF_TRUNC


def load_host_key(path: Path) -> asyncssh.SSHKey:
    """The agent's inner host key, created on first use with mode 0600."""
    if path.exists():
        return asyncssh.read_private_key(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = asyncssh.generate_private_key("ssh-ed25519", comment="valuezone agent")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key.export_private_key())
    return key


class _Capture:
    """A stand-in 'tunnel' for asyncssh.listen: it keeps the connection factory instead of binding."""

    def __init__(self) -> None:
        self.factory: Callable[[str, int], Any] | None = None

    async def create_server(self, factory: Callable[[str, int], Any], host: str, port: int) -> _Capture:
        self.factory = factory
        return self

    def close(self) -> None:
        """Nothing is bound, so nothing to close."""

    async def wait_closed(self) -> None:
        """Nothing to wait for."""


def _full_sftp_class(activity: ActivityFn) -> type[asyncssh.SFTPServer]:
    """Scope `full`: asyncssh's SFTP server, every file opened named in the customer's feed."""

    class _AgentSFTP(asyncssh.SFTPServer):
        def __init__(self, chan: asyncssh.SSHServerChannel) -> None:
            super().__init__(chan)
            activity("sftp")

        def open(self, path: bytes, pflags: int, attrs: asyncssh.SFTPAttrs) -> object:
            name = os.fsdecode(path)
            activity("sftp_write" if pflags & _WRITE_FLAGS else "sftp_read", path=name)
            return super().open(path, pflags, attrs)

    return _AgentSFTP


class _Session(asyncssh.SSHServerSession[bytes]):
    """A session channel: a shell or command run by the agent's process handler, or SFTP.

    Scope `full`: asyncssh's SFTP server (every file named in the feed). Scope `diagnostics`: the
    read-only allow-list server (sessions/agent/readonly_sftp.py); commands are checked against the
    diagnostics commands. Either way the technician's `signal` and `break` requests are answered here,
    as OpenSSH's sshd answers them (sessions/agent/signals.py), and named in the customer's feed.
    """

    def __init__(self, server: InnerServer) -> None:
        self.server = server
        self.chan: asyncssh.SSHServerChannel[bytes] | None = None
        self.target: Any = None  # the SSHServerProcess or the ReadOnlySFTP this channel turned into
        self.control = CommandControl()

    def _process(self) -> Any:
        if self.target is None:
            sftp = _full_sftp_class(self.server.activity) if self.server.scope == FULL else None
            self.target = asyncssh.SSHServerProcess(self.server._serve, sftp, 3, False)
            self.target.connection_made(self.chan)
            self.server.controls[self.target] = self.control
        return self.target

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:  # type: ignore[override]
        self.chan = chan

    def subsystem_requested(self, subsystem: str) -> bool:
        if subsystem == "sftp" and self.target is None and self.server.scope != FULL:
            assert self.chan is not None
            self.target = ReadOnlySFTP(self.chan, self.server.activity)
            return True
        return bool(self._process().subsystem_requested(subsystem))

    def pty_requested(self, term_type: str, term_size: Any, term_modes: Any) -> bool:
        return bool(self._process().pty_requested(term_type, term_size, term_modes))

    def shell_requested(self) -> bool:
        return bool(self._process().shell_requested())

    def exec_requested(self, command: str) -> bool:
        return bool(self._process().exec_requested(command))

    # What the channel became gets every later callback.
    def session_started(self) -> None:
        self.target.session_started()

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self.target.data_received(data, datatype)

    def eof_received(self) -> bool:
        return bool(self.target.eof_received())

    def pause_writing(self) -> None:
        if self.target is not None:
            self.target.pause_writing()

    def resume_writing(self) -> None:
        if self.target is not None:
            self.target.resume_writing()

    def break_received(self, msec: int) -> bool:
        """A break reaches the command's terminal; without one it is answered with failure (as sshd)."""
        sent = self.control.send_break()
        self.server.activity("break_sent" if sent else "break_refused", **self._named())
        return sent

    def signal_received(self, signal: str) -> None:
        """HUP, INT, KILL, QUIT, TERM, USR1 or USR2 to the command's process group, as sshd sends them."""
        refusal = self.control.signal(signal)
        if refusal is None:
            self.server.activity("signal_sent", signal=signal, **self._named())
            return
        self.server.activity(refusal.value, signal=signal, allowed=", ".join(ALLOWED), **self._named())
        if self._is_command():
            with contextlib.suppress(asyncssh.Error, OSError, AttributeError):  # the channel may be closing
                self.target.stderr.write(refusal_text(refusal, signal).encode())

    def _is_command(self) -> bool:
        """An exec or shell channel (a subsystem such as SFTP or the chat gets no text on stderr)."""
        return isinstance(self.target, asyncssh.SSHServerProcess) and not self.target.subsystem

    def _named(self) -> dict[str, str]:
        """The command as the feed names it, verbatim (a login shell by its program)."""
        return {"command": self.control.command or shell.login_shell()}

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        if self.target is not None:
            self.target.terminal_size_changed(width, height, pixwidth, pixheight)

    def soft_eof_received(self) -> None:
        if self.target is not None and hasattr(self.target, "soft_eof_received"):
            self.target.soft_eof_received()

    def connection_lost(self, exc: Exception | None) -> None:
        self.server.controls.pop(self.target, None)  # an SFTP channel's process never reaches _serve
        if self.target is not None:
            self.target.connection_lost(exc)


class _InnerConnection(asyncssh.SSHServer):
    """Any user name, publickey only, and only the key of the technician the customer said yes to.

    The claim the customer consented to names the technician key's fingerprint; the agent checks the
    inner login's key against it itself, so neither someone who got onto the data path nor the relay
    can log in with any other key (docs/relay-protocol.md, "The technician's data leg").
    """

    def __init__(self, server: InnerServer) -> None:
        self.server = server
        self.conn: asyncssh.SSHServerConnection | None = None
        self.fingerprint = ""  # the consented technician key ("" : nobody may log in)
        self.authenticated = False

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        self.fingerprint = self.server.expected.pop(conn, "")
        streamline(conn)
        self.server.connections.add(conn)

    def begin_auth(self, username: str) -> bool:
        return True

    def public_key_auth_supported(self) -> bool:
        return True

    def auth_completed(self) -> None:
        self.authenticated = True

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        offered = key.get_fingerprint("sha256")
        if self.fingerprint and secrets.compare_digest(offered, self.fingerprint):
            return True
        log.warning("inner login refused: key %s is not the consented %s", offered, self.fingerprint)
        return False

    def connection_requested(self, dest_host: str, dest_port: int, orig_host: str, orig_port: int) -> Any:
        """A forward to the device's web admin page: the agent's gate decides (and asks the customer)."""
        if self.server.open_web is None or self.conn is None:
            return False
        return self.server.open_web(self.conn, dest_host, dest_port)

    def session_requested(self) -> asyncssh.SSHServerSession[bytes]:
        return _Session(self.server)

    def connection_lost(self, exc: Exception | None) -> None:
        self.server.connections.discard(self.conn)  # type: ignore[arg-type]
        if self.authenticated:
            self.server.on_closed(exc)
        else:  # never logged in with the consented key: not the technician, so not the session's end
            self.server.on_refused()


class InnerServer:
    """Serves SSH to the technician over channels handed to `new_connection()`; binds no socket."""

    def __init__(
        self,
        *,
        host_key: asyncssh.SSHKey,
        scope: str,
        allow: Callable[[str], bool],
        activity: ActivityFn,
        on_chat: Callable[[ChatLink], None],
        on_closed: Callable[[Exception | None], None],
        on_refused: Callable[[], None] = lambda: None,
        watch_terminal: WatchFn | None = None,
        open_web: OpenWebFn | None = None,
    ) -> None:
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}")
        self.host_key = host_key
        self.scope = scope
        self.allow = allow
        self.activity = activity
        self.on_chat = on_chat
        self.on_closed = on_closed
        self.on_refused = on_refused  # a connection closed without logging in with the consented key
        self.watch_terminal = watch_terminal
        self.open_web = open_web
        self.connections: set[asyncssh.SSHServerConnection] = set()
        self.controls: dict[asyncssh.SSHServerProcess[bytes], CommandControl] = {}
        # connection → the fingerprint it accepts, until its transport is attached (connection_made)
        self.expected: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
        self._capture = _Capture()
        self._acceptor: asyncssh.SSHAcceptor | None = None

    async def start(self) -> None:
        self._acceptor = await asyncssh.listen(
            tunnel=self._capture,
            server_factory=lambda: _InnerConnection(self),
            server_host_keys=[self.host_key],
            # No process or SFTP factory: every session channel comes from _InnerConnection.session_requested
            # (_Session: the scope's SFTP server, and signal and break requests answered as sshd does).
            encoding=None,
            line_editor=False,
            allow_pty=self.scope == FULL,
            allow_scp=False,
            agent_forwarding=False,
            x11_forwarding=False,
            server_version="Valuezone_agent",
        )

    def new_connection(self, fingerprint: str) -> asyncssh.SSHTCPSession[bytes]:
        """An SSH server connection that uses the channel (or leg) it is handed to as its transport.

        Only the technician key with *fingerprint* (`SHA256:…`, from the consented claim) may log in.
        """
        assert self._capture.factory is not None, "start() first"
        conn = self._capture.factory("", 0)
        self.expected[conn] = fingerprint
        return conn  # type: ignore[no-any-return]

    def disconnect_all(self, reason: str) -> None:
        for conn in list(self.connections):
            conn.disconnect(asyncssh.DISC_BY_APPLICATION, reason)

    def _watch(self, process: asyncssh.SSHServerProcess[bytes], command: str | None) -> TerminalWatch | None:
        """The customer's live view of this terminal (sessions.agent.shellfeed), if anyone shows it."""
        if self.watch_terminal is None:
            return None
        return self.watch_terminal(command, process.get_terminal_size())

    async def _serve(self, process: asyncssh.SSHServerProcess[bytes]) -> None:
        status = 1
        control = self.controls.get(process) or CommandControl()
        try:
            status = await self._dispatch(process, control)
        except (asyncssh.Error, OSError, BrokenPipeError):
            status = 255
        finally:
            control.ended()
            self.controls.pop(process, None)
            with contextlib.suppress(Exception):  # the channel may be gone, or the loop shutting down
                if status < 0:  # killed by a signal: said as sshd says it (exit-signal, not a status)
                    process.exit_with_signal(exit_signal_name(-status))
                else:
                    process.exit(status)
        # Lets asyncssh finish closing the pipes it redirected (sessions/agent/shell.py); only when the
        # command ended, never on the way out of a cancelled task or a loop being torn down.
        with contextlib.suppress(asyncssh.Error, OSError, TimeoutError):
            async with asyncio.timeout(CLOSE_TIMEOUT):
                await process.wait_closed()

    async def _dispatch(self, process: asyncssh.SSHServerProcess[bytes], control: CommandControl) -> int:
        if process.subsystem == CHAT_SUBSYSTEM:
            link = ChatLink(process.stdin, process.stdout)
            self.activity("chat")
            self.on_chat(link)
            await link.wait_closed()
            return 0
        if process.subsystem:
            process.stderr.write(f"Unknown subsystem {process.subsystem}.\r\n".encode())
            return 1
        command = process.command
        if self.scope != FULL:
            if command is None:
                self.activity("shell_refused")
                process.stderr.write(SHELL_REFUSED.encode())
                return 1
            if not self.allow(command):
                self.activity("command_refused", command=command)
                process.stderr.write(f"Not allowed in a diagnostics session: {command}\r\n".encode())
                return 126
        if command is None:
            self.activity("shell")
            return await shell.run_in_pty(process, None, self._watch(process, None), control)
        self.activity("ran", command=command)
        if process.get_terminal_type():
            return await shell.run_in_pty(process, command, self._watch(process, command), control)
        # Without a terminal, what is sent to the command's input is shown too (`ssh … sh`).
        return await shell.run_piped(process, command, control, InputFeed(command, self.activity))
