"""The team database: created and migrated by the relay; a newer schema and RLS-bypassing roles refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessions.team.database import SYSTEM, TeamDatabaseError, display_url, resolve_url
from sessions.team.migrations import open_database, schema_version_supported
from tests.team.pgcluster import PgCluster


def test_url_choices(tmp_path: Path) -> None:
    assert resolve_url("", tmp_path) == ("sqlite", str(tmp_path / "team.sqlite3"))
    assert resolve_url("sqlite:///srv/vz/team.db", tmp_path) == ("sqlite", "/srv/vz/team.db")
    assert resolve_url("postgresql://vz@db:5432/vz", tmp_path)[0] == "postgresql"
    assert display_url("postgresql://vz:s3cret@db:5432/vz") == "postgresql://vz:***@db:5432/vz"
    with pytest.raises(TeamDatabaseError, match=r"neither postgresql"):
        resolve_url("mysql://x@y/z", tmp_path)


def test_created_migrated_and_opened_again(db_url: str, state_dir: Path) -> None:
    database = open_database(db_url, state_dir)
    try:
        with database.tx(SYSTEM) as tx:
            assert tx.rows("SELECT count(*) FROM records") == [(0,)]
    finally:
        database.close()
    again = open_database(db_url, state_dir)  # already at this version: nothing to do
    again.close()


def test_a_newer_schema_is_refused_and_left_alone(db_url: str, state_dir: Path) -> None:
    database = open_database(db_url, state_dir)
    newer = schema_version_supported(database.kind) + 1
    with database.connection() as conn:
        if database.kind == "sqlite":
            conn.execute(f"PRAGMA user_version = {newer}")
        else:
            conn.execute("UPDATE vz_schema SET version = %s", (newer,))
            conn.commit()
    database.close()
    with pytest.raises(TeamDatabaseError, match=rf"schema version {newer}.*Update Valuezone"):
        open_database(db_url, state_dir)


def test_a_superuser_is_refused_because_rls_would_not_apply(pg_cluster: PgCluster, state_dir: Path) -> None:
    url = pg_cluster.database()
    as_superuser = url.replace("valuezone@", "postgres@")
    with pytest.raises(TeamDatabaseError, match=r"superuser.*row-level security.*createuser valuezone"):
        open_database(as_superuser, state_dir)


def test_an_unreachable_database_says_so(state_dir: Path) -> None:
    with pytest.raises(TeamDatabaseError, match=r"cannot be reached.*pg_hba.conf"):
        open_database("postgresql://valuezone:pw@127.0.0.1:1/none", state_dir)


def test_an_older_schema_is_migrated_in_place(
    db_url: str, state_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sessions.team import schema_pg, schema_sqlite

    for module in (schema_pg, schema_sqlite):
        monkeypatch.setattr(module, "MIGRATIONS", module.MIGRATIONS[:1])  # a relay of schema 1
    old = open_database(db_url, state_dir)
    with old.tx(SYSTEM, write=True) as tx:
        tx.run("INSERT INTO team_settings VALUES ('seoul', 30, 'x', 'y')")
    old.close()
    monkeypatch.undo()
    new = open_database(db_url, state_dir)  # this relay: schema 2 adds the HQ inbox index
    try:
        with new.tx(SYSTEM) as tx:
            assert tx.rows("SELECT team, retention_days FROM team_settings") == [("seoul", 30)]
            assert tx.rows("SELECT count(*) FROM hq_bundles") == [(0,)]
    finally:
        new.close()
