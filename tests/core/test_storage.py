"""Schema migrations: applied in order, once, and a newer database is refused untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sessions.errors import SupportError
from sessions.storage import migrate, schema_version

STEPS = ["CREATE TABLE a (x INTEGER)", "ALTER TABLE a ADD COLUMN y TEXT"]


def _too_new(version: int) -> SupportError:
    return SupportError(f"schema {version} is newer")


def test_migrations_run_in_order_and_once(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "t.sqlite3", isolation_level=None)
    assert migrate(db, STEPS[:1], too_new=_too_new) == 1
    assert migrate(db, STEPS, too_new=_too_new) == 2
    assert migrate(db, STEPS, too_new=_too_new) == 2
    db.execute("INSERT INTO a (x, y) VALUES (1, 'ok')")
    assert schema_version(db) == 2


def test_a_newer_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "t.sqlite3", isolation_level=None)
    db.execute("PRAGMA user_version = 7")
    with pytest.raises(SupportError, match="schema 7"):
        migrate(db, STEPS, too_new=_too_new)
    assert schema_version(db) == 7
    assert db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
