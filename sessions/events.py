"""The one way the core tells a UI what happened: `subscribe(callback) -> Unsubscribe`, frozen event values.

Every Qt-free object a window watches (LiveSession, CodeSession, the agent, the outbox, a diagnostics
run) keeps one `Subscribers` and offers `subscribe()`. Events are `@dataclass(frozen=True, slots=True)`
values that never hold a password, key or full session code. Callbacks run in the thread (and on the
loop) that made the change; console/ turns them into Qt signals in one generic bridge.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

EventT = TypeVar("EventT")
Unsubscribe = Callable[[], None]


class Subscribers(Generic[EventT]):
    """Callbacks that receive every event, in the order they subscribed.

    One failing callback is logged and never stops the others nor the object that emits: a window's
    bug must not end a customer's session or stop a delivery. Thread-safe to subscribe from anywhere.
    """

    def __init__(self, owner: str = "") -> None:
        self._owner = owner
        self._callbacks: list[Callable[[EventT], None]] = []
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._callbacks)

    def subscribe(self, callback: Callable[[EventT], None]) -> Unsubscribe:
        """Add *callback*; returns the function that removes it (calling it twice is harmless)."""
        with self._lock:
            self._callbacks.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._callbacks:
                    self._callbacks.remove(callback)

        return unsubscribe

    def emit(self, event: EventT) -> None:
        with self._lock:
            callbacks = list(self._callbacks)
        for callback in callbacks:
            try:
                callback(event)
            except Exception:  # a subscriber's bug is logged; the emitter goes on
                log.exception("%s subscriber failed on %s", self._owner or "event", type(event).__name__)
