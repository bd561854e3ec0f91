"""The report follows the filters: the window's report (counts, charts, recurring findings, CSAT) is over
the sessions the table lists, and File ▸ Export report… writes what `valuezone review report` writes for
the same filters, through a save dialog."""

from __future__ import annotations

import asyncio
import html
import os
import re
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit, QListView
from pytestqt.qtbot import QtBot

from console.cli import main
from console.review.window import ReviewWindow
from sessions.recording import DeviceInfo, append_event
from tests.archive.builders import build_record
from tests.archive.conftest import day, varied_archive
from tests.console.conftest import QtLoop, until, visible


def _qts_record(archive: Path) -> Path:
    """A sixth session, on another platform: kim, resolved, scored 8, a finding of its own."""
    return build_record(
        archive, day(8), technician="kim",
        device=DeviceInfo(name="qnap-f", host="192.0.2.10", port=22, user="admin"),
        output=[(1.0, "$ getsysinfo hdnum\r\n4\r\n")],
        events=[(2.0, "chat.message", {"id": "1", "from": "customer", "lang": "ko", "text": "팬 소리"}),
                (4.0, "chat.message", {"id": "2", "from": "technician", "lang": "en", "text": "checking"}),
                (8.0, "diagnostics.finding", {"check": "fan", "target": "fan1", "status": "warn",
                                              "summary": "fan 1 slow", "evidence": []}),
                (30.0, "outcome", {"outcome": "resolved", "summary": "fan cleaned"}),
                (31.0, "survey", {"solved": True, "score": 8, "comment": "quick"})],
        meta={"platform": "QTS 5.1", "outcome": "resolved", "survey_score": 8},
    )  # fmt: skip


def _bars(window: ReviewWindow, chart: str) -> list[float]:
    series = window.report.views[chart].chart().series()[0]
    bars = series.barSets()[0]
    return [bars.at(i) for i in range(bars.count())]


def _summary(window: ReviewWindow) -> str:
    return window.findChild(type(window.report._summary), "reportSummary").text()


