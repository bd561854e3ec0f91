"""Cheaper packet sending for asyncssh connections on the relay's and agent's hot path.

asyncssh writes every packet to its transport at once, and before each encrypted packet it sends an
empty SSH_MSG_IGNORE. A keystroke crossing a connection was therefore two encrypted packets and two
`send()` calls, and on loopback each call wakes the reading process: the peer woke twice per
keystroke, once for nothing. `streamline(conn)` applies both remedies below.

`coalesce_writes(conn)` gathers what a connection writes during one turn of the event loop and hands
it to the transport in one write at the end of that turn (or at once, through `flush_now`, when the
caller knows the burst is complete). Bulk data is not held back: once 16 KiB are waiting they go out
at once, so a transfer still streams through the relay and agent processes in parallel.

`skip_ignore_packets(conn)` stops the empty ignore packet where it protects nothing. It is the old
countermeasure against chosen-plaintext attacks on SSH's CBC mode (predictable IVs, Bellare, Kohno and
Namprempre 2002); OpenSSH never sends it, and with the counter and AEAD modes the relay and agent
negotiate (GCM, CTR, chacha20-poly1305) there is no IV chaining to protect. A connection that did
negotiate a CBC cipher keeps it. Every packet that is sent is byte-for-byte what asyncssh builds.

Both replace asyncssh attributes (the private `SSHConnection._send`, the instance's `send_packet`);
if a future asyncssh renames them, the connection is left as it is (the functions return None/False)
and everything still works, at the old speed.
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


_MSG_IGNORE = 2
_EMPTY_STRING = b"\0\0\0\0"  # an SSH string of length 0: the ignore packet's only field


def skip_ignore_packets(conn: Any) -> bool:
    """Stop *conn*'s empty ignore packets unless its cipher is CBC; False if asyncssh does not allow it."""
    send_packet = getattr(conn, "send_packet", None)
    get_extra_info = getattr(conn, "get_extra_info", None)
    if not callable(send_packet) or not callable(get_extra_info):
        return False
    if getattr(send_packet, "_valuezone", False):
        return True

    def send(pkttype: int, *args: bytes, handler: Any = None) -> None:
        if (
            pkttype == _MSG_IGNORE
            and args == (_EMPTY_STRING,)
            and not str(get_extra_info("send_cipher", "")).endswith("-cbc")
        ):
            return
        send_packet(pkttype, *args, handler=handler)

    send._valuezone = True  # type: ignore[attr-defined]
    conn.send_packet = send
    return True


def streamline(conn: Any) -> None:
    """Both remedies of this module for *conn* (see the module docstring); safe to call twice."""
    coalesce_writes(conn)
    skip_ignore_packets(conn)
