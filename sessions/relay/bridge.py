"""Splices the technician's side to the customer's side with flow control and byte counts.

The customer's side is an SSH channel on the agent's link (protocol v1, stock `ssh -R`) or, from
protocol v2, a TLS data leg (sessions/relay/dataleg.py) that carries the inner SSH as opaque bytes.
The technician's side is an SSH channel (`ssh -J`) or the technician's own plain data leg
(sessions/relay/techleg.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import asyncssh

from sessions.ssh.packets import flush_now

if TYPE_CHECKING:
    from sessions.relay.dataleg import Leg


class _Half(asyncssh.SSHTCPSession[bytes]):
    """One side of a bridge: what arrives here is written to the other side's channel."""

    def __init__(self, bridge: Bridge, name: str) -> None:
        self.bridge = bridge
        self.name = name
        self.chan: Any = None  # an SSHTCPChannel, or a _LegChannel on a data leg
        self.peer: _Half | None = None
        self.received = 0
        self._pending: list[bytes] = []
        self._pending_eof = False
        self._closed = False
        self._detached = False  # a consent channel whose session moved to a data leg

    def connection_made(self, chan: asyncssh.SSHTCPChannel[bytes]) -> None:  # type: ignore[override]
        self.chan = chan
        peer = self.peer
        if peer is not None and peer._pending:
            for data in peer._pending:
                chan.write(data)
            peer._pending.clear()
            if peer.chan is not None:
                peer.chan.resume_reading()
        if peer is not None and peer._pending_eof:
            chan.write_eof()

    def data_received(self, data: bytes, datatype: asyncssh.DataType = None) -> None:
        self.received += len(data)
        peer = self.peer
        if peer is None or peer.chan is None:
            self._pending.append(data)
            if self.chan is not None:
                self.chan.pause_reading()
            return
        peer.chan.write(data)
        flush_now(peer.chan.get_connection())

    def eof_received(self) -> bool:
        peer = self.peer
        if peer is None or peer.chan is None:
            self._pending_eof = True
        else:
            peer.chan.write_eof()
        return True

    def pause_writing(self) -> None:
        if self.peer is not None and self.peer.chan is not None:
            self.peer.chan.pause_reading()

    def resume_writing(self) -> None:
        if self.peer is not None and self.peer.chan is not None:
            self.peer.chan.resume_reading()

    def connection_lost(self, exc: Exception | None) -> None:
        self._closed = True
        if self._detached:
            return
        if self.peer is not None and self.peer.chan is not None and not self.peer._closed:
            self.peer.chan.close()
        self.bridge._half_closed()


class _LegChannel:
    """A data leg's TLS transport, seen through the channel methods a bridge half uses."""

    __slots__ = ("transport",)

    def __init__(self, transport: asyncio.Transport) -> None:
        self.transport = transport

    def write(self, data: bytes) -> None:
        self.transport.write(data)

    def write_eof(self) -> None:
        if self.transport.can_write_eof():
            self.transport.write_eof()
        else:
            self.transport.close()  # TLS cannot half-close; the inner SSH ends with the technician's EOF

    def pause_reading(self) -> None:
        self.transport.pause_reading()

    def resume_reading(self) -> None:
        self.transport.resume_reading()

    def close(self) -> None:
        self.transport.close()

    def get_connection(self) -> None:
        return None


class _LegHalf(_Half, asyncio.Protocol):  # type: ignore[misc]
    """The customer's side as a data leg: the TLS transport's protocol once the bridge took it."""

    def eof_received(self) -> bool:
        super().eof_received()
        return False  # TLS closes the transport after the peer's close_notify


class Bridge:
    """A technician channel and a customer channel joined; `on_closed(bridge)` runs once both are gone."""

    def __init__(self, on_closed: Callable[[Bridge], None]) -> None:
        self.technician = _Half(self, "technician")
        self.customer = _Half(self, "customer")
        self.technician.peer = self.customer
        self.customer.peer = self.technician
        self._on_closed = on_closed
        self._done = False

    @property
    def over_leg(self) -> bool:
        return isinstance(self.customer, _LegHalf)

    def use_leg(self, leg: Leg) -> None:
        """Carry the customer's side on *leg* (its token was accepted) instead of an SSH channel."""
        transport = leg.transport
        assert transport is not None
        channel = self.customer  # the consent channel: its confirmation was the customer's yes
        channel._detached, channel.peer = True, None
        if channel.chan is not None:
            channel.chan.close()
        half = _LegHalf(self, "customer")
        half.peer, self.technician.peer, self.customer = self.technician, half, half
        transport.set_protocol(half)
        half.connection_made(_LegChannel(transport))  # type: ignore[arg-type]
        if leg.early:
            half.data_received(leg.early)
        transport.resume_reading()

    def use_technician_leg(self, leg: Leg) -> None:
        """Carry the technician's side on *leg* (a technician's own data leg, sessions/relay/techleg.py)."""
        transport = leg.transport
        assert transport is not None
        half = self.technician
        transport.set_protocol(half)  # type: ignore[arg-type]
        half.connection_made(_LegChannel(transport))  # type: ignore[arg-type]
        if leg.early:
            half.data_received(leg.early)
        transport.resume_reading()

    @property
    def bytes_to_customer(self) -> int:
        return self.technician.received

    @property
    def bytes_to_technician(self) -> int:
        return self.customer.received

    def close(self) -> None:
        """Close both channels (the customer ended, or the code was closed)."""
        for half in (self.technician, self.customer):
            if half.chan is not None and not half._closed:
                half.chan.close()
        if self.technician.chan is None:
            self._finish()

    def _half_closed(self) -> None:
        if self.technician._closed and (self.customer._closed or self.customer.chan is None):
            self._finish()

    def _finish(self) -> None:
        if not self._done:
            self._done = True
            self._on_closed(self)
