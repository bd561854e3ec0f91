"""Escalating from the console, end to end on loopback: a live SSH session, Ctrl+E, preview, consent, HQ.

Real parts only: OpenSSH sshd (the device), `hq serve`'s HTTPS receiver on 127.0.0.1, the LibreTranslate
stand-in for the summary, the in-memory keyring. HQ's token is typed into the Settings dialog.
"""

from __future__ import annotations

import dataclasses
import json
import tarfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
)

from console.agent.window import AgentWindow
from console.escalation.dialog import EscalateDialog
from console.mainwindow.window import MainWindow
from console.session.tab import SessionPlan, SessionTab
from sessions.agent.core import Agent
from sessions.config import Settings
from sessions.escalation import State, verify_bundle
from sessions.escalation.destinations import HqDestination
from sessions.live import SessionState
from sessions.paths import app_dirs
from sessions.recording import open_record
from sessions.relay.server import Relay
from sessions.ssh.target import Target
from tests.console.conftest import QtLoop, until, visible
from tests.escalation.conftest import TOKEN, Tls, make_tls, start_hq
from tests.sshd import Sshd
from tests.translation.libre_server import LibreServer

SECRETS = (b"hunter2secret", b"abcdefghijklmnop123", b"typed-s3cret-99")


@pytest.fixture
def libre() -> LibreServer:  # type: ignore[misc]
    with LibreServer() as server:
        yield server


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Tls:
    return make_tls(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def device_logs(tmp_path: Path) -> Path:
    """The device's logs (the sshd runs on this machine), and a vendor profile that names them."""
    logs = tmp_path / "device" / "log"
    logs.mkdir(parents=True)
    (logs / "messages").write_text("boot ok\nmysql --password=hunter2secret\nmd0: sdb dropped\n")
    (logs / "app.log").write_text("GET /api Authorization: Bearer abcdefghijklmnop123\n")
    profiles = app_dirs().config / "diagnostics"
    profiles.mkdir(parents=True)
    (profiles / "testnas.toml").write_text(
        '[profile]\ntitle = "Test NAS"\npriority = 100\n'
        'detect = { command = "echo testnas", match = "testnas" }\n\n'
        f'[logs]\npaths = ["{logs}/*"]\n'
        'commands = { uname = "uname -s" }\n'
    )
    return logs


def _settings(libre: LibreServer, **escalation: object) -> Settings:
    settings = Settings(app_dirs().settings_file)
    settings.set("translation", "providers", ["libre"])
    settings.set("translation", "libre_url", libre.url)
    settings.set("translation", "technician_language", "en")
    settings.set("translation", "cache", False)
    settings.section("escalation").update({"retry_base_seconds": 0.2, **escalation})
    settings.save()
    return settings


def _window(qtbot, settings: Settings) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    return window


def _open_session(window: MainWindow, sshd: Sshd) -> SessionTab:
    target = Target(sshd.host, sshd.port, sshd.user, sshd.client_key)
    plan = dataclasses.replace(SessionPlan.direct(target, accept_new=True), profile="testnas")
    return window.open_session(plan)


async def _active(tab: SessionTab) -> None:
    await until(lambda: tab.bridge and tab.bridge.session.state is SessionState.ACTIVE, what="shell")


async def _ctrl_e(qtbot, window: MainWindow, tab: SessionTab) -> EscalateDialog:  # type: ignore[no-untyped-def]
    window.activateWindow()
    await until(window.isActiveWindow, what="the console window active")
    tab.terminal.setFocus()
    qtbot.keyClick(
        tab.terminal, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )  # Escalate to HQ: Ctrl+Shift+H, even from the terminal
    dialog = await until(lambda: visible(QDialog, "escalateDialog"), what="the Escalate dialog")
    assert isinstance(dialog, EscalateDialog)
    return dialog


async def _fill_and_preview(qtbot, dialog: EscalateDialog, ticket: str, summary: str = "") -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(dialog.findChild(QLineEdit, "escalateTicket"), ticket)
    if summary:
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "escalateSummary"), summary)
    logs = dialog.findChild(QListWidget, "escalateLogs")
    await until(lambda: logs.count() == 2, what="the profile's logs listed")
    qtbot.mouseClick(dialog.findChild(QPushButton, "escalateBuild"), Qt.MouseButton.LeftButton)
    files = dialog.findChild(QTreeWidget, "escalatePreviewFiles")
    await until(lambda: files.isVisible() and files.topLevelItemCount() > 0, timeout=60, what="the preview")


