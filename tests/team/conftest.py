"""Team server fixtures: a real PostgreSQL (when installed) and the same tests on SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.team.pgcluster import PgCluster, missing_reason, start_cluster


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    reason = missing_reason()
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    cluster = start_cluster()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """'' (SQLite in the state folder) or a fresh PostgreSQL database: every test using it runs on both."""
    if request.param == "sqlite":
        return ""
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    return cluster.database()


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "relay-state"
    folder.mkdir()
    return folder
