"""A slow path for tests: a loopback TCP proxy that cuts each direction into small, delayed chunks."""

from __future__ import annotations

import asyncio
import contextlib
import random

from tests.netproxy import Ends, LoopbackProxy


class SlowProxy(LoopbackProxy):
    """Listens on 127.0.0.1 and pipes each connection to *port*, `chunk` bytes at a time, `delay` apart.

    It stands for a distant technician: SSH packets arrive split and late, so the agent's exec
    path sees its channel's EOF while earlier data may still be on its way through the pipes.
    """

    def __init__(self, port: int, *, chunk: int = 7000, delay: float = 0.002, seed: int = 0) -> None:
        super().__init__(port)
        self.chunk = chunk
        self.delay = delay
        self._random = random.Random(seed)

    async def _carry(self, client: Ends, server: Ends) -> None:
        await asyncio.gather(self._pipe(client[0], server[1]), self._pipe(server[0], client[1]))

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError):
            while data := await reader.read(65536):
                for start in range(0, len(data), self.chunk):
                    writer.write(data[start : start + self.chunk])
                    await writer.drain()
                    await asyncio.sleep(self.delay * self._random.random())
        with contextlib.suppress(OSError):
            writer.write_eof()