async def _phone_consent(qtbot, dialog: EscalateDialog, who: str) -> None:  # type: ignore[no-untyped-def]
    dialog.findChild(QCheckBox, "escalatePhoneAgreed").setChecked(True)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "escalateAgreedBy"), who)
    qtbot.mouseClick(dialog.findChild(QPushButton, "escalateSend"), Qt.MouseButton.LeftButton)
    result = dialog.findChild(QLabel, "escalateResult")
    await until(lambda: result.isVisible() and "queued" in result.text(), timeout=60, what="queued")


async def _delivered_then_session_end(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, dialog: EscalateDialog, tab: SessionTab
) -> None:
    """The dialog's bundle delivered and the outbox at rest, then the dialog closed and the session ended."""
    bundle_id = dialog.escalation.bundle_id  # type: ignore[union-attr]
    await until(
        lambda: window.escalations.state_of(bundle_id) is State.DELIVERED, timeout=30, what="delivered"
    )
    await until(lambda: not window.outbox.is_running(), what="the outbox worker at rest")
    qtbot.mouseClick(dialog.findChild(QPushButton, "escalateClose"), Qt.MouseButton.LeftButton)
    tab.end()
    await until(lambda: not tab.is_live(), what="session end")


def _add_destination_in_settings(qtbot, window: MainWindow, hq_url: str, ca: Path) -> None:  # type: ignore[no-untyped-def]
    window.open_settings()
    settings_dialog = visible(QDialog, "settingsDialog")
    assert settings_dialog is not None
    qtbot.mouseClick(settings_dialog.findChild(QPushButton, "hqAdd"), Qt.MouseButton.LeftButton)
    editor = visible(QDialog, "hqDestinationDialog")
    assert editor is not None
    for name, text in (
        ("hqName", "HQ Seoul"),
        ("hqUrl", hq_url),
        ("hqCaFile", str(ca)),
        ("hqSecret", TOKEN),
    ):
        qtbot.keyClicks(editor.findChild(QLineEdit, name), text)
    language = editor.findChild(QLineEdit, "hqLanguage")
    language.clear()
    qtbot.keyClicks(language, "ko")
    ok = editor.findChild(QDialogButtonBox, "hqButtons").button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    buttons = settings_dialog.findChild(QDialogButtonBox, "settingsButtons")
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert not settings_dialog.isVisible()


def _events(folder: Path, kind: str) -> list[dict]:
    return [e["data"] for e in open_record(folder).events(kind)]


def test_ctrl_e_preview_phone_consent_delivered_and_notified(  # type: ignore[no-untyped-def]
    qtbot,
    qloop: QtLoop,
    sshd: Sshd,
    device_logs: Path,
    libre: LibreServer,
    tls: Tls,
    vz_home: Path,
) -> None:
    hq = start_hq(Path(vz_home.parent / "inbox"), tls)
    window = _window(qtbot, _settings(libre))
    notified: list[str] = []
    window.notifier.notified.connect(lambda _title, text: notified.append(text))
    _add_destination_in_settings(qtbot, window, hq.url, tls.cert)
    assert TOKEN.encode() not in app_dirs().settings_file.read_bytes()
    tab = _open_session(window, sshd)

    async def scenario() -> None:
        await _active(tab)
        qtbot.keyClicks(tab.terminal, "echo secret=typed-s3cret-99")
        qtbot.keyClick(tab.terminal, Qt.Key.Key_Return)
        await until(lambda: "typed-s3cret-99" in tab.terminal.snapshot_text(), what="echo")
        tab.bridge.session.record_event(  # type: ignore[union-attr]
            "diagnostics.finding",
            {"check": "md-raid", "target": "md0", "status": "fail", "summary": "degraded"},
        )
        dialog = await _ctrl_e(qtbot, window, tab)
        assert dialog.findChild(QListWidget, "escalateFindings").count() or await until(
            lambda: dialog.findChild(QListWidget, "escalateFindings").count() == 1, what="findings"
        )
        await _fill_and_preview(qtbot, dialog, "T-1024", "disk broken")
        translation = dialog.findChild(QPlainTextEdit, "escalateTranslation")
        assert translation.toPlainText() == "디스크 고장"
        files = dialog.findChild(QTreeWidget, "escalatePreviewFiles")
        names = [files.topLevelItem(i).text(0) for i in range(files.topLevelItemCount())]
        assert "logs/commands/uname" in names and any(n.endswith("log/messages") for n in names)
        redactions = dialog.findChild(QLabel, "escalateRedactions").text()
        assert "password" in redactions and "authorization_header" in redactions
        assert f"Files: {len(names)}" in dialog.findChild(QLabel, "escalatePreviewTotals").text()
        assert not dialog.findChild(QPushButton, "escalateSend").isEnabled()  # no consent yet
        await _phone_consent(qtbot, dialog, "Lee Jiyoung")
        await _delivered_then_session_end(qtbot, window, dialog, tab)
        await until(lambda: notified, what="the delivery notification")  # raised as it was delivered

    try:
        qloop.run(scenario(), timeout=120)
    finally:
        hq.stop()
    assert window.escalations.isVisible()
    assert "T-1024" in notified[0] and "HQ Seoul" in notified[0]
    assert "delivered" in window.statusBar().currentMessage()
    stored = list(hq.inbox.glob("*.tar.gz"))
    assert len(stored) == 1
    manifest = verify_bundle(stored[0])
    assert manifest.ticket == "T-1024" and manifest.hq_language == "ko"
    with tarfile.open(stored[0]) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}  # type: ignore[union-attr]
    consent = json.loads(members["consent.json"])
    assert consent["agreed"] and consent["by"] == "Lee Jiyoung" and "phone" in consent["via"]
    summary = members["summary.md"].decode()
    assert "디스크 고장" in summary and "disk broken" in summary and "md0" in summary
    for secret in SECRETS:
        assert not any(secret in data for data in members.values()), secret
    folder = tab.bridge.session.recorder.folder  # type: ignore[union-attr]
    assert _events(folder, "escalation.consent")[0]["by"] == "Lee Jiyoung"
    assert _events(folder, "escalation.bundled")[0]["bundle_id"] == manifest.bundle_id
    for path in (p for p in vz_home.rglob("*") if p.is_file()):  # the token lives in the keyring only
        assert TOKEN.encode() not in path.read_bytes(), f"HQ's token found in {path}"
    assert HqDestination("HQ Seoul", hq.url).has_credential()


