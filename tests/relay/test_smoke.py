"""End to end on loopback: our agent, our relay and our technician client."""

from __future__ import annotations

from pathlib import Path

from sessions.relay.client import connect_by_code
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target


async def test_exec_through_relay(
    make_agent, relay_target: Target, tech_key: Path, trust: HostKeyTrust
) -> None:
    run = await make_agent()
    conn = await connect_by_code(relay_target, run.agent.code, technician_key=tech_key, trust=trust)
    result = await conn.run("echo hello-from-agent", check=True)
    assert result.stdout == "hello-from-agent\n"
    conn.close()
    await conn.wait_closed()
    assert "Technician ran: echo hello-from-agent" in run.activity()
