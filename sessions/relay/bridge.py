"""Splices two SSH channels together with flow control and byte counts (technician ⇄ customer)."""

from __future__ import annotations

from collections.abc import Callable

import asyncssh

from sessions.ssh.packets import flush_now


class _Half(asyncssh.SSHTCPSession[bytes]):
    """One side of a bridge: what arrives here is written to the other side's channel."""

    def __init__(self, bridge: Bridge, name: str) -> None:
        self.bridge = bridge
        self.name = name
        self.chan: asyncssh.SSHTCPChannel[bytes] | None = None
        self.peer: _Half | None = None
        self.received = 0
        self._pending: list[bytes] = []
        self._pending_eof = False
        self._closed = False

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

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
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
        if self.peer is not None and self.peer.chan is not None and not self.peer._closed:
            self.peer.chan.close()
        self.bridge._half_closed()


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
