"""Claims counted per technician key across every relay of the deployment (docs/threat-model.md).

A key gets `failure_limit` counted claims per window wherever it claims: the count lives in the shared
database (checked and counted in one transaction), and each relay mirrors its own claims in its local
FailureLimiter. A claim carried from another relay was counted there and is not counted again. Source
addresses stay counted per relay (a technician key is what a guesser cannot multiply). When the database
cannot be reached, the local count alone decides, and the log says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sessions.cluster.node import ClusterNode
from sessions.relay.ratelimit import FailureLimiter

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Count:
    """One claim's count: its local stamp and its database row (None where it was not counted)."""

    local: float | None = None
    row: int | None = None


NOT_COUNTED = Count()


class ClaimCounter:
    """`take` before a claim, `refund` when it ends in the customer's yes or through no fault of its own."""

    def __init__(self, limiter: FailureLimiter) -> None:
        self.limiter = limiter
        self.node: ClusterNode | None = None  # set once the relay joined its deployment

    async def take(self, key: str, address: str, *, forwarded: bool = False) -> Count | None:
        """Count a claim by *key* from *address*; None when either has used up its allowance."""
        if self.limiter.blocked(address):
            return None
        if forwarded:  # counted on the relay the technician claimed on, which carried it here
            return NOT_COUNTED
        local = self.limiter.take(key)
        if local is None:
            return None
        if self.node is None:
            return Count(local)
        try:
            row = await self.node.take_claim(key, self.limiter.limit, self.limiter.window)
        except Exception as exc:  # the database is away: this relay's own count decides meanwhile
            log.warning("claims counted on this relay only (the database did not answer): %s", exc)
            return Count(local)
        if row is None:  # used up on the other relays
            self.limiter.refund(local, key)
            return None
        return Count(local, row)

    def refund(self, count: Count, key: str) -> None:
        if count.local is not None:
            self.limiter.refund(count.local, key)
        if count.row is not None and self.node is not None:
            self.node.refund_claim(count.row)

    def record(self, address: str) -> None:
        """A refused claim from *address* (counted on this relay)."""
        self.limiter.record(address)
