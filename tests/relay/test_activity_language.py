"""The customer's activity feed comes in their language from the agent's catalogue; commands stay verbatim."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sessions.agent.events import Activity
from sessions.chat.link import ChatLink
from sessions.relay.client import JoinOptions, connect_by_code


async def _wait_for(predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


async def test_korean_activity_feed(make_agent, relay_target, tech_key, trust, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = await make_agent(lang="ko", allow=lambda command: True)
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    assert (await conn.run("echo diag-ok")).stdout == "diag-ok\n"
    probe = tmp_path / "smart.log"
    probe.write_text("ok\n")
    async with conn.start_sftp_client() as sftp, sftp.open(str(probe)) as handle:
        await handle.read()
    link = await ChatLink.open(conn)
    await _wait_for(lambda: "기술자가 채팅을 열었습니다" in run.activity())
    feed = run.activity()
    assert "Kim Minsu <kim@acme.example> 님이 연결되었습니다." in feed
    assert "기술자가 실행한 명령: echo diag-ok" in feed
    assert "기술자가 파일을 복사하고 있습니다 (SFTP)" in feed
    assert f"기술자가 {probe} 파일을 읽고 있습니다 (SFTP)" in feed
    assert {event.key for event in run.of(Activity)} >= {"connected", "ran", "sftp", "sftp_read", "chat"}
    link.close()
    conn.close()
