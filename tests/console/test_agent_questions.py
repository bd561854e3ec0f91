"""The customer's window answers a technician's question in a dialog in the customer's language."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton, QRadioButton

from console.agent.window import AgentWindow
from console.mainwindow.window import MainWindow
from sessions.agent.core import Agent
from sessions.chat.questions import CONSENT, SURVEY, QuestionUnansweredError
from sessions.config import Settings
from sessions.live import SessionState
from sessions.paths import app_dirs
from sessions.relay.server import Relay
from sessions.ssh.target import Target
from tests.chat.test_questions import CONSENT_PARAMS
from tests.console.conftest import QtLoop, until, visible


def test_survey_and_consent_dialogs_in_korean(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, relay_and_agent: tuple[Relay, Agent]
) -> None:
    relay, agent = relay_and_agent
    agent.config = dataclasses.replace(agent.config, auto_consent=True)
    customer = AgentWindow(agent)
    qtbot.addWidget(customer)
    customer.show()
    window = MainWindow(Settings(app_dirs().settings_file))
    qtbot.addWidget(window)
    window.show()
    qloop.run(agent.start())
    tab = window.join_code(agent.code, Target("127.0.0.1", relay.port, ""), accept_new=True)

    async def scenario() -> None:
        await until(lambda: tab.conversation is not None and tab.conversation.link, what="chat channel")
        conversation = tab.conversation
        assert conversation is not None
        feed = [customer.activity.item(i).text() for i in range(customer.activity.count())]
        assert any(line.endswith("기술자가 채팅을 열었습니다") for line in feed), feed
        asking = qloop.loop.create_task(conversation.ask(SURVEY, {"outcome": "resolved"}, timeout=20))
        dialog = await until(lambda: visible(QDialog, "questionDialog"), what="survey dialog")
        assert dialog.windowTitle() == "기술지원 만족도 조사"
        assert dialog.findChild(QLabel) is not None
        send = dialog.findChild(QPushButton, "questionSend")
        assert send.accessibleName() == "보내기" and not send.isEnabled()
        qtbot.mouseClick(dialog.findChild(QRadioButton, "surveySolvedYes"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.findChild(QPushButton, "surveyScore9"), Qt.MouseButton.LeftButton)
        comment = dialog.findChild(QPlainTextEdit, "surveyComment")
        qtbot.mouseClick(comment.viewport(), Qt.MouseButton.LeftButton)
        comment.insertPlainText("친절했어요")  # as an input method commits it (QTest cannot type Hangul)
        qtbot.mouseClick(send, Qt.MouseButton.LeftButton)
        assert await asking == {"solved": True, "score": 9, "comment": "친절했어요", "lang": "ko"}

        asking = qloop.loop.create_task(conversation.ask(CONSENT, CONSENT_PARAMS, timeout=20))
        dialog = await until(lambda: visible(QDialog, "questionDialog"), what="consent dialog")
        assert dialog.windowTitle() == "제조사에 파일을 보낼까요?"
        qtbot.mouseClick(dialog.findChild(QPushButton, "questionAgree"), Qt.MouseButton.LeftButton)
        answer = await asking
        assert answer["agreed"] is True and answer["lang"] == "ko" and answer["by"]

        asking = qloop.loop.create_task(conversation.ask(SURVEY, {"outcome": "resolved"}, timeout=20))
        dialog = await until(lambda: visible(QDialog, "questionDialog"), what="third dialog")
        qtbot.mouseClick(dialog.findChild(QPushButton, "questionClose"), Qt.MouseButton.LeftButton)
        with pytest.raises(QuestionUnansweredError):
            await asking

        asking = qloop.loop.create_task(conversation.ask(SURVEY, {"outcome": "resolved"}, timeout=20))
        await until(lambda: visible(QDialog, "questionDialog"), what="a question left open")
        qtbot.mouseClick(customer.findChild(QPushButton, "agentEnd"), Qt.MouseButton.LeftButton)
        with pytest.raises(QuestionUnansweredError):
            await asking
        await until(lambda: visible(QDialog, "questionDialog") is None, what="dialog closed at the end")
        await until(lambda: tab._state is SessionState.ENDED, what="session ended")

    qloop.run(scenario())
