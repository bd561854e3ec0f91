"""The console driven as a technician would: add a device, connect, trust the key, type, resize, close."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLineEdit, QMessageBox, QPushButton, QSpinBox

from console.mainwindow.window import MainWindow
from console.session.tab import SessionTab
from sessions.config import Settings
from sessions.live import SessionState
from sessions.paths import app_dirs
from sessions.recording import verify
from tests.console.conftest import QtLoop, until, visible
from tests.recording.test_playback import asciinema_cat
from tests.sshd import Sshd


@pytest.fixture
def window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(Settings(app_dirs().settings_file))
    qtbot.addWidget(win)
    win.show()
    return win


def _add_device(qtbot, window: MainWindow, name: str, host: str, port: int, user: str, key: str = "") -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.devices.add_button, Qt.MouseButton.LeftButton)
    dialog = visible(QLineEdit, "deviceName").window()  # type: ignore[union-attr]
    qtbot.keyClicks(dialog.findChild(QLineEdit, "deviceName"), name)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "deviceHost"), host)
    port_box = dialog.findChild(QSpinBox, "devicePort")
    port_box.lineEdit().selectAll()
    qtbot.keyClicks(port_box, str(port))
    qtbot.keyClicks(dialog.findChild(QLineEdit, "deviceUser"), user)
    if key:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "deviceKeyFile"), key)
    ok = dialog.findChild(QDialogButtonBox, "deviceButtons").button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def _connect_selected(qtbot, window: MainWindow) -> SessionTab:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.devices.connect_button, Qt.MouseButton.LeftButton)
    tab = window.tabs.currentWidget()
    assert isinstance(tab, SessionTab)
    return tab


async def _trust_host_key(qtbot, fingerprint: str) -> None:  # type: ignore[no-untyped-def]
    box = await until(lambda: visible(QMessageBox, "hostKeyDialog"), what="the host key question")
    assert fingerprint in box.informativeText()
    qtbot.mouseClick(box.findChild(QPushButton, "hostKeyTrust"), Qt.MouseButton.LeftButton)


def test_add_device_connect_type_korean_resize_and_record(
    qtbot, qloop: QtLoop, window: MainWindow, sshd: Sshd
) -> None:  # type: ignore[no-untyped-def]
    _add_device(qtbot, window, "Customer NAS", sshd.host, sshd.port, sshd.user, str(sshd.client_key))
    assert window.devices.list.count() == 1
    tab = _connect_selected(qtbot, window)

    async def scenario() -> None:
        await _trust_host_key(qtbot, sshd.fingerprint())
        await until(lambda: tab.bridge and tab.bridge.session.state is SessionState.ACTIVE, what="shell")
        qtbot.keyClicks(tab.terminal, "printf '\\xea\\xb0\\x80 ok\\n'")
        qtbot.keyClick(tab.terminal, Qt.Key.Key_Return)
        await until(lambda: "가 ok" in tab.terminal.snapshot_text(), what="가 ok on screen")
        window.resize(window.width() + 160, window.height() + 120)
        cols, rows = await until(lambda: (tab.terminal.cols, tab.terminal.rows), what="grid")
        qtbot.keyClicks(tab.terminal, "stty size")
        qtbot.keyClick(tab.terminal, Qt.Key.Key_Return)
        await until(lambda: f"{rows} {cols}" in tab.terminal.snapshot_text(), what="stty size after resize")

    qloop.run(scenario())
    assert app_dirs().known_hosts.read_text().strip(), "the trusted key was stored in known_hosts"
    folder = tab.bridge.session.recorder.folder  # type: ignore[union-attr]
    window.request_close_tab(window.tabs.indexOf(tab))
    confirm = visible(QMessageBox, "closeTabConfirm")
    assert confirm is not None
    qtbot.mouseClick(confirm.findChild(QPushButton, "closeTabYes"), Qt.MouseButton.LeftButton)
    qloop.run(until(lambda: window.tabs.count() == 0, what="tab closed"))
    assert verify(folder).ok
    assert "가 ok" in asciinema_cat(folder / "terminal.cast")


def test_changed_host_key_is_refused(
    qtbot, qloop: QtLoop, window: MainWindow, sshd: Sshd, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other_host_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(other)], check=True)
    kind, blob = Path(f"{other}.pub").read_text().split()[:2]
    known = app_dirs().known_hosts
    known.parent.mkdir(parents=True, exist_ok=True)
    known.write_text(f"[{sshd.host}]:{sshd.port} {kind} {blob}\n")
    tab = window.open_address(f"{sshd.user}@{sshd.host}:{sshd.port}", key_file=str(sshd.client_key))
    assert tab is not None
    qloop.run(until(lambda: tab._state is SessionState.FAILED, what="refusal"))
    text = tab.status_label.text()
    assert "changed" in text.lower() or "different" in text.lower()
    assert str(known) in text
    assert tab.bridge.session.recorder is None  # type: ignore[union-attr]


def test_password_login_wrong_then_right_and_no_secret_on_disk(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, window: MainWindow, sshd: Sshd, password_user: tuple[str, str], vz_home: Path
) -> None:
    user, password = password_user

    async def answer_password(text: str, save: bool) -> None:
        edit = await until(lambda: visible(QLineEdit, "secretEdit"), what="password prompt")
        dialog = edit.window()
        qtbot.keyClicks(edit, text)
        dialog.findChild(QCheckBox, "secretSave").setChecked(save)
        ok = dialog.findChild(QDialogButtonBox, "secretButtons").button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    tab = window.open_address(f"{user}@{sshd.host}:{sshd.port}", accept_new=True)
    assert tab is not None

    async def wrong() -> None:
        for _ in range(3):  # sshd allows a few tries; each wrong answer is asked again
            await answer_password("not-the-password", False)
            await asyncio.sleep(0.3)
            if tab._state is SessionState.FAILED:
                break
        await until(lambda: tab._state is SessionState.FAILED, what="refused password")

    qloop.run(wrong())
    assert "password" in tab.status_label.text().lower() or "refused" in tab.status_label.text().lower()

    qtbot.mouseClick(tab.action_button, Qt.MouseButton.LeftButton)  # "Try again"

    async def right() -> None:
        await answer_password(password, True)
        await until(lambda: tab.bridge and tab.bridge.session.state is SessionState.ACTIVE, what="login")
        qtbot.keyClicks(tab.terminal, "echo logged-in-as-$(whoami)")
        qtbot.keyClick(tab.terminal, Qt.Key.Key_Return)
        await until(lambda: f"logged-in-as-{user}" in tab.terminal.snapshot_text(), what="shell output")
        tab.end()
        await until(lambda: not tab.is_live(), what="session end")

    qloop.run(right())
    written = [p for p in vz_home.rglob("*") if p.is_file()]
    assert any(p.name == "events.jsonl" for p in written)
    for path in written:
        assert password.encode() not in path.read_bytes(), f"password found in {path}"
