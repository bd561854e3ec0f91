"""Relay.close() closes every connection it took in: agents, stock `ssh -R` customers, technicians, peers."""

from __future__ import annotations

import asyncio
import gc
import warnings
from pathlib import Path

import asyncssh

from sessions import codes
from sessions.agent.core import Agent, AgentConfig
from sessions.relay.client import JoinOptions, connect_by_code, connect_relay
from sessions.relay.server import Relay, RelayConfig
from sessions.ssh.target import Target


async def _stock_customer(port: int) -> asyncssh.SSHClientConnection:
    """What `ssh -R vz:22:…  support@relay` does: log in as `support`, ask for the forward."""
    conn = await asyncssh.connect(
        "127.0.0.1", port, username="support", known_hosts=None, agent_path=None, config=[],
        client_keys=None, password=None,
    )  # fmt: skip
    await conn.forward_remote_port("vz", 22, "127.0.0.1", 9)
    return conn


async def test_close_closes_customer_and_technician_connections(
    relay_config: RelayConfig, tmp_path: Path, tech_key, trust
) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        relay = await Relay.start(relay_config)
        agent = Agent(
            AgentConfig(
                relay=Target("127.0.0.1", relay.port), state_dir=tmp_path / "agent", auto_consent=True,
                consent_timeout=1.0, backoff=(0.1, 0.5), grace=0.5,
            )
        )  # fmt: skip
        await agent.start()
        stock = await _stock_customer(relay.port)
        technician = await connect_relay(
            Target("127.0.0.1", relay.port), trust=trust, technician_key=tech_key
        )
        inner = await connect_by_code(
            Target("127.0.0.1", relay.port), codes.display(agent.code),
            JoinOptions(technician_key=tech_key, trust=trust),
        )  # fmt: skip
        assert (await inner.run("echo up")).stdout == "up\n"
        # And one that has sent nothing yet (raw TCP: not logged in, not even the SSH banner).
        _, raw = await asyncio.open_connection("127.0.0.1", relay.port)
        while len(relay.connections) < 5:
            await asyncio.sleep(0.01)

        # Every connection is closed before the listener is waited for: from Python 3.12 on, waiting for a
        # closed asyncio server waits for every connection it accepted, and close() never returned.
        await asyncio.wait_for(relay.close(), 20)
        raw.close()
        for conn in (stock, technician, inner):
            await asyncio.wait_for(conn.wait_closed(), 10)
        assert not relay.connections
        await agent.end()
        del relay, stock, technician, inner
        gc.collect()
    leaks = [w for w in caught if issubclass(w.category, ResourceWarning)]
    assert not leaks, [str(w.message) for w in leaks]