def test_hq_down_queued_with_reason_then_delivered_once_after_restart(  # type: ignore[no-untyped-def]
    qtbot,
    qloop: QtLoop,
    sshd: Sshd,
    device_logs: Path,
    libre: LibreServer,
    tls: Tls,
    tmp_path: Path,
    down_port: int,
) -> None:
    port = down_port
    destination = HqDestination("HQ Seoul", f"https://127.0.0.1:{port}/bundles", "en", ca_file=str(tls.cert))
    destination.store_credential(TOKEN)
    settings = _settings(libre, destinations=[destination.to_settings()])
    window = _window(qtbot, settings)
    tab = _open_session(window, sshd)
    state: dict[str, str] = {}

    async def first_run() -> None:
        await _active(tab)
        dialog = await _ctrl_e(qtbot, window, tab)
        await _fill_and_preview(qtbot, dialog, "T-2048")
        await _phone_consent(qtbot, dialog, "Park")
        bundle_id = state["id"] = dialog.escalation.bundle_id  # type: ignore[union-attr]
        row = await until(lambda: _queued_row(window, bundle_id), timeout=30, what="queued with a reason")
        state["reason"], state["next"] = row.text(6), row.text(5)
        attempts = int(row.text(4))
        window.escalations.table.setCurrentItem(row)
        qtbot.mouseClick(window.findChild(QPushButton, "escalationsRetry"), Qt.MouseButton.LeftButton)
        await until(lambda: int(window.escalations.row_for(bundle_id).text(4)) > attempts, what="retried now")
        qtbot.mouseClick(dialog.findChild(QPushButton, "escalateClose"), Qt.MouseButton.LeftButton)
        tab.end()
        await until(lambda: not tab.is_live(), what="session end")
        window.close()  # the console quits while HQ is still down
        await until(lambda: not window.outbox.is_running(), what="the worker stopped")

    QApplication.setQuitOnLastWindowClosed(False)  # closing the only window must not end the test's loop
    try:
        qloop.run(first_run(), timeout=120)
    finally:
        QApplication.setQuitOnLastWindowClosed(True)
    assert "retried later" in state["reason"] and state["next"]  # the reason says what happened
    assert not list((tmp_path / "inbox").glob("*"))

    hq = start_hq(tmp_path / "inbox", tls, port=port)  # HQ is back
    again = _window(qtbot, Settings.load(app_dirs().settings_file))  # the console starts again
    notified: list[str] = []
    again.notifier.notified.connect(lambda _title, text: notified.append(text))

    async def second_run() -> None:
        await until(
            lambda: again.escalations.state_of(state["id"]) is State.DELIVERED, timeout=60, what="delivered"
        )
        await until(lambda: not again.outbox.is_running(), what="the outbox worker at rest")

    try:
        qloop.run(second_run(), timeout=90)
    finally:
        hq.stop()
    assert [p.name for p in (tmp_path / "inbox").glob("*.tar.gz")] == [f"{state['id']}.tar.gz"]
    assert notified and "T-2048" in notified[0]
    item = again.outbox.outbox.get(state["id"], destination.url)
    assert item is not None and item.state is State.DELIVERED and item.attempts >= 3
    again.escalations.table.setCurrentItem(again.escalations.row_for(state["id"]))
    qtbot.mouseClick(again.findChild(QPushButton, "escalationsRemove"), Qt.MouseButton.LeftButton)
    assert again.escalations.row_for(state["id"]) is None and not Path(item.path).exists()


