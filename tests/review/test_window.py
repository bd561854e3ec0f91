"""The review window (pytest-qt): hits open the player at their time, seeking, filters, notes, charts."""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from console.cli import main
from console.review.window import ReviewWindow
from sessions.recording import open_record, verify
from tests.archive.builders import build_record
from tests.archive.conftest import day, live_record, varied_archive
from tests.console.conftest import QtLoop, until
from tests.review.conftest import opened
from tests.sshd import Sshd


def _timed_record(archive: Path) -> Path:
    output = [(0.5, "$ first\r\n"), (2.0, "\x1b[2J\x1b[Hcleared at two\r\n"), (40.0, "late line\r\n")]
    events = [(1.0, "chat.message", {"id": "1", "from": "customer", "lang": "ko", "text": "화면이 멈췄어요",
               "translation": {"lang": "en", "text": "The screen froze", "provider": "t"}})]  # fmt: skip
    return build_record(archive, day(9), technician="choi", output=output, events=events)


def test_search_hit_opens_the_player_at_its_time(
    sshd: Sshd,
    archive: Path,
    window: ReviewWindow,
    qloop: QtLoop,
    tmp_path: Path,
) -> None:
    folder = qloop.run(live_record(sshd, archive))
    qloop.run(window.update_index())
    window.search_box.setText("vz-typed-42-mdadm")
    qloop.run(until(lambda: window.hits, what="hits"))
    html = window.hits_view.toHtml()
    assert re.search(r"background-color:#ffe066[^>]*>vz", html), html
    window.hits_view.anchorClicked.emit(QUrl("hit:0"))
    qloop.run(opened(window, folder))
    player = window.session_view.player
    player.pause()
    assert player.playback is not None and player.playback.position <= player.playback.duration
    player.seek(player.playback.duration)
    assert "vz-typed-42-mdadm" in player.screen_text()
    window.grab().save(str(tmp_path / "review.png"))


def test_seek_shows_what_was_on_the_screen_then(archive: Path, window: ReviewWindow, qloop: QtLoop) -> None:
    folder = _timed_record(archive)
    qloop.run(window.update_index())
    window.open_session(folder)
    qloop.run(opened(window, folder))
    player = window.session_view.player
    player.seek(1.0)
    assert player.screen_text().splitlines()[0] == "$ first"
    player.slider.setValue(30 * 10)  # the slider seeks too
    assert player.screen_text().splitlines()[0] == "cleared at two" and "late" not in player.screen_text()
    assert player.time_label.text() == "0:30 / 0:40"
    assert [m.kind for m in player.timeline.markers] == ["chat"]
    player.timeline.marker_clicked.emit(1.0)
    assert player.screen_text().splitlines()[0] == "$ first"
    chat = window.session_view.chat.item(0).text()
    assert "화면이 멈췄어요" in chat and "The screen froze" in chat
    player.speed.setCurrentIndex(4)  # 16×
    player.idle.setValue(1.0)
    player.seek(3.0)
    player.play()
    qloop.run(until(lambda: not player.playing, timeout=10, what="the end of the replay"))
    assert "late line" in player.screen_text()


def test_filters_narrow_the_table(archive: Path, window: ReviewWindow, qloop: QtLoop) -> None:
    varied_archive(archive)
    qloop.run(window.update_index())
    assert window.table.rowCount() == 5
    assert window.filters.language.findData("ja") > 0
    window.filters.technician.setText("kim")
    qloop.run(until(lambda: window.table.rowCount() == 2, what="two of kim's sessions"))
    window.filters.technician.clear()
    window.filters.escalated.setCurrentIndex(window.filters.escalated.findData(True))
    qloop.run(until(lambda: window.table.rowCount() == 1, what="the escalated session"))
    assert window.table.item(0, 1).text() == "qnap-c"
    window.filters.escalated.setCurrentIndex(0)
    window.filters.min_score.setValue(7)
    window.filters.language.setCurrentIndex(window.filters.language.findData("ko"))
    qloop.run(until(lambda: window.table.rowCount() == 2, what="ko sessions scored 7+"))
    window.search_box.setText("nas-e")
    qloop.run(until(lambda: window.table.rowCount() == 1 and window.hits, what="one session with nas-e"))


