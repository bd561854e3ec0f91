"""An attacker on the path: a TCP proxy on 127.0.0.1 that records, flips bytes, or speaks TLS itself."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from dataclasses import dataclass, field
from pathlib import Path

from sessions.relay.dataleg import load_certificate
from tests.netproxy import Ends, LoopbackProxy


@dataclass
class Flow:
    """One proxied connection: every byte the client sent (`up`) and the server sent back (`down`)."""

    up: bytearray = field(default_factory=bytearray)
    down: bytearray = field(default_factory=bytearray)


class TamperProxy(LoopbackProxy):
    """Forwards each connection to `target` (set before the first one arrives).

    `flip_up` / `flip_down`: offset of a byte to invert in that direction of each connection, counted
    from its first byte (of connection number `flip_flow` only, when set: 0 is the first). With
    `mitm_state`, it ends the client's TLS itself with its own certificate and opens its own TLS to the
    target: the man in the middle a pinned leg must refuse.
    """

    def __init__(
        self, *, flip_up: int | None = None, flip_down: int | None = None, mitm_state: Path | None = None
    ) -> None:
        mitm = None
        if mitm_state is not None:
            cert, key, _ = load_certificate(mitm_state)
            mitm = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            mitm.load_cert_chain(cert, key)
        super().__init__(tls=mitm)
        self.flip_up = flip_up
        self.flip_down = flip_down
        self.flip_flow: int | None = None
        self.flows: list[Flow] = []

    async def _carry(self, client: Ends, server: Ends) -> None:
        flow = Flow()
        self.flows.append(flow)
        number = len(self.flows) - 1
        await asyncio.gather(
            self._pump(client[0], server[1], flow.up, True, number),
            self._pump(server[0], client[1], flow.down, False, number),
        )

    async def _pump(
        self, source: asyncio.StreamReader, sink: asyncio.StreamWriter, seen: bytearray, up: bool, number: int
    ) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError, ssl.SSLError):
            while data := await source.read(65536):
                flip = self.flip_up if up else self.flip_down  # read each time: a test may arm it later
                if self.flip_flow is not None and self.flip_flow != number:
                    flip = None
                start = len(seen)
                seen += data
                if flip is not None and start <= flip < start + len(data):
                    chunk = bytearray(data)
                    chunk[flip - start] ^= 0xFF
                    data = bytes(chunk)
                sink.write(data)
                await sink.drain()
        with contextlib.suppress(Exception):
            sink.close()


async def raw_leg(port: int, payload: bytes, *, tls: bool = True, wait: float = 5.0) -> bytes:
    """Connect to a leg port as a stranger (no pin checked), send *payload*, return what came back."""
    context = None
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    reader, writer = await asyncio.open_connection(
        "127.0.0.1", port, ssl=context, server_hostname="relay" if tls else None
    )
    writer.write(payload)
    answer = b""
    with contextlib.suppress(OSError, ssl.SSLError, TimeoutError):
        async with asyncio.timeout(wait):
            while chunk := await reader.read(4096):
                answer += chunk
    with contextlib.suppress(Exception):
        writer.close()
    return answer
