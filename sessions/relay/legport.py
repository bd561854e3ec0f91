"""The relay's data port: accepts TCP under the login gate, then tells TLS (agents) from plain token lines.

Agents open their data leg with TLS (a ClientHello starts with byte 0x16); technicians' clients send
their token line in the clear (`VZLEG1 …`, sessions/relay/techleg.py), since the inner SSH they carry
authenticates both ends. Until its token line is read, a connection counts in the relay's login gate
(sessions/relay/gate.py) with every SSH connection from the same address: a flood of silent connections
to the data port displaces itself and is closed at the handshake deadline, as on the SSH port.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
from collections.abc import Callable
from typing import Any

from sessions.relay.gate import Gate
from sessions.transports import abort

TLS_RECORD_HANDSHAKE = 0x16  # the first byte of a TLS ClientHello


class Waiting:
    """One accepted data-port connection until its token line is read (what the gate counts and closes)."""

    __slots__ = ("address", "leg", "port", "sock")

    def __init__(self, port: LegPort, sock: socket.socket, address: str) -> None:
        self.port = port
        self.sock: socket.socket | None = sock
        self.address = address
        self.leg: Any = None  # the Leg protocol once the loop has a transport for it

    def abort(self) -> None:
        if self.leg is not None and self.leg.transport is not None:
            abort(self.leg.transport)
        elif self.sock is not None:
            self.port.drop(self)

    def disconnect(self, code: int, reason: str, lang: str = "") -> None:
        self.abort()


class LegPort:
    """The listening socket of the data port, its accept loop and the first-byte sniff."""

    def __init__(
        self,
        gate: Gate | None,
        context: ssl.SSLContext,
        new_leg: Callable[[Waiting, bool], asyncio.Protocol],
        failed: Callable[[str, BaseException], None],
        handshake_timeout: float,
    ) -> None:
        self.gate = gate
        self.context = context
        self.new_leg = new_leg  # (waiting, tls) → the Leg protocol
        self.failed = failed  # (address, exception): a TLS handshake that failed or stalled
        self.handshake_timeout = handshake_timeout
        self.sock: socket.socket | None = None
        self._peeking: set[Waiting] = set()
        self._tasks: set[asyncio.Task[Any]] = set()

    def start(self, host: str, port: int, backlog: int = 1024) -> int:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(address)
            sock.listen(backlog)
            sock.setblocking(False)
        except OSError:
            sock.close()
            raise
        self.sock = sock
        asyncio.get_running_loop().add_reader(sock.fileno(), self._accept)
        return int(sock.getsockname()[1])

    def close(self) -> None:
        loop = asyncio.get_running_loop()
        if self.sock is not None:
            loop.remove_reader(self.sock.fileno())
            self.sock.close()
            self.sock = None
        for waiting in list(self._peeking):
            self.drop(waiting)
        for task in self._tasks:
            task.cancel()

    def _accept(self) -> None:
        assert self.sock is not None
        loop = asyncio.get_running_loop()
        for _ in range(64):  # a burst at a time; the loop calls again while more are queued
            try:
                sock, peer = self.sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:  # out of files, a reset before accept: the next one may do
                return
            sock.setblocking(False)
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            waiting = Waiting(self, sock, str(peer[0]))
            if self.gate is not None and not self.gate.arrived(waiting, waiting.address):
                sock.close()
                continue
            self._peeking.add(waiting)
            loop.add_reader(sock.fileno(), self._first_byte, waiting)

    def _first_byte(self, waiting: Waiting) -> None:
        sock = waiting.sock
        assert sock is not None
        try:
            first = sock.recv(1, socket.MSG_PEEK)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            first = b""
        self._forget(waiting)
        if not first:
            self._gone(waiting)
            sock.close()
            return
        tls = first[0] == TLS_RECORD_HANDSHAKE
        waiting.sock = None
        leg = waiting.leg = self.new_leg(waiting, tls)
        loop = asyncio.get_running_loop()
        if tls:
            opening = loop.connect_accepted_socket(
                lambda: leg, sock, ssl=self.context, ssl_handshake_timeout=self.handshake_timeout
            )
        else:
            opening = loop.connect_accepted_socket(lambda: leg, sock)
        task = loop.create_task(opening)
        self._tasks.add(task)
        task.add_done_callback(lambda done: self._opened(done, waiting, sock))

    def _opened(self, task: asyncio.Task[Any], waiting: Waiting, sock: socket.socket) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            sock.close()
            return
        exc = task.exception()
        if exc is not None:  # the TLS handshake failed or took too long (the loop closed the socket)
            self._gone(waiting)
            self.failed(waiting.address, exc)

    def drop(self, waiting: Waiting) -> None:
        """Close a connection still waiting for its first byte (the gate evicted it, or shutdown)."""
        self._forget(waiting)
        self._gone(waiting)
        if waiting.sock is not None:
            waiting.sock.close()
            waiting.sock = None

    def _forget(self, waiting: Waiting) -> None:
        if waiting in self._peeking:
            self._peeking.discard(waiting)
            if waiting.sock is not None:
                asyncio.get_running_loop().remove_reader(waiting.sock.fileno())

    def _gone(self, waiting: Waiting) -> None:
        if self.gate is not None:
            self.gate.gone(waiting)
