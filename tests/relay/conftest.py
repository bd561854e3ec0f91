"""Relay fixtures: a real relay on 127.0.0.1:0, technician keys, trust stores, and agents to pair with it."""

from __future__ import annotations

import asyncio
import dataclasses
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from sessions.agent.core import Agent, AgentConfig
from sessions.agent.events import AgentEventValue
from sessions.relay.audit import read_audit
from sessions.relay.server import Relay, RelayConfig
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from tests.relay.tamper import TamperProxy
from tests.sshd import keygen

TECH_NAME = "Kim Minsu <kim@acme.example>"
DIAG_ALLOWED = {"echo diag-ok", "uname -s"}


@pytest.fixture
def tech_key(tmp_path: Path) -> Path:
    """An unencrypted technician key listed in the relay's technicians file."""
    return keygen(tmp_path / "tech_ed25519", comment="kim@laptop")


@pytest.fixture
def stranger_key(tmp_path: Path) -> Path:
    """A key the relay does not know."""
    return keygen(tmp_path / "stranger_ed25519")


@pytest.fixture
def technicians_file(tmp_path: Path, tech_key: Path) -> Path:
    kind, blob = Path(f"{tech_key}.pub").read_text().split()[:2]
    path = tmp_path / "technicians"
    path.write_text(f"# Acme support\n{kind} {blob} {TECH_NAME}\n")
    return path


@pytest.fixture
def trust(tmp_path: Path) -> HostKeyTrust:
    return HostKeyTrust(
        known_hosts=tmp_path / "tech_known_hosts", read_user_known_hosts=False, accept_new=True
    )


@pytest.fixture
def relay_config(tmp_path: Path, technicians_file: Path) -> RelayConfig:
    return RelayConfig(
        technicians_file=technicians_file,
        state_dir=tmp_path / "relay-state",
        code_ttl=600,
        grace=20,
        consent_timeout=1.0,
        consent_margin=2.0,
    )


@pytest.fixture
async def relay(relay_config: RelayConfig) -> AsyncIterator[Relay]:
    server = await Relay.start(relay_config)
    yield server
    await server.close()


@pytest.fixture
def relay_target(relay: Relay) -> Target:
    return Target("127.0.0.1", relay.port, "kim")


class AgentRun:
    """An agent under test with every event it emitted."""

    def __init__(self, agent: Agent) -> None:
        self.agent = agent
        self.events: list[AgentEventValue] = []
        agent.subscribe(self.events.append)

    def of(self, kind: type) -> list[Any]:
        return [event for event in self.events if isinstance(event, kind)]

    def activity(self) -> list[str]:
        from sessions.agent.events import Activity

        return [event.text for event in self.of(Activity)]


@pytest.fixture
async def make_agent(tmp_path: Path, relay: Relay) -> AsyncIterator[Callable[..., Awaitable[AgentRun]]]:
    started: list[Agent] = []

    async def make(**options: Any) -> AgentRun:
        options.setdefault("consent_timeout", 1.0)
        options.setdefault("auto_consent", True)
        options.setdefault("allow", lambda command: command in DIAG_ALLOWED)
        options.setdefault("backoff", (0.1, 0.5))
        config = AgentConfig(
            relay=Target("127.0.0.1", relay.port), state_dir=tmp_path / f"agent{len(started)}", **options
        )
        agent = Agent(config)
        run = AgentRun(agent)
        await agent.start()
        started.append(agent)
        return run

    yield make
    for agent in started:
        await agent.end()


@pytest.fixture(scope="session")
def openssh() -> str:
    path = shutil.which("ssh")
    if path is None:
        pytest.skip("OpenSSH client not installed")
    return path


# --- the data legs (test_data_leg.py, test_technician_leg.py) -------------------------------------------
MakeRelay = Callable[..., Awaitable[Relay]]
MakeAgent = Callable[..., Awaitable[AgentRun]]


@pytest.fixture
async def legs(relay_config: RelayConfig, tmp_path: Path) -> AsyncIterator[tuple[MakeRelay, MakeAgent]]:
    """Relays (their data port optionally behind a TamperProxy) and agents linked to them."""
    relays: list[Relay] = []
    agents: list[Agent] = []
    proxies: list[TamperProxy] = []

    async def make_relay(proxy: TamperProxy | None = None, **changes: Any) -> Relay:
        changes.setdefault("handshake_timeout", 2.0)
        if proxy is not None:
            proxies.append(await proxy.start())
            changes["data_public_port"] = proxy.port
        relay = await Relay.start(dataclasses.replace(relay_config, **changes))
        relays.append(relay)
        if proxy is not None:
            assert relay.legs is not None
            proxy.target = relay.legs.port
        return relay

    async def make_agent(relay: Relay, **options: Any) -> AgentRun:
        options.setdefault("consent_timeout", 1.0)
        options.setdefault("auto_consent", True)
        options.setdefault("allow", lambda command: command in DIAG_ALLOWED)
        options.setdefault("backoff", (0.1, 0.5))
        agent = Agent(
            AgentConfig(
                Target("127.0.0.1", relay.port), state_dir=tmp_path / f"agent{len(agents)}", **options
            )
        )
        run = AgentRun(agent)
        await agent.start()
        agents.append(agent)
        return run

    yield make_relay, make_agent
    for agent in agents:
        await agent.end()
    for relay in relays:
        await relay.close()
    for proxy in proxies:
        await proxy.close()


def audited(relay: Relay, kind: str) -> list[dict[str, Any]]:
    """The relay's audit events of one *kind*, oldest first."""
    return [event for event in read_audit(relay.audit.path) if event["event"] == kind]


async def until(predicate: Callable[[], object], what: str, timeout: float = 10.0) -> None:
    """Wait for *predicate* to hold; fail with *what* after *timeout* seconds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"{what}: not in {timeout} s")
        await asyncio.sleep(0.05)
