"""One click opens a record: selecting a row with the mouse or the arrow keys opens it in the session
view at once (no double-click, no button); the newest choice wins; a refresh does not reopen it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.review.window import ReviewWindow
from tests.archive.conftest import varied_archive
from tests.console.conftest import QtLoop, until
from tests.review.conftest import Clock, click_row, opened, record_with_word_at


def _folder(window: ReviewWindow, archive: Path, number: int) -> Path:
    return archive / window.rows[number].folder


def test_a_click_opens_the_row_and_the_arrow_keys_open_the_next(
    archive: Path, window: ReviewWindow, qloop: QtLoop, qtbot: QtBot
) -> None:
    varied_archive(archive)
    view = window.session_view
    qloop.run(window.update_index())
    window.tabs.setCurrentWidget(window.report)  # the report was being read: a click brings the session
    click_row(qtbot, window, 1)
    qloop.run(opened(window, _folder(window, archive, 1)))
    assert window.tabs.currentWidget() is view
    assert "nas-d" in view.header.text() and "help nas-d" in view.chat.item(0).text()
    assert view.player.isEnabled() and "Linux nas-d" in _screen_at_end(window)

    assert window.table.hasFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qloop.run(opened(window, _folder(window, archive, 2)))
    assert "qnap-c" in view.header.text()
    qtbot.keyClick(window.table, Qt.Key.Key_Up)
    qtbot.keyClick(window.table, Qt.Key.Key_Up)
    qloop.run(opened(window, _folder(window, archive, 0)))
    assert "nas-e" in view.header.text() and window.table.hasFocus()


def test_the_last_row_chosen_wins_when_keys_come_fast(
    archive: Path, window: ReviewWindow, qloop: QtLoop, qtbot: QtBot
) -> None:
    varied_archive(archive)
    qloop.run(window.update_index())
    loaded: list[Path] = []
    window.session_view.loaded.connect(loaded.append)
    click_row(qtbot, window, 0)
    for _ in range(4):  # faster than the recordings load
        qtbot.keyClick(window.table, Qt.Key.Key_Down)
    last = _folder(window, archive, 4)
    qloop.run(opened(window, last))
    qloop.run(until(lambda: loaded and loaded[-1] == last, what="the last one loaded"))
    assert loaded == [last]  # the earlier choices never reached the player
    assert "nas-a" in window.session_view.header.text()


def test_a_refresh_keeps_the_open_record_and_its_place(
    archive: Path, window: ReviewWindow, qloop: QtLoop, qtbot: QtBot
) -> None:
    folders = varied_archive(archive)
    qloop.run(window.update_index())
    click_row(qtbot, window, 2)
    chosen = _folder(window, archive, 2)
    qloop.run(opened(window, chosen))
    player = window.session_view.player
    player.seek(20.0)
    loaded: list[Path] = []
    window.session_view.loaded.connect(loaded.append)
    from sessions.recording import append_event

    append_event(folders[0], "tag", {"author": "lead", "tag": "noisy fan"})  # another lead, elsewhere
    qloop.run(window.update_index())
    assert window.table.selected_folder() == window.rows[2].folder == chosen.relative_to(archive).as_posix()
    assert not loaded and player.playback is not None and player.playback.position == 20.0


def _screen_at_end(window: ReviewWindow) -> str:
    player = window.session_view.player
    assert player.playback is not None
    player.seek(player.playback.duration)
    return player.screen_text()


def test_records_of_the_real_recorder_open_with_one_click_and_the_arrow_keys(
    archive: Path, window: ReviewWindow, qloop: QtLoop, qtbot: QtBot, recorder_clock: Clock
) -> None:
    older = record_with_word_at(archive, recorder_clock, "vz-first", 6.0, device="nas-older")
    newer = record_with_word_at(archive, recorder_clock, "vz-second", 9.0, device="nas-newer")
    qloop.run(window.update_index())
    assert [row.device for row in window.rows] == ["nas-newer", "nas-older"]
    click_row(qtbot, window, 1)
    qloop.run(opened(window, older))
    assert "nas-older" in window.session_view.header.text()
    assert "vz-first" in _screen_at(window, 6.0)
    qtbot.keyClick(window.table, Qt.Key.Key_Up)
    qloop.run(opened(window, newer))
    assert "nas-newer" in window.session_view.header.text()
    assert "vz-second" in _screen_at(window, 9.0)
    assert "the log says timeout again" in window.session_view.chat.item(0).text()


def _screen_at(window: ReviewWindow, t: float) -> str:
    player = window.session_view.player
    player.seek(t)
    return player.screen_text()
