"""The customer's window (`valuezone agent --gui`) against a hostile technician, a live shell, and closing.

Real relay and agent on loopback; the technician is an asyncssh client through the relay. Everything is
read back from the widgets, as the customer would read it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QMessageBox, QPushButton

from console.agent_window import AgentWindow
from sessions.agent.core import Agent, AgentConfig
from sessions.agent.events import AgentState
from sessions.chat.link import ChatLink
from sessions.chat.message import ChatMessage
from sessions.chat.questions import CONSENT, Questioner
from sessions.relay.client import connect_by_code
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
        return await connect_by_code(target, self.agent.code, technician_key=self.key, trust=self.trust)


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
