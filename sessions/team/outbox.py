"""The push outbox: which finished records still have to reach the team server, and which were refused.

SQLite in the data folder (`team-outbox.sqlite3`). A row is marked pushed only after the server
answered, and the server stores a head it already has as "same", so a push killed at any moment and
run again sends each record exactly once. A refused record keeps the server's reason until the record
changes (or `--retry-refused`).
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sessions import storage
from sessions.errors import SupportError
from sessions.paths import app_dirs

_V1 = """
CREATE TABLE pushes (
    server TEXT NOT NULL,
    session_id TEXT NOT NULL,
    folder TEXT NOT NULL,
    count INTEGER NOT NULL,
    hash TEXT NOT NULL,
    state TEXT NOT NULL,
    pushed_count INTEGER NOT NULL DEFAULT 0,
    pushed_hash TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    hint TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    updated TEXT NOT NULL,
    PRIMARY KEY (server, session_id)
);
CREATE INDEX pushes_state ON pushes(server, state)
"""


class OutboxError(SupportError):
    """The push outbox cannot be read or written."""

    default_code = "push_outbox.failed"


@dataclass(frozen=True, slots=True)
class Push:
    """One record in the outbox: its current head, and what happened to it."""

    server: str
    session_id: str
    folder: str
    count: int
    hash: str
    state: str  # queued | pushed | refused
    pushed_count: int
    pushed_hash: str
    reason: str
    hint: str
    attempts: int
    updated: str

    @property
    def update(self) -> bool:
        """An earlier head of this record is on the server already (only events are sent)."""
        return self.pushed_count > 0


def default_path() -> Path:
    return app_dirs().data / "team-outbox.sqlite3"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class PushOutbox:
    """Thread-safe; every method is one short transaction."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            storage.migrate(self.conn, [_V1], too_new=self._too_new)
        except (sqlite3.Error, OSError) as exc:
            raise OutboxError(
                f"The push outbox {self.path} cannot be opened ({exc}).",
                "Check the data folder's free space and permissions.",
                code="push_outbox.unopenable",
                params={"path": self.path, "exc": exc},
            ) from exc

    def _too_new(self, version: int) -> OutboxError:
        return OutboxError(
            f"The push outbox {self.path} was written by a newer Valuezone.",
            "Update Valuezone.",
            code="push_outbox.too_new",
            params={"path": self.path},
        )

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    def get(self, server: str, session_id: str) -> Push | None:
        with self.lock:
            row = self.conn.execute(
                "SELECT * FROM pushes WHERE server = ? AND session_id = ?", (server, session_id)
            ).fetchone()
        return None if row is None else Push(*row)

    def note_head(
        self, server: str, session_id: str, folder: Path, count: int, hash_: str, *, retry: bool
    ) -> bool:
        """Queue the record's head unless pushed (or refused, unless *retry*); True when it is queued."""
        known = self.get(server, session_id)
        if known is not None and (known.count, known.hash) == (count, hash_):
            if known.state == "pushed" or (known.state == "refused" and not retry):
                return False
            if known.state == "queued":
                return True
        with self.lock:
            self.conn.execute(
                "INSERT INTO pushes(server, session_id, folder, count, hash, state, updated) "
                "VALUES (?, ?, ?, ?, ?, 'queued', ?) ON CONFLICT(server, session_id) DO UPDATE SET "
                "folder = excluded.folder, count = excluded.count, hash = excluded.hash, state = 'queued', "
                "reason = '', hint = '', updated = excluded.updated",
                (server, session_id, str(folder), count, hash_, _now()),
            )
        return True

    def queued(self, server: str) -> list[Push]:
        with self.lock:
            rows = self.conn.execute(
                "SELECT * FROM pushes WHERE server = ? AND state = 'queued' ORDER BY folder", (server,)
            ).fetchall()
        return [Push(*row) for row in rows]

    def items(self, server: str = "") -> list[Push]:
        """Every row (of one server, when given), refused first, then queued, then pushed."""
        where, args = ("WHERE server = ?", (server,)) if server else ("", ())
        with self.lock:
            rows = self.conn.execute(
                f"SELECT * FROM pushes {where} ORDER BY CASE state WHEN 'refused' THEN 0 "
                "WHEN 'queued' THEN 1 ELSE 2 END, folder",
                args,
            ).fetchall()
        return [Push(*row) for row in rows]

    def pushed(self, push: Push, count: int, hash_: str) -> None:
        with self.lock:
            self.conn.execute(
                "UPDATE pushes SET state = CASE WHEN count = ? AND hash = ? THEN 'pushed' ELSE state END, "
                "pushed_count = ?, pushed_hash = ?, reason = '', hint = '', attempts = attempts + 1, "
                "updated = ? WHERE server = ? AND session_id = ?",
                (count, hash_, count, hash_, _now(), push.server, push.session_id),
            )

    def refused(self, push: Push, reason: str, hint: str) -> Push:
        """Mark *push* refused with the server's words; returns the row as it is now."""
        with self.lock:
            self.conn.execute(
                "UPDATE pushes SET state = 'refused', reason = ?, hint = ?, attempts = attempts + 1, "
                "updated = ? WHERE server = ? AND session_id = ? AND count = ? AND hash = ?",
                (reason, hint, _now(), push.server, push.session_id, push.count, push.hash),
            )
        return self.get(push.server, push.session_id) or push

    def counts(self, server: str) -> dict[str, int]:
        with self.lock:
            rows = self.conn.execute(
                "SELECT state, count(*) FROM pushes WHERE server = ? GROUP BY state", (server,)
            ).fetchall()
        return {"queued": 0, "pushed": 0, "refused": 0, **dict(rows)}
