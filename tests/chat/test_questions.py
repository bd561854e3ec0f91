"""Questions on the chat channel: the wire format, both ends over a real socket, and the agent's catalogue."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest

from sessions.agent.catalogue import Catalogue, human_size, languages, normalize, resolve
from sessions.chat.conversation import Conversation
from sessions.chat.link import ChatLink
from sessions.chat.message import ChatMessage
from sessions.chat.questions import (
    CONSENT,
    KINDS,
    SURVEY,
    Answer,
    Question,
    QuestionDesk,
    QuestionUnansweredError,
    check_answer,
    check_params,
)

CONSENT_PARAMS: dict[str, Any] = {
    "destination": "Acme HQ (sftp)",
    "ticket": "T-1042",
    "files": [{"path": "/var/log/messages", "size": 1536}, {"path": "/var/log/dmesg", "size": 300}],
    "total_bytes": 1836,
    "redactions": {"password": 3, "email": 1, "serial_number": 0},
}
PARAMS = {SURVEY: {"outcome": "not_resolved"}, CONSENT: CONSENT_PARAMS}


def test_wire_lines_round_trip_and_keep_chat_apart() -> None:
    question = Question(SURVEY, {"outcome": "resolved"}, ts=1700000000.25)
    line = question.to_dict()
    assert line["type"] == "question" and Question.from_dict(json.loads(json.dumps(line))) == question
    answer = Answer(question.id, "answered", {"solved": True, "score": 9, "comment": "", "lang": "ko"})
    assert Answer.from_dict(answer.to_dict()) == answer
    assert "type" not in json.loads(ChatMessage("customer", "hi").to_line())  # old peers' format unchanged
    with pytest.raises(ValueError):
        Question.from_dict({"type": "question", "kind": SURVEY, "params": {}})  # no id
    with pytest.raises(ValueError):
        Answer.from_dict({"type": "answer", "id": "x", "status": "maybe"})


def test_params_and_answers_are_checked() -> None:
    assert check_params(CONSENT, CONSENT_PARAMS)["files"][0] == {"path": "/var/log/messages", "size": 1536}
    with pytest.raises(ValueError, match="outcome"):
        check_params(SURVEY, {})
    with pytest.raises(ValueError, match="unknown question kind"):
        check_params("pizza.order", {})
    with pytest.raises(ValueError):
        check_params(CONSENT, {**CONSENT_PARAMS, "total_bytes": "many"})
    good = check_answer(SURVEY, {"solved": False, "score": 4, "comment": " 느려요 ", "lang": "ko"})
    assert good == {"solved": False, "score": 4, "comment": "느려요", "lang": "ko"}
    assert check_answer(SURVEY, {"solved": True, "score": None})["score"] is None
    for bad in ({"solved": "yes"}, {"solved": True, "score": 11}, {"solved": True, "score": True}):
        with pytest.raises(ValueError):
            check_answer(SURVEY, bad)
    assert check_answer(CONSENT, {"agreed": True, "by": "park", "lang": "ja"}) == {
        "agreed": True,
        "by": "park",
        "lang": "ja",
    }


@pytest.mark.parametrize("lang", ["en", "ko", "ja", "zh-TW", "zh-CN"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_renders_in_every_language(kind: str, lang: str) -> None:
    texts = Catalogue(lang)
    assert texts.lang == lang
    shown = texts.render(Question(kind, check_params(kind, PARAMS[kind])))
    assert shown.title and shown.body and shown.lang == lang
    keys = ["close", "send", "yes", "no", "survey_solved", "survey_score", "survey_comment", "agree"]
    keys += ["decline", "consent_question", "thanks", "score_bad", "withdrawn", "channel_closed"]
    for key in keys:
        text = texts.text(f"question.{key}")
        assert text and text != f"question.{key}", (lang, key)
        if lang != "en":
            assert text != Catalogue("en").text(f"question.{key}"), f"{key} is not translated to {lang}"
    if kind == CONSENT:
        joined = "\n".join(shown.body)
        assert "/var/log/messages (1.5 KB)" in joined and "T-1042" in joined
        assert f"{texts.text('redaction.password')} × 3" in joined  # the rule's name for the customer
        assert "password ×" not in joined  # never the rule id
        assert texts.text("redaction.serial_number") not in joined  # a rule that hid nothing is not listed
    assert texts.yes_no("y") is True and texts.yes_no("N") is False and texts.yes_no("maybe") is None


def test_every_language_file_has_every_key() -> None:
    english = Catalogue("en")
    import tomllib
    from importlib import resources

    def keys(lang: str) -> set[str]:
        data = tomllib.loads(
            resources.files("resources").joinpath("agent", f"{lang}.toml").read_text("utf-8")
        )
        return {
            f"{section}.{key}" for section, table in data.items() if isinstance(table, dict) for key in table
        }

    assert {"en", "ko", "ja", "zh-TW"} <= set(languages())
    for lang in languages():
        assert keys(lang) == keys("en"), lang
    assert english.text("question.survey_solved") == "Is your problem solved?"  # from the canned replies


def test_language_codes() -> None:
    assert normalize("ko_KR.UTF-8") == "ko" and normalize("zh_TW") == "zh-TW" and normalize("de_AT") == "de"
    assert resolve("de") == "en" and resolve("") == "en" and resolve("ja-JP") == "ja"
    assert Catalogue("ko").yes_no("네") is True and Catalogue("ko").yes_no("아니요") is False
    assert human_size(512) == "512 B" and human_size(3 * 1024 * 1024) == "3.0 MB"


# --- both ends over a real socket pair -------------------------------------------------------------
class Ends:
    def __init__(
        self, console: ChatLink, agent: ChatLink, conversation: Conversation, desk: QuestionDesk
    ) -> None:
        self.console, self.agent, self.conversation, self.desk = console, agent, conversation, desk
        self.asked: list[tuple[Question, asyncio.Future[dict[str, Any]]]] = []
        self.withdrawn: list[tuple[str, str]] = []
        self.chat: list[ChatMessage] = []


@pytest.fixture
async def ends() -> AsyncIterator[Ends]:
    left, right = socket.socketpair()
    r1, w1 = await asyncio.open_connection(sock=left)
    r2, w2 = await asyncio.open_connection(sock=right)
    console, agent = ChatLink(r1, w1), ChatLink(r2, w2)
    conversation = Conversation(translator=None, technician_lang="en", on_entry=lambda entry: None)
    conversation.attach(console)
    holder: list[Ends] = []
    desk = QuestionDesk(
        lang="ko",
        by="park",
        on_asked=lambda q, f: holder[0].asked.append((q, f)),
        on_withdrawn=lambda q, reason: holder[0].withdrawn.append((q.id, reason)),
    )
    pair = Ends(console, agent, conversation, desk)
    holder.append(pair)
    desk.attach(agent)
    agent.on_message = pair.chat.append
    yield pair
    console.close()
    agent.close()


async def _until(predicate: Any, timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


async def test_survey_answered_with_lang_added(ends: Ends) -> None:
    asking = asyncio.ensure_future(ends.conversation.ask(SURVEY, {"outcome": "not_resolved"}, timeout=5))
    await _until(lambda: ends.asked)
    question, future = ends.asked[0]
    assert question.kind == SURVEY and question.params == {"outcome": "not_resolved"}
    future.set_result({"solved": False, "score": 4, "comment": "아직 느려요"})
    assert await asking == {"solved": False, "score": 4, "comment": "아직 느려요", "lang": "ko"}
    await ends.console.send(ChatMessage("technician", "still chatting"))  # the channel goes on
    await _until(lambda: ends.chat)


async def test_consent_answer_names_who_agreed(ends: Ends) -> None:
    asking = asyncio.ensure_future(ends.conversation.ask(CONSENT, CONSENT_PARAMS, timeout=5))
    await _until(lambda: ends.asked)
    ends.asked[0][1].set_result({"agreed": True})
    assert await asking == {"agreed": True, "by": "park", "lang": "ko"}


async def test_customer_closes_the_question(ends: Ends) -> None:
    asking = asyncio.ensure_future(ends.conversation.ask(SURVEY, {"outcome": "resolved"}, timeout=5))
    await _until(lambda: ends.asked)
    ends.asked[0][1].cancel()
    with pytest.raises(QuestionUnansweredError) as caught:
        await asking
    assert caught.value.reason == "declined"


async def test_unknown_kind_gets_a_polite_no(ends: Ends) -> None:
    await ends.console.send_typed(Question("coffee.order", {"size": "large"}).to_dict())
    answers: list[dict[str, Any]] = []
    ends.console.on_typed = answers.append
    await _until(lambda: answers)
    assert answers[0]["status"] == "unsupported" and "coffee.order" in answers[0]["message"]
    assert not ends.asked and not ends.agent.closed


async def test_timeout_takes_the_question_back(ends: Ends) -> None:
    with pytest.raises(QuestionUnansweredError) as caught:
        await ends.conversation.ask(SURVEY, {"outcome": "resolved"}, timeout=0.3)
    assert caught.value.reason == "timeout" and "did not answer" in str(caught.value)
    await _until(lambda: ends.withdrawn)
    assert ends.withdrawn == [(ends.asked[0][0].id, "cancelled")]
    assert ends.asked[0][1].cancelled()


async def test_technician_stops_waiting(ends: Ends) -> None:
    asking = asyncio.ensure_future(ends.conversation.ask(SURVEY, {"outcome": "resolved"}, timeout=5))
    await _until(lambda: ends.asked)
    asking.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asking
    await _until(lambda: ends.withdrawn)
    assert ends.withdrawn[0][1] == "cancelled"


async def test_channel_closing_mid_question_ends_both_sides_cleanly(ends: Ends) -> None:
    asking = asyncio.ensure_future(ends.conversation.ask(SURVEY, {"outcome": "resolved"}, timeout=5))
    await _until(lambda: ends.asked)
    ends.agent.close()  # the customer ended the session
    with pytest.raises(QuestionUnansweredError) as caught:
        await asking
    assert caught.value.reason == "closed"
    await _until(lambda: ends.withdrawn)
    assert ends.withdrawn[0][1] == "closed"
    assert ends.asked[0][1].cancelled()


async def test_ask_without_a_channel() -> None:
    conversation = Conversation(translator=None, technician_lang="en", on_entry=lambda entry: None)
    with pytest.raises(QuestionUnansweredError) as caught:
        await conversation.ask(SURVEY, {"outcome": "resolved"})
    assert caught.value.reason == "not-open"
