"""Connections that have not logged in yet: counted, capped in all and per source, and given a deadline.

A TCP connection costs an attacker nothing and holds one of the relay's open files until the relay lets
go. Without a gate, 1,000 silent connections fill a 1,024-file relay for the whole login timeout and
nobody else gets in. So every connection is *waiting* from the moment it is accepted until it has
logged in (customer or technician) or is gone, and:

- a source (an IPv4 address, or an IPv6 /64) may have at most `per_source` waiting. When its share is
  full, its *oldest* waiting connection is closed for the newcomer, unless that one is younger than
  `protected` seconds: then the newcomer is closed. A flood from one source only ever displaces itself;
- all sources together may have at most `total` waiting (by default a quarter of the open-files limit,
  at most 1,024). When that is full, the source holding the most slots gives up its oldest one, so a
  newcomer from any other source always gets in; only when every source holds about as many as the
  newcomer's does the oldest of all go (again unless it is younger than `protected`).
- a connection that has not even asked to log in (sent its first authentication request) within
  `handshake_timeout` seconds is closed: a silent socket, a banner then nothing, a stalled key exchange,
  bytes trickled in. Logging in itself may take the longer login timeout (asyncssh's), since OpenSSH
  asks for a key's passphrase then.

Why the oldest and not the newcomer: real clients log in within milliseconds to a second, so the oldest
waiting connection is almost never one of them, and closing newcomers only would let a flood that fills
the slots first keep everyone out. OpenSSH's MaxStartups drops newcomers at random instead; under a
sustained flood that gives a real client a chance equal to the share of free slots, which is about none.
Here a newcomer keeps its slot for at least `protected` seconds, and only its own source can take it.
What no gate can do: a sustained flood from the customer's *own* address (the same NAT) shares that
address's slots with the customer, who then gets one of `per_source` admissions per `protected`
seconds.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import resource
import time
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

log = logging.getLogger(__name__)
DISC_TOO_MANY_CONNECTIONS = 12  # SSH_DISCONNECT_TOO_MANY_CONNECTIONS (RFC 4253 11.1)
BUSY = (
    "The relay is busy: too many connections are waiting to log in. Try again in a minute; "
    "if this keeps happening, tell the relay's operator"
)
AUTO_TOTAL_MAX = 1024


class Closable(Protocol):
    """What the gate needs of a connection: asyncssh's SSHServerConnection has both."""

    def abort(self) -> None: ...

    def disconnect(self, code: int, reason: str, lang: str = ...) -> None: ...


@dataclass(frozen=True, slots=True)
class GateLimits:
    """Caps on connections that have not logged in yet. Times in seconds."""

    total: int = AUTO_TOTAL_MAX
    per_source: int = 32
    handshake_timeout: float = 10.0
    protected: float = 2.0


