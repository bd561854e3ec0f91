"""An on-path attacker for tests: a TCP proxy that records, flips bytes on demand, and replays streams."""

from __future__ import annotations

import asyncio
import contextlib

from tests.netproxy import Ends, LoopbackProxy


class TamperProxy(LoopbackProxy):
    """Listens on 127.0.0.1; each connection is piped to *port*. `flip` arms byte flipping (both ways)."""

    def __init__(self, port: int) -> None:
        super().__init__(port)
        self.flip = False
        self.flipped = 0
        self.streams: list[bytearray] = []  # client-to-server bytes of each connection, as recorded

    async def _carry(self, client: Ends, server: Ends) -> None:
        record = bytearray()
        self.streams.append(record)
        await asyncio.gather(self._pipe(client[0], server[1], record), self._pipe(server[0], client[1], None))

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
