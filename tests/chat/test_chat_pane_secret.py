"""The chat pane marks a line that held a secret, and says why a message will not be translated."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QLabel

from console.session.chat_pane import ChatPane
from sessions.chat.conversation import ChatEntry, Conversation, EntryState
from sessions.chat.message import ChatMessage
from sessions.identity import Identity


def _pane(qtbot) -> tuple[ChatPane, Conversation]:  # type: ignore[no-untyped-def]
    pane = ChatPane(Identity("kim"))
    qtbot.addWidget(pane)
    conversation = Conversation(
        translator=None, technician_lang="en", on_entry=pane.show_entry, customer_lang="ko"
    )
    pane.bind(conversation)
    pane._preview_timer.stop()  # no live event loop here: previews are made by hand below
    return pane, conversation


def test_a_line_that_held_a_secret_is_shown_with_a_lock_and_no_retry(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, _ = _pane(qtbot)
    message = ChatMessage("customer", "제 비밀번호는 qwer1234 입니다", "ko")
    pane.show_entry(ChatEntry(message, EntryState.SECRET_HELD, held=("password_phrase_cjk",)))
    text = "\n".join(label.text() for label in pane.list.findChildren(QLabel))
    assert "qwer1234" in text  # the technician reads the original, here only
    assert "🔒" in text and "not translated: it held a secret" in text and "password_phrase_cjk" in text
    assert not any(button.isVisible() for button in pane.list.findChildren(type(pane.send_button)))


def test_the_preview_says_a_secret_is_not_translated(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane, _ = _pane(qtbot)
    text = "your temporary password is Temp#4821"
    pane.compose.setPlainText(text)
    pane._preview_timer.stop()
    loop = asyncio.new_event_loop()  # not asyncio.run: that would unset the loop later async tests use
    try:
        loop.run_until_complete(pane._make_preview(text))
    finally:
        loop.close()
    assert pane.preview.toPlainText() == text
    assert pane.preview_note.text().startswith("🔒 Not translated")
