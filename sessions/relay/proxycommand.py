"""`valuezone connect`: a ProxyCommand for OpenSSH, so `ssh user@vz482913557` takes the fast path.

The helper logs in to the relay with the technician key, claims the code as a leg claim (the customer is
asked as always), opens the technician's own data leg and hands that connected socket to ssh
(`ProxyUseFdpass yes`): from then on ssh speaks the inner SSH straight to the relay's data port and the
helper exits. The agent's host keys from the claim's answer are kept for `KnownHostsCommand` (OpenSSH
8.5+), which prints them, so ssh pins them. When the data port cannot be reached, or the relay predates
leg claims, or ssh did not ask for a file descriptor, the helper stays and pumps bytes between ssh and
the claim channel (or the leg) instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sys
from pathlib import Path
from typing import Any

import asyncssh

from sessions import codes
from sessions.paths import app_dirs
from sessions.relay.client import JoinOptions, carrier, connect_relay, open_code_channel, relay_host
from sessions.relay.legclient import LEG_CLAIM_PORT, SocketTunnel
from sessions.relay.relays import RelayAddress
from sessions.relay.unlock import TechnicianKeyAccess
from sessions.ssh.hostkeys import HostKeyTrust

CHUNK = 256 * 1024


def pins_file(host: str, folder: Path | None = None) -> Path:
    """Where the inner host keys for *host* (`vz<code>`) are kept for `--known-hosts`."""
    name = "".join(ch for ch in host.lower() if ch.isalnum())[:32] or "none"
    return (folder or app_dirs().state / "connect") / f"{name}.pub"


def known_hosts_lines(host: str, folder: Path | None = None) -> str:
    """What `KnownHostsCommand` prints for *host*: `host key` lines for the pinned keys ("" if none)."""
    path = pins_file(host, folder)
    if not path.exists():
        return ""
    return "".join(f"{host} {line}\n" for line in path.read_text().split("\n") if line.strip())


def _keep_pins(host: str, keys: tuple[asyncssh.SSHKey, ...], folder: Path | None) -> None:
    path = pins_file(host, folder)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    lines = "".join(key.export_public_key().decode().strip() + "\n" for key in keys)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(lines)


async def open_for_openssh(
    relay: RelayAddress,
    code: str,
    *,
    key_access: TechnicianKeyAccess,
    trust: HostKeyTrust,
    timeout: float = 15.0,
    pins: Path | None = None,
) -> tuple[socket.socket, Any]:
    """The socket ssh should speak the inner SSH on, and what must stay alive for it (None: nothing).

    On the fast path that is the data leg itself. Otherwise it is one end of a socket pair whose other
    end is pumped to the claim channel; the returned task runs that pump.
    """
    digits = codes.parse(code)
    relay_conn = await connect_relay(relay, trust=trust, key_access=key_access, timeout=timeout)
    try:
        options = JoinOptions(trust=trust, key_access=key_access, timeout=timeout)
        opened = await open_code_channel(relay_conn, digits, port=LEG_CLAIM_PORT)
        tunnel, pinned = await carrier(relay_host(relay_conn, relay), opened, options)
    except BaseException:
        relay_conn.close()
        raise
    _keep_pins(codes.wire(digits), pinned.keys if pinned is not None else (), pins)
    if isinstance(tunnel, SocketTunnel):
        relay_conn.close()  # the leg does not need the relay login any more
        return tunnel.sock, None
    mine, theirs = socket.socketpair()
    mine.setblocking(False)
    task = asyncio.get_running_loop().create_task(_pump_channel(tunnel, mine, relay_conn))
    return theirs, task


class _ChannelEnd(asyncssh.SSHTCPSession[bytes]):
    """The claim channel's side of the pump: what it receives goes to the socket pair."""

    def __init__(self, done: asyncio.Future[None]) -> None:
        self.transport: Any = None  # the socket pair's end, set before the channel is attached
        self.done = done
        self.chan: Any = None

    def connection_made(self, chan: Any) -> None:
        self.chan = chan

    def data_received(self, data: bytes, datatype: Any) -> None:
        self.transport.write(data)

    def eof_received(self) -> bool:
        if self.transport.can_write_eof():
            self.transport.write_eof()
        return True

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport.close()
        if not self.done.done():
            self.done.set_result(None)


class _SocketEnd(asyncio.Protocol):
    def __init__(self, end: _ChannelEnd) -> None:
        self.end = end

    def data_received(self, data: bytes) -> None:
        if self.end.chan is not None:
            self.end.chan.write(data)

    def eof_received(self) -> bool:
        if self.end.chan is not None:
            self.end.chan.write_eof()
        return True

    def connection_lost(self, exc: Exception | None) -> None:
        if self.end.chan is not None:
            self.end.chan.close()


async def _pump_channel(tunnel: Any, sock: socket.socket, relay_conn: asyncssh.SSHClientConnection) -> None:
    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()
    end = _ChannelEnd(done)
    end.transport, _ = await loop.connect_accepted_socket(lambda: _SocketEnd(end), sock)
    tunnel.pending.attach(end)
    try:
        await done
    finally:
        relay_conn.close()


def hand_to_ssh(sock: socket.socket) -> bool:
    """Pass *sock* to ssh over stdout (`ProxyUseFdpass yes`); False when stdout is not a socket."""
    try:
        out = socket.socket(fileno=os.dup(sys.stdout.fileno()))
    except OSError:
        return False
    try:
        socket.send_fds(out, [b"\0"], [sock.fileno()])
    except OSError:
        return False
    finally:
        out.close()
    return True


async def pump_stdio(sock: socket.socket) -> None:
    """Without fd passing: copy stdin to *sock* and *sock* to stdout until both directions end."""
    loop = asyncio.get_running_loop()
    sock.setblocking(True)

    def up() -> None:
        while data := os.read(sys.stdin.fileno(), CHUNK):
            sock.sendall(data)
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_WR)

    def down() -> None:
        while data := sock.recv(CHUNK):
            os.write(sys.stdout.fileno(), data)

    await asyncio.gather(loop.run_in_executor(None, up), loop.run_in_executor(None, down))