def _queued_row(window: MainWindow, bundle_id: str):  # type: ignore[no-untyped-def]
    row = window.escalations.row_for(bundle_id)
    return (
        row
        if row is not None and row.text(6) and window.escalations.state_of(bundle_id) is State.QUEUED
        else None
    )


def test_declined_consent_sends_nothing_and_keeps_the_bundle(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, sshd: Sshd, device_logs: Path, libre: LibreServer, down_port: int
) -> None:
    destination = HqDestination("HQ", f"https://127.0.0.1:{down_port}/bundles", "en")
    window = _window(qtbot, _settings(libre, destinations=[destination.to_settings()]))
    tab = _open_session(window, sshd)

    async def scenario() -> None:
        await _active(tab)
        dialog = await _ctrl_e(qtbot, window, tab)
        await _fill_and_preview(qtbot, dialog, "T-4096")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "escalateAgreedBy"), "Choi")
        qtbot.mouseClick(dialog.findChild(QPushButton, "escalateDeclined"), Qt.MouseButton.LeftButton)
        message = dialog.findChild(QLabel, "escalatePreviewMessage")
        await until(lambda: "did not agree" in message.text(), what="the declined message")
        assert "Nothing was sent" in message.text()
        assert dialog.findChild(QTreeWidget, "escalatePreviewFiles").isVisible()  # still there to ask again
        assert dialog.escalation is not None and dialog.escalation.staged is not None
        qtbot.mouseClick(dialog.findChild(QPushButton, "escalatePreviewClose"), Qt.MouseButton.LeftButton)
        await until(lambda: visible(QDialog, "escalateDialog") is None, what="dialog closed")
        tab.end()
        await until(lambda: not tab.is_live(), what="session end")

    qloop.run(scenario(), timeout=120)
    assert window.outbox.items() == []
    assert not (app_dirs().state / "bundles").exists() or not list((app_dirs().state / "bundles").iterdir())
    answers = _events(tab.bridge.session.recorder.folder, "escalation.consent")  # type: ignore[union-attr]
    assert [(a["agreed"], a["by"]) for a in answers] == [(False, "Choi")]


