"""A loopback TCP proxy for tests: listens on 127.0.0.1 and carries each connection to a port.

Subclasses change how the bytes are carried (`_carry`): cut and delayed (cluster/slowpath.py), cut on
the client's side only (cluster/blip.py), recorded and flipped (cluster/tamper.py, relay/tamper.py).
Closing it ends every connection it carries.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from typing import Self

#: One side of a carried connection: what it sends the proxy, and where the proxy writes to it.
Ends = tuple[asyncio.StreamReader, asyncio.StreamWriter]


class LoopbackProxy:
    """Carries each connection to `target` (it may be set after `start`, before the first connection).

    With *tls*, the proxy ends each client's TLS itself with that context and opens its own TLS to the
    target, checking nothing: a man in the middle.
    """

    def __init__(self, port: int = 0, *, tls: ssl.SSLContext | None = None) -> None:
        self.target = port
        self.port = 0
        self._tls = tls
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> Self:
        self._server = await asyncio.start_server(self._client, "127.0.0.1", 0, ssl=self._tls)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            try:
                server = await self._connect()
            except OSError:
                writer.close()
                return
            try:
                await self._carry((reader, writer), server)
            finally:
                for w in (writer, server[1]):
                    w.close()
        finally:
            self._tasks.discard(task)

    async def _connect(self) -> Ends:
        if self._tls is None:
            return await asyncio.open_connection("127.0.0.1", self.target)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return await asyncio.open_connection("127.0.0.1", self.target, ssl=context, server_hostname="relay")

    async def _carry(self, client: Ends, server: Ends) -> None:
        """Both ways, unchanged, until both sides have ended (subclasses override)."""
        await asyncio.gather(_plain(client[0], server[1]), _plain(server[0], client[1]))


async def _plain(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(OSError, asyncio.IncompleteReadError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    with contextlib.suppress(OSError):
        writer.write_eof()
