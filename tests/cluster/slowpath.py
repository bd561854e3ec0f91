"""A slow path for tests: a loopback TCP proxy that cuts each direction into small, delayed chunks."""

from __future__ import annotations

import asyncio
import contextlib
import random


class SlowProxy:
    """Listens on 127.0.0.1 and pipes each connection to *port*, `chunk` bytes at a time, `delay` apart.

    It stands for a distant technician: SSH packets arrive split and late, so the agent's exec
    path sees its channel's EOF while earlier data may still be on its way through the pipes.
    """

    def __init__(self, port: int, *, chunk: int = 7000, delay: float = 0.002, seed: int = 0) -> None:
        self.target = port
        self.chunk = chunk
        self.delay = delay
        self.port = 0
        self._random = random.Random(seed)
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> SlowProxy:
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
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target)
        except OSError:
            writer.close()
            self._tasks.discard(task)
            return
        try:
            await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))
        finally:
            self._tasks.discard(task)
            for w in (writer, up_writer):
                w.close()

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError):
            while data := await reader.read(65536):
                for start in range(0, len(data), self.chunk):
                    writer.write(data[start : start + self.chunk])
                    await writer.drain()
                    await asyncio.sleep(self.delay * self._random.random())
        with contextlib.suppress(OSError):
            writer.write_eof()
