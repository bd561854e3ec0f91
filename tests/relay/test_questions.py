"""Questions through the real relay and agent: answered in the agent's events, on the terminal, or cut off."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path

import pytest

from sessions.agent.events import QuestionAsked, QuestionWithdrawn
from sessions.chat.conversation import Conversation
from sessions.chat.link import ChatLink
from sessions.chat.questions import SURVEY, QuestionUnansweredError
from sessions.relay.client import JoinOptions, connect_by_code
from sessions.relay.server import Relay
from sessions.ssh.target import Target
from tests.relay.processes import line_matching


async def _wait_for(predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


async def _conversation(conn) -> Conversation:  # type: ignore[no-untyped-def]
    conversation = Conversation(translator=None, technician_lang="en", on_entry=lambda entry: None)
    conversation.attach(await ChatLink.open(conn))
    return conversation


async def test_survey_through_relay_in_korean(make_agent, relay_target, tech_key, trust) -> None:  # type: ignore[no-untyped-def]
    run = await make_agent(lang="ko")
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    conversation = await _conversation(conn)
    asking = asyncio.ensure_future(conversation.ask(SURVEY, {"outcome": "not_resolved"}, timeout=10))
    await _wait_for(lambda: run.of(QuestionAsked))
    event = run.of(QuestionAsked)[0]
    assert event.shown.lang == "ko" and event.shown.title == "기술지원 만족도 조사"
    assert "아직 해결되지 않음" in event.shown.body[0]
    event.answer.set_result({"solved": False, "score": 4, "comment": "아직 느려요"})
    assert await asking == {"solved": False, "score": 4, "comment": "아직 느려요", "lang": "ko"}
    conn.close()


async def test_customer_ends_the_session_mid_question(make_agent, relay_target, tech_key, trust) -> None:  # type: ignore[no-untyped-def]
    run = await make_agent(lang="ja")
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    conversation = await _conversation(conn)
    asking = asyncio.ensure_future(conversation.ask(SURVEY, {"outcome": "resolved"}, timeout=10))
    await _wait_for(lambda: run.of(QuestionAsked))
    await run.agent.end()
    with pytest.raises(QuestionUnansweredError) as caught:
        await asking
    assert caught.value.reason == "closed"
    assert run.of(QuestionWithdrawn)[0].reason == "closed"
    assert run.of(QuestionAsked)[0].answer.cancelled()


async def test_terminal_agent_answers_a_survey_from_stdin(  # type: ignore[no-untyped-def]
    tmp_path: Path, relay: Relay, tech_key: Path, trust
) -> None:
    agent = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "console.cli", "agent", "--relay", f"127.0.0.1:{relay.port}",
        "--state-dir", str(tmp_path / "agent"), "--lang", "ko",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2]), "LANG": "C.UTF-8",
             "LC_ALL": "C.UTF-8", "VALUEZONE_HOME": str(tmp_path / "home")},
    )  # fmt: skip
    seen: list[str] = []
    assert agent.stdin is not None and agent.stdout is not None
    try:
        match = await line_matching(agent.stdout, r"세션 코드: (\d{3} \d{3} \d{3})", seen)
        join = asyncio.ensure_future(
            connect_by_code(
                Target("127.0.0.1", relay.port, "kim"),
                match.group(1),
                JoinOptions(technician_key=tech_key, trust=trust),
            )
        )
        await line_matching(agent.stdout, r"허용할까요\? \[y/N\]", seen)
        agent.stdin.write(b"y\n")
        conn = await asyncio.wait_for(join, 20)
        conversation = await _conversation(conn)
        asking = asyncio.ensure_future(conversation.ask(SURVEY, {"outcome": "not_resolved"}, timeout=20))
        await line_matching(agent.stdout, re.escape("문제가 해결되었나요? [y/n]"), seen)
        assert any("기술지원 만족도 조사" in line for line in seen)
        agent.stdin.write("아니요\n".encode())
        await line_matching(agent.stdout, r"0점에서 10점", seen)
        agent.stdin.write(b"eleven\n")
        await line_matching(agent.stdout, r'"eleven".*0부터 10 사이의 숫자가 아닙니다', seen)
        agent.stdin.write(b"11\n")
        await line_matching(agent.stdout, r'"11".*숫자가 아닙니다', seen)
        agent.stdin.write(b"4\n")
        await line_matching(agent.stdout, r"더 하실 말씀", seen)
        agent.stdin.write("디스크가 아직 느려요\n".encode())
        assert await asyncio.wait_for(asking, 20) == {
            "solved": False,
            "score": 4,
            "comment": "디스크가 아직 느려요",
            "lang": "ko",
        }
        await line_matching(agent.stdout, r"감사합니다", seen)
        agent.stdin.write(b"/end\n")
        assert await asyncio.wait_for(agent.wait(), 10) == 0
    finally:
        if agent.returncode is None:
            agent.send_signal(signal.SIGTERM)
            await asyncio.wait_for(agent.wait(), 10)
