"""Creating and upgrading the team database: numbered migrations, one transaction each, never downgraded.

Several relays may share one PostgreSQL database and start at the same moment: the migration runs under
an advisory lock, so one relay migrates and the others wait and find it done. A database written by a
newer Valuezone is refused with a message, never changed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sessions import storage
from sessions.team import schema_pg, schema_sqlite
from sessions.team.database import Database, TeamDatabaseError, resolve_url

MIGRATE_LOCK = 0x767A_7465_616D_0001  # pg_advisory_lock key: "vzteam" + 1
PURGE_LOCK = 0x767A_7465_616D_0002


def schema_version_supported(kind: str) -> int:
    return len(schema_pg.MIGRATIONS if kind == "postgresql" else schema_sqlite.MIGRATIONS)


def _too_new(database: Database, version: int) -> TeamDatabaseError:
    return TeamDatabaseError(
        f"The team database {database.label} has schema version {version}; this Valuezone knows up to "
        f"{schema_version_supported(database.kind)}. A newer relay has upgraded it.",
        "Update Valuezone on this machine: every relay sharing a database must run the newest version.",
        code="team_db.schema_too_new",
        params={
            "database": database.label,
            "version": version,
            "supported": schema_version_supported(database.kind),
        },
    )


def migrate(database: Database) -> int:
    """Bring *database* to this version's schema; returns the version."""
    if database.kind == "sqlite":
        with database.connection() as conn:
            return storage.migrate(
                conn,
                schema_sqlite.MIGRATIONS,
                too_new=lambda version: _too_new(database, version),
                run=_run_sqlite_script,
            )
    with database.connection() as conn:
        return _migrate_pg(database, conn)


def _run_sqlite_script(conn: sqlite3.Connection, script: str) -> None:
    """Each statement of *script* inside the caller's transaction; triggers kept whole (BEGIN … END;)."""
    statement: list[str] = []
    for line in script.splitlines():
        body = line.split("--")[0].rstrip()
        if not body.strip():
            continue
        statement.append(body)
        text = "\n".join(statement)
        in_trigger = text.lstrip().upper().startswith("CREATE TRIGGER")
        if body.endswith(";") and (not in_trigger or body.strip().upper() == "END;"):
            conn.execute(text)
            statement = []


def _migrate_pg(database: Database, conn: Any) -> int:
    cursor = conn.cursor()
    _refuse_rls_bypass(database, cursor)
    conn.commit()
    conn.autocommit = True
    try:
        cursor.execute("SELECT pg_advisory_lock(%s)", (MIGRATE_LOCK,))
        try:
            return _apply_pg(database, conn)
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", (MIGRATE_LOCK,))
    finally:
        conn.autocommit = False


def _apply_pg(database: Database, conn: Any) -> int:
    migrations = schema_pg.MIGRATIONS
    with conn.transaction():
        conn.execute("CREATE TABLE IF NOT EXISTS vz_schema (version INTEGER NOT NULL)")
        row = conn.execute("SELECT max(version) FROM vz_schema").fetchone()
    version = int(row[0] or 0)
    if version > len(migrations):
        raise _too_new(database, version)
    for number in range(version, len(migrations)):
        with conn.transaction():
            conn.execute("SELECT set_config('valuezone.role', 'system', true)")
            conn.execute(migrations[number])
            conn.execute("DELETE FROM vz_schema")
            conn.execute("INSERT INTO vz_schema(version) VALUES (%s)", (number + 1,))
    return len(migrations)


def _refuse_rls_bypass(database: Database, cursor: Any) -> None:
    cursor.execute("SELECT rolsuper, rolbypassrls, current_user FROM pg_roles WHERE rolname = current_user")
    superuser, bypass, user = cursor.fetchone()
    if superuser or bypass:
        what = "a superuser" if superuser else "a role with BYPASSRLS"
        raise TeamDatabaseError(
            f"The team database user {user!r} is {what}: PostgreSQL's row-level security would not apply "
            f"to it, so the database could not enforce who sees which record ({database.label}).",
            "Create an ordinary role that owns the database: `createuser valuezone && createdb -O valuezone "
            "valuezone`, then use --db postgresql://valuezone@HOST:5432/valuezone.",
            code="team_db.user_bypasses_rls",
            params={"user": user, "what": what, "database": database.label},
        )


def open_database(url: str, state_dir: Path) -> Database:
    """The database *url* names (SQLite in *state_dir* when empty), created and migrated to this version."""
    kind, target = resolve_url(url, state_dir)
    database = Database(kind, target)
    try:
        migrate(database)
    except BaseException:
        database.close()
        raise
    return database
