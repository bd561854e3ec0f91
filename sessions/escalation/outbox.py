"""The persistent outbox (SQLite): queued → sending → delivered | failed, with backoff across restarts.

One row per (bundle id, destination). A row is claimed atomically before sending, so two processes
(the console and `valuezone escalate outbox --retry`) never send it at the same time; a claim left by
a crash expires after `LEASE` seconds. Delivery itself is idempotent by bundle id, so even a send
repeated after a crash stores the bundle once. Subscribers are called, in the thread that made the
change, with a frozen OutboxItem (it never holds a secret): the console's bridge re-emits it as a signal.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sessions import storage
from sessions.errors import DeliveryError, EscalationError, SupportError
from sessions.escalation.delivery import Deliverer
from sessions.events import Subscribers, Unsubscribe
from sessions.paths import app_dirs
from sessions.statemachine import Table

log = logging.getLogger(__name__)
SCHEMA_VERSION = 1
LEASE = 600.0


class State(enum.StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    DELIVERED = "delivered"
    FAILED = "failed"


class OutboxEvent(enum.Enum):
    CLAIM = "claim"  # a sender takes the row (or takes over one whose sender's lease expired)
    DELIVERED = "delivered"
    RETRY_LATER = "retry later"
    GIVE_UP = "give up"
    RETRY = "retry"  # the Retry button, `escalate outbox --retry`


# The rows' states live in SQLite; this table is the only way a row's state changes.
TABLE: Table[State, OutboxEvent] = Table(
    "outbox",
    State.QUEUED,
    {
        (State.QUEUED, OutboxEvent.CLAIM): State.SENDING,
        (State.SENDING, OutboxEvent.CLAIM): State.SENDING,  # only once a crashed sender's lease expired
        (State.SENDING, OutboxEvent.DELIVERED): State.DELIVERED,
        (State.SENDING, OutboxEvent.RETRY_LATER): State.QUEUED,
        (State.SENDING, OutboxEvent.GIVE_UP): State.FAILED,
        (State.FAILED, OutboxEvent.RETRY): State.QUEUED,
        (State.QUEUED, OutboxEvent.RETRY): State.QUEUED,
    },
    terminal={State.DELIVERED},
)


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One bundle on its way to one destination, as the Escalations view shows it."""

    bundle_id: str
    destination: str
    path: str
    size: int
    sha256: str
    ticket: str
    state: State
    attempts: int
    next_attempt: float
    reason: str
    created: float
    updated: float


@dataclass(frozen=True, slots=True)
class Backoff:
    """Delay before attempt n+1: base·2ⁿ⁻¹ capped, ±20 % jitter; `max_attempts` failures make it failed."""

    base: float = 10.0
    cap: float = 3600.0
    max_attempts: int = 50

    def delay(self, attempts: int) -> float:
        raw = min(self.cap, self.base * 2 ** max(attempts - 1, 0))
        return raw * random.uniform(0.8, 1.2)


Subscriber = Callable[[OutboxItem], None]
DelivererFor = Callable[[str], Deliverer]
_COLUMNS = (
    "bundle_id, destination, path, size, sha256, ticket, state, attempts, next_attempt, reason, "
    "created, updated"
)
_MIGRATIONS = [
    """CREATE TABLE outbox (
        bundle_id TEXT NOT NULL, destination TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL,
        sha256 TEXT NOT NULL, ticket TEXT NOT NULL DEFAULT '', state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0, next_attempt REAL NOT NULL, reason TEXT NOT NULL DEFAULT '',
        created REAL NOT NULL, updated REAL NOT NULL, PRIMARY KEY (bundle_id, destination));
    CREATE INDEX outbox_due ON outbox (state, next_attempt)""",
]


def default_path() -> Path:
    return app_dirs().state / "outbox.sqlite3"


