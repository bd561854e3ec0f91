"""Short garbage-collection pauses for a relay holding thousands of connections.

CPython's cyclic collector stops the world to scan every tracked object in a full (generation 2)
collection. With 1,000 idle agents linked the relay tracks a few million objects, and a full
collection took 127–143 ms (measured with gc.callbacks during bench/relay.py): every keystroke of every
active pair waits that long, which alone breaks a 50 ms p99. Survivors of a full collection are
long-lived (connections, channels, keys), so `CollectorPacing` freezes them (`gc.freeze()`, as large
Python services do): later collections scan only what is newer, and stay short.

Frozen objects are still freed by reference counting; only reference cycles among them would wait.
So once per `full_every` seconds (default an hour) everything is unfrozen, collected and frozen again:
one long pause an hour instead of one whenever enough connections have come and gone.
"""

from __future__ import annotations

import asyncio
import gc
from typing import Any


class CollectorPacing:
    """Freeze the survivors of each full collection; a complete collection every *full_every* seconds."""

    def __init__(self, full_every: float = 3600.0) -> None:
        self.full_every = full_every
        self.full_collections = 0  # complete (unfrozen) collections done by the timer
        self._loop: asyncio.AbstractEventLoop | None = None
        self._timer: asyncio.TimerHandle | None = None

    def start(self) -> None:
        """Call once the server is listening: collect and freeze the start-up heap, then pace."""
        self._loop = asyncio.get_running_loop()
        gc.collect()
        gc.freeze()
        gc.callbacks.append(self._collected)
        self._timer = self._loop.call_later(self.full_every, self._full)

    def stop(self) -> None:
        if self._collected in gc.callbacks:
            gc.callbacks.remove(self._collected)
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        gc.unfreeze()

    def _collected(self, phase: str, info: dict[str, Any]) -> None:
        # Runs inside the collector: only schedule the freeze, on the loop's thread.
        if phase == "stop" and info.get("generation") == 2 and self._loop is not None:
            self._loop.call_soon_threadsafe(gc.freeze)

    def _full(self) -> None:
        """Everything, frozen or not, scanned once: cycles among long-lived objects are freed."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.full_collections += 1
        assert self._loop is not None
        self._timer = self._loop.call_later(self.full_every, self._full)
