"""The agent's own SSH server, run over each consented channel (no socket): shell, exec, SFTP and chat."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import asyncssh

from sessions.agent import shell
from sessions.agent.ptylink import TerminalWatch
from sessions.chat.link import SUBSYSTEM as CHAT_SUBSYSTEM
from sessions.chat.link import ChatLink
from sessions.ssh.packets import streamline

ActivityFn = Callable[..., None]  # activity(key, **values): a line of the feed (sessions.agent.catalogue)
WatchFn = Callable[[str | None, tuple[int, int, int, int]], TerminalWatch]  # (command, size): live view

CLOSE_TIMEOUT = 10.0  # how long a finished command waits for the technician's side to close its channel

FULL = "full"
DIAGNOSTICS = "diagnostics"
SCOPES = (FULL, DIAGNOSTICS)
SCOPE_LABELS = {FULL: "full shell", DIAGNOSTICS: "diagnostics only"}

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


def _sftp_class(scope: str, activity: ActivityFn) -> type[asyncssh.SFTPServer]:
    class _AgentSFTP(asyncssh.SFTPServer):
        def __init__(self, chan: asyncssh.SSHServerChannel) -> None:
            super().__init__(chan)
            activity("sftp")

        def open(self, path: bytes, pflags: int, attrs: asyncssh.SFTPAttrs) -> object:
            name = os.fsdecode(path)
            if pflags & _WRITE_FLAGS:
                if scope != FULL:
                    raise asyncssh.SFTPPermissionDenied("Read-only in a diagnostics session")
                activity("sftp_write", path=name)
            else:
                activity("sftp_read", path=name)
            return super().open(path, pflags, attrs)

    if scope == FULL:
        return _AgentSFTP

    def _denied(self: Any, *args: Any) -> None:
        raise asyncssh.SFTPPermissionDenied("Read-only in a diagnostics session")

    names = ("remove", "rename", "posix_rename", "mkdir", "rmdir", "setstat", "fsetstat", "symlink", "link")
    return type("_ReadOnlySFTP", (_AgentSFTP,), dict.fromkeys(names, _denied))


class _InnerConnection(asyncssh.SSHServer):
    """Any user name, no credentials: the relay authenticated the technician and the customer consented."""

    def __init__(self, server: InnerServer) -> None:
        self.server = server
        self.conn: asyncssh.SSHServerConnection | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        streamline(conn)
        self.server.connections.add(conn)

    def begin_auth(self, username: str) -> bool:
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self.server.connections.discard(self.conn)  # type: ignore[arg-type]
        self.server.on_closed(exc)


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
        watch_terminal: WatchFn | None = None,
    ) -> None:
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}")
        self.host_key = host_key
        self.scope = scope
        self.allow = allow
        self.activity = activity
        self.on_chat = on_chat
        self.on_closed = on_closed
        self.watch_terminal = watch_terminal
        self.connections: set[asyncssh.SSHServerConnection] = set()
        self._capture = _Capture()
        self._acceptor: asyncssh.SSHAcceptor | None = None

    async def start(self) -> None:
        self._acceptor = await asyncssh.listen(
            tunnel=self._capture,
            server_factory=lambda: _InnerConnection(self),
            server_host_keys=[self.host_key],
            process_factory=self._serve,
            sftp_factory=_sftp_class(self.scope, self.activity),
            encoding=None,
            line_editor=False,
            allow_pty=self.scope == FULL,
            allow_scp=False,
            agent_forwarding=False,
            x11_forwarding=False,
            server_version="Valuezone_agent",
        )

    def new_connection(self) -> asyncssh.SSHTCPSession[bytes]:
        """An SSH server connection that uses the channel it is handed to as its transport."""
        assert self._capture.factory is not None, "start() first"
        return self._capture.factory("", 0)

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
        try:
            status = await self._dispatch(process)
        except (asyncssh.Error, OSError, BrokenPipeError):
            status = 255
        finally:
            with contextlib.suppress(Exception):
                process.exit(status)
                # Lets asyncssh finish closing the pipes it redirected (sessions/agent/shell.py).
                await asyncio.wait_for(process.wait_closed(), CLOSE_TIMEOUT)

    async def _dispatch(self, process: asyncssh.SSHServerProcess[bytes]) -> int:
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
            return await shell.run_in_pty(process, None, self._watch(process, None))
        self.activity("ran", command=command)
        if process.get_terminal_type():
            return await shell.run_in_pty(process, command, self._watch(process, command))
        return await shell.run_piped(process, command)
