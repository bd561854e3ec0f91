"""A loopback TCP proxy for tests: listens on 127.0.0.1 and carries each connection to a port.

Subclasses change how the bytes are carried (`_carry`): cut and delayed (slowpath.py), recorded and
flipped (tamper.py). Closing it ends every connection it carries.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Self


class LoopbackProxy:
    def __init__(self, port: int) -> None:
        self.target = port
        self.port = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> Self:
        self._server = await asyncio.start_server(self._client, "127.0.0.1", 0)
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
                up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target)
            except OSError:
                writer.close()
                return
            try:
                await self._carry(reader, writer, up_reader, up_writer)
            finally:
                for w in (writer, up_writer):
                    w.close()
        finally:
            self._tasks.discard(task)

    async def _carry(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        up_reader: asyncio.StreamReader,
        up_writer: asyncio.StreamWriter,
    ) -> None:
        """Both ways, unchanged (subclasses override)."""
        await asyncio.gather(_plain(reader, up_writer), _plain(up_reader, writer))


async def _plain(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(OSError, asyncio.IncompleteReadError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    with contextlib.suppress(OSError):
        writer.write_eof()