class Outbox:
    """The outbox database. Thread-safe; every method is short and synchronous except `deliver_due`/`run`."""

    def __init__(self, path: Path | None = None, *, backoff: Backoff | None = None) -> None:
        self.path = path or default_path()
        self.backoff = backoff or Backoff()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._subscribers: Subscribers[OutboxItem] = Subscribers("outbox")
        try:
            self._db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._migrate()
        except sqlite3.Error as exc:
            raise EscalationError(
                f"The outbox {self.path} cannot be opened ({exc}).",
                "Check the disk and the file's permissions; queued bundles are kept in it.",
                code="escalation.outbox_unopenable",
                params={"path": self.path, "exc": exc},
            ) from exc

    def _migrate(self) -> None:
        def too_new(version: int) -> EscalationError:
            return EscalationError(
                f"The outbox {self.path} was written by a newer Valuezone (schema {version}).",
                "Update Valuezone; the queued bundles are left as they are.",
                code="escalation.outbox_too_new",
                params={"path": self.path, "version": version},
            )

        storage.migrate(self._db, _MIGRATIONS[:SCHEMA_VERSION], too_new=too_new)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # --- reading -------------------------------------------------------------------------------------
    def _rows(self, where: str = "1", args: tuple = ()) -> list[OutboxItem]:
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM outbox WHERE {where} ORDER BY created", args)
            return [_item(row) for row in rows.fetchall()]

    def items(self, *states: State) -> list[OutboxItem]:
        """Every item (or those in *states*), oldest first."""
        if not states:
            return self._rows()
        marks = ",".join("?" * len(states))
        return self._rows(f"state IN ({marks})", tuple(s.value for s in states))

    def get(self, bundle_id: str, destination: str) -> OutboxItem | None:
        found = self._rows("bundle_id=? AND destination=?", (bundle_id, destination))
        return found[0] if found else None

    # --- subscriptions -------------------------------------------------------------------------------
    def subscribe(self, callback: Subscriber) -> Unsubscribe:
        """Call *callback* with every changed item; returns the function that unsubscribes."""
        return self._subscribers.subscribe(callback)

    def _notify(self, item: OutboxItem | None) -> None:
        if item is not None:
            self._subscribers.emit(item)

    # --- changes -------------------------------------------------------------------------------------
    def enqueue(
        self, path: Path, bundle_id: str, sha256: str, size: int, destination: str, ticket: str = ""
    ) -> OutboxItem:
        """Queue a bundle for a destination; queuing the same bundle again changes nothing."""
        now = time.time()
        with self._lock:
            self._db.execute(
                f"INSERT OR IGNORE INTO outbox ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,0,?,'',?,?)",
                (
                    bundle_id,
                    destination,
                    str(path.absolute()),
                    size,
                    sha256,
                    ticket,
                    State.QUEUED.value,
                    now,
                    now,
                    now,
                ),
            )
            item = self.get(bundle_id, destination)
        assert item is not None
        self._notify(item)
        return item

    def _move(self, item: OutboxItem, event: OutboxEvent, **changes: object) -> OutboxItem | None:
        """Apply a transition if the row is still in the state *item* has; None if someone else moved it.

        An event the table has no entry for raises TransitionError (a bug, never a person's mistake).
        """
        new_state = TABLE.target(item.state, event)
        sets = {"state": new_state.value, "updated": time.time(), **changes}
        assignments = ", ".join(f"{k}=?" for k in sets)
        with self._lock:
            cursor = self._db.execute(
                f"UPDATE outbox SET {assignments} "
                "WHERE bundle_id=? AND destination=? AND state=? AND updated=?",
                (*sets.values(), item.bundle_id, item.destination, item.state.value, item.updated),
            )
            moved = self.get(item.bundle_id, item.destination) if cursor.rowcount == 1 else None
        self._notify(moved)
        return moved

    def retry(self, bundle_id: str | None = None) -> list[OutboxItem]:
        """Send failed (and waiting) items again now: the Retry button and `escalate outbox --retry`."""
        out = []
        for item in self.items(State.FAILED, State.QUEUED):
            if bundle_id is None or item.bundle_id == bundle_id:
                moved = self._move(
                    item,
                    OutboxEvent.RETRY,
                    next_attempt=time.time(),
                    attempts=0 if item.state == State.FAILED else item.attempts,
                )
                if moved is not None:
                    out.append(moved)
        return out

    def remove(self, bundle_id: str, destination: str) -> OutboxItem | None:
        """Forget an item that is not being sent (the Remove button); returns it, or None if absent.

        The bundle file is left where it is: the caller decides whether it is still needed.
        """
        item = self.get(bundle_id, destination)
        if item is None:
            return None
        if item.state is State.SENDING and item.next_attempt > time.time():
            raise EscalationError(
                "This bundle is being sent right now.",
                "Wait until the attempt ends, then remove it.",
                code="escalation.sending_now",
            )
        with self._lock:
            self._db.execute(
                "DELETE FROM outbox WHERE bundle_id=? AND destination=? AND updated=?",
                (bundle_id, destination, item.updated),
            )
        return item

    def due(self, now: float | None = None) -> list[OutboxItem]:
        """Queued items whose time has come, and sending items whose sender's lease has expired."""
        now = time.time() if now is None else now
        return self._rows("state IN ('queued','sending') AND next_attempt <= ?", (now,))

    # --- delivering ----------------------------------------------------------------------------------
    async def deliver_one(self, item: OutboxItem, deliverer_for: DelivererFor) -> OutboxItem | None:
        claimed = self._move(
            item, OutboxEvent.CLAIM, next_attempt=time.time() + LEASE, attempts=item.attempts + 1
        )
        if claimed is None:
            return None
        try:
            bundle = Path(claimed.path)
            if not bundle.is_file() or bundle.stat().st_size != claimed.size:
                raise DeliveryError(
                    f"The bundle file {claimed.path} is missing or was changed since it was queued.",
                    "Build the bundle again and send the new one.",
                    retryable=False,
                    code="delivery.bundle_changed",
                    params={"path": claimed.path},
                )
            receipt = await deliverer_for(claimed.destination).deliver(
                bundle, claimed.bundle_id, claimed.sha256, claimed.size
            )
        except asyncio.CancelledError:
            self._move(
                claimed,
                OutboxEvent.RETRY_LATER,
                next_attempt=time.time(),
                reason="interrupted; it is sent again",
            )
            raise
        except SupportError as exc:
            return self._failed(claimed, exc)
        except Exception as exc:  # a bug in a deliverer: keep the bundle queued and say what happened
            log.exception("delivering %s failed unexpectedly", claimed.bundle_id)
            return self._failed(
                claimed,
                DeliveryError(
                    f"Delivery failed unexpectedly ({type(exc).__name__}).",
                    code="delivery.unexpected",
                    params={"kind": type(exc).__name__},
                ),
            )
        note = "HQ already had it" if receipt.already else ""
        return self._move(claimed, OutboxEvent.DELIVERED, reason=note, next_attempt=time.time())

    def _failed(self, item: OutboxItem, exc: SupportError) -> OutboxItem | None:
        retryable = getattr(exc, "retryable", True)
        if retryable and item.attempts < self.backoff.max_attempts:
            wait = max(self.backoff.delay(item.attempts), getattr(exc, "retry_after", 0.0))
            return self._move(item, OutboxEvent.RETRY_LATER, reason=str(exc), next_attempt=time.time() + wait)
        if retryable:
            exc = DeliveryError(
                f"{exc} It was tried {item.attempts} times.",
                "Check the destination, then Retry.",
                code="delivery.gave_up",
                params={"exc": exc, "attempts": item.attempts},
            )
        return self._move(item, OutboxEvent.GIVE_UP, reason=str(exc), next_attempt=time.time())

    async def deliver_due(self, deliverer_for: DelivererFor) -> list[OutboxItem]:
        """One pass over the due items (one at a time, oldest first); returns their new states."""
        out = []
        for item in self.due():
            moved = await self.deliver_one(item, deliverer_for)
            if moved is not None:
                out.append(moved)
        return out

    def next_wakeup(self) -> float | None:
        """Seconds until the next queued item is due (0 when one is due now), None when nothing waits."""
        with self._lock:
            row = self._db.execute(
                "SELECT MIN(next_attempt) FROM outbox WHERE state IN ('queued','sending')"
            ).fetchone()
        return None if row[0] is None else max(0.0, row[0] - time.time())

    async def run(self, deliverer_for: DelivererFor, stop: asyncio.Event, *, idle: float = 30.0) -> None:
        """Deliver until *stop* is set; wakes when an item is due, or every *idle* seconds to look again."""
        while not stop.is_set():
            await self.deliver_due(deliverer_for)
            wait = self.next_wakeup()
            wait = idle if wait is None else min(max(wait, 0.01), idle)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(wait):
                    await stop.wait()


def _item(row: tuple) -> OutboxItem:
    return OutboxItem(
        bundle_id=row[0],
        destination=row[1],
        path=row[2],
        size=int(row[3]),
        sha256=row[4],
        ticket=row[5],
        state=State(row[6]),
        attempts=int(row[7]),
        next_attempt=float(row[8]),
        reason=row[9],
        created=float(row[10]),
        updated=float(row[11]),
    )
