"""Failed-claim limiter: at most N failures per key (technician key, source address) in a sliding window."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class FailureLimiter:
    """Counts failed claims per key; `blocked` says when a key has used up its allowance."""

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

    def record(self, *keys: str) -> None:
        """Count one failure against each of *keys*."""
        now = self._clock()
        for key in keys:
            self._failures.setdefault(key, deque()).append(now)

    def forget_idle(self) -> None:
        """Drop keys with no failure inside the window (called now and then to bound memory)."""
        for key in list(self._failures):
            self._recent(key)
