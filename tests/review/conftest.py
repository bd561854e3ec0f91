"""Review window fixtures: a window at 1366×768 over a test archive, and records made by the real recorder."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser
from pytestqt.qtbot import QtBot

from console.review.window import ReviewWindow
from sessions.archive import ArchiveIndex
from sessions.recording import DeviceInfo, Recorder
from tests.console.conftest import QtLoop, qloop, until  # noqa: F401  (qloop is a fixture)

SCREEN = (1366, 768)


@pytest.fixture
def window(archive: Path, tmp_path: Path, qtbot: QtBot, qloop: QtLoop) -> Iterator[ReviewWindow]:  # noqa: F811
    index = ArchiveIndex(archive, tmp_path / "index.sqlite3")
    win = ReviewWindow(index, "lead-park")
    qtbot.addWidget(win)
    win.resize(*SCREEN)
    win.show()
    yield win
    win.close()  # as the console does: the window (and its work) before the index
    index.close()


class Clock:
    """The recorder's clock, set by the test: what `time.monotonic()` returns in sessions.recording.writer.

    It stands still at ``now`` until ``follow_real_time()``; then it runs with real time from ``now``, and
    ``now += seconds`` jumps it forward.
    """

    def __init__(self) -> None:
        self.now = 0.0
        self._real_from: float | None = None

    def monotonic(self) -> float:
        if self._real_from is None:
            return self.now
        return self.now + time.monotonic() - self._real_from

    def follow_real_time(self) -> None:
        self._real_from = time.monotonic()


@pytest.fixture
def recorder_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The real recorder, on a clock the test moves (only the recorder's module sees it)."""
    clock = Clock()
    monkeypatch.setattr("sessions.recording.writer.time", SimpleNamespace(monotonic=clock.monotonic))
    return clock


def record_with_word_at(archive: Path, clock: Clock, word: str, at: float, device: str = "nas-log") -> Path:
    """A record written by the real Recorder: a log scrolling one line every half second from 3 s to 20 s
    (the index's first segment: 3 s to 13 s), *word* in the line printed at *at* seconds, a customer's
    chat line at 5 s; outcome resolved."""
    clock.now = 0.0  # the record starts now (the clock may stand where the last record ended)
    recorder = Recorder.create(
        archive, technician="kim", device=DeviceInfo(name=device, host="192.0.2.5", port=22, user="admin")
    )
    clock.now = 3.0
    recorder.output(b"admin@nas:~$ tail -f /var/log/messages\r\n")
    step = 0
    while (t := 3.0 + step * 0.5) <= 20.0:
        clock.now = t
        if t == 5.0:
            recorder.event("chat.message", {"id": "c1", "from": "customer", "lang": "en",
                                            "text": "the log says timeout again"})  # fmt: skip
        text = f"kernel: md0: {word} on sdb" if t == at else f"kernel: ata{step % 4 + 1}: link up {step}"
        recorder.output(f"Mar  9 09:00:{int(t):02d} nas {text}\r\n".encode())
        step += 1
    clock.now = 21.0
    recorder.event("outcome", {"outcome": "resolved", "summary": "cable reseated"})
    recorder.close("resolved")
    return recorder.folder


def click_link(qtbot: QtBot, view: QTextBrowser, href: str) -> None:
    """Click the link *href* in *view* where it is drawn, as a person would."""
    document = view.document()
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + 1)
                view.ensureCursorVisible()
                view.setTextCursor(cursor)
                view.ensureCursorVisible()
                point = view.cursorRect(cursor).center()
                qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return
            fragments += 1
        block = block.next()
    raise AssertionError(f"no link {href} in the view")


def click_row(qtbot: QtBot, window: ReviewWindow, number: int) -> None:
    """Click the sessions table's row *number* (its device cell), as a person would."""
    table = window.table
    table.scrollToItem(table.item(number, 1))
    cell = table.visualItemRect(table.item(number, 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)


async def opened(window: ReviewWindow, folder: Path, timeout: float = 20) -> None:
    """Wait until *folder* is open in the session view and its recording loaded in the player."""
    view = window.session_view

    def ready() -> bool:
        playback = view.player.playback
        return view.folder == folder and playback is not None and playback.record.folder == folder

    await until(ready, timeout=timeout, what=f"{folder.name} opened in the player")
