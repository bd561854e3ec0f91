"""Cluster fixtures: one deployment host key, one shared database (SQLite file or a real PostgreSQL)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sessions.agent.core import Agent, AgentConfig
from sessions.relay.server import Relay, RelayConfig
from sessions.ssh.target import Target
from tests.relay.conftest import (  # noqa: F401 - fixtures shared with the relay tests
    DIAG_ALLOWED,
    AgentRun,
    openssh,
    stranger_key,
    tech_key,
    technicians_file,
    trust,
)
from tests.sshd import keygen
from tests.team.pgcluster import PgCluster, missing_reason, running_cluster


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    reason = missing_reason()
    if reason:
        pytest.skip(reason)
    with running_cluster() as cluster:
        yield cluster


@pytest.fixture
def deployment_key(tmp_path: Path) -> Path:
    return keygen(tmp_path / "deployment_ed25519", comment="valuezone relays")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    return cluster.database("cluster")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'shared.sqlite3'}"


def relay_config(
    tmp_path: Path, technicians: Path, name: str, db_url: str, key: Path | None, **kw: Any
) -> RelayConfig:
    options: dict[str, Any] = dict(code_ttl=600, grace=20, consent_timeout=2.0, consent_margin=2.0, lease=3.0)
    options.update(kw)
    return RelayConfig(
        technicians_file=technicians,
        state_dir=tmp_path / f"relay-{name}",
        db_url=db_url,
        host_key_file=key,
        **options,
    )


@pytest.fixture
async def make_relay(
    tmp_path: Path,
    technicians_file: Path,  # noqa: F811
    deployment_key: Path,
) -> AsyncIterator[Callable[..., Awaitable[Relay]]]:
    started: list[Relay] = []

    async def make(db_url: str, name: str = "", key: Path | None = None, **kw: Any) -> Relay:
        config = relay_config(
            tmp_path, technicians_file, name or str(len(started)), db_url, key or deployment_key, **kw
        )
        relay = await Relay.start(config)
        started.append(relay)
        return relay

    yield make
    for relay in started:
        if relay.cluster is not None or relay.team is not None:
            await relay.close()


@pytest.fixture
async def make_agent(tmp_path: Path) -> AsyncIterator[Callable[..., Awaitable[AgentRun]]]:
    started: list[Agent] = []

    async def make(*ports: int, **options: Any) -> AgentRun:
        options.setdefault("consent_timeout", 2.0)
        options.setdefault("auto_consent", True)
        options.setdefault("allow", lambda command: command in DIAG_ALLOWED)
        options.setdefault("backoff", (0.1, 0.5))
        targets = [Target("127.0.0.1", port) for port in ports]
        config = AgentConfig(
            relay=targets[0],
            fallbacks=tuple(targets[1:]),
            state_dir=tmp_path / f"agent{len(started)}",
            **options,
        )
        agent = Agent(config)
        run = AgentRun(agent)
        started.append(agent)
        await agent.start()
        return run

    yield make
    for agent in started:
        await agent.end()
