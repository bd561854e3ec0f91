"""`valuezone relay` and `valuezone agent` as a person runs them: separate processes, real terminals' text."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from sessions.relay.client import JoinOptions, connect_by_code
from sessions.ssh.target import Target
from tests.relay.conftest import TECH_NAME
from tests.relay.processes import line_matching, relay_and_agents, start_agent


async def test_relay_and_terminal_agent(
    tmp_path: Path, technicians_file: Path, tech_key: Path, trust
) -> None:
    async with relay_and_agents(tmp_path, technicians_file) as (port, seen, agents):
        agent = await start_agent(port, tmp_path / "agent", agents)
        assert agent.stdin is not None
        match = await line_matching(
            agent.stdout, r"Session code: (\d{3} \d{3} \d{3}) \(expires in 10 min\)", seen
        )
        join = asyncio.ensure_future(
            connect_by_code(
                Target("127.0.0.1", port, "kim"),
                match.group(1),
                JoinOptions(technician_key=tech_key, trust=trust),
            )
        )
        await line_matching(agent.stdout, re.escape(f"{TECH_NAME} wants to connect to this device."), seen)
        await line_matching(agent.stdout, r"^Full access: the technician can run any command as \S+ on", seen)
        await line_matching(agent.stdout, re.escape("Allow? [y/N]"), seen)
        agent.stdin.write(b"y\n")
        conn = await asyncio.wait_for(join, 20)
        assert (await conn.run("echo from-cli-agent")).stdout == "from-cli-agent\n"
        await line_matching(agent.stdout, r"Technician ran: echo from-cli-agent", seen)
        agent.stdin.write(b"/end\n")
        await line_matching(agent.stdout, r"Session ended: You ended the session", seen)
        assert await asyncio.wait_for(agent.wait(), 10) == 0
        await asyncio.wait_for(conn.wait_closed(), 10)
    assert (tmp_path / "relay" / "audit.jsonl").exists()
    assert (tmp_path / "relay" / "host_ed25519").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "relay" / "leg_key.pem").stat().st_mode & 0o777 == 0o600
    assert any(
        re.match(r"Data legs: TLS on 127\.0\.0\.1:\d+, certificate sha256:[0-9a-f]{64}$", s) for s in seen
    )
    audit = (tmp_path / "relay" / "audit.jsonl").read_text()
    assert '"leg": "tls"' in audit  # the terminal agent's session ran on the data leg


async def test_relay_and_agent_without_the_data_leg(
    tmp_path: Path, technicians_file: Path, tech_key: Path, trust
) -> None:
    async with relay_and_agents(tmp_path, technicians_file, "--no-data-leg") as (port, seen, agents):
        assert "Data legs: off (every session stays inside the agents' SSH links)\n" in seen
        agent = await start_agent(port, tmp_path / "agent", agents, "--no-data-leg")
        assert agent.stdin is not None
        match = await line_matching(agent.stdout, r"Session code: (\d{3} \d{3} \d{3})", seen)
        join = asyncio.ensure_future(
            connect_by_code(
                Target("127.0.0.1", port, "kim"),
                match.group(1),
                JoinOptions(technician_key=tech_key, trust=trust),
            )
        )
        await line_matching(agent.stdout, r"Allow\? \[y/N\]", seen)
        agent.stdin.write(b"y\n")
        conn = await asyncio.wait_for(join, 20)
        assert (await conn.run("echo v1")).stdout == "v1\n"
        conn.close()
    assert '"leg": "ssh"' in (tmp_path / "relay" / "audit.jsonl").read_text()


async def test_relay_caps_customers_per_address(
    tmp_path: Path, technicians_file: Path, vz_home: Path
) -> None:
    caps = ("--max-customers-per-address", "1", "--codes-per-minute", "5")
    async with relay_and_agents(tmp_path, technicians_file, *caps) as (port, seen, agents):
        first = await start_agent(port, tmp_path / "agent0", agents)
        await line_matching(first.stdout, r"Session code: \d{3} \d{3} \d{3}", seen)
        second = await start_agent(port, tmp_path / "agent1", agents)
        out, _ = await asyncio.wait_for(second.communicate(), 20)
        assert second.returncode == 1
        # The customer reads what happened and what to do; the relay's own words go to the log file.
        assert (
            "The support service is not taking more connections from your network right now." in out.decode()
        )
        log = (vz_home / "log" / "valuezone.log").read_text()
        assert "turned this connection away: Too many customer connections from 127.0.0.1 (1 at once)" in log
    audit = (tmp_path / "relay" / "audit.jsonl").read_text()
    assert '"customer.refused"' in audit
