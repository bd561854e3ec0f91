"""Servers that are not SSH, on 127.0.0.1: the things a technician meets on a wrong port or a sick device."""

from __future__ import annotations

import asyncio
import contextlib
import http.server
import ssl
import subprocess
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

SMTP_GREETING = b"220 mail.example.com ESMTP Postfix (Debian/GNU)\r\n"
FTP_GREETING = b"220 (vsFTPd 3.0.3)\r\n"
SSH1_GREETING = b"SSH-1.5-OldBox_1.2.27\r\n"


class Listener:
    """A TCP server whose behaviour is one coroutine per connection; records what happened."""

    def __init__(self) -> None:
        self.port = 0
        self.accepted = asyncio.Event()
        self.peer_closed = asyncio.Event()


async def _serve(handler, **kwargs) -> tuple[asyncio.Server, int]:  # type: ignore[no-untyped-def]
    server = await asyncio.start_server(handler, "127.0.0.1", 0, **kwargs)
    return server, server.sockets[0].getsockname()[1]


@contextlib.asynccontextmanager
async def listening(behaviour: str, tls: ssl.SSLContext | None = None) -> AsyncIterator[Listener]:
    """`silent` (never says a word), `close` (hangs up at once), `smtp`, `ftp`, `ssh1`, `nginx` (answers
    400 to the first line, as a web server does), or `tls` (a TLS server with the *tls* context)."""
    state = Listener()
    greetings = {"smtp": SMTP_GREETING, "ftp": FTP_GREETING, "ssh1": SSH1_GREETING}
    replies = {"smtp": b"502 5.5.2 Error: command not recognized\r\n", "ftp": b"530 Please login.\r\n"}

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        state.accepted.set()
        try:
            if behaviour == "close":
                return
            if behaviour in greetings:
                writer.write(greetings[behaviour])
                await writer.drain()
            while line := await reader.readline():  # the client's SSH banner, then binary
                if behaviour == "nginx":  # what a web server's parser says to "SSH-2.0-…"
                    writer.write(b"HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nConnection: close\r\n\r\n")
                    await writer.drain()
                    return
                if behaviour in replies and line.endswith(b"\n"):
                    writer.write(replies[behaviour])
        except (ConnectionError, ssl.SSLError):
            pass
        finally:
            state.peer_closed.set()
            writer.close()

    server, state.port = await _serve(handle, ssl=tls if behaviour == "tls" else None)
    try:
        yield state
    finally:
        server.close()
        await server.wait_closed()


def tls_context(folder: Path) -> ssl.SSLContext:
    """A server context with a self-signed certificate made by the openssl command."""
    key, cert = folder / "tls.key", folder / "tls.crt"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=nas.local"],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def http_server(folder: Path) -> Iterator[int]:
    """Python's own HTTP server (a NAS's web page stands in) on a free port, in a thread."""

    def handler(*args, **kwargs):  # type: ignore[no-untyped-def]
        return _Quiet(*args, directory=str(folder), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
