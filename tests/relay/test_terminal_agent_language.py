"""The terminal agent speaks the customer's language (`--lang ko`): code, consent, activity and its end."""

from __future__ import annotations

import asyncio
import re
import signal
import sys
from pathlib import Path

from sessions.relay.client import connect_by_code
from sessions.ssh.target import Target
from tests.relay.conftest import TECH_NAME
from tests.relay.test_cli import _line_matching
from tests.sshd import free_port


async def test_korean_customer_reads_the_terminal_agent_in_korean(
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
            "--state-dir", str(tmp_path / "agent"), "--lang", "ko",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        assert agent.stdin is not None and agent.stdout is not None
        await _line_matching(agent.stdout, r"지원 중계 서버 127\.0\.0\.1:\d+에 연결하는 중", seen)
        match = await _line_matching(agent.stdout, r"세션 코드: (\d{3} \d{3} \d{3}) \(10분 후 만료\)", seen)
        await _line_matching(agent.stdout, r"기술자에게 불러 주세요", seen)
        join = asyncio.ensure_future(
            connect_by_code(
                Target("127.0.0.1", port, "kim"), match.group(1), technician_key=tech_key, trust=trust
            )
        )
        await _line_matching(agent.stdout, re.escape(f"{TECH_NAME}님이 연결하려고 합니다"), seen)
        agent.stdin.write("예\n".encode())  # a Korean yes lets the technician in
        conn = await asyncio.wait_for(join, 20)
        assert (await conn.run("echo from-korean-agent")).stdout == "from-korean-agent\n"
        await _line_matching(agent.stdout, r"기술자가 실행한 명령: echo from-korean-agent", seen)
        agent.stdin.write(b"/end\n")
        await _line_matching(agent.stdout, r"세션 종료: 고객님이 세션을 끝냈습니다\.", seen)
        assert await asyncio.wait_for(agent.wait(), 10) == 0
        await asyncio.wait_for(conn.wait_closed(), 10)
    finally:
        for process in (agent, relay):
            if process is not None and process.returncode is None:
                process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(process.wait(), 10)
