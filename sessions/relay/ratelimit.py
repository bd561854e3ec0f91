"""Claim limiter: at most N counted claims per key (technician key, source address) in a sliding window.

A claim is counted the moment it starts (`take`, which checks and counts with nothing in between, so
simultaneous claims cannot all slip under the limit) and handed back (`refund`) only when it ends in
the customer's yes or through no fault of the claimant.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class FailureLimiter:
    """Counts claims per key (technician key, address) in a sliding window; `blocked` says when a key has
    used up its allowance."""

    def __init__(
        self, limit: int = 5, window: float = 600.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, key: str) -> deque[float]:
        now = self._clock()
        times = self._failures.get(key)
        if times is None:
            return deque()
        while times and now - times[0] >= self.window:
            times.popleft()
        if not times:
            del self._failures[key]
        return times

    def blocked(self, *keys: str) -> bool:
        """True when any of *keys* has `limit` failures inside the window."""
        return any(len(self._recent(key)) >= self.limit for key in keys)

    def retry_after(self, *keys: str) -> float:
        """Seconds until every key in *keys* may try again (0 when none is blocked)."""
        now = self._clock()
        waits = [
            times[0] + self.window - now for key in keys if len(times := self._recent(key)) >= self.limit
        ]
        return max(waits, default=0.0)

    def record(self, *keys: str) -> float:
        """Count one failure against each of *keys*; returns its time stamp (for `refund`)."""
        now = self._clock()
        for key in keys:
            self._failures.setdefault(key, deque()).append(now)
        return now

    def take(self, *keys: str) -> float | None:
        """Check and count in one step: None when any of *keys* is blocked, else the count's time stamp."""
        if self.blocked(*keys):
            return None
        return self.record(*keys)

    def refund(self, stamp: float, *keys: str) -> None:
        """Hand back the count made at *stamp* (by `take` or `record`) for each of *keys*."""
        for key in keys:
            times = self._failures.get(key)
            if times is not None and stamp in times:
                times.remove(stamp)

    def forget_idle(self) -> None:
        """Drop keys with no failure inside the window (called now and then to bound memory)."""
        for key in list(self._failures):
            self._recent(key)
