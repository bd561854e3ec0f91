"""The customer's window (`valuezone agent --gui`) against a hostile technician, a live shell, and closing.

Real relay and agent on loopback; the technician is an asyncssh client through the relay. Everything is
read back from the widgets, as the customer would read it.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QMessageBox, QPushButton, QTabWidget, QWidget

from console.agent.window import AgentWindow
from sessions.agent.core import Agent, AgentConfig
from sessions.agent.events import AgentState
from sessions.chat.link import ChatLink
from sessions.chat.message import ChatMessage
from sessions.chat.questions import CONSENT, Questioner
from sessions.relay.client import JoinOptions, connect_by_code
from sessions.relay.server import Relay, RelayConfig
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from tests.chat.test_questions import CONSENT_PARAMS
from tests.console.conftest import QtLoop, until, visible
from tests.sshd import keygen

ERASE = "\x1b[1G\x1b[2K"
UP = "\x1b[1A"
TITLE = "\x1b]0;all good\x07"
RLO = "\u202e"
HOSTILE_NAME = f"Mallory{ERASE}{UP}<b>Acme</b> Security{TITLE}{RLO}moc.emca"
RAW = ("\x1b", "\r", "\x07", RLO, "\u009b")


class Scene:
    """A relay that knows one technician key (under *name*), a Korean customer's agent and its window."""

    def __init__(self, qloop: QtLoop, tmp_path: Path, name: str, **agent_options: object) -> None:
        self.key = keygen(tmp_path / "tech_ed25519")
        kind, blob = Path(f"{self.key}.pub").read_text().split()[:2]
        technicians = tmp_path / "technicians"
        technicians.write_text(f"{kind} {blob} {name}\n", encoding="utf-8")
        config = RelayConfig(technicians_file=technicians, state_dir=tmp_path / "relay")
        self.relay = qloop.run(Relay.start(config))
        options: dict[str, object] = {"lang": "ko", "backoff": (0.1, 0.5), **agent_options}
        self.agent = Agent(
            AgentConfig(relay=Target("127.0.0.1", self.relay.port), state_dir=tmp_path / "agent", **options)  # type: ignore[arg-type]
        )
        self.trust = HostKeyTrust(known_hosts=tmp_path / "kh", read_user_known_hosts=False, accept_new=True)

    async def join(self):  # type: ignore[no-untyped-def]
        target = Target("127.0.0.1", self.relay.port, "kim")
        return await connect_by_code(
            target, self.agent.code, JoinOptions(technician_key=self.key, trust=self.trust)
        )


@pytest.fixture
def make_scene(qloop: QtLoop, tmp_path: Path) -> Iterator[Callable[..., Scene]]:
    made: list[Scene] = []

    def make(name: str = "Kim Minsu <kim@acme.example>", **agent_options: object) -> Scene:
        made.append(Scene(qloop, tmp_path, name, **agent_options))
        return made[-1]

    yield make
    for scene in made:
        qloop.run(scene.agent.end("test over"))
        qloop.run(scene.relay.close())


