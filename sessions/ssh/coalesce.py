"""One socket write per burst of SSH packets instead of one per packet (relay and agent hot path).

asyncssh writes every packet to its transport at once, and before each encrypted packet it sends an
empty SSH_MSG_IGNORE (a long-standing countermeasure it keeps for all ciphers). A keystroke crossing a
connection is therefore two `send()` calls, and on loopback each one wakes the reading process: the
peer wakes twice per keystroke, once for nothing. `coalesce_writes(conn)` gathers what a connection
writes during one turn of the event loop and hands it to the transport in one write at the end of
that turn (or at once, through `flush_now`, when the caller knows the burst is complete). Bulk data is
not held back: once 16 KiB are waiting they go out at once, so a transfer still streams through the
relay and agent processes in parallel. The bytes on the wire are unchanged, ignore packets included.

This replaces asyncssh's private `SSHConnection._send`; if a future asyncssh renames it, the
connection is left as it is (`coalesce_writes` returns None) and everything still works, unbatched.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

_ATTRIBUTE = "_valuezone_coalescer"
STREAM_AT = 16 * 1024  # a burst this big is bulk data: write it now rather than at the end of the turn


class WriteCoalescer:
    """Buffers one connection's outgoing packets until the current event-loop turn ends."""

    __slots__ = ("_chunks", "_conn", "_loop", "_scheduled", "_size", "_transport")

    def __init__(self, conn: Any, loop: asyncio.AbstractEventLoop) -> None:
        self._conn = conn
        self._loop = loop
        self._chunks: list[bytes] = []
        self._scheduled = False
        self._size = 0
        self._transport: Any = None

    def send(self, data: bytes) -> None:
        """Stands in for `SSHConnection._send`: keep *data*, write it when this loop turn ends."""
        transport = self._conn._transport
        if not transport:  # closed: asyncssh drops late packets too
            return
        # Kept here because a disconnect clears conn._transport at once and aborts the transport one
        # callback later: the flush scheduled before that still gets the goodbye packet out.
        self._transport = transport
        self._chunks.append(data)
        self._size += len(data)
        if self._size >= STREAM_AT:
            self.flush()
        elif not self._scheduled:
            self._scheduled = True
            self._loop.call_soon(self._turn_ended)

    def _turn_ended(self) -> None:
        self._scheduled = False
        self.flush()

    def flush(self) -> None:
        """Write everything buffered, in order, as one transport write."""
        chunks = self._chunks
        if not chunks:
            return
        data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        chunks.clear()
        self._size = 0
        transport = self._transport
        if transport is not None and not transport.is_closing():
            with contextlib.suppress(ConnectionError):  # as asyncssh's own _send
                transport.write(data)


def coalesce_writes(conn: Any) -> WriteCoalescer | None:
    """Batch *conn*'s packet writes per event-loop turn; None if asyncssh has no `_send` to replace."""
    existing = getattr(conn, _ATTRIBUTE, None)
    if existing is not None:
        return existing
    if not callable(getattr(conn, "_send", None)) or not hasattr(conn, "_transport"):
        return None
    coalescer = WriteCoalescer(conn, asyncio.get_running_loop())
    conn._send = coalescer.send
    setattr(conn, _ATTRIBUTE, coalescer)
    return coalescer


def flush_now(conn: Any) -> None:
    """Write *conn*'s buffered packets now (the caller has finished a burst); no-op if not batched."""
    coalescer = getattr(conn, _ATTRIBUTE, None)
    if coalescer is not None:
        coalescer.flush()
