"""How many channels the runner keeps open at once, learning the server's limit when it refuses one.

OpenSSH allows MaxSessions (10 by default) channels per connection, and the technician's terminal or
file browser may hold some of them. When the server refuses a channel while others of ours are open,
the limit drops to what the server did accept and the command waits for a free channel instead of
failing.
"""

from __future__ import annotations

import asyncio
from collections import deque


class ChannelLimit:
    """A semaphore whose size can shrink while it is in use."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("at least one channel is needed")
        self.limit = limit
        self.used = 0
        self._waiters: deque[asyncio.Future[None]] = deque()

    async def acquire(self) -> None:
        while self.used >= self.limit:
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            try:
                await waiter
            except asyncio.CancelledError:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)
                elif not waiter.cancelled():
                    self._wake()  # woken but cancelled before using it: pass the wake-up on
                raise
        self.used += 1

    def release(self) -> None:
        self.used -= 1
        self._wake()

    def refused(self) -> bool:
        """The server refused a channel while the caller held a slot: shrink; False when retrying is useless.

        Retrying makes sense only when other channels of ours were open (the server counts them).
        """
        others = self.used - 1
        if others < 1:
            return False
        self.limit = min(self.limit, others)
        return True

    def _wake(self) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return