def _items(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def _assert_nothing_raw(*texts: str) -> None:
    for text in texts:
        for control in RAW:
            assert control not in text, (control, text)


def test_window_shows_what_the_technician_sent_as_text_never_as_markup_or_controls(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, make_scene
) -> None:
    scene = make_scene(HOSTILE_NAME)
    customer = AgentWindow(scene.agent)
    qtbot.addWidget(customer)
    customer.show()
    qloop.run(scene.agent.start())

    async def scenario() -> None:
        joining = asyncio.ensure_future(scene.join())
        box = await until(lambda: visible(QMessageBox, "consentDialog"), what="consent question")
        assert box.textFormat() == Qt.TextFormat.PlainText
        _assert_nothing_raw(box.text())
        assert "Mallory␛[1G␛[2K␛[1A<b>Acme</b> Security␛]0;all good␇⟨U+202E⟩moc.emca" in box.text()
        qtbot.mouseClick(box.findChild(QPushButton, "consentAllow"), Qt.MouseButton.LeftButton)
        conn = await joining
        assert (await conn.run(f"true '{ERASE}{UP}harmless{TITLE}{RLO}'")).exit_status == 0
        link = await ChatLink.open(conn)
        await link.send(ChatMessage("technician", f"hi{ERASE}{UP}<i>bank</i>{TITLE}{RLO}", "en"))
        await until(lambda: customer.chat.count(), what="chat line")
        questioner = Questioner(link)
        link.on_typed = questioner.on_line
        params = dict(CONSENT_PARAMS, destination=f"HQ{ERASE}<b>trusted</b>", ticket=f"T{RLO}1")
        params["files"] = [{"path": f"/var/log/x{UP}{ERASE}", "size": 10}]
        asking = asyncio.ensure_future(questioner.ask(CONSENT, params, timeout=20))
        dialog = await until(lambda: visible(QDialog, "questionDialog"), what="question dialog")
        labels = dialog.findChildren(QLabel)
        _assert_nothing_raw(*(label.text() for label in labels))
        assert any("HQ␛[1G␛[2K<b>trusted</b>" in label.text() for label in labels)
        for label in labels:
            if "trusted" in label.text() or "/var/log/x" in label.text():
                assert label.textFormat() == Qt.TextFormat.PlainText
        qtbot.mouseClick(dialog.findChild(QPushButton, "questionDecline"), Qt.MouseButton.LeftButton)
        assert (await asking)["agreed"] is False
        conn.close()
        await until(lambda: scene.agent.state is AgentState.ENDED, what="technician left")

    qloop.run(scenario())
    activity, chat = _items(customer.activity), _items(customer.chat)
    _assert_nothing_raw(*activity, *chat, customer.state_label.text())
    assert any("true '␛[1G␛[2K␛[1Aharmless␛]0;all good␇⟨U+202E⟩'" in line for line in activity), activity
    assert any("hi␛[1G␛[2K␛[1A<i>bank</i>␛]0;all good␇⟨U+202E⟩" in line for line in chat), chat
    assert customer.state_label.textFormat() == Qt.TextFormat.PlainText
    assert "Mallory␛[1G" in customer.state_label.text()  # "… ended the session." names them as text


def _no_errors(caplog: pytest.LogCaptureFixture) -> None:
    bad = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert not bad, [r.getMessage() for r in bad]


async def _read_until(process, pattern: str, seen: list[str], timeout: float = 15) -> None:  # type: ignore[no-untyped-def]
    """The technician's side: read their terminal until *pattern* (a regular expression) shows."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not re.search(pattern, "".join(seen)):
        left = deadline - asyncio.get_running_loop().time()
        assert left > 0, f"no {pattern!r} on the technician's terminal: {''.join(seen)!r}"
        seen.append(await asyncio.wait_for(process.stdout.read(4096), left))


def test_customer_watches_the_technicians_shell_live_and_cannot_type_into_it(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, make_scene, tmp_path: Path
) -> None:
    scene = make_scene(auto_consent=True)
    customer = AgentWindow(scene.agent)
    qtbot.addWidget(customer)
    customer.show()
    qloop.run(scene.agent.start())
    note = customer.findChild(QLabel, "agentShellNote")
    assert note.isVisible() and "기술자가 터미널을 열면" in note.text()  # Korean customer, Korean labels
    sent_by_view: list[bytes] = []

    async def scenario() -> None:
        conn = await scene.join()
        shell = await conn.create_process(term_type="xterm-256color", term_size=(80, 24))
        seen: list[str] = []
        view = await until(lambda: customer.findChild(QWidget, "agentShellView"), what="live view")
        view.input_ready.connect(sent_by_view.append)
        tabs = customer.findChild(QTabWidget, "agentShells")
        assert tabs.isVisible() and tabs.tabText(0) == "터미널 1" and not note.isVisible()
        await _read_until(shell, r"[#$] $", seen)
        shell.stdin.write("echo live-$((6*7)); printf '\\033[1;32m녹색 OK\\033[0m\\n'\r")
        await until(lambda: "live-42" in view.snapshot_text(), what="output in the live view")
        text = view.snapshot_text()
        assert "echo live-$((6*7))" in text, text  # what the technician typed, as their terminal echoed it
        assert "녹색 OK" in text
        # The customer clicks into the view and types, pastes: none of it reaches the shell.
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(view, "touch /tmp/vz-customer-typed")
        qtbot.keyClick(view, Qt.Key.Key_Return)
        view.paste_text("touch /tmp/vz-customer-pasted\r")
        shell.stdin.write("echo marker-$((1+1))\r")
        await _read_until(shell, "marker-2", seen)
        assert "vz-customer" not in "".join(seen) and sent_by_view == []
        shell.change_terminal_size(100, 30)
        await until(lambda: view.screen.cols == 100 and view.screen.rows == 30, what="resize followed")
        customer.grab().save(str(tmp_path / "agent-window-live.png"))
        shell.stdin.write("exit\r")
        await asyncio.wait_for(shell.wait_closed(), 10)
        await until(lambda: tabs.tabText(0) == "터미널 1 (닫힘)", what="tab marked closed")
        feed = _items(customer.activity)
        assert any("기술자의 터미널이 닫혔습니다" in line for line in feed), feed
        conn.close()

    qloop.run(scenario())
    assert not Path("/tmp/vz-customer-typed").exists() and not Path("/tmp/vz-customer-pasted").exists()


async def _silent_relay() -> asyncio.Server:
    """A 'relay' that accepts the connection and never says a word: the agent stays connecting."""

    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.CancelledError):
            await reader.read()
        writer.close()

    return await asyncio.start_server(hold, "127.0.0.1", 0)


def _close_and_settle(customer: AgentWindow, agent: Agent):  # type: ignore[no-untyped-def]
    async def settle() -> None:
        customer.close()
        await until(lambda: agent.state is AgentState.ENDED, what="the agent ended with the window")
        await asyncio.sleep(0.5)  # anything the close set off runs (and would log or raise) now

    return settle()


@pytest.mark.parametrize("state", ["connecting", "code", "consent", "question", "reconnecting"])
def test_closing_the_window_while_waiting_raises_nothing(  # type: ignore[no-untyped-def]
    qtbot, qapp, qloop: QtLoop, make_scene, tmp_path: Path, caplog: pytest.LogCaptureFixture, state: str
) -> None:
    caplog.set_level(logging.WARNING)
    qapp.setQuitOnLastWindowClosed(False)  # the app would quit here (its exit job ends the agent too)
    scene = make_scene()
    agent = scene.agent
    customer = AgentWindow(agent)
    qtbot.addWidget(customer)
    customer.show()

    async def scenario() -> None:
        if state == "connecting":
            silent = await _silent_relay()
            port = silent.sockets[0].getsockname()[1]
            agent.config = AgentConfig(relay=Target("127.0.0.1", port), state_dir=tmp_path / "a2", lang="ko")
            starting = customer.start()
            await asyncio.sleep(0.5)
            assert agent.state is AgentState.CONNECTING
            await _close_and_settle(customer, agent)
            assert starting.done()
            silent.close()
            return
        await customer.start()
        await until(lambda: agent.state is AgentState.WAITING, what="code shown")
        joining = None
        if state == "consent":
            joining = asyncio.ensure_future(scene.join())
            await until(lambda: visible(QMessageBox, "consentDialog"), what="consent question")
        elif state == "question":
            agent.config = dataclasses.replace(agent.config, auto_consent=True)
            conn = await scene.join()
            link = await ChatLink.open(conn)
            questioner = Questioner(link)
            link.on_typed = questioner.on_line
            joining = asyncio.ensure_future(questioner.ask(CONSENT, CONSENT_PARAMS, timeout=20))
            await until(lambda: visible(QDialog, "questionDialog"), what="question dialog")
        elif state == "reconnecting":
            await scene.relay.close()
            agent._link.conn.abort()  # the customer's network drops, and the relay is gone
            await until(lambda: agent.state is AgentState.RECONNECTING, what="reconnecting")
        await _close_and_settle(customer, agent)
        assert visible(QMessageBox, "consentDialog") is None and visible(QDialog, "questionDialog") is None
        if joining is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(joining, 10)  # the technician is turned away or told it ended

    try:
        qloop.run(scenario())
    finally:
        qapp.setQuitOnLastWindowClosed(True)
    _no_errors(caplog)