def test_agent_asks_the_customer_in_korean_declined_then_agreed_and_delivered(  # type: ignore[no-untyped-def]
    qtbot,
    qloop: QtLoop,
    relay_and_agent: tuple[Relay, Agent],
    device_logs: Path,
    libre: LibreServer,
    tls: Tls,
    tmp_path: Path,
) -> None:
    relay, agent = relay_and_agent
    agent.config = dataclasses.replace(agent.config, auto_consent=True)
    customer = AgentWindow(agent)
    qtbot.addWidget(customer)
    customer.show()
    hq = start_hq(tmp_path / "inbox", tls)
    destination = HqDestination("HQ Seoul", hq.url, "en", ca_file=str(tls.cert))
    destination.store_credential(TOKEN)
    window = _window(qtbot, _settings(libre, destinations=[destination.to_settings()]))
    qloop.run(agent.start())
    tab = window.join_code(agent.code, Target("127.0.0.1", relay.port, ""), accept_new=True)
    shown: list[str] = []

    async def customer_answers(button: str) -> None:
        question = await until(lambda: visible(QDialog, "questionDialog"), what="the customer's question")
        assert question.windowTitle() == "제조사에 파일을 보낼까요?"
        shown.append("\n".join(label.text() for label in question.findChildren(QLabel)))
        qtbot.mouseClick(question.findChild(QPushButton, button), Qt.MouseButton.LeftButton)

    async def scenario() -> None:
        await until(lambda: tab.conversation is not None and tab.conversation.link, what="chat channel")
        dialog = await _ctrl_e(qtbot, window, tab)  # the profile is detected on the device through the agent
        await _fill_and_preview(qtbot, dialog, "T-8192")
        ask = dialog.findChild(QPushButton, "escalateAskCustomer")
        assert ask.isVisible() and not dialog.findChild(QCheckBox, "escalatePhoneAgreed").isVisible()
        qtbot.mouseClick(ask, Qt.MouseButton.LeftButton)
        assert "Waiting for the customer" in dialog.findChild(QLabel, "escalateWaiting").text()
        await customer_answers("questionDecline")
        message = dialog.findChild(QLabel, "escalatePreviewMessage")
        await until(lambda: "declined" in message.text(), what="the declined message")
        assert window.outbox.items() == [] and dialog.escalation.staged is not None  # type: ignore[union-attr]

        qtbot.mouseClick(ask, Qt.MouseButton.LeftButton)  # asked again: nothing was lost
        await customer_answers("questionAgree")
        result = dialog.findChild(QLabel, "escalateResult")
        await until(lambda: result.isVisible() and "queued" in result.text(), timeout=60, what="queued")
        await _delivered_then_session_end(qtbot, window, dialog, tab)

    try:
        qloop.run(scenario(), timeout=120)
    finally:
        hq.stop()
    assert "T-8192" in shown[0] and "HQ Seoul" in shown[0] and "messages" in shown[0]
    stored = list(hq.inbox.glob("*.tar.gz"))
    assert len(stored) == 1
    with tarfile.open(stored[0]) as tar:
        consent = json.loads(tar.extractfile("consent.json").read())  # type: ignore[union-attr]
        names = tar.getnames()
    assert consent["agreed"] and consent["via"] == "agent chat" and consent["language"] == "ko"
    assert any(n.endswith("log/messages") for n in names)
    answers = _events(tab.bridge.session.recorder.folder, "escalation.consent")  # type: ignore[union-attr]
    assert [(a["agreed"], a["language"]) for a in answers] == [(False, "ko"), (True, "ko")]


def test_agent_question_taken_back_then_session_ends_nothing_sent(  # type: ignore[no-untyped-def]
    qtbot,
    qloop: QtLoop,
    relay_and_agent: tuple[Relay, Agent],
    device_logs: Path,
    libre: LibreServer,
    down_port: int,
) -> None:
    relay, agent = relay_and_agent
    agent.config = dataclasses.replace(agent.config, auto_consent=True)
    customer = AgentWindow(agent)
    qtbot.addWidget(customer)
    customer.show()
    destination = HqDestination("HQ", f"https://127.0.0.1:{down_port}/bundles", "en")
    window = _window(qtbot, _settings(libre, destinations=[destination.to_settings()]))
    qloop.run(agent.start())
    tab = window.join_code(agent.code, Target("127.0.0.1", relay.port, ""), accept_new=True)

    async def scenario() -> None:
        await until(lambda: tab.conversation is not None and tab.conversation.link, what="chat channel")
        dialog = await _ctrl_e(qtbot, window, tab)
        await _fill_and_preview(qtbot, dialog, "T-1")
        ask = dialog.findChild(QPushButton, "escalateAskCustomer")
        message = dialog.findChild(QLabel, "escalatePreviewMessage")
        qtbot.mouseClick(ask, Qt.MouseButton.LeftButton)
        await until(lambda: visible(QDialog, "questionDialog"), what="the customer's question")
        qtbot.mouseClick(dialog.findChild(QPushButton, "escalateWaitCancel"), Qt.MouseButton.LeftButton)
        await until(lambda: "stopped waiting" in message.text(), what="back to the preview")
        await until(lambda: visible(QDialog, "questionDialog") is None, what="the question taken back")
        qtbot.mouseClick(ask, Qt.MouseButton.LeftButton)
        await until(lambda: visible(QDialog, "questionDialog"), what="asked again")
        qtbot.mouseClick(customer.findChild(QPushButton, "agentEnd"), Qt.MouseButton.LeftButton)
        await until(lambda: "No answer" in message.text(), what="the no-answer message")
        assert "Nothing was sent" in message.text()
        await until(lambda: not tab.is_live(), what="session end")
        qtbot.mouseClick(dialog.findChild(QPushButton, "escalatePreviewClose"), Qt.MouseButton.LeftButton)

    qloop.run(scenario(), timeout=120)
    assert window.outbox.items() == []
    answers = _events(tab.bridge.session.recorder.folder, "escalation.consent")  # type: ignore[union-attr]
    assert [a["answered"] for a in answers] == [False] and "closed" in answers[0]["reason"]
