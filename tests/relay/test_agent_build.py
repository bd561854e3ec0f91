"""The single-file terminal agent (PyInstaller, agent.spec): builds, starts, and serves a real session.

Size and start time are printed (-s shows them), not asserted: docs/relay-protocol.md has the figures.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sessions.relay.client import JoinOptions, connect_by_code
from sessions.ssh.target import Target
from tests.relay.conftest import TECH_NAME
from tests.relay.processes import line_matching, relay_and_agents

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def frozen_agent(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("PyInstaller") is None and os.environ.get("CI") != "true":
        pytest.skip("PyInstaller is not installed (pip install -e '.[build]')")
    where = tmp_path_factory.mktemp("agent-build")
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR"]
    command += ["--distpath", str(where / "dist"), "--workpath", str(where / "build"), "agent.spec"]
    subprocess.run(command, cwd=ROOT, check=True, timeout=850)
    return where / "dist" / "valuezone-agent"


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_single_file_agent_starts_without_qt(frozen_agent: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["VALUEZONE_HOME"] = str(tmp_path / "home")
    started = time.monotonic()
    result = subprocess.run(
        [str(frozen_agent), "--help"], capture_output=True, text=True, env=env, timeout=120
    )
    took = time.monotonic() - started
    assert result.returncode == 0 and "--relay HOST:PORT" in result.stdout, result.stderr
    print(f"\nvaluezone-agent: {frozen_agent.stat().st_size / 1e6:.1f} MB, --help in {took:.2f} s")
    window = subprocess.run(
        [str(frozen_agent), "--gui", "--lang", "ko", "--relay", "127.0.0.1:1"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert window.returncode == 1 and "이 설치본에는 창 화면 기능이 없습니다." in window.stderr, window.stderr


@pytest.mark.slow
@pytest.mark.timeout(900)
async def test_single_file_agent_serves_a_session(
    frozen_agent: Path, tmp_path: Path, technicians_file: Path, tech_key: Path, trust
) -> None:
    async with relay_and_agents(tmp_path, technicians_file) as (port, seen, agents):
        agent = await asyncio.create_subprocess_exec(
            str(frozen_agent), "--relay", f"127.0.0.1:{port}", "--lang", "zh-TW", "--state-dir",
            str(tmp_path / "agent"), stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        agents.append(agent)
        code = await line_matching(agent.stdout, r"(\d{3} \d{3} \d{3})", seen)
        target = Target("127.0.0.1", port, "kim")
        join = asyncio.ensure_future(
            connect_by_code(target, code.group(1), JoinOptions(technician_key=tech_key, trust=trust))
        )
        await line_matching(agent.stdout, re.escape(f"{TECH_NAME} 想要連線到這台裝置。"), seen)
        assert agent.stdin is not None
        agent.stdin.write(b"y\n")
        conn = await asyncio.wait_for(join, 30)
        assert (await conn.run("echo frozen-ok")).stdout == "frozen-ok\n"
        conn.close()
        await line_matching(agent.stdout, re.escape(f"{TECH_NAME} 已結束工作階段。"), seen)
        assert await asyncio.wait_for(agent.wait(), 20) == 0
