"""Ending a session: outcome, the customer's survey through the agent (Korean), the follow-up queue."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDockWidget,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
)

from console.agent.window import AgentWindow
from console.mainwindow.window import MainWindow
from console.review.window import ReviewWindow
from sessions.agent.core import Agent
from sessions.config import Settings
from sessions.ending import add_working_days
from sessions.live import SessionState
from sessions.paths import app_dirs
from sessions.recording import open_record, verify
from sessions.relay.server import Relay
from sessions.ssh.target import Target
from tests.archive.conftest import varied_archive
from tests.console.conftest import QtLoop, until, visible
from tests.sshd import Sshd


def _window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = Settings(app_dirs().settings_file)
    settings.set("technician", "name", "Kim Minsu")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    return window


def _choose(combo: QComboBox, data: str) -> None:
    combo.setCurrentIndex(combo.findData(data))


def _meta(folder: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((folder / "session.json").read_text())


def _events(folder: Path) -> list[dict]:  # type: ignore[type-arg]
    return list(open_record(folder).events())


def test_not_resolved_korean_survey_then_followup_closed(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, relay_and_agent: tuple[Relay, Agent]
) -> None:
    relay, agent = relay_and_agent
    agent.config = dataclasses.replace(agent.config, auto_consent=True)
    customer = AgentWindow(agent)
    qtbot.addWidget(customer)
    customer.show()
    window = _window(qtbot)
    qloop.run(agent.start())
    tab = window.join_code(agent.code, Target("127.0.0.1", relay.port, ""), accept_new=True)

    async def scenario() -> Path:
        await until(lambda: tab.conversation is not None and tab.conversation.link, what="chat channel")
        folder = tab.bridge.session.recorder.folder  # type: ignore[union-attr]
        window.activateWindow()
        await until(window.isActiveWindow, what="the console in front")
        qtbot.keyClick(
            window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        dialog = await until(lambda: visible(QDialog, "endSessionDialog"), what="end dialog")
        _choose(dialog.findChild(QComboBox, "endOutcome"), "not_resolved")
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "endSummary"), "md1 degraded, disk 3 to be replaced")
        qtbot.mouseClick(dialog.findChild(QPushButton, "endConfirm"), Qt.MouseButton.LeftButton)
        await until(lambda: visible(QDialog, "surveyWaiting"), what="waiting for the customer")
        question = await until(lambda: visible(QDialog, "questionDialog"), what="survey at the customer")
        assert question.windowTitle() == "기술지원 만족도 조사"
        qtbot.mouseClick(question.findChild(QRadioButton, "surveySolvedNo"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(question.findChild(QPushButton, "surveyScore4"), Qt.MouseButton.LeftButton)
        comment = question.findChild(QPlainTextEdit, "surveyComment")
        comment.insertPlainText("디스크 교체 날짜를 알려 주세요")  # as an input method commits it
        qtbot.mouseClick(question.findChild(QPushButton, "questionSend"), Qt.MouseButton.LeftButton)
        await until(lambda: tab._state is SessionState.ENDED, what="session ended after the survey")
        assert visible(QDialog, "surveyWaiting") is None
        notes = [tab.chat.list.item(i).text() for i in range(tab.chat.list.count())]
        assert any("디스크 교체 날짜를 알려 주세요" in line and "4/10" in line for line in notes), notes

        window.activateWindow()
        await until(window.isActiveWindow, what="the console in front again")
        qtbot.keyClick(
            window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        dock = await until(lambda: visible(QDockWidget, "followupsDock"), what="follow-up queue")
        table = dock.findChild(QTableWidget, "followupTable")
        await until(lambda: table.rowCount() == 1, what="the follow-up in the queue")
        due = add_working_days(date.today(), 2).isoformat()
        cells = [table.item(0, c).text() for c in range(table.columnCount())]
        assert cells[0] == due and cells[2] == "Kim Minsu" and cells[4] == "디스크 교체 날짜를 알려 주세요"
        assert "Code" in cells[1] and cells[3] == "Not resolved"
        table.selectRow(0)
        qtbot.mouseClick(dock.findChild(QPushButton, "followupClose"), Qt.MouseButton.LeftButton)
        note = await until(lambda: visible(QDialog, "followupNoteDialog"), what="note dialog")
        qtbot.keyClicks(
            note.findChild(QPlainTextEdit, "followupNote"), "Disk replaced on site; array rebuilt"
        )
        qtbot.mouseClick(note.findChild(QPushButton, "followupNoteOk"), Qt.MouseButton.LeftButton)
        await until(lambda: table.rowCount() == 0, what="the follow-up gone from the queue")
        return folder

    folder = qloop.run(scenario())
    events = _events(folder)
    by_type = {event["type"]: event["data"] for event in events}
    assert by_type["outcome"] == {"outcome": "not_resolved", "summary": "md1 degraded, disk 3 to be replaced"}
    assert by_type["survey"] == {
        "via": "agent",
        "solved": False,
        "score": 4,
        "comment": "디스크 교체 날짜를 알려 주세요",
        "lang": "ko",
    }
    assert by_type["followup.opened"]["due"] == add_working_days(date.today(), 2).isoformat()
    assert by_type["followup.closed"] == {
        "note": "Disk replaced on site; array rebuilt",
        "author": "Kim Minsu",
    }
    assert [e["type"] for e in events].index("outcome") < [e["type"] for e in events].index("session.ended")
    meta = json.loads((folder / "session.json").read_text())
    assert (meta["outcome"], meta["survey_score"]) == ("not_resolved", 4)
    assert verify(folder).ok


def test_direct_session_ended_from_the_tab_with_survey_not_asked(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, sshd: Sshd
) -> None:
    window = _window(qtbot)
    tab = window.open_address(
        f"{sshd.user}@{sshd.host}:{sshd.port}", key_file=str(sshd.client_key), accept_new=True
    )
    assert tab is not None

    async def scenario() -> Path:
        await until(lambda: tab.bridge and tab.bridge.session.state is SessionState.ACTIVE, what="shell")
        folder = tab.bridge.session.recorder.folder  # type: ignore[union-attr]
        ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(window, Qt.Key.Key_D, ctrl_shift)  # run diagnostics
        await until(lambda: _meta(folder).get("platform"), timeout=60, what="platform detected")
        window.request_close_tab(window.tabs.indexOf(tab))
        confirm = await until(lambda: visible(QMessageBox, "closeTabConfirm"), what="close confirmation")
        qtbot.mouseClick(confirm.findChild(QPushButton, "closeTabEndSession"), Qt.MouseButton.LeftButton)
        dialog = await until(lambda: visible(QDialog, "endSessionDialog"), what="end dialog")
        assert dialog.findChild(QRadioButton, "endSurveyNotAsked").isChecked()
        assert not dialog.findChild(QComboBox, "endSurveySolved").isEnabled()
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "endSummary"), "Fan replaced")
        qtbot.mouseClick(dialog.findChild(QPushButton, "endConfirm"), Qt.MouseButton.LeftButton)
        await until(lambda: window.tabs.count() == 0, what="tab closed")
        return folder

    folder = qloop.run(scenario())
    by_type = {event["type"]: event["data"] for event in _events(folder)}
    assert by_type["outcome"] == {"outcome": "resolved", "summary": "Fan replaced"}
    assert by_type["survey"] == {"via": "not_asked"}
    assert "followup.opened" not in by_type
    meta = _meta(folder)
    assert (meta["outcome"], meta["survey_score"], meta["summary"]) == ("resolved", None, "Fan replaced")
    os_release = dict(
        line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if "=" in line
    )
    assert meta["platform"].split()[-1] == os_release.get("VERSION_ID", "").strip('"')
    assert verify(folder).ok


def test_open_record_from_the_followup_queue_shows_it_in_the_review_window(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop
) -> None:
    window = _window(qtbot)
    followup = varied_archive(window.archive_root())[1]  # nas-b: not resolved, follow-up due 2025-03-11

    async def scenario() -> None:
        qtbot.keyClick(
            window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        dock = await until(lambda: visible(QDockWidget, "followupsDock"), what="follow-up queue")
        table = dock.findChild(QTableWidget, "followupTable")
        await until(lambda: table.rowCount() == 1, what="the one open follow-up in the queue")
        assert table.item(0, 1).text() == "nas-b"
        open_button = dock.findChild(QPushButton, "followupOpen")
        qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)  # nothing selected yet
        assert dock.findChild(QLabel, "followupStatus").text() == "Select a follow-up first."
        assert visible(ReviewWindow, "reviewWindow") is None

        cell = table.visualItemRect(table.item(0, 1)).center()
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        assert [index.row() for index in table.selectionModel().selectedRows()] == [0]
        qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
        review = await until(lambda: visible(ReviewWindow, "reviewWindow"), what="the review window")
        assert review.tabs.currentWidget() is review.session_view
        assert review.session_view.folder == followup
        header = review.findChild(QLabel, "sessionHeader").text()
        assert "nas-b" in header and "lee" in header
        assert "help nas-b" in review.session_view.chat.item(0).text()
        report = review.findChild(QLabel, "reportSummary")
        await until(report.text, what="the review window's index and report up to date")
        window.followups.close_index()  # as the main window does when it closes
        assert not review.isVisible()

    qloop.run(scenario())
