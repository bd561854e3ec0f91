"""The HQ receiver's defences against slow and many connections: deadlines per read, caps per address.

Each connection is a thread, so a sender that never finishes its request would hold one forever. Here:

- *head*: the TLS handshake, request line and headers must arrive within `header_timeout` seconds in all
  (a sender of one byte a second is cut there, with HTTP 408);
- *body*: an upload must never go `idle_timeout` seconds without a byte, and after its first
  `rate_grace` seconds it must have averaged `min_rate` bytes a second (a slow but real link of
  100 kbit/s passes; a trickle does not), else it is cut with 408;
- at most `max_connections` connections at once, `max_per_address` from one address. A connection
  still in its head for more than `protected` seconds (the oldest first) gives way to a newcomer;
  when none can, the newcomer gets HTTP 503 with Retry-After, so our outbox tries again later.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import socket
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ConnectionLimits:
    """Caps and deadlines for the receiver's connections. Times in seconds, rate in bytes a second."""

    max_connections: int = 64
    max_per_address: int = 16
    header_timeout: float = 20.0
    idle_timeout: float = 60.0
    min_rate: int = 1024
    rate_grace: float = 30.0
    protected: float = 2.0
    retry_after: int = 30
    refusers: int = 8  # threads at most saying 503 at once (a TLS handshake each); beyond, just closed


class SlowSenderError(Exception):
    """A connection missed its deadline; the message is the 408 answer's sentence."""


class Deadline:
    """Where one connection is (head or body) and how long its next read may wait."""

    def __init__(self, limits: ConnectionLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self.phase = "head"
        self.since = clock()
        self.received = 0

    def start_head(self) -> None:
        self.phase, self.since, self.received = "head", self._clock(), 0

    def start_body(self) -> None:
        self.phase, self.since, self.received = "body", self._clock(), 0

    def wait(self) -> float:
        """Seconds the next read may wait; raises SlowSenderError when the head's time is up."""
        if self.phase != "head":
            return self.limits.idle_timeout
        left = self.since + self.limits.header_timeout - self._clock()
        if left <= 0:
            raise SlowSenderError(self.head_late())
        return min(left, self.limits.idle_timeout)

    def got(self, count: int) -> None:
        """*count* bytes arrived; raises SlowSenderError when an upload falls below the minimum rate."""
        self.received += count
        if self.phase != "body":
            return
        late = self._clock() - self.since - self.limits.rate_grace
        if late > 0 and self.received < late * self.limits.min_rate:
            elapsed = late + self.limits.rate_grace
            raise SlowSenderError(
                f"The upload was too slow: {self.received:,} bytes in {elapsed:.0f} s, below the "
                f"{self.limits.min_rate:,} bytes a second this receiver needs. Check the network and "
                "send it again."
            )

    def timed_out(self) -> SlowSenderError:
        if self.phase == "head":
            return SlowSenderError(self.head_late())
        return SlowSenderError(
            f"Nothing arrived for {self.limits.idle_timeout:.0f} s in the middle of the upload. "
            "Check the network and send it again."
        )

    def head_late(self) -> str:
        return (
            f"The request's headers did not arrive within {self.limits.header_timeout:.0f} s. "
            "Send the whole request at once."
        )


class GuardedReader(io.RawIOBase):
    """The handler's input: socket reads that obey a Deadline (wrap in io.BufferedReader)."""

    def __init__(self, sock: socket.socket, deadline: Deadline) -> None:
        super().__init__()
        self._sock = sock
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        self._sock.settimeout(self._deadline.wait())
        try:
            count = self._sock.recv_into(buffer)
        except TimeoutError:
            raise self._deadline.timed_out() from None
        self._deadline.got(count)
        return count


@dataclass(slots=True)
class _Open:
    sock: socket.socket
    address: str
    since: float
    deadline: Deadline | None = None

    def evictable(self, now: float, protected: float) -> bool:
        in_head = self.deadline is None or self.deadline.phase == "head"
        return in_head and now - self.since >= protected


class ConnectionBook:
    """The receiver's open connections (thread-safe): admission, eviction of stalled heads, counts."""

    def __init__(self, limits: ConnectionLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._lock = threading.Lock()
        self._open: OrderedDict[int, _Open] = OrderedDict()
        self._refusing = threading.BoundedSemaphore(limits.refusers)
        self.refused = 0
        self.evicted = 0

    def __len__(self) -> int:
        return len(self._open)

    def admit(self, sock: socket.socket, address: str) -> bool:
        """True: serve *sock*. False: the caller answers 503 (`refuse`) and closes it."""
        with self._lock:
            now = self._clock()
            mine = [e for e in self._open.values() if e.address == address]
            per_address, total = self.limits.max_per_address, self.limits.max_connections
            if (per_address and len(mine) >= per_address and not self._evict(mine, now)) or (
                total and len(self._open) >= total and not self._evict(list(self._open.values()), now)
            ):
                self.refused += 1
                return False
            self._open[id(sock)] = _Open(sock, address, now)
            return True

    def _evict(self, candidates: list[_Open], now: float) -> bool:
        victim = next((e for e in candidates if e.evictable(now, self.limits.protected)), None)
        if victim is None:
            return False
        del self._open[id(victim.sock)]
        self.evicted += 1
        with contextlib.suppress(OSError):  # wakes its thread; the SSL layer is left to that thread
            socket.socket.shutdown(victim.sock, socket.SHUT_RDWR)
        return True

    def watch(self, sock: socket.socket, deadline: Deadline) -> None:
        """The handler of *sock* reports its phase through *deadline*."""
        with self._lock:
            entry = self._open.get(id(sock))
            if entry is not None:
                entry.deadline = deadline

    def leave(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.pop(id(sock), None)

    def refuse(self, sock: socket.socket, address: str) -> None:
        """Answer 503 with Retry-After from a short-lived thread (TLS needs a handshake), or just close."""
        if not self._refusing.acquire(blocking=False):
            _close(sock)
            return
        threading.Thread(target=self._say_busy, args=(sock, address), daemon=True).start()

    def _say_busy(self, sock: socket.socket, address: str) -> None:
        try:
            body = json.dumps(
                {
                    "error": "HQ's receiver is busy with other uploads right now; it is sent again later.",
                    "retry_after": self.limits.retry_after,
                }
            ).encode()
            head = (
                "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                f"Retry-After: {self.limits.retry_after}\r\nContent-Length: {len(body)}\r\n"
                "Connection: close\r\n\r\n"
            )
            sock.settimeout(5.0)
            with contextlib.suppress(OSError):
                sock.sendall(head.encode() + body)
                socket.socket.shutdown(sock, socket.SHUT_WR)
                _drain(sock, until=time.monotonic() + 2.0)
            log.info("%s: busy (%d connections), answered 503", address, len(self))
        finally:
            _close(sock)
            self._refusing.release()


def _drain(sock: socket.socket, until: float, limit: int = 4 << 20) -> None:
    """Read (and drop) what the sender is still sending, briefly, so it can read the answer."""
    while limit > 0 and (left := until - time.monotonic()) > 0:
        sock.settimeout(left)
        data = sock.recv(65536)
        if not data:
            return
        limit -= len(data)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.close()
