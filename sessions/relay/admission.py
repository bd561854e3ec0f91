"""Per-address limits on customers (user `support`, no authentication): concurrent links and new codes.

Customer connections cost an attacker nothing, and each one holds a code and some memory. A source
(an IPv4 address, or an IPv6 /64: one customer line gets a whole /64) may hold at most `max_links`
customer connections at once, and be issued at most `codes_per_minute` new codes in any 60 seconds
(re-attaching a resumed code does not count). A connection over either limit is turned away at login,
before it holds anything; the codes limit is checked again, and counted in the same step, when the code
is issued.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable

from sessions.relay.gate import source_of
from sessions.relay.ratelimit import FailureLimiter

CODE_WINDOW = 60.0


def too_many_links(address: str, limit: int) -> str:
    return (
        f"Too many customer connections from {address} ({limit} at once); "
        "end a support session on this network, or try again later"
    )


def too_many_codes(address: str, limit: int) -> str:
    return (
        f"Too many session codes requested from {address} ({limit} a minute); "
        "wait a minute, then start the agent again"
    )


class CustomerAdmission:
    """Counts customer links and issued codes per source address. A limit of 0 means no limit."""

    def __init__(
        self, max_links: int, codes_per_minute: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.max_links = max_links
        self.codes_per_minute = codes_per_minute
        self._links: Counter[str] = Counter()
        self._codes = FailureLimiter(codes_per_minute, CODE_WINDOW, clock)
        self._issued = 0

    def refusal(self, address: str) -> str:
        """Why a new customer connection from *address* is refused now ("" when it is welcome)."""
        source = source_of(address)
        if self.max_links and self._links[source] >= self.max_links:
            return too_many_links(source, self.max_links)
        if self.codes_per_minute and self._codes.blocked(source):
            return too_many_codes(source, self.codes_per_minute)
        return ""

    def linked(self, address: str) -> None:
        """A customer connection from *address* was let in."""
        self._links[source_of(address)] += 1

    def unlinked(self, address: str) -> None:
        """A customer connection from *address* is gone."""
        source = source_of(address)
        self._links[source] -= 1
        if self._links[source] <= 0:
            del self._links[source]

    def take_code(self, address: str) -> str:
        """Count a new code for *address*, or say why not ("" when it may have one).

        The check and the count happen in one step: logins from one address that all passed `refusal`
        at once still get at most `codes_per_minute` codes between them.
        """
        if not self.codes_per_minute:
            return ""
        if self._codes.take(source_of(address)) is None:
            return too_many_codes(address, self.codes_per_minute)
        self._issued += 1
        if self._issued % 256 == 0:  # now and then, so memory stays bounded by the last minute
            self._codes.forget_idle()
        return ""

    def links(self, address: str) -> int:
        return self._links[source_of(address)]
