"""Identity: the first run asks the technician's display name and company, Settings keeps them, and records,
canned replies, the key line for the relay (the consent question's name) and reports use them."""

from __future__ import annotations

import dataclasses
import getpass
import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton

from sessions.agent.core import Agent
from sessions.config import Settings
from sessions.paths import app_dirs
from sessions.relay.server import Relay
from sessions.ssh.target import Target
from tests.archive.conftest import varied_archive
from tests.console.conftest import QtLoop, until, visible
from tests.console.helpers_room import active, console, ended, open_direct
from tests.sshd import Sshd

ROOT = Path(__file__).resolve().parents[2]


def _named(name: str = "Kim Minsu", company: str = "ACME Storage") -> Settings:
    settings = Settings(app_dirs().settings_file)
    settings.set("technician", "name", name)
    settings.set("technician", "company", company)
    settings.save()
    return settings


def test_the_first_run_asks_name_and_company_and_settings_keeps_them(qtbot, qloop: QtLoop) -> None:  # type: ignore[no-untyped-def]
    window = console(qtbot)
    dialog = window.ask_identity_if_new()
    assert dialog is not None and dialog.isVisible() and dialog.windowTitle() == "Welcome to Valuezone"
    save = dialog.findChild(QPushButton, "identitySave")
    assert not save.isEnabled()  # a name first
    qtbot.keyClicks(dialog.findChild(QLineEdit, "identityName"), "  Kim   Minsu ")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "identityCompany"), "ACME Storage")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    kept = Settings.load(app_dirs().settings_file)  # on disk, as the next start reads it
    assert (kept.get("technician", "name"), kept.get("technician", "company")) == (
        "Kim Minsu",
        "ACME Storage",
    )
    assert window.ask_identity_if_new() is None  # asked once
    assert "Kim Minsu (ACME Storage)" in window.statusBar().currentMessage()

    window.open_settings()  # Settings shows (and edits) the same two fields
    settings = qloop.run(until(lambda: visible(QDialog, "settingsDialog"), what="the Settings dialog"))
    assert settings.findChild(QLineEdit, "identityName").text() == "Kim Minsu"
    assert settings.findChild(QLineEdit, "identityCompany").text() == "ACME Storage"
    settings.reject()


def test_later_puts_the_question_off_to_the_tools_menu(qtbot, qloop: QtLoop) -> None:  # type: ignore[no-untyped-def]
    window = console(qtbot)
    dialog = window.ask_identity_if_new()
    assert dialog is not None
    qtbot.mouseClick(dialog.findChild(QPushButton, "identityLater"), Qt.MouseButton.LeftButton)
    assert window.ask_identity_if_new() is None  # not asked again at the next start
    window.actions_.identity.trigger()  # Tools ▸ Identity…
    again = qloop.run(until(lambda: visible(QDialog, "identityDialog"), what="Tools ▸ Identity"))
    assert again.windowTitle() == "Identity"
    again.reject()


def test_a_record_names_the_technician_never_a_login_name_alone(qtbot, qloop: QtLoop, sshd: Sshd) -> None:  # type: ignore[no-untyped-def]
    window = console(qtbot, settings=_named())
    tab = open_direct(window, sshd)
    unnamed = console(qtbot, settings=Settings(app_dirs().settings_file.with_name("other.toml")))
    other = open_direct(unnamed, sshd)

    async def scenario() -> tuple[Path, Path]:
        await active(tab)
        await active(other)
        folders = (tab.bridge.session.recorder.folder, other.bridge.session.recorder.folder)  # type: ignore[union-attr]
        await ended(tab)
        await ended(other)
        return folders

    named_folder, unnamed_folder = qloop.run(scenario())
    assert json.loads((named_folder / "session.json").read_text())["technician"] == "Kim Minsu (ACME Storage)"
    login = json.loads((unnamed_folder / "session.json").read_text())["technician"]
    assert login == f"{getpass.getuser()} (no name set)"  # a login name is never passed off as a person


def test_canned_replies_and_the_key_line_use_the_identity(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, relay_and_agent: tuple[Relay, Agent]
) -> None:
    relay, agent = relay_and_agent
    agent.config = dataclasses.replace(agent.config, auto_consent=True)
    settings = _named(company="")  # the company not set yet
    window = console(qtbot, (1366, 768), settings=settings)

    async def scenario() -> None:
        await agent.start()
        tab = window.join_code(agent.code, Target("127.0.0.1", relay.port, ""), accept_new=True)
        await until(lambda: tab.conversation is not None, timeout=30, what="the chat open")
        menu = tab.chat.canned_menu()
        assert menu is not None
        greeting = next(a for a in menu.actions() if a.data() == "greeting")
        assert not greeting.isEnabled() and "needs your company: Tools ▸ Identity" in greeting.text()
        assert all("from  support" not in action.text() for action in menu.actions())

        settings.set("technician", "company", "ACME Storage")  # what Tools ▸ Identity's Save does
        window._on_identity_saved()
        menu = tab.chat.canned_menu()
        assert menu is not None
        greeting = next(a for a in menu.actions() if a.data() == "greeting")
        assert greeting.isEnabled() and "this is Kim Minsu from ACME Storage support" in greeting.text()
        greeting.trigger()
        assert "Kim Minsu from ACME Storage support" in tab.chat.compose.toPlainText()

        window.ask_code()  # the key line for the relay's administrator carries the name (consent question)
        dialog = await until(lambda: visible(QDialog, "joinDialog"), what="the join dialog")
        key_line = dialog.findChild(QLineEdit, "technicianKey")
        assert key_line.text().startswith("ssh-ed25519 ")
        assert key_line.text().endswith(" Kim Minsu (ACME Storage)")
        dialog.reject()
        await ended(tab)

    qloop.run(scenario(), timeout=60)


def test_the_review_report_says_who_made_it(tmp_path: Path) -> None:
    home = Path(os.environ["VALUEZONE_HOME"])
    _named()
    archive = tmp_path / "archive"
    varied_archive(archive)
    out = tmp_path / "report.html"
    result = subprocess.run(
        [sys.executable, "-m", "console", "review", "report", str(archive), "--html", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, VALUEZONE_HOME=str(home), PYTHONPATH=str(ROOT)),
    )
    assert result.returncode == 0, result.stderr
    assert "by Kim Minsu (ACME Storage)." in out.read_text(encoding="utf-8")
