"""Chat via relay and agent: a Korean line arrives translated; the reply reaches the customer in Korean."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QPushButton

from console.mainwindow.window import MainWindow
from sessions.agent.core import Agent
from sessions.agent.events import AgentEventValue, ChatReceived
from sessions.config import Settings
from sessions.live import SessionState
from sessions.paths import app_dirs
from sessions.relay.server import Relay
from sessions.ssh.target import Target
from tests.console.conftest import QtLoop, until
from tests.translation.libre_server import LibreServer


@pytest.fixture
def libre() -> Iterator[LibreServer]:
    with LibreServer() as server:
        yield server


def test_korean_customer_and_english_technician(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, relay_and_agent: tuple[Relay, Agent], libre: LibreServer
) -> None:
    relay, agent = relay_and_agent
    settings = Settings(app_dirs().settings_file)
    settings.set("translation", "providers", ["libre"])
    settings.set("translation", "libre_url", libre.url)
    settings.set("translation", "technician_language", "en")
    settings.set("translation", "cache", False)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    agent.config = dataclasses.replace(agent.config, auto_consent=True)
    received: list[AgentEventValue] = []
    agent.subscribe(received.append)
    qloop.run(agent.start())
    tab = window.join_code(agent.code, Target("127.0.0.1", relay.port, ""), accept_new=True)

    async def scenario() -> None:
        await until(lambda: tab.conversation is not None and tab.conversation.link, what="chat channel")
        await agent.send_chat("디스크 고장")
        await until(lambda: "disk broken" in _chat_text(tab), what="translated customer line")
        compose = tab.chat.findChild(QPlainTextEdit, "chatCompose")
        qtbot.keyClicks(compose, "please check disk")
        preview = tab.chat.findChild(QPlainTextEdit, "chatPreview")
        await until(lambda: preview.toPlainText() == "제발 확인 디스크", what="preview in Korean")
        qtbot.mouseClick(tab.chat.findChild(QPushButton, "chatSend"), Qt.MouseButton.LeftButton)
        await until(lambda: [e for e in received if isinstance(e, ChatReceived)], what="reply at the agent")

    qloop.run(scenario())
    reply = next(e for e in received if isinstance(e, ChatReceived)).message
    assert reply.text == "please check disk"
    assert reply.shown_text("ko") == "제발 확인 디스크"
    session = tab.bridge.session  # type: ignore[union-attr]
    assert session.state is SessionState.ACTIVE
    events = [
        json.loads(line) for line in (session.recorder.folder / "events.jsonl").read_text().splitlines()
    ]  # type: ignore[union-attr]
    texts = json.dumps([e["data"] for e in events if e["type"].startswith("chat.")], ensure_ascii=False)
    for expected in ("디스크 고장", "disk broken", "please check disk", "제발 확인 디스크"):
        assert expected in texts
    tab.end()


def _chat_text(tab) -> str:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    return "\n".join(label.text() for label in tab.chat.list.findChildren(QLabel))
