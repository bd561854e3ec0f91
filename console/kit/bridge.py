"""The one bridge from the Qt-free core to Qt: what a core object publishes arrives as a signal.

Every core object a window watches offers `subscribe(callback) -> unsubscribe` and publishes frozen
event values (sessions/events.py). `EventBridge` subscribes once and re-emits each event as `received`
on the Qt thread, whichever thread the core published it from; `on(kind, slot)` routes one event type
to a slot. A slot that raises is a bug: Qt hands it to the crash hook.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)
E = TypeVar("E")


class Publisher(Protocol):
    """A core object a window can watch (LiveSession, Agent, Outbox, …)."""

    def subscribe(self, callback: Callable[[Any], None], /) -> Callable[[], None]: ...


class EventBridge(QObject):
    """Subscribes to one publisher; its events come out as `received` (and routed slots) on the Qt thread.

    The subscription ends with `close()`, or when *parent* is destroyed, so a closed window never hears
    from the core again.
    """

    received = Signal(object)  # every event, in the order published

    def __init__(self, publisher: Publisher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._routes: list[tuple[type[Any], Callable[[Any], object]]] = []
        self.received.connect(self._route)  # queued when the core publishes from another thread
        lock = threading.RLock()  # re-entrant: a slot run directly may close the bridge
        is_open = [True]

        def publish(event: object) -> None:  # any thread
            with lock:
                if is_open[0]:
                    self.received.emit(event)

        unsubscribe = publisher.subscribe(publish)

        def close(*_: object) -> None:  # a plain function: safe to call once this QObject is gone
            with lock:
                is_open[0] = False
            unsubscribe()

        self._is_open = is_open
        self._close = close
        if parent is not None:
            parent.destroyed.connect(close)

    def on(self, kind: type[E], slot: Callable[[E], object]) -> EventBridge:
        """Call *slot* with every event that is a *kind*; returns the bridge, so routes chain."""
        self._routes.append((kind, slot))
        return self

    def close(self) -> None:
        """Stop listening (calling it twice is harmless); events already queued are dropped."""
        self._close()

    def _route(self, event: object) -> None:  # the Qt thread
        if not self._is_open[0]:
            return
        for kind, slot in self._routes:
            if isinstance(event, kind):
                slot(event)