def test_filtering_to_one_technician_counts_only_their_sessions(
    archive: Path, window: ReviewWindow, qloop: QtLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    folders = varied_archive(archive)
    _qts_record(archive)
    for folder in folders[:2]:
        append_event(folder, "tag", {"author": "lead", "tag": "fan noise"})
    qloop.run(window.update_index())
    window.tabs.setCurrentWidget(window.report)
    assert window.table.rowCount() == 6 and "6 session(s)" in _summary(window)
    assert "CSAT: 50% (6 answered survey(s)" in _summary(window)  # 8, 9, 10 of 2, 5, 7, 8, 9, 10
    assert window.filters.platform.findData("QTS 5.1") > 0

    qtbot.keyClicks(window.filters.technician, "kim")
    qloop.run(until(lambda: window.table.rowCount() == 3 and "3 session(s)" in _summary(window), what="kim"))
    assert {row.technician for row in window.rows} == {"kim"}
    assert _bars(window, "outcomes") == [2.0, 0.0, 1.0, 0.0]  # resolved, workaround, escalated, not resolved
    scores = _bars(window, "scores")
    assert scores[5] == scores[8] == scores[9] == 1.0 and sum(scores) == 3
    assert "CSAT: 67% (3 answered survey(s)" in _summary(window)
    recurring = window.last_report.recurring  # type: ignore[union-attr]
    assert [(item.label, item.sessions) for item in recurring] == [("md degraded on DSM 7.2", 2)]
    assert "fan noise" not in {item.label for item in recurring}  # kim has one of the two tagged sessions

    window.filters.technician.clear()
    qtbot.keyClicks(window.filters.technician, "lee")
    qloop.run(until(lambda: "2 session(s)" in _summary(window) and window.table.rowCount() == 2, what="lee"))
    assert _bars(window, "outcomes") == [1.0, 0.0, 0.0, 1.0]
    assert "CSAT: 50% (2 answered survey(s)" in _summary(window)
    assert "Open follow-ups: 1." in _summary(window)  # lee's unresolved session

    window.filters.clear()
    window.filters.platform.setCurrentIndex(window.filters.platform.findData("QTS 5.1"))
    qloop.run(until(lambda: window.table.rowCount() == 1 and "1 session(s)" in _summary(window), what="QTS"))
    assert window.rows[0].device == "qnap-f" and window.last_report.recurring == ()  # type: ignore[union-attr]

    window.filters.clear()
    window.search_box.setText("strange")  # no session says it
    qloop.run(until(lambda: window.table.rowCount() == 0 and "0 session(s)" in _summary(window), what="none"))
    window.search_box.setText("help nas-e")
    qloop.run(until(lambda: window.table.rowCount() == 1 and "1 session(s)" in _summary(window), what="one"))
    assert _bars(window, "outcomes") == [1.0, 0.0, 0.0, 0.0]


def test_export_writes_what_the_command_line_writes_for_the_same_filters(
    archive: Path, window: ReviewWindow, qloop: QtLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    folders = varied_archive(archive)
    _qts_record(archive)
    for folder in folders:
        append_event(folder, "tag", {"author": "lead", "tag": "fan noise"})
    qloop.run(window.update_index())
    qtbot.keyClicks(window.filters.technician, "kim")
    window.filters.since.setDate(QDate(2025, 3, 4))
    window.search_box.setText("md0")
    qloop.run(until(lambda: window.table.rowCount() == 1, what="kim's sessions since the 4th with md0"))
    window.export_folder = tmp_path
    out = tmp_path / "weekly.html"

    async def export() -> None:
        qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # File ▸ Export report…
        dialog = await until(lambda: visible(QFileDialog, "exportDialog"), what="the save dialog")
        files = dialog.findChild(QListView, "listView")
        await until(lambda: files.model().rowCount(files.rootIndex()) > 0, what="the folder listed")
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert re.fullmatch(r"review-report-\d{4}-\d{2}-\d{2}\.html", name.text())
        name.selectAll()
        qtbot.keyClicks(name, str(out))
        save = dialog.findChild(QDialogButtonBox, "buttonBox").button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        await until(lambda: out.exists() and "written to" in window.statusBar().currentMessage(), what="it")

    qloop.run(export())
    assert window.statusBar().currentMessage() == f"Report of 1 session(s) written to {out}."
    cli = tmp_path / "cli.html"
    argv = [
        "review",
        "report",
        str(archive),
        "--html",
        str(cli),
        "--technician",
        "kim",
        "--since",
        "2025-03-04",
    ]
    assert main([*argv, "--search", "md0"]) == 0
    page = out.read_text(encoding="utf-8")
    assert _unmade(page) == _unmade(cli.read_text(encoding="utf-8"))
    text = html.unescape(page)
    assert '1 session started on or after 2025-03-04, technician "kim", containing "md0"' in text
    assert "CSAT: 0% (1 survey answered" in text  # qnap-c scored 5
    assert page.count("data:image/png;base64,") == 3
    assert "c-qnap-c" in page and "c-nas-a" not in page and "quick" not in page
    shots = os.environ.get("VZ_SCREENSHOT_DIR")
    if shots:
        (Path(shots) / "review-report.html").write_text(page, encoding="utf-8")


def test_a_report_that_cannot_be_written_says_why(
    archive: Path, window: ReviewWindow, qloop: QtLoop, tmp_path: Path
) -> None:
    varied_archive(archive)
    qloop.run(window.update_index())
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    assert qloop.run(window.write_report(blocker / "weekly.html")) is None
    message = window.statusBar().currentMessage()
    assert message.startswith(f"The report cannot be written to {blocker / 'weekly.html'} (")
    assert message.endswith("Choose another file or folder, or free some space, and export again.")
    assert not list(tmp_path.glob("**/.weekly.html.partial"))


def _unmade(page: str) -> str:
    """The page without the minute it was made (the two were made moments apart)."""
    return re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", "<made>", page)


def test_a_search_typed_just_before_the_window_closes_starts_nothing(
    archive: Path, window: ReviewWindow, qloop: QtLoop, qtbot: QtBot
) -> None:
    """The search waits 250 ms for more typing; a window closed meanwhile must not query an index the
    console closes next (it crashed: 'Cannot operate on a closed database')."""
    varied_archive(archive)
    qloop.run(window.update_index())
    window.search_box.setText("md0")  # the debounced search is pending
    window.close()
    window.source.index.close()  # type: ignore[attr-defined]  # what the console may do next
    qloop.run(asyncio.sleep(0.4))  # past the debounce: nothing runs, nothing is reported
    window.show()  # the console shows its one review window again: it works again
    assert window._spawn(asyncio.sleep(0)).cancelled() is False
