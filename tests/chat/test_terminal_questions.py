"""The terminal agent's question steps: yes/no words of the language, re-asking, /skip."""

from __future__ import annotations

import asyncio
from typing import Any

from console.agent.terminal_questions import TerminalQuestion
from sessions.agent.catalogue import Catalogue
from sessions.agent.events import QuestionAsked
from sessions.chat.questions import CONSENT, SURVEY, Question, check_params
from tests.chat.test_questions import CONSENT_PARAMS


def _asked(kind: str, params: dict[str, Any], lang: str) -> QuestionAsked:
    question = Question(kind, check_params(kind, params))
    future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
    return QuestionAsked(question, Catalogue(lang).render(question), future)


async def test_consent_in_traditional_chinese() -> None:
    event = _asked(CONSENT, CONSENT_PARAMS, "zh-TW")
    asked = TerminalQuestion(event, Catalogue("zh-TW"))
    opening = "\n".join(asked.opening())
    assert "要將檔案傳送給原廠嗎？" in opening and "/var/log/messages (1.5 KB)" in opening
    assert asked.feed("maybe") == ["請回答 是 (y) 或 否 (n)。", "您同意傳送這些檔案嗎？ [y/n]"]
    assert asked.feed("是") == ["謝謝您，您的回答已送給技術人員。"]
    assert event.answer.result() == {"agreed": True}


async def test_survey_skips_and_skip_command() -> None:
    event = _asked(SURVEY, {"outcome": "resolved"}, "ja")
    asked = TerminalQuestion(event, Catalogue("ja"))
    asked.feed("はい")
    asked.feed("")  # no score
    asked.feed("")  # no comment
    assert event.answer.result() == {"solved": True, "score": None, "comment": ""}
    other = _asked(SURVEY, {"outcome": "resolved"}, "ja")
    TerminalQuestion(other, Catalogue("ja")).feed("/skip")
    assert other.answer.cancelled()
