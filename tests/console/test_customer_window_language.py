"""The Korean customer's window, driven as a person would: vendor, live countdown, consent, chat, the end.

Real relay (handing out the demo's vendor file) and agent on loopback; the technician is an asyncssh
client through the relay. Every text the window shows is read back from the widgets and checked for
English sentences (names, commands, the code, the relay's address and the web address are allowed).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QWidget,
)

from console.agent.window import AgentWindow
from sessions import vendor
from sessions.agent.core import Agent, AgentConfig
from sessions.agent.events import AgentState
from sessions.chat.link import ChatLink
from sessions.chat.message import ChatMessage
from sessions.relay.client import JoinOptions, connect_by_code
from sessions.relay.server import Relay, RelayConfig
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from tests.console.conftest import QtLoop, until, visible
from tests.relay.language import english_runs
from tests.sshd import keygen

TECH = "Kim Minsu <kim@acme.example>"
LONG = "디스크 두 개 중 하나에서 읽기 오류가 늘고 있습니다. " * 6  # far wider than the chat pane


def _texts(widget: QWidget) -> list[str]:
    """Every text a person reads in *widget*: labels, buttons, list items, placeholders, its title."""
    texts = [widget.windowTitle()]
    texts += [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]
    texts += [button.text() for button in widget.findChildren(QAbstractButton) if button.isVisible()]
    texts += [entry.placeholderText() for entry in widget.findChildren(QLineEdit)]
    for view in widget.findChildren(QListWidget):
        texts += [view.item(i).text() for i in range(view.count())]
    if isinstance(widget, QMessageBox):
        texts += [widget.text(), widget.informativeText()]
    return texts


def test_korean_customer_window_from_code_to_end_reads_no_english(
    qtbot, qloop: QtLoop, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    key = keygen(tmp_path / "tech_ed25519")
    kind, blob = Path(f"{key}.pub").read_text().split()[:2]
    (tmp_path / "technicians").write_text(f"{kind} {blob} {TECH}\n", encoding="utf-8")
    config = RelayConfig(
        technicians_file=tmp_path / "technicians",
        state_dir=tmp_path / "relay",
        vendor=vendor.load(vendor.demo_file()),
    )
    relay = qloop.run(Relay.start(config))
    agent = Agent(AgentConfig(relay=Target("127.0.0.1", relay.port), state_dir=tmp_path / "agent", lang="ko"))
    window = AgentWindow(agent)
    qtbot.addWidget(window)
    window.resize(760, 700)  # what it gets on a 1366 × 768 screen
    window.show()
    read: list[str] = []

    async def scenario() -> None:
        await window.start()
        # The code screen: who gives the support (marked as the relay's word), the code, the time left.
        assert window.vendor_box.isVisible() and window.vendor_box.name.text() == "에이스 스토리지 고객지원"
        assert window.vendor_box.logo.pixmap() is not None and not window.vendor_box.logo.pixmap().isNull()
        assert "전화 +82 2-555-0100" in window.vendor_box.contact.text()
        assert f"지원 서버 127.0.0.1:{relay.port}" in window.vendor_box.source.text()
        assert window.windowTitle() == "에이스 스토리지 고객지원 원격 지원"
        first = window.expiry_label.text()
        assert "코드 만료까지 " in first
        await until(lambda: window.expiry_label.text() != first, timeout=3, what="the countdown to tick")
        assert window.countdown.isActive()
        read.extend(_texts(window))
        # Consent: who, for which vendor, what the scope lets them do, whom to call.
        trust = HostKeyTrust(known_hosts=tmp_path / "kh", read_user_known_hosts=False, accept_new=True)
        target = Target("127.0.0.1", relay.port, "kim")
        joining = asyncio.ensure_future(
            connect_by_code(target, agent.code, JoinOptions(technician_key=key, trust=trust))
        )
        box = await until(lambda: visible(QMessageBox, "consentDialog"), what="consent question")
        assert f"에이스 스토리지 고객지원의 {TECH}님이 이 장치에 연결하려고 합니다." in box.text()
        assert (
            "전체 권한: 기술자가 이 장치에서" in box.text() and "(+82 2-555-0100)에 전화하세요." in box.text()
        )
        assert not window.countdown.isActive()  # the code is being used: no countdown while asking
        read.extend(_texts(box))
        qtbot.mouseClick(box.findChild(QPushButton, "consentAllow"), Qt.MouseButton.LeftButton)
        conn = await joining
        assert (await conn.run("uptime")).exit_status == 0
        link = await ChatLink.open(conn)
        await link.send(ChatMessage("technician", LONG, "ko"))
        await until(lambda: window.chat.count(), what="chat line")
        await asyncio.sleep(0.2)  # laid out
        # Chat wraps: the long line takes several lines of the pane's width, no sideways scrolling.
        item = window.chat.item(0)
        rect = window.chat.visualItemRect(item)
        assert rect.height() > 2 * window.chat.fontMetrics().height(), rect
        assert rect.width() <= window.chat.viewport().width()
        assert window.chat.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        window.entry.setText("네, 확인 부탁드립니다")
        qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
        assert (await asyncio.wait_for(anext(aiter(link)), 10)).text == "네, 확인 부탁드립니다"
        link.close()
        conn.close()  # the technician ends it
        await until(lambda: agent.state is AgentState.ENDED, what="the end")
        read.extend(_texts(window))

    try:
        qloop.run(scenario())
    finally:
        qloop.run(agent.end())
        qloop.run(relay.close())
    assert f"{TECH}님이 세션을 끝냈습니다." in window.state_label.text()
    assert window.expiry_label.text() == "이 코드는 더 이상 사용할 수 없습니다."
    allowed = [TECH, agent.code, f"127.0.0.1:{relay.port}", "https://support.acme.example", "uptime"]
    assert english_runs("\n".join(read), allowed) == [], read


def test_relay_that_cannot_be_reached_is_told_in_korean_in_the_window(
    qtbot, qloop: QtLoop, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    agent = Agent(AgentConfig(relay=Target("127.0.0.1", 1), state_dir=tmp_path / "agent", lang="ko"))
    window = AgentWindow(agent)
    qtbot.addWidget(window)
    window.show()
    qloop.run(window.start())
    assert window.state_label.text().startswith("127.0.0.1:1의 지원 서비스에 연결할 수 없습니다.")
    assert english_runs(window.state_label.text(), ["127.0.0.1:1"]) == []


def test_qt_menus_in_the_customer_window_speak_the_customers_language(
    qtbot, qloop: QtLoop, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from console.agent.qt_words import install_qt_words, remove_qt_words

    for lang, paste in (("ko", "붙여넣기"), ("ja", "貼り付け"), ("zh-TW", "貼上"), ("zh-CN", "粘贴")):
        agent = Agent(AgentConfig(relay=Target("127.0.0.1", 1), state_dir=tmp_path / "agent", lang=lang))
        assert install_qt_words(agent.texts.lang)
        try:
            window = AgentWindow(agent)
            qtbot.addWidget(window)
            menu = window.entry.createStandardContextMenu()  # what a right click on the chat entry shows
            labels = [action.text().replace("&", "") for action in menu.actions() if action.text()]
            menu.deleteLater()
        finally:
            remove_qt_words()
        assert any(paste in label for label in labels), (lang, labels)
        assert english_runs(" ".join(labels), []) == [] and "Paste" not in " ".join(labels), labels