def auto_total(open_files: int) -> int:
    """The default total cap: a quarter of the open-files limit (the rest for logged-in connections)."""
    return max(16, min(AUTO_TOTAL_MAX, open_files // 4))


def source_of(address: str) -> str:
    """The key a per-source cap counts by: the IPv4 address, or the /64 an IPv6 address is in."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def raise_open_files() -> tuple[int, int]:
    """Raise this process's open-files soft limit to its hard limit; returns (before, now)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 1 << 20)
    if soft == resource.RLIM_INFINITY or soft >= target:
        return soft, soft
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    except (ValueError, OSError) as exc:
        log.info("cannot raise the open-files limit from %d to %d: %s", soft, target, exc)
        return soft, soft
    return soft, target


def open_files_limit() -> int:
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    return soft if soft != resource.RLIM_INFINITY else 1 << 20


@dataclass(slots=True)
class _Waiting:
    conn: Closable
    source: str
    arrived: float
    logging_in: bool = False


@dataclass
class Tally:
    """What the gate turned away since the last report (for one audit line a minute, not one per drop)."""

    turned_away: int = 0  # newcomers closed at once
    evicted: int = 0  # older waiting connections closed to make room
    timed_out: int = 0  # closed at the handshake deadline
    sources: Counter[str] = field(default_factory=Counter)

    def count(self, kind: str, source: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        self.sources[source] += 1

    def __bool__(self) -> bool:
        return bool(self.turned_away or self.evicted or self.timed_out)

    def to_dict(self) -> dict[str, object]:
        top = dict(self.sources.most_common(5))
        return {
            "turned_away": self.turned_away,
            "evicted": self.evicted,
            "timed_out": self.timed_out,
            "top_sources": top,
        }


class Gate:
    """The relay's waiting room: `arrived`, `logging_in`, `logged_in` or `gone`; `expire` now and then."""

    def __init__(self, limits: GateLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._waiting: OrderedDict[int, _Waiting] = OrderedDict()
        self._by_source: dict[str, OrderedDict[int, _Waiting]] = {}
        self.tally = Tally()
        self.peak = 0

    def __len__(self) -> int:
        return len(self._waiting)

    def waiting_from(self, address: str) -> int:
        return len(self._by_source.get(source_of(address), ()))

    def arrived(self, conn: Closable, address: str) -> bool:
        """A new connection from *address*. False: it must be closed at once (`conn.abort()`)."""
        now = self._clock()
        source = source_of(address)
        mine = self._by_source.get(source)
        full_source = bool(self.limits.per_source and mine and len(mine) >= self.limits.per_source)
        if (full_source and mine and not self._make_room(mine, now, protect=True)) or (
            self.limits.total
            and len(self._waiting) >= self.limits.total
            and not self._make_room_in_all(len(mine or ()), now)
        ):
            self.tally.count("turned_away", source)
            return False
        entry = _Waiting(conn, source, now)
        self._waiting[id(conn)] = entry
        self._by_source.setdefault(source, OrderedDict())[id(conn)] = entry
        self.peak = max(self.peak, len(self._waiting))
        return True

    def _make_room_in_all(self, mine: int, now: float) -> bool:
        """All slots are taken: the source holding the most gives one up if it holds more than the
        newcomer's would; when they are shared about evenly, the oldest of all goes."""
        fullest = max(self._by_source.values(), key=len)
        if len(fullest) > mine + 1:
            return self._make_room(fullest, now, protect=False)
        return self._make_room(self._waiting, now, protect=True)

    def _make_room(self, queue: OrderedDict[int, _Waiting], now: float, *, protect: bool) -> bool:
        """Close the oldest of *queue*, unless *protect* and it is younger than `protected` seconds."""
        oldest = next(iter(queue.values()))
        if protect and now - oldest.arrived < self.limits.protected:
            return False
        self._drop(oldest, "evicted")
        return True

    def logging_in(self, conn: object) -> None:
        """The connection sent its first authentication request: the handshake deadline no longer applies."""
        entry = self._waiting.get(id(conn))
        if entry is not None:
            entry.logging_in = True

    def logged_in(self, conn: object) -> None:
        """The connection is authenticated: it no longer counts."""
        self._forget(id(conn))

    def gone(self, conn: object) -> None:
        """The connection closed (for any reason, also after `logged_in`)."""
        self._forget(id(conn))

    def expire(self) -> int:
        """Close connections past the handshake deadline that have not asked to log in; returns how many."""
        deadline = self._clock() - self.limits.handshake_timeout
        late = []
        for entry in self._waiting.values():  # oldest first: stop at the first one still in time
            if entry.arrived > deadline:
                break
            if not entry.logging_in:
                late.append(entry)
        for entry in late:
            self._drop(entry, "timed_out")
        return len(late)

    def report(self) -> Tally:
        """What was turned away since the last report (and start counting again)."""
        tally, self.tally = self.tally, Tally()
        return tally

    def _drop(self, entry: _Waiting, kind: str) -> None:
        self._forget(id(entry.conn))
        self.tally.count(kind, entry.source)
        try:
            entry.conn.disconnect(DISC_TOO_MANY_CONNECTIONS, BUSY)
        except Exception:  # a connection in any state must not stop the gate
            log.debug("closing a waiting connection failed", exc_info=True)
            entry.conn.abort()

    def _forget(self, key: int) -> None:
        entry = self._waiting.pop(key, None)
        if entry is None:
            return
        mine = self._by_source.get(entry.source)
        if mine is not None:
            mine.pop(key, None)
            if not mine:
                del self._by_source[entry.source]


async def keep(gate: Gate, report: Callable[[Tally], None], *, report_every: float = 60.0) -> None:
    """Run the handshake deadline (about every quarter of it) and report what was turned away a minute."""
    tick = min(1.0, max(0.05, gate.limits.handshake_timeout / 4))
    next_report = time.monotonic() + report_every
    try:
        while True:
            await asyncio.sleep(tick)
            gate.expire()
            if time.monotonic() >= next_report:
                next_report += report_every
                if tally := gate.report():
                    report(tally)
    finally:
        if tally := gate.report():
            report(tally)
