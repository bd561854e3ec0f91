"""The agent's gate for the web admin page, tried as an attacker would through the relay: another host,
a diagnostics-only session, no answer, a no, the session ending while the customer is asked; the yes
asked once for a browser's many connections; the question in each of the customer's languages."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator

import asyncssh
import pytest

from console.agent.terminal_questions import TerminalQuestion
from sessions.agent.catalogue import Catalogue
from sessions.agent.events import QuestionAsked, QuestionWithdrawn
from sessions.chat.questions import WEB_FORWARD, Question
from sessions.errors import WebAdminError
from sessions.relay.client import JoinOptions, connect_by_code
from sessions.webadmin import WebForward, WebTarget

LANGS = {
    "en": "Open your device's web admin page?",
    "ko": "장치의 웹 관리 페이지를 열까요?",
    "ja": "デバイスのWeb管理ページを開きますか？",
    "zh-TW": "要開啟裝置的網頁管理頁面嗎？",
    "zh-CN": "要打开设备的网页管理页面吗？",
}


@pytest.fixture
async def page() -> AsyncIterator[tuple[int, list[bytes]]]:
    """A device's web server on 127.0.0.1 that answers every request with a fixed page."""
    seen: list[bytes] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        line = await reader.readline()
        if line:  # the console's own check connects and closes without a request
            seen.append(line)
        writer.write(b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    yield server.sockets[0].getsockname()[1], seen
    server.close()
    await server.wait_closed()


async def _fetch(port: int) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET / HTTP/1.0\r\n\r\n")
    data = await reader.read()
    writer.close()
    return data


def _answer(run, agreed: bool | None) -> None:  # type: ignore[no-untyped-def]
    """The customer answers each web question as it comes (None: they leave it open)."""

    def on_event(event: object) -> None:
        if isinstance(event, QuestionAsked) and event.question.kind == WEB_FORWARD and agreed is not None:
            event.answer.set_result({"agreed": agreed})

    run.agent.subscribe(on_event)


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_the_question_in_the_customers_language(lang: str) -> None:
    texts = Catalogue(lang)
    shown = texts.render(Question(WEB_FORWARD, {"port": 5001, "technician": "Kim\x1b[2J"}))
    assert shown.title == LANGS[lang]
    assert "5001" in shown.body[0] and "Kim␛[2J" in shown.body[0]  # a name's controls shown, not acted on
    assert (
        shown.prompt
        and shown.agree
        and shown.decline
        and shown.prompt != texts.text("question.consent_question")
    )
    if lang != "en":
        assert (
            shown.body[0]
            != Catalogue("en").render(Question(WEB_FORWARD, {"port": 5001, "technician": "K"})).body[0]
        )


async def test_the_terminal_agent_asks_it_and_y_allows() -> None:
    texts = Catalogue("ko")
    question = Question(WEB_FORWARD, {"port": 443, "technician": "Kim Minsu"})
    answer: asyncio.Future[dict[str, object]] = asyncio.get_running_loop().create_future()
    asked = TerminalQuestion(QuestionAsked(question, texts.render(question), answer), texts)
    opening = asked.opening()
    assert "== 장치의 웹 관리 페이지를 열까요? ==" in opening and opening[-1] == "허용하시겠습니까? [y/n]"
    assert asked.feed("예?") == [texts.text("question.yes_no_hint"), "허용하시겠습니까? [y/n]"]
    asked.feed("y")
    assert answer.result() == {"agreed": True}


async def test_yes_asked_once_no_refused_and_asked_again(  # type: ignore[no-untyped-def]
    make_agent, relay_target, tech_key, trust, page
) -> None:
    port, seen = page
    run = await make_agent(lang="ko", consent_timeout=5.0)
    answers = [False, True]

    def on_event(event: object) -> None:
        if isinstance(event, QuestionAsked) and event.question.kind == WEB_FORWARD:
            event.answer.set_result({"agreed": answers.pop(0)})

    run.agent.subscribe(on_event)
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    try:
        with pytest.raises(WebAdminError) as refused:
            await WebForward.open(conn, WebTarget("http", port))
        assert refused.value.code == "webadmin.refused" and "did not allow" in str(refused.value)
        assert seen == []
        forward = await WebForward.open(conn, WebTarget("http", port))
        bodies = await asyncio.gather(*(_fetch(forward.local_port) for _ in range(5)))
        assert all(body.endswith(b"\r\n\r\nok") for body in bodies) and len(seen) == 5
        assert len(run.of(QuestionAsked)) == 2  # five connections of a browser: asked once
        feed = run.activity()
        assert any(f"포트 {port})를 허용하지 않았습니다" in line for line in feed)
        assert any(f"포트 {port})를 열도록 허용했습니다" in line for line in feed)
        forward.close()
    finally:
        conn.close()


@pytest.mark.parametrize("host", ["10.0.0.1", "192.168.1.1", "relay.example", "127.0.0.2"])
async def test_another_host_is_refused_without_asking(  # type: ignore[no-untyped-def]
    make_agent, relay_target, tech_key, trust, host: str
) -> None:
    run = await make_agent()
    _answer(run, True)
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    try:
        with pytest.raises(asyncssh.ChannelOpenError) as refused:
            await conn.open_connection(host, 80)
        assert refused.value.code == asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED
        assert f"not {host}" in refused.value.reason and run.of(QuestionAsked) == []
    finally:
        conn.close()


async def test_a_diagnostics_session_never_forwards(  # type: ignore[no-untyped-def]
    make_agent, relay_target, tech_key, trust, page
) -> None:
    port, seen = page
    run = await make_agent(scope="diagnostics", lang="ja")
    _answer(run, True)
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    try:
        with pytest.raises(WebAdminError) as refused:
            await WebForward.open(conn, WebTarget("http", port))
        assert "diagnostics only" in str(refused.value) and seen == [] and run.of(QuestionAsked) == []
        assert any(f"ポート {port}" in line for line in run.activity())
    finally:
        conn.close()


async def test_no_answer_and_the_end_while_asking_withdraw_the_question(  # type: ignore[no-untyped-def]
    make_agent, relay_target, tech_key, trust, page
) -> None:
    port, seen = page
    run = await make_agent(consent_timeout=0.5)
    _answer(run, None)
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    try:
        with pytest.raises(WebAdminError):
            await WebForward.open(conn, WebTarget("http", port))
        [first] = run.of(QuestionAsked)
        assert [w.question_id for w in run.of(QuestionWithdrawn)] == [first.question.id]

        run.agent.config = dataclasses.replace(run.agent.config, consent_timeout=60.0)
        opening = asyncio.ensure_future(WebForward.open(conn, WebTarget("http", port)))
        await _until(lambda: len(run.of(QuestionAsked)) == 2)
        await run.agent.end("The customer ended the session.")
        with pytest.raises((WebAdminError, asyncssh.Error, OSError)):
            await asyncio.wait_for(opening, 10)
        second = run.of(QuestionAsked)[1]
        assert second.question.id in [w.question_id for w in run.of(QuestionWithdrawn)]
        assert seen == []
    finally:
        with contextlib.suppress(Exception):
            conn.close()


async def _until(predicate, timeout: float = 10) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(timeout / 0.02)):
        if predicate():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("timed out")
