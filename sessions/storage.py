"""SQLite schema versions: PRAGMA user_version and migrations applied in order, each in one transaction.

Used by every database of the program (device book, outbox, translation cache, archive index). This
module imports only sessions.errors, so translation/ may use it too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from sessions.errors import SupportError


def schema_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    db: sqlite3.Connection,
    migrations: Sequence[str],
    *,
    too_new: Callable[[int], SupportError],
    run: Callable[[sqlite3.Connection, str], None] | None = None,
) -> int:
    """Bring *db* to ``len(migrations)``: ``migrations[n]`` takes version n to n + 1.

    A database written by a newer program raises ``too_new(version)`` and is left untouched.
    *run* executes one migration inside the transaction (default: ``executescript`` of its text).
    """
    version = schema_version(db)
    if version > len(migrations):
        raise too_new(version)
    for number in range(version, len(migrations)):
        if run is None:
            db.executescript(f"BEGIN; {migrations[number]}; PRAGMA user_version = {number + 1}; COMMIT;")
        else:
            db.execute("BEGIN")
            run(db, migrations[number])
            db.execute(f"PRAGMA user_version = {number + 1}")
            db.execute("COMMIT")
    return len(migrations)