def test_notes_and_tags_are_appended_and_keep_the_record_valid(
    archive: Path,
    window: ReviewWindow,
    qloop: QtLoop,
) -> None:
    folder = _timed_record(archive)

    async def scenario() -> None:  # one loop run: the re-index each append starts finishes inside it
        await window.update_index()
        window.open_session(folder)
        await opened(window, folder)
        view = window.session_view
        view.player.seek(2.5)
        view.note_edit.setText("the freeze starts here")
        view.note_button.click()
        await until(lambda: any(e["type"] == "annotation" for e in open_record(folder).events()), what="note")
        view.tag_edit.setText("freeze")
        view.tag_edit.returnPressed.emit()
        await until(lambda: any(e["type"] == "tag" for e in open_record(folder).events()), what="tag")
        await until(lambda: _cell(window, 0, 7) == "freeze", what="the tag in the sessions table")
        await until(lambda: view.notes.count() == 2, what="both in the notes list")
        window.search_box.setText("freeze starts")
        await until(lambda: window.hits and window.hits[0].kind == "note", what="the note indexed")

    qloop.run(scenario())
    note = next(open_record(folder).events("annotation"))["data"]
    assert note == {"author": "lead-park", "text": "the freeze starts here", "t": 2.5}
    assert verify(folder).ok, verify(folder).lines()
    assert window.hits[0].t == 2.5
    assert _cell(window, 0, 7) == "freeze"


def _cell(window: ReviewWindow, row: int, col: int) -> str:
    item = window.table.item(row, col)
    return "" if item is None else item.text()


def test_report_charts_and_html_export(
    archive: Path,
    window: ReviewWindow,
    qloop: QtLoop,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folders = varied_archive(archive)
    from sessions.recording import append_event

    for folder in folders[:3]:
        append_event(folder, "tag", {"author": "lead", "tag": "fan noise"})
    qloop.run(window.update_index())
    window.tabs.setCurrentWidget(window.report)
    scores = window.report.views["scores"].chart()
    assert scores.series() and scores.series()[0].barSets()[0].at(9) == 1.0
    assert "Median time to first response: 10 s" in window.report._summary.text()
    window.grab().save(str(tmp_path / "report.png"))

    out = tmp_path / "report" / "weekly.html"
    assert main(["review", "report", str(archive), "--since", "2025-03-01", "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "md degraded on DSM 7.2: 5 sessions" in page
    assert "fan noise: 3 sessions" in page
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(images) == 3 and all(base64.b64decode(img).startswith(b"\x89PNG") for img in images)
    assert "2025-03-11" in page  # the open follow-up and its due date
    assert "c-nas-b" in page  # a comment beside its score


def test_a_record_that_fails_verification_is_listed_as_such(
    archive: Path,
    window: ReviewWindow,
    qloop: QtLoop,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    from PySide6.QtCore import Qt

    from console.review.window import FAILED_BACKGROUND
    from tests.recording.attacks import cut_tail
    from tests.recording.builders import written_record

    varied_archive(archive)
    tampered = written_record(archive, word="alpha")
    qloop.run(window.update_index())
    assert window.table.rowCount() == 6 and not any(row.failed for row in window.rows)
    cut_tail(tampered, 2)  # the lead's note and follow-up after the end removed, session.json reset
    qloop.run(window.update_index())
    assert "1 record(s) failed verification." in window.statusBar().currentMessage()
    number = next(i for i, row in enumerate(window.rows) if row.folder.endswith(tampered.name))
    assert _cell(window, number, 3) == "failed verification"
    assert _cell(window, number, 8).startswith("events.jsonl:7: 2 events removed since indexed")
    item = window.table.item(number, 8)
    assert item.background().color() == FAILED_BACKGROUND
    assert tampered.name in item.toolTip() and "has 6 now." in item.toolTip()
    others = [i for i in range(window.table.rowCount()) if i != number]
    assert all(window.table.item(i, 3).background().color() != FAILED_BACKGROUND for i in others)

    window.table.scrollToItem(window.table.item(number, 0))
    cell = window.table.visualItemRect(window.table.item(number, 1)).center()
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert [index.row() for index in window.table.selectionModel().selectedRows()] == [number]
    assert window.session_view.folder is None  # a failed record is not replayed
    message = window.statusBar().currentMessage()
    assert message.startswith(f"{window.rows[number].folder} failed verification: events.jsonl:7: 2 events")
    window.table.clearSelection()
    window.grab().save(str(tmp_path / "review-failed.png"))
    shot = os.environ.get("VZ_SCREENSHOT_DIR")
    if shot:
        window.grab().save(str(Path(shot) / "review-failed-verification.png"))
