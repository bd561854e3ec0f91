"""A secret said over two chat lines: the words on one line, the password alone on the next.

People press Enter after "my password is" and send the value on its own; before, the second line held
nothing a rule could see, so it went to the translator and into the record as typed. Real parts as in
test_secret_chat.py: both chat ends over a socket pair, the loopback LibreTranslate, a real record.
"""

from __future__ import annotations

import json

import pytest

from sessions.chat.conversation import EntryState
from sessions.chat.message import ChatMessage
from tests.chat.test_secret_chat import Chat, _until, chat, libre  # noqa: F401 (fixtures)

SPLIT = [  # (language, first line, second line, the secret)
    ("ko", "wifi 비밀번호는", "home8888 입니다", "home8888"),
    ("ko", "비번", "qwer1234", "qwer1234"),
    ("en", "my password is", "Sunset-4471", "Sunset-4471"),
    ("ja", "パスワードは", "sakura2024です", "sakura2024"),
    ("zh-CN", "密码是", "abc12345", "abc12345"),
]


@pytest.mark.parametrize(("lang", "first", "second", "secret"), SPLIT)
async def test_a_password_on_the_line_after_its_keyword_is_held_back(
    chat: Chat,  # noqa: F811 (the fixture)
    lang: str,
    first: str,
    second: str,
    secret: str,
) -> None:
    await chat.conversation.receive(ChatMessage("customer", first, lang))
    entry = await chat.conversation.receive(ChatMessage("customer", second, lang))
    assert entry.state is EntryState.SECRET_HELD and entry.message.text == second
    assert secret not in chat.sent_to_provider()
    recorded = [json.dumps(e, ensure_ascii=False) for e in chat.events() if e["type"] == "chat.message"]
    assert not any(secret in line for line in recorded)


async def test_the_technicians_next_line_and_its_preview_are_read_after_their_previous_line(
    chat: Chat,  # noqa: F811 (the fixture)
) -> None:
    await chat.conversation.send("I reset it. The new password is")
    preview = await chat.conversation.preview("Temp4821x")
    assert preview.secret and not chat.libre.translate_requests()
    entry = await chat.conversation.send("Temp4821x", preview)
    assert entry.state is EntryState.SECRET_HELD
    await _until(lambda: len(chat.at_agent) == 2)
    assert chat.at_agent[1].text == "Temp4821x"  # the customer reads it as written
    assert "Temp4821x" not in json.dumps(chat.events(), ensure_ascii=False)


async def test_the_other_sides_line_is_no_keyword_for_this_side(
    chat: Chat,  # noqa: F811 (the fixture)
) -> None:
    """Only the same person's previous line counts: a technician asking is not the customer answering."""
    await chat.conversation.send("What is the password of the admin account?")
    entry = await chat.conversation.receive(ChatMessage("customer", "디스크가 이상해요", "ko"))
    assert entry.state is EntryState.TRANSLATED
