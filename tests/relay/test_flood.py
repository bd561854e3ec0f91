"""Floods of connections that never log in, against a relay process held to 1,024 open files."""

from __future__ import annotations

import asyncio
import json
import re
import resource
import sys
from pathlib import Path

from sessions.relay.client import JoinOptions, connect_by_code
from sessions.ssh.target import Target
from tests.relay.conftest import TECH_NAME
from tests.relay.flood import FloodProcess, RelayProcess, relay_process
from tests.relay.processes import line_matching, start_agent

CODE = r"Session code: (\d{3} \d{3} \d{3})"
# 1,700 from one address and 300 from five others: more than the relay's 1,024 open files in all.
ATTACK = {"127.0.0.1": 1700, **{f"127.0.0.{n}": 60 for n in range(2, 7)}}


def _ssh_config(tmp_path: Path, port: int, tech_key: Path) -> Path:
    path = tmp_path / "ssh_config"
    path.write_text(
        f"Host relay\n  HostName 127.0.0.1\n  Port {port}\n  User kim\n  IdentityFile {tech_key}\n"
        f"Host vz*\n  IdentityFile {tech_key}\n"
        "Host *\n  IdentitiesOnly yes\n  BatchMode yes\n  StrictHostKeyChecking no\n"
        "  UserKnownHostsFile /dev/null\n  ConnectTimeout 60\n"
    )
    return path


async def _agent_code(tmp_path: Path, relay: RelayProcess, name: str, agents: list) -> tuple[object, str]:  # type: ignore[type-arg]
    agent = await start_agent(relay.port, tmp_path / name, agents)
    seen: list[str] = []
    match = await line_matching(agent.stdout, CODE, seen)
    return agent, match.group(1)


async def _consent(agent, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    await line_matching(agent.stdout, re.escape(f"{TECH_NAME} wants to connect"), seen)
    agent.stdin.write(b"y\n")


async def _our_technician(relay: RelayProcess, agent, code: str, tech_key: Path, trust) -> str:  # type: ignore[no-untyped-def]
    join = asyncio.ensure_future(
        connect_by_code(
            Target("127.0.0.1", relay.port, "kim"), code, JoinOptions(technician_key=tech_key, trust=trust)
        )
    )
    await _consent(agent, [])
    conn = await asyncio.wait_for(join, 60)
    try:
        return str((await conn.run("echo through-the-flood")).stdout)
    finally:
        conn.close()


async def _openssh_technician(openssh: str, config: Path, agent, code: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    process = await asyncio.create_subprocess_exec(
        openssh, "-F", str(config), "-J", "relay", f"anyone@vz{code.replace(' ', '')}", "echo stock-ssh-ok",
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    await _consent(agent, [])
    out, err = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode or 0, out.decode(), err.decode()


def _audit(state_dir: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in (state_dir / "audit.jsonl").read_text().splitlines()]


async def test_silent_flood_leaves_room_for_customers_and_technicians(
    tmp_path: Path, technicians_file: Path, tech_key: Path, trust, openssh: str
) -> None:
    state = tmp_path / "relay"
    agents: list = []  # type: ignore[type-arg]
    async with relay_process(state, technicians_file, nofile=(1024, 1024)) as relay:
        assert "Open files: 1024" in "\n".join(relay.lines)
        async with FloodProcess(relay.port, ATTACK) as flood:
            await asyncio.sleep(1.0)  # the relay takes in what it can of the flood
            during = relay.open_fds()
            try:
                agent, code = await _agent_code(tmp_path, relay, "agent0", agents)
                assert await _our_technician(relay, agent, code, tech_key, trust) == "through-the-flood\n"
                agent2, code2 = await _agent_code(tmp_path, relay, "agent1", agents)
                config = _ssh_config(tmp_path, relay.port, tech_key)
                status, out, err = await _openssh_technician(openssh, config, agent2, code2)
                assert (status, out) == (0, "stock-ssh-ok\n"), err
            finally:
                for process in agents:
                    if process.returncode is None:
                        process.kill()
                    await process.wait()
            stats = await flood.stats()
        assert relay.process.returncode is None, relay.lines
    assert sum(ATTACK.values()) == stats["opened"]
    assert stats["closed"] > 0  # the relay turned flood connections away
    assert during < 1024
    dropped = [e for e in _audit(state) if e["event"] == "unauthenticated.dropped"]
    assert dropped and sum(e["turned_away"] + e["evicted"] + e["timed_out"] for e in dropped) > 0


async def test_stalled_handshakes_are_cut(tmp_path: Path, technicians_file: Path) -> None:
    async with relay_process(
        tmp_path / "relay", technicians_file, "--handshake-timeout", "1", "--login-timeout", "30"
    ) as relay:
        for mode in ("silent", "banner", "kexinit", "trickle"):
            async with FloodProcess(relay.port, {"127.0.0.1": 5, "127.0.0.2": 5}, mode) as flood:
                for _ in range(150):  # a deadline of 1 s; up to 15 s on a busy machine
                    if (await flood.stats())["closed"] == 10:
                        break
                    await asyncio.sleep(0.1)
                assert (await flood.stats())["closed"] == 10, mode


async def test_open_files_soft_limit_raised_to_hard(tmp_path: Path, technicians_file: Path) -> None:
    hard = min(resource.getrlimit(resource.RLIMIT_NOFILE)[1], 4096)
    async with relay_process(tmp_path / "relay", technicians_file, nofile=(256, hard)) as relay:
        limits = Path(f"/proc/{relay.pid}/limits").read_text()
        line = next(line for line in limits.splitlines() if line.startswith("Max open files"))
        assert line.split()[3:5] == [str(hard), str(hard)]
        assert f"Open files: {hard} (raised from 256)" in "\n".join(relay.lines)


async def test_flood_limits_refused_with_a_reason(tmp_path: Path, technicians_file: Path) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "console.cli", "relay", "--technicians", str(technicians_file),
        "--state-dir", str(tmp_path / "relay"), "--handshake-timeout", "40",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode != 0
    assert "--handshake-timeout must be positive and at most --login-timeout" in out.decode()
