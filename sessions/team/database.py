"""The team database: SQLite in the relay's state folder or PostgreSQL, chosen by a URL, one API for both.

Every transaction runs for an *actor* (who asked). On PostgreSQL the actor is set with `set_config(…,
true)` (transaction-local) and row-level security policies read it, so the database itself limits what
a query sees; on SQLite the server's own queries do (sessions/team/access.py). SQL is written once with
`?` placeholders; for PostgreSQL they become `%s`.
"""

from __future__ import annotations

import contextlib
import queue
import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sessions.archive.tokens import terms_text
from sessions.errors import SupportError

SQLITE_FILE = "team.sqlite3"
POOL_SIZE = 8


class TeamDatabaseError(SupportError):
    """The team database cannot be reached, is too new, or refused a statement."""

    default_code = "team_db.failed"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who a transaction runs for. `role` is a Role value, or "system" for the relay's own jobs."""

    identity: str
    role: str
    teams: tuple[str, ...] = ()


SYSTEM = Actor("system", "system")


def display_url(url: str) -> str:
    """*url* without a password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    return urlunsplit(parts._replace(netloc=netloc[0].split(":")[0] + ":***@" + netloc[1]))


def resolve_url(url: str, state_dir: Path) -> tuple[str, str]:
    """(kind, target): ("postgresql", url) or ("sqlite", file path). Empty means SQLite in *state_dir*."""
    if not url:
        return "sqlite", str(Path(state_dir) / SQLITE_FILE)
    scheme = url.split(":", 1)[0].lower()
    if scheme in ("postgresql", "postgres"):
        return "postgresql", url
    if scheme == "sqlite":
        path = url.split(":", 1)[1]
        path = path[2:] if path.startswith("//") else path  # sqlite:///abs/path or sqlite:relative/path
        if not path:
            raise TeamDatabaseError(
                "The SQLite URL names no file.",
                "Use sqlite:///var/lib/valuezone/team.db.",
                code="team_db.sqlite_no_file",
            )
        return "sqlite", path
    raise TeamDatabaseError(
        f"The database URL {display_url(url)!r} is neither postgresql:// nor sqlite:.",
        "Use postgresql://user@host:5432/dbname, or leave --db out for SQLite in the state folder.",
        code="team_db.unknown_scheme",
        params={"url": display_url(url)},
    )


class Tx:
    """One transaction: `rows`, `one`, `run` and `many` take SQL with `?` placeholders."""

    def __init__(self, cursor: Any, kind: str, actor: Actor) -> None:
        self.cursor = cursor
        self.kind = kind
        self.actor = actor

    def _sql(self, sql: str) -> str:
        return _pg_sql(sql) if self.kind == "postgresql" else sql

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self.cursor.execute(self._sql(sql), tuple(args))
        return [tuple(row) for row in self.cursor.fetchall()]

    def one(self, sql: str, args: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        self.cursor.execute(self._sql(sql), tuple(args))
        row = self.cursor.fetchone()
        return None if row is None else tuple(row)

    def run(self, sql: str, args: Sequence[Any] = ()) -> int:
        self.cursor.execute(self._sql(sql), tuple(args))
        return int(self.cursor.rowcount)

    def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.cursor.executemany(self._sql(sql), [tuple(row) for row in rows])


_PG_CACHE: dict[str, str] = {}


def _pg_sql(sql: str) -> str:
    converted = _PG_CACHE.get(sql)
    if converted is None:
        converted = _PG_CACHE[sql] = sql.replace("%", "%%").replace("?", "%s")
    return converted


class Database:
    """A pool of connections to one team database. Thread-safe; every call blocks (run it in a worker)."""

    def __init__(self, kind: str, target: str) -> None:
        self.kind = kind
        self.target = target
        self.label = display_url(target) if kind == "postgresql" else target
        self._pool: queue.LifoQueue[Any] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(POOL_SIZE)
        self._closed = False

    # --- connections ------------------------------------------------------------------------------
    def _connect(self) -> Any:
        if self.kind == "sqlite":
            return _sqlite_connect(Path(self.target))
        return _pg_connect(self.target, self.label)

    @contextlib.contextmanager
    def connection(self) -> Iterator[Any]:
        """A pooled connection (at most POOL_SIZE at once); a broken one is closed, not returned."""
        if self._closed:
            raise TeamDatabaseError(
                "The team database is closed.", "The relay is stopping.", code="team_db.closed"
            )
        self._slots.acquire()
        try:
            try:
                conn = self._pool.get_nowait()
            except queue.Empty:
                conn = self._connect()
            try:
                yield conn
            except BaseException:
                _discard_if_broken(conn, self.kind)
                if not _is_broken(conn, self.kind):
                    self._give_back(conn)
                raise
            self._give_back(conn)
        finally:
            self._slots.release()

    @contextlib.contextmanager
    def tx(self, actor: Actor, *, write: bool = False) -> Iterator[Tx]:
        """A transaction for *actor*: committed when the block ends, rolled back on an exception."""
        with self.connection() as conn:
            try:
                if self.kind == "sqlite":
                    conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                    cursor = conn.cursor()
                else:
                    cursor = conn.cursor()
                    cursor.execute(
                        "SELECT set_config('valuezone.user', %s, true), "
                        "set_config('valuezone.role', %s, true), set_config('valuezone.teams', %s, true)",
                        (actor.identity, actor.role, ",".join(actor.teams)),
                    )
                yield Tx(cursor, self.kind, actor)
                conn.commit() if self.kind == "postgresql" else conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(Exception):
                    conn.rollback() if self.kind == "postgresql" else conn.execute("ROLLBACK")
                raise

    def _give_back(self, conn: Any) -> None:
        if self._closed:
            with contextlib.suppress(Exception):
                conn.close()
        else:
            self._pool.put(conn)

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                conn = self._pool.get_nowait()
            except queue.Empty:
                return
            with contextlib.suppress(Exception):
                conn.close()


def register_sqlite_functions(conn: sqlite3.Connection) -> None:
    """`vz_terms(body)`: the tokens the FTS index holds for a document (its delete trigger needs them)."""
    conn.create_function("vz_terms", 1, terms_text, deterministic=True)


def _sqlite_connect(path: Path) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        register_sqlite_functions(conn)
    except (sqlite3.Error, OSError) as exc:
        raise TeamDatabaseError(
            f"The team database {path} cannot be opened ({exc}).",
            "Check the state folder's free space and permissions.",
            code="team_db.sqlite_unopenable",
            params={"path": path, "exc": exc},
        ) from exc
    return conn


def _pg_connect(url: str, label: str) -> Any:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        raise TeamDatabaseError(
            "PostgreSQL support needs the psycopg package.",
            "pip install 'psycopg[binary]'",
            code="team_db.psycopg_missing",
        ) from exc
    try:
        # psycopg prepares a statement run five times; PostgreSQL may then plan it once for any value, and a
        # search planned without its words reads the wrong way. Every plan is made for its own values.
        return psycopg.connect(
            url,
            autocommit=False,
            connect_timeout=10,
            application_name="valuezone",
            options="-c plan_cache_mode=force_custom_plan",
        )
    except psycopg.Error as exc:
        reason = re.sub(r"\s+", " ", str(exc)).strip()
        raise TeamDatabaseError(
            f"The team database {label} cannot be reached ({reason}).",
            "Check the URL, that PostgreSQL runs and accepts this user (pg_hba.conf), and the password "
            "in ~/.pgpass or PGPASSWORD (never in the URL on a shared machine).",
            code="team_db.unreachable",
            params={"label": label, "reason": reason},
        ) from exc


def _is_broken(conn: Any, kind: str) -> bool:
    return kind == "postgresql" and bool(conn.closed or conn.broken)


def _discard_if_broken(conn: Any, kind: str) -> None:
    if _is_broken(conn, kind):
        with contextlib.suppress(Exception):
            conn.close()
