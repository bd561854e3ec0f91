"""`valuezone relay` and `valuezone agent` as a person runs them: separate processes, real terminals' text."""

from __future__ import annotations

import asyncio
import re
import signal
import sys
from pathlib import Path

from sessions.relay.client import connect_by_code
from sessions.ssh.target import Target
from tests.relay.conftest import TECH_NAME
from tests.sshd import free_port


async def _line_matching(stream: asyncio.StreamReader, pattern: str, seen: list[str]) -> re.Match[str]:
    while True:
        raw = await asyncio.wait_for(stream.readline(), 20)
        if not raw:
            raise AssertionError(f"output ended before {pattern!r}: {seen}")
        seen.append(raw.decode())
        if match := re.search(pattern, seen[-1]):
            return match


async def test_relay_and_terminal_agent(
    tmp_path: Path, technicians_file: Path, tech_key: Path, trust
) -> None:
    port = free_port()
    relay = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "console.cli", "relay", "--listen", f"127.0.0.1:{port}",
        "--technicians", str(technicians_file), "--state-dir", str(tmp_path / "relay"),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    agent = None
    seen: list[str] = []
    try:
        assert relay.stdout is not None
        await _line_matching(relay.stdout, r"Host key fingerprint: SHA256:", seen)
        agent = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "console.cli", "agent", "--relay", f"127.0.0.1:{port}",
            "--state-dir", str(tmp_path / "agent"),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        assert agent.stdin is not None and agent.stdout is not None
        match = await _line_matching(
            agent.stdout, r"Session code: (\d{3} \d{3} \d{3}) \(expires in 10 min\)", seen
        )
        join = asyncio.ensure_future(
            connect_by_code(
                Target("127.0.0.1", port, "kim"), match.group(1), technician_key=tech_key, trust=trust
            )
        )
        question = f"{TECH_NAME} wants to connect (scope: full shell). Allow? [y/N]"
        await _line_matching(agent.stdout, re.escape(question), seen)
        agent.stdin.write(b"y\n")
        conn = await asyncio.wait_for(join, 20)
        assert (await conn.run("echo from-cli-agent")).stdout == "from-cli-agent\n"
        await _line_matching(agent.stdout, r"Technician ran: echo from-cli-agent", seen)
        agent.stdin.write(b"/end\n")
        await _line_matching(agent.stdout, r"Session ended: You ended the session", seen)
        assert await asyncio.wait_for(agent.wait(), 10) == 0
        await asyncio.wait_for(conn.wait_closed(), 10)
    finally:
        for process in (agent, relay):
            if process is not None and process.returncode is None:
                process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(process.wait(), 10)
    assert (tmp_path / "relay" / "audit.jsonl").exists()
    assert (tmp_path / "relay" / "host_ed25519").stat().st_mode & 0o777 == 0o600


async def test_relay_caps_customers_per_address(tmp_path: Path, technicians_file: Path) -> None:
    port = free_port()
    relay = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "console.cli", "relay", "--listen", f"127.0.0.1:{port}",
        "--technicians", str(technicians_file), "--state-dir", str(tmp_path / "relay"),
        "--max-customers-per-address", "1", "--codes-per-minute", "5",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    agents: list[asyncio.subprocess.Process] = []
    seen: list[str] = []

    async def agent() -> asyncio.subprocess.Process:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "console.cli", "agent", "--relay", f"127.0.0.1:{port}",
            "--state-dir", str(tmp_path / f"agent{len(agents)}"),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        agents.append(process)
        return process

    try:
        assert relay.stdout is not None
        await _line_matching(relay.stdout, r"Host key fingerprint: SHA256:", seen)
        first = await agent()
        assert first.stdout is not None
        await _line_matching(first.stdout, r"Session code: \d{3} \d{3} \d{3}", seen)
        second = await agent()
        out, _ = await asyncio.wait_for(second.communicate(), 20)
        assert second.returncode == 1
        assert (
            "turned this connection away: Too many customer connections from 127.0.0.1 (1 at once)"
            in out.decode()
        )
    finally:
        for process in (*agents, relay):
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(process.wait(), 10)
    audit = (tmp_path / "relay" / "audit.jsonl").read_text()
    assert '"customer.refused"' in audit
