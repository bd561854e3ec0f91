"""The terminal agent speaks the customer's language (`--lang ko`): code, consent, activity and its end."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from sessions.relay.client import JoinOptions, connect_by_code
from sessions.ssh.target import Target
from tests.relay.conftest import TECH_NAME
from tests.relay.processes import line_matching, relay_and_agents, start_agent


async def test_korean_customer_reads_the_terminal_agent_in_korean(
    tmp_path: Path, technicians_file: Path, tech_key: Path, trust
) -> None:
    async with relay_and_agents(tmp_path, technicians_file) as (port, seen, agents):
        agent = await start_agent(port, tmp_path / "agent", agents, "--lang", "ko")
        assert agent.stdin is not None
        await line_matching(agent.stdout, r"지원 중계 서버 127\.0\.0\.1:\d+에 연결하는 중", seen)
        match = await line_matching(agent.stdout, r"세션 코드: (\d{3} \d{3} \d{3}) \(10분 후 만료\)", seen)
        await line_matching(agent.stdout, r"기술자에게 불러 주세요", seen)
        join = asyncio.ensure_future(
            connect_by_code(
                Target("127.0.0.1", port, "kim"),
                match.group(1),
                JoinOptions(technician_key=tech_key, trust=trust),
            )
        )
        await line_matching(agent.stdout, re.escape(f"{TECH_NAME}님이 이 장치에 연결하려고 합니다"), seen)
        await line_matching(agent.stdout, r"전체 권한: 기술자가 이 장치에서 \S+ 사용자로", seen)
        await line_matching(agent.stdout, re.escape("허용할까요? [y/N]"), seen)
        agent.stdin.write("예\n".encode())  # a Korean yes lets the technician in
        conn = await asyncio.wait_for(join, 20)
        assert (await conn.run("echo from-korean-agent")).stdout == "from-korean-agent\n"
        await line_matching(agent.stdout, r"기술자가 실행한 명령: echo from-korean-agent", seen)
        agent.stdin.write(b"/end\n")
        await line_matching(agent.stdout, r"세션 종료: 고객님이 세션을 끝냈습니다\.", seen)
        assert await asyncio.wait_for(agent.wait(), 10) == 0
        await asyncio.wait_for(conn.wait_closed(), 10)
