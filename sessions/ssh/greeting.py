"""What a server says first: its SSH greeting, or the words of another service (HTTP, TLS, SMTP, FTP …).

An SSH server greets at once with `SSH-2.0-…`. `Greeting` watches the first bytes a connection
receives (a copy, up to 4 KiB; asyncssh still gets every byte) so that a failure can say what was
really there: "it answered HTTP, not SSH". A greeting that is certainly another service (an HTTP
status line, a TLS record, a `220` mail or FTP banner) ends the attempt at once instead of waiting for
the timeout. `TappedTunnel` puts the watch between asyncssh and a socket or a tunnel channel.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sessions.visible import visible

MAX_SEEN = 4096
_TLS_RECORDS = (b"\x15\x03", b"\x16\x03")  # an alert or a handshake record, TLS 1.0 to 1.3


@dataclass(frozen=True, slots=True)
class Foreign:
    """A service that is not SSH: `protocol` for people ("HTTP"), `sample` its first line, made visible."""

    protocol: str
    sample: str = ""


def first_line(data: bytes) -> str:
    """The first line of *data* as text a person can read (controls made visible), at most 80 characters."""
    line = data.split(b"\n", 1)[0].rstrip(b"\r")
    text = visible(line.decode("utf-8", errors="replace"))
    return text if len(text) <= 80 else text[:79] + "…"


def identify(data: bytes) -> Foreign | None:
    """The non-SSH service these first bytes certainly belong to, or None (SSH, or not sure yet)."""
    if data.startswith(_TLS_RECORDS):
        return Foreign("TLS")
    sample = first_line(data)
    lower = data[:512].lower()
    if data.startswith(b"HTTP/") or b"<!doctype html" in lower or b"<html" in lower:
        return Foreign("HTTP", sample)
    if data.startswith(b"SSH-") and not data.startswith((b"SSH-2.0-", b"SSH-1.99-")):
        return Foreign("SSH-1", sample) if b"\n" in data else None
    if b"\n" not in data:
        return None
    if data.startswith(b"220"):
        word = lower.split(b"\n", 1)[0]
        return Foreign("FTP" if b"ftp" in word else "SMTP" if b"smtp" in word else "SMTP/FTP", sample)
    if data.startswith(b"+OK"):
        return Foreign("POP3", sample)
    if data.startswith(b"* OK"):
        return Foreign("IMAP", sample)
    if data.startswith(b"RFB "):
        return Foreign("VNC", sample)
    return None


class Greeting:
    """A copy of what the server sent before its SSH version line, and what that says about it."""

    def __init__(self, on_ssh: Callable[[], None] | None = None) -> None:
        self.data = bytearray()
        self.ssh_version = ""
        self.foreign: asyncio.Future[Foreign] = asyncio.get_running_loop().create_future()
        self._on_ssh = on_ssh

    @property
    def said_anything(self) -> bool:
        return bool(self.data)

    def feed(self, data: bytes) -> None:
        if self.ssh_version or self.foreign.done():
            return
        self.data += data[: MAX_SEEN - len(self.data)]
        for line in bytes(self.data).split(b"\n")[:-1]:
            if line.startswith((b"SSH-2.0-", b"SSH-1.99-")):
                self.ssh_version = first_line(line)
                if self._on_ssh is not None:
                    self._on_ssh()
                return
        found = identify(bytes(self.data))
        if found is not None:
            self.foreign.set_result(found)

    def other_words(self) -> Foreign | None:
        """What was said instead of SSH (at the end of a failed attempt), if anything."""
        if self.foreign.done():
            return self.foreign.result()
        if self.ssh_version or not self.data:
            return None
        return identify(bytes(self.data)) or Foreign("", first_line(bytes(self.data)))


def _tap(protocol: Any, greeting: Greeting) -> Any:
    """Let *greeting* see every byte *protocol* receives (the protocol object itself is kept)."""
    received = protocol.data_received

    def data_received(data: bytes, *args: Any) -> None:
        greeting.feed(data)
        received(data, *args)

    protocol.data_received = data_received
    return protocol


class TappedTunnel:
    """asyncssh's `tunnel=` interface over a connected socket, or over another tunnel, with a Greeting."""

    def __init__(self, greeting: Greeting, *, sock: socket.socket | None = None, tunnel: Any = None) -> None:
        self.greeting = greeting
        self.sock = sock
        self.tunnel = tunnel

    async def create_connection(self, factory: Callable[[], Any], host: str, port: int) -> tuple[Any, Any]:
        def tapped() -> Any:
            return _tap(factory(), self.greeting)

        if self.tunnel is not None:
            return await self.tunnel.create_connection(tapped, host, port)  # type: ignore[no-any-return]
        assert self.sock is not None
        return await asyncio.get_running_loop().create_connection(tapped, sock=self.sock)


async def speaks_tls(address: tuple[Any, ...], family: int, timeout: float = 3.0) -> bool:
    """True when a fresh connection to *address* answers a TLS ClientHello with a TLS record."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    hello = context.wrap_bio(ssl.MemoryBIO(), outgoing := ssl.MemoryBIO(), server_side=False)
    with contextlib.suppress(ssl.SSLWantReadError):
        hello.do_handshake()
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(address[0], address[1], family=family), timeout
        )
    except (OSError, TimeoutError):
        return False
    try:
        writer.write(outgoing.read())
        answer = await asyncio.wait_for(reader.read(5), timeout)
    except (OSError, TimeoutError):
        return False
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    return answer.startswith(_TLS_RECORDS)
