"""Refusals in the audit log: the first few a minute from each source in full, the rest counted.

Refusing costs the relay nothing, but before this every refused technician key (each publickey query),
customer over the per-address limits, and claim was one audit line of 170 bytes (up to 1.2 kB with a
long user name), so anyone could grow the log without bound. Now, in each minute, a source (an IPv4
address or an IPv6 /64, as the gate counts them) has its first `per_source` refusals written in full,
and all sources together at most `total`; every refusal past that is counted, and `report()` (once a
minute) writes one `refusals.summarized` line with the counts per event, the number of sources and the
five busiest. Every refusal is accounted for, in full or in a count.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from sessions.relay.audit import AuditLog
from sessions.relay.gate import source_of

MAX_TRACKED_SOURCES = 10_000  # per minute; a source beyond it is counted, but not by name
MAX_FIELD = 64  # characters of a name the client chose (user names are up to 1,023 bytes)


def clip(text: str) -> str:
    """*text* cut to MAX_FIELD characters, saying how long it was."""
    if len(text) <= MAX_FIELD:
        return text
    return f"{text[:MAX_FIELD]}…({len(text)} characters)"


class Refusals:
    """Writes refusal events to *audit*, within `per_source` and `total` full lines per report."""

    def __init__(self, audit: AuditLog, *, per_source: int = 10, total: int = 1000) -> None:
        self.audit = audit
        self.per_source = per_source
        self.total = total
        self._written: Counter[str] = Counter()  # full lines per source this minute
        self._counts: Counter[str] = Counter()  # refusals counted, per event
        self._sources: Counter[str] = Counter()  # refusals counted, per source
        self._untracked = 0  # refusals from sources past MAX_TRACKED_SOURCES
        self._full = 0
        self._since = time.time()

    def write(self, event: str, address: str, **fields: Any) -> None:
        """A refusal of *event* to *address*: in full, or counted for the next summary line."""
        source = source_of(address)
        if self._written[source] < self.per_source and self._full < self.total:
            self._written[source] += 1
            self._full += 1
            self.audit.write(event, address=address, **fields)
            return
        self._counts[event] += 1
        if source in self._sources or len(self._sources) < MAX_TRACKED_SOURCES:
            self._sources[source] += 1
        else:
            self._untracked += 1

    def report(self) -> None:
        """Write what was counted since the last report (if anything), and start counting again."""
        if self._counts:
            since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self._since))
            self.audit.write(
                "refusals.summarized",
                since=since,
                counts=dict(self._counts),
                sources=len(self._sources),
                top_sources=dict(self._sources.most_common(5)),
                **({"untracked": self._untracked} if self._untracked else {}),
            )
        self._written.clear()
        self._counts.clear()
        self._sources.clear()
        self._untracked = self._full = 0
        self._since = time.time()
