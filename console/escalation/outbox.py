"""The outbox inside the console: delivers queued bundles on the asyncio loop, re-emits changes as signals.

The worker runs only while something waits (queued, or sending under another process's lease): it is
started when the window opens with such items, when a bundle is queued and on Retry, and it ends when
nothing is left to send, so an idle console has no task pending. Bundles queued while HQ was down are
delivered when it comes back, across restarts (the outbox is SQLite).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from console.kit.bridge import EventBridge
from console.kit.tasks import spawn
from sessions.config import Settings
from sessions.errors import SupportError
from sessions.escalation import Outbox, OutboxItem, State, deliverer_for
from sessions.escalation.delivery import Deliverer
from sessions.escalation.destinations import HqDestination, backoff, delivery_options, destinations

log = logging.getLogger(__name__)
START_RETRY_MS = 250


class OutboxService(QObject):
    """Owns the console's Outbox and its delivery worker."""

    item_changed = Signal(object)  # OutboxItem, in the UI thread
    items_reset = Signal()  # rows were removed: read `items()` again
    delivered = Signal(object)  # OutboxItem that has just been delivered

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.outbox = Outbox(backoff=backoff(settings.section("escalation")))
        self._events = EventBridge(self.outbox, self).on(OutboxItem, self._on_changed)  # from any thread
        self._task: asyncio.Task[None] | None = None
        self._wake: asyncio.Event | None = None
        self._closed = False
        if self.outbox.next_wakeup() is not None:
            QTimer.singleShot(0, self.wake)

    # --- public API -------------------------------------------------------------------------------
    def items(self) -> list[OutboxItem]:
        return self.outbox.items()

    def destinations(self) -> list[HqDestination]:
        return destinations(self.settings.section("escalation"))

    def destination_label(self, url: str) -> str:
        match = next((d for d in self.destinations() if d.url == url), None)
        return match.label if match else url

    def wake(self) -> None:
        """Look at the outbox now (a bundle was queued, Retry was pressed, or the window opened)."""
        if self._closed:
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # Qt is running events outside the asyncio loop: try again shortly
            QTimer.singleShot(START_RETRY_MS, self.wake)
            return
        if self._task is None or self._task.done():
            self._wake = asyncio.Event()
            self._task = spawn(self._run(self._wake))
        elif self._wake is not None:
            self._wake.set()

    def retry(self, bundle_id: str) -> None:
        self.outbox.retry(bundle_id)
        self.wake()

    def remove(self, item: OutboxItem) -> None:
        """Forget a bundle; its file goes too unless another destination still needs it."""
        removed = self.outbox.remove(item.bundle_id, item.destination)
        if removed is not None and not any(i.bundle_id == item.bundle_id for i in self.outbox.items()):
            with contextlib.suppress(OSError):
                Path(removed.path).unlink(missing_ok=True)
        self.items_reset.emit()

    def is_running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def stop(self) -> None:
        """End the worker (a send in progress is put back in the queue) and close the database."""
        self._closed = True
        self._events.close()
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self.outbox.close()

    def close_soon(self) -> None:
        """At window close: stop without awaiting (the loop may be about to end)."""
        if self._closed:
            return
        if self._task is not None and not self._task.done():
            spawn(self.stop())
        else:
            self._closed = True
            self._events.close()
            self.outbox.close()

    # --- the worker -------------------------------------------------------------------------------
    def _deliverer(self, url: str) -> Deliverer:
        return deliverer_for(url, delivery_options(url, self.destinations()))

    async def _run(self, wake: asyncio.Event) -> None:
        """Deliver what is due; sleep until the next is due or a wake; end when nothing waits."""
        while True:
            wake.clear()
            try:
                await self.outbox.deliver_due(self._deliverer)
            except SupportError as exc:  # the database itself failed: say so, try again later
                log.warning("the outbox could not deliver: %s", exc)
            wait = self.outbox.next_wakeup()
            if wait is None:
                return
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(max(wait, 0.01)):
                    await wake.wait()

    def _on_changed(self, item: OutboxItem) -> None:
        self.item_changed.emit(item)
        if item.state is State.DELIVERED:
            self.delivered.emit(item)
