"""An on-path attacker for tests: a TCP proxy that records, flips bytes on demand, and replays streams."""

from __future__ import annotations

import asyncio
import contextlib


class TamperProxy:
    """Listens on 127.0.0.1; each connection is piped to *port*. `flip` arms byte flipping (both ways)."""

    def __init__(self, port: int) -> None:
        self.target = port
        self.port = 0
        self.flip = False
        self.flipped = 0
        self.streams: list[bytearray] = []  # client-to-server bytes of each connection, as recorded
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> TamperProxy:
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
            return
        record = bytearray()
        self.streams.append(record)
        try:
            await asyncio.gather(self._pipe(reader, up_writer, record), self._pipe(up_reader, writer, None))
        finally:
            self._tasks.discard(task)
            for w in (writer, up_writer):
                w.close()

    async def _pipe(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, record: bytearray | None
    ) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError):
            while data := await reader.read(65536):
                if record is not None:
                    record += data
                if self.flip:
                    data = bytes([data[0] ^ 0x40]) + data[1:]
                    self.flipped += 1
                writer.write(data)
                await writer.drain()
        with contextlib.suppress(OSError):
            writer.close()


async def replay(port: int, stream: bytes, *, wait: float = 2.0) -> bytes:
    """Send a recorded client stream to *port* as fast as it goes; returns what the server answered."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    answer = bytearray()
    writer.write(stream)
    with contextlib.suppress(OSError):
        await writer.drain()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    with contextlib.suppress(OSError, TimeoutError):
        while (left := deadline - loop.time()) > 0:
            data = await asyncio.wait_for(reader.read(65536), left)
            if not data:
                break
            answer += data
    writer.close()
    return bytes(answer)
