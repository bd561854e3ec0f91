"""The operation runner as a person meets it: work off the UI thread, the result or error where they look."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from console.app.i18n import install_translator
from console.kit.operations import Operation
from console.mainwindow.window import MainWindow
from console.review.window import ReviewWindow
from sessions.archive import ArchiveIndex
from sessions.config import Settings
from sessions.errors import RecordError
from sessions.paths import app_dirs
from sessions.recording import open_record
from tests.archive.builders import build_record
from tests.console.conftest import QtLoop, until, visible


def _review(archive: Path, tmp_path: Path, qtbot: QtBot) -> ReviewWindow:
    index = ArchiveIndex(archive, tmp_path / "index.sqlite3")
    window = ReviewWindow(index, "lead-park")
    qtbot.addWidget(window)
    window.show()
    return window


def _record(archive: Path) -> Path:
    output = [(0.5, "$ smartctl -H /dev/sda\r\n")]
    return build_record(archive, datetime(2025, 3, 9, 9, tzinfo=UTC), output=output)


def test_a_note_that_cannot_be_saved_says_why_under_the_player(
    archive: Path, tmp_path: Path, qtbot: QtBot, qloop: QtLoop
) -> None:
    folder = _record(archive)
    window = _review(archive, tmp_path, qtbot)
    view = window.session_view

    async def scenario() -> str:
        await window.update_index()
        window.open_session(folder)
        with (folder / "events.jsonl").open("a", encoding="utf-8") as events:
            events.write('{"type": "annotation", "da')  # the recorder was stopped while writing
        view.note_edit.setText("the disk fails here")
        view.note_button.click()
        return await until(lambda: "incomplete line" in view.status.text() and view.status.text(), what="why")

    shown = qloop.run(scenario())
    message, hint = shown.split("\n")
    assert message.startswith(f"{folder / 'events.jsonl'} ends with an incomplete line")
    assert hint == "Run `valuezone verify` on the folder; copy the record before repairing it by hand."
    assert view.notes.count() == 0
    assert visible(QMessageBox, "crashDialog") is None


def test_a_saved_note_is_shown_and_said_in_korean(
    archive: Path, tmp_path: Path, qtbot: QtBot, qloop: QtLoop
) -> None:
    folder = _record(archive)
    install_translator("ko")
    try:
        window = _review(archive, tmp_path, qtbot)
        view = window.session_view

        async def scenario() -> None:
            await window.update_index()
            window.open_session(folder)
            view.note_edit.setText("디스크 교체")
            view.note_button.click()
            await until(lambda: view.notes.count() == 1, what="the note in the list")

        qloop.run(scenario())
        assert view.status.text() == "기록에 저장했습니다."
    finally:
        install_translator("en")
    assert [e["data"]["text"] for e in open_record(folder).events("annotation")] == ["디스크 교체"]


def test_work_runs_off_the_ui_thread_and_success_runs_on_it(qtbot: QtBot, qloop: QtLoop) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    ui_thread = QApplication.instance().thread()  # type: ignore[union-attr]
    where: dict[str, bool] = {}

    def work() -> int:
        where["work on the UI thread"] = QThread.currentThread() is ui_thread
        return 42

    def success(result: int) -> None:
        where["success on the UI thread"] = QThread.currentThread() is ui_thread
        where["result"] = result == 42

    result = qloop.run(Operation.in_thread(owner, work).success(success).run())
    assert result == 42
    assert where == {"work on the UI thread": False, "success on the UI thread": True, "result": True}


def test_an_error_nobody_handles_goes_to_the_message_path(qtbot: QtBot, qloop: QtLoop) -> None:
    window = MainWindow(Settings(app_dirs().settings_file))
    qtbot.addWidget(window)
    window.show()

    async def fails() -> None:
        raise RecordError("The record is gone.", "Choose another session.")

    async def scenario() -> QMessageBox:
        operation = Operation(window, fails).success(lambda _: pytest.fail("no success after an error"))
        operation.run_in_background()
        return await until(lambda: visible(QMessageBox, "noticeDialog"), what="the notice")

    box = qloop.run(scenario())
    assert (box.text(), box.informativeText()) == ("The record is gone.", "Choose another session.")


def test_nothing_is_shown_in_a_window_closed_while_the_work_ran(qtbot: QtBot, qloop: QtLoop) -> None:
    owner = QLabel()
    gone: list[bool] = []
    owner.destroyed.connect(lambda: gone.append(True))
    release = threading.Event()
    called: list[str] = []

    def slow() -> str:
        release.wait(10)
        return "late"

    async def scenario() -> str | None:
        task = Operation.in_thread(owner, slow).success(called.append).errors_to(owner).run_in_background()
        await asyncio.sleep(0.05)
        owner.deleteLater()  # the person closed the window
        await until(lambda: gone, what="the window gone")
        release.set()
        return await task

    assert qloop.run(scenario()) == "late"
    assert called == []


@pytest.mark.expected_log("a bug inside the work")
def test_a_bug_in_the_work_reaches_the_crash_dialog(qtbot: QtBot, qloop: QtLoop) -> None:
    owner = QLabel()
    qtbot.addWidget(owner)

    def buggy() -> None:
        raise ZeroDivisionError("a bug inside the work")

    async def scenario() -> QMessageBox:
        Operation.in_thread(owner, buggy).errors_to(owner).run_in_background()
        return await until(lambda: visible(QMessageBox, "crashDialog"), what="the crash dialog")

    box = qloop.run(scenario())
    assert "ZeroDivisionError: a bug inside the work" in box.detailedText()
    assert owner.text() == ""  # a bug is not an error message in the label
