"""Team server fixtures: a real PostgreSQL (when installed) and the same tests on SQLite."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest

from sessions.relay.server import Relay, RelayConfig
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from sessions.team.client import TeamClient
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


# --- a relay with the team server and four identities -------------------------------------------------
PEOPLE = {
    # name: (options, comment)
    "kim": ('team="seoul"', "Kim Minsu <kim@acme.example>"),
    "jung": ('team="busan"', "Jung Hana <jung@acme.example>"),
    "lee": ('role="lead",team="seoul"', "Lee Jiwoo <lee@acme.example>"),
    "park": ('role="hq"', "Park Sora <park@acme.example>"),
    "choi": ('role="admin"', "Choi Admin <choi@acme.example>"),
}


@pytest.fixture(scope="session")
def people_keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from tests.sshd import keygen

    folder = tmp_path_factory.mktemp("team-keys")
    return {name: keygen(folder / f"{name}_ed25519", comment=name) for name in PEOPLE}


def technicians_text(keys: dict[str, Path], people: dict[str, tuple[str, str]] | None = None) -> str:
    lines = ["# Acme support"]
    for name, (options, comment) in (people or PEOPLE).items():
        kind, blob = Path(f"{keys[name]}.pub").read_text().split()[:2]
        lines.append(f"{options} {kind} {blob} {comment}".strip())
    return "\n".join(lines) + "\n"


@pytest.fixture
def team_technicians(tmp_path: Path, people_keys: dict[str, Path]) -> Path:
    path = tmp_path / "technicians"
    path.write_text(technicians_text(people_keys))
    return path


@pytest.fixture
async def team_relay(db_url: str, state_dir: Path, team_technicians: Path) -> AsyncIterator[Relay]:
    relay = await Relay.start(
        RelayConfig(technicians_file=team_technicians, state_dir=state_dir, db_url=db_url)
    )
    yield relay
    await relay.close()


@pytest.fixture
def connect_as(
    team_relay: Relay, people_keys: dict[str, Path], tmp_path: Path
) -> Callable[[str], Awaitable[TeamClient]]:
    """`await connect_as("lee")`: a TeamClient with that person's key (closed after the test)."""
    opened: list[TeamClient] = []

    async def connect(name: str) -> TeamClient:
        trust = HostKeyTrust(
            known_hosts=tmp_path / "known_hosts", read_user_known_hosts=False, accept_new=True
        )
        client = await TeamClient.connect(
            Target("127.0.0.1", team_relay.port, name), trust=trust, technician_key=people_keys[name]
        )
        opened.append(client)
        return client

    yield connect  # type: ignore[misc]
    for client in opened:
        client.conn.close()
