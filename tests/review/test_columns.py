"""Columns fit: at 1366×768 (and 1920×1080) every header reads whole, there is no horizontal scroll bar,
and a long device, technician, tag or summary is cut with an ellipsis and whole in its tooltip."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from console.review.table import DEVICE, SUMMARY, TECHNICIAN, WEIGHTS
from console.review.window import ReviewWindow
from sessions.recording import DeviceInfo, append_event
from tests.archive.builders import build_record
from tests.archive.conftest import day, varied_archive
from tests.console.conftest import QtLoop, until
from tests.recording.attacks import cut_tail
from tests.recording.builders import written_record

LONG_DEVICE = "synology-ds1821plus-headquarters-basement-rack-2"
LONG_TECHNICIAN = "Alexandra Kowalczyk-Nakamura (second line)"
LONG_SUMMARY = (
    "Replaced the failing second disk of the RAID 5 volume, rebuilt md2 overnight, checked SMART on "
    "the other seven disks and scheduled a follow-up with the customer for the firmware update"
)


def _long_record(archive: Path) -> Path:
    folder = build_record(
        archive, day(8), technician=LONG_TECHNICIAN,
        device=DeviceInfo(name=LONG_DEVICE, host="192.0.2.44", port=22, user="admin"),
        output=[(1.0, "$ cat /proc/mdstat\r\n")],
        events=[(50.0, "outcome", {"outcome": "not_resolved", "summary": LONG_SUMMARY})],
        meta={"outcome": "not_resolved", "platform": "DSM 7.2"},
    )  # fmt: skip
    for tag in ("raid rebuild", "firmware", "second visit needed"):
        append_event(folder, "tag", {"author": "lead", "tag": tag})
    return folder


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_every_column_reads_whole_and_nothing_scrolls_sideways(
    archive: Path, window: ReviewWindow, qloop: QtLoop, size: tuple[int, int]
) -> None:
    varied_archive(archive)
    _long_record(archive)
    tampered = written_record(archive, word="alpha")
    qloop.run(window.update_index())
    cut_tail(tampered, 2)  # a failed record: "failed verification" in the outcome column
    window.resize(*size)
    qloop.run(window.update_index())
    table = window.table
    qloop.run(until(lambda: table.rowCount() == 7, what="seven rows"))
    qloop.run(asyncio.sleep(0.1))  # the layout settles, as it does before the next paint
    assert window.width() == size[0]
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        title = table.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= table.header_width(column), (title, size)
    assert not table.horizontalScrollBar().isVisible()
    assert header.length() <= table.viewport().width()
    row = window.rows.index(next(r for r in window.rows if r.device == LONG_DEVICE))
    for column, text in ((DEVICE, LONG_DEVICE), (TECHNICIAN, LONG_TECHNICIAN), (SUMMARY, LONG_SUMMARY)):
        item = table.item(row, column)
        assert item.text() == text and item.toolTip() == text
    assert table.fontMetrics().horizontalAdvance(LONG_SUMMARY) > table.columnWidth(SUMMARY)  # elided
    failed = next(i for i, r in enumerate(window.rows) if r.failed)
    assert table.item(failed, 3).text() == "failed verification"
    assert header.sectionSize(3) >= table.fontMetrics().horizontalAdvance("failed verification")
    shares = [table.columnWidth(column) - table.header_width(column) for column in WEIGHTS]
    assert all(share >= 0 for share in shares) and table.columnWidth(SUMMARY) == max(
        table.columnWidth(column) for column in WEIGHTS
    )  # the summary gets the most room


def test_the_table_keeps_its_room_when_the_search_shows_hits(
    archive: Path, window: ReviewWindow, qloop: QtLoop
) -> None:
    varied_archive(archive)
    _long_record(archive)
    qloop.run(window.update_index())
    window.search_box.setText("md")
    qloop.run(until(lambda: window.hits and window.hits_view.isVisible(), what="hits shown"))
    qloop.run(asyncio.sleep(0.1))
    table = window.table
    assert not table.horizontalScrollBar().isVisible()
    assert all(
        table.horizontalHeader().sectionSize(column) >= table.header_width(column)
        for column in range(table.columnCount())
    )
    window.search_box.clear()
    qloop.run(until(lambda: not window.hits_view.isVisible(), what="the hits hidden without words"))
