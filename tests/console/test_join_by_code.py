"""Join by code end to end: relay and agent on loopback, the customer answers in their own window."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QMessageBox, QPushButton

from console.agent.window import AgentWindow
from console.launch.demo import start_demo
from console.mainwindow.window import MainWindow
from console.session.tab import SessionTab
from sessions import codes
from sessions.agent.core import Agent
from sessions.agent.events import AgentState
from sessions.config import Settings
from sessions.live import SessionState, SessionStatus
from sessions.paths import app_dirs
from sessions.recording import open_record, verify
from sessions.relay.audit import read_audit
from sessions.relay.server import Relay
from sessions.ssh.target import Target
from tests.console.conftest import QtLoop, until, visible


@pytest.fixture
def window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(Settings(app_dirs().settings_file))
    qtbot.addWidget(win)
    win.show()
    return win


def test_join_by_code_with_consent_then_customer_ends(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, window: MainWindow, relay_and_agent: tuple[Relay, Agent]
) -> None:
    relay, agent = relay_and_agent
    customer = AgentWindow(agent)
    qtbot.addWidget(customer)
    customer.show()
    qloop.run(agent.start())
    shown = customer.findChild(QLabel, "agentCode").text()
    assert shown == codes.display(agent.code)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(
        window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    code_edit = qloop.run(until(lambda: visible(QLineEdit, "joinCode"), what="join dialog"))
    dialog = code_edit.window()
    typo = agent.code[:8] + str((int(agent.code[8]) + 1) % 10)
    qtbot.keyClicks(code_edit, codes.display(typo))
    assert "typo" in dialog.findChild(QLabel, "joinError").text()
    relay_edit = dialog.findChild(QLineEdit, "joinRelay")
    relay_edit.clear()
    qtbot.keyClicks(relay_edit, f"127.0.0.1:{relay.port}")
    join = dialog.findChild(QDialogButtonBox, "joinButtons").button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(join, Qt.MouseButton.LeftButton)
    assert dialog.isVisible(), "a code with a typo never leaves the dialog"
    code_edit.clear()
    qtbot.keyClicks(code_edit, agent.code[:3] + "-" + agent.code[3:6] + "-" + agent.code[6:])
    qtbot.mouseClick(join, Qt.MouseButton.LeftButton)
    tab = window.tabs.currentWidget()
    assert isinstance(tab, SessionTab)

    async def scenario() -> None:
        box = await until(lambda: visible(QMessageBox, "hostKeyDialog"), what="relay host key question")
        assert relay.fingerprint in box.informativeText()
        qtbot.mouseClick(box.findChild(QPushButton, "hostKeyTrust"), Qt.MouseButton.LeftButton)
        consent = await until(
            lambda: visible(QMessageBox, "consentDialog"), what="customer's consent question"
        )
        assert "Kim Minsu <kim@acme.example>" in consent.text()
        qtbot.mouseClick(consent.findChild(QPushButton, "consentAllow"), Qt.MouseButton.LeftButton)
        await until(lambda: tab.bridge and tab.bridge.session.state is SessionState.ACTIVE, what="shell")
        qtbot.keyClicks(tab.terminal, "echo via-relay-$((40+2))")
        qtbot.keyClick(tab.terminal, Qt.Key.Key_Return)
        await until(lambda: "via-relay-42" in tab.terminal.snapshot_text(), what="output through the relay")
        await until(lambda: customer.activity.count() >= 2, what="activity feed")
        qtbot.mouseClick(customer.findChild(QPushButton, "agentEnd"), Qt.MouseButton.LeftButton)
        await until(lambda: tab._state is SessionState.ENDED, what="session ended by the customer")
        assert agent.state is AgentState.ENDED

    qloop.run(scenario())
    feed = [customer.activity.item(i).text() for i in range(customer.activity.count())]
    assert any("기술자가 터미널을 열었습니다" in line for line in feed), feed  # the agent speaks Korean here
    # the console brought its own data leg: the relay spliced it and ran no SSH for the session
    assert [
        event["event"] for event in read_audit(relay.audit.path) if event["event"].startswith("leg.")
    ] == ["leg.joined"]


def test_demo_joins_by_code_with_no_setup(qtbot, qloop: QtLoop, window: MainWindow, vz_home: Path) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        demo = await start_demo(window, vz_home)  # inside the running loop, as in the app
        qtbot.addWidget(demo.agent_window)
        tab = demo.tab
        await until(lambda: tab.bridge and tab.bridge.session.state is SessionState.ACTIVE, what="demo shell")
        qtbot.keyClicks(tab.terminal, "echo demo-$((6*7))")
        qtbot.keyClick(tab.terminal, Qt.Key.Key_Return)
        await until(lambda: "demo-42" in tab.terminal.snapshot_text(), what="demo output")
        await demo.close()

    qloop.run(scenario())


def test_customer_link_drop_shows_reconnecting_resumes_and_marks_the_gap(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, window: MainWindow, relay_and_agent: tuple[Relay, Agent]
) -> None:
    relay, agent = relay_and_agent
    agent.config = dataclasses.replace(agent.config, auto_consent=True, backoff=(0.1, 0.5))
    qloop.run(agent.start())
    tab = window.join_code(agent.code, Target("127.0.0.1", relay.port, ""), accept_new=True)
    seen: list[SessionState] = []

    async def scenario() -> None:
        await until(lambda: tab.bridge and tab.bridge.session.state is SessionState.ACTIVE, what="shell")
        tab.bridge.on(SessionStatus, lambda status: seen.append(status.state))
        qtbot.keyClicks(tab.terminal, "echo before-drop")
        qtbot.keyClick(tab.terminal, Qt.Key.Key_Return)
        await until(lambda: "before-drop" in tab.terminal.snapshot_text(), what="output before the drop")
        agent._link.conn.abort()  # the customer's network drops
        await until(lambda: SessionState.RECONNECTING in seen, what="reconnecting")
        assert "reconnecting" in tab.status_label.text().lower()
        await until(lambda: seen[-1] is SessionState.ACTIVE, what="resumed")
        qtbot.keyClicks(tab.terminal, "echo after-$((1+1))")
        qtbot.keyClick(tab.terminal, Qt.Key.Key_Return)
        await until(lambda: "after-2" in tab.terminal.snapshot_text(), what="output after resuming")
        tab.end()
        await until(lambda: not tab.is_live(), what="end")

    qloop.run(scenario())
    folder = tab.bridge.session.recorder.folder  # type: ignore[union-attr]
    events = [e["type"] for e in open_record(folder).events()]
    assert "recording.gap" in events
    assert verify(folder).ok
