"""A connect deadline that stops counting while a person is being asked something."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class ConnectDeadline:
    """Counts only the time spent waiting on the network, not on the user's answers."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._started = time.monotonic()
        self._paused_total = 0.0
        self._paused_since: float | None = None
        self._depth = 0

    def elapsed(self) -> float:
        """Seconds spent on the network so far."""
        now = time.monotonic()
        paused = self._paused_total + (now - self._paused_since if self._paused_since is not None else 0.0)
        return now - self._started - paused

    def remaining(self) -> float:
        return self.seconds - self.elapsed()

    @property
    def is_paused(self) -> bool:
        return self._depth > 0

    @asynccontextmanager
    async def paused(self) -> AsyncIterator[None]:
        """Stop the clock while the user answers a question."""
        if self._depth == 0:
            self._paused_since = time.monotonic()
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0 and self._paused_since is not None:
                self._paused_total += time.monotonic() - self._paused_since
                self._paused_since = None
