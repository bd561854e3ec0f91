"""The message path as a person meets it: kept until a window exists, hints on their own line, bugs shown."""

from __future__ import annotations

import asyncio
import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from console.app import messages
from console.app.logfile import setup_logging
from console.app.runtime import load_settings
from console.kit.tasks import spawn
from console.mainwindow.window import MainWindow
from sessions.config import Settings
from sessions.errors import SupportError
from sessions.paths import app_dirs
from tests.console.conftest import QtLoop, until, visible
from tests.qt import release_qt_garbage


def _window(qtbot: QtBot, settings: Settings | None = None) -> MainWindow:
    window = MainWindow(settings or Settings(app_dirs().settings_file))
    qtbot.addWidget(window)
    window.show()
    return window


def _close(qtbot: QtBot, box: QMessageBox) -> None:
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_a_broken_settings_file_is_said_once_the_window_exists(qtbot: QtBot) -> None:
    path = app_dirs().settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[ui\nlanguage = 'ko'\n", encoding="utf-8")
    settings = load_settings()  # before any window: the message is kept
    assert settings.get("ui", "language", "") == ""  # the defaults
    assert [m.level for m in messages.bridge().held] == [messages.Level.WARNING]

    window = _window(qtbot, settings)
    qtbot.waitUntil(lambda: visible(QMessageBox, "noticeDialog") is not None)
    box = visible(QMessageBox, "noticeDialog")
    assert box is not None
    assert box.text().startswith(f"The settings file {path} is not valid TOML")
    assert box.informativeText() == "Fix the line it names, or move the file away to start from the defaults."
    assert window.statusBar().currentMessage() == box.text()
    assert messages.bridge().held == []
    _close(qtbot, box)
    qtbot.waitUntil(lambda: visible(QMessageBox, "noticeDialog") is None)


def test_an_error_shows_what_to_do_on_its_own_line(qtbot: QtBot) -> None:
    window = _window(qtbot)
    assert window.open_address("admin@nas:99999") is None  # Session ▸ New connection, a typo in the port
    qtbot.waitUntil(lambda: visible(QMessageBox, "noticeDialog") is not None)
    box = visible(QMessageBox, "noticeDialog")
    assert box is not None
    assert box.text() == "'admin@nas:99999' has an invalid port '99999'."
    assert (
        box.informativeText() == "Write the address as [user@]host[:port], with a port between 1 and 65535."
    )
    assert window.tabs.count() == 0
    _close(qtbot, box)


def test_messages_go_to_the_first_window_and_are_kept_while_none_is_open(qtbot: QtBot) -> None:
    first, second = (MainWindow(Settings(app_dirs().settings_file)) for _ in range(2))
    messages.info("news for the technician")
    assert first.statusBar().currentMessage() == "news for the technician"
    assert second.statusBar().currentMessage() != "news for the technician"
    assert visible(QMessageBox, "noticeDialog") is None  # news is not a dialog
    for window in (first, second):
        window.close()
        window.deleteLater()
    release_qt_garbage()
    messages.warning("While no window was open.", "Open one.")
    assert [m.text for m in messages.bridge().held] == ["While no window was open."]
    third = _window(qtbot)
    qtbot.waitUntil(lambda: visible(QMessageBox, "noticeDialog") is not None)
    assert third.statusBar().currentMessage() == "While no window was open."


def test_an_expected_error_that_ends_a_background_task_is_shown(qtbot: QtBot, qloop: QtLoop) -> None:
    _window(qtbot)

    async def fails() -> None:
        raise SupportError("The archive folder is gone.", "Choose another one in Settings.")

    async def scenario() -> QMessageBox:
        spawn(fails())
        return await until(lambda: visible(QMessageBox, "noticeDialog"), what="the notice")

    box = qloop.run(scenario())
    assert (box.text(), box.informativeText()) == (
        "The archive folder is gone.",
        "Choose another one in Settings.",
    )
    assert visible(QMessageBox, "crashDialog") is None


@pytest.mark.expected_log("a bug in a background task")
def test_a_bug_in_a_background_task_reaches_the_crash_dialog(qtbot: QtBot, qloop: QtLoop) -> None:
    _window(qtbot)

    async def buggy() -> None:
        await asyncio.sleep(0)
        raise KeyError("a bug in a background task")

    async def scenario() -> QMessageBox:
        spawn(buggy())
        return await until(lambda: visible(QMessageBox, "crashDialog"), what="the crash dialog")

    box = qloop.run(scenario())
    assert "KeyError: 'a bug in a background task'" in box.detailedText()
    assert str(app_dirs().log_file) in box.informativeText()
    qtbot.mouseClick(box.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: visible(QMessageBox, "crashDialog") is None)


@pytest.mark.expected_log("a bug in a loop callback", "asyncio: Exception in callback")
def test_the_loop_hands_a_callbacks_bug_to_the_crash_dialog(qtbot: QtBot, qloop: QtLoop) -> None:
    _window(qtbot)

    def callback() -> None:
        raise ValueError("a bug in a loop callback")

    async def scenario() -> QMessageBox:
        asyncio.get_running_loop().call_soon(callback)
        return await until(lambda: visible(QMessageBox, "crashDialog"), what="the crash dialog")

    box = qloop.run(scenario())
    assert "ValueError: a bug in a loop callback" in box.detailedText()
    qtbot.mouseClick(box.buttons()[0], Qt.MouseButton.LeftButton)


def test_the_loop_shows_an_expected_error_from_a_callback_as_a_message(qtbot: QtBot, qloop: QtLoop) -> None:
    _window(qtbot)

    def callback() -> None:
        raise SupportError("The relay closed the link.", "Join again with a new code.")

    async def scenario() -> QMessageBox:
        asyncio.get_running_loop().call_soon(callback)
        return await until(lambda: visible(QMessageBox, "noticeDialog"), what="the notice")

    box = qloop.run(scenario())
    assert box.informativeText() == "Join again with a new code."


def test_a_message_posted_from_a_worker_thread_is_shown_on_the_ui_thread(qtbot: QtBot, qloop: QtLoop) -> None:
    window = _window(qtbot)

    async def scenario() -> None:
        await asyncio.to_thread(messages.info, "from a worker thread")
        await until(lambda: window.statusBar().currentMessage() == "from a worker thread", what="the news")

    qloop.run(scenario())


def test_every_message_is_written_to_the_log(qtbot: QtBot) -> None:
    log_file = setup_logging()
    messages.error(SupportError("Could not open the device book.", "Check the data folder's permissions."))
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "message to the person (error): Could not open the device book.\nCheck the data folder" in text
