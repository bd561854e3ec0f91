"""A search hit plays from the moment it appears: the player starts a second before the output that shows
the words (not at the start of the index's 10-second segment), and marks them on the screen."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from console.review.session_view import LEAD_IN
from console.review.source import ArchiveSource
from console.review.window import ReviewWindow
from sessions.archive import ArchiveIndex, Hit, Playback, pinpoint, search, term_patterns
from sessions.live import LiveSession, Output, SessionRequest, SessionState
from sessions.recording import DeviceInfo, Recorder, open_record
from sessions.ssh.client import connect
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from tests.console.conftest import QtLoop, until
from tests.review.conftest import SCREEN, Clock, click_link, opened, record_with_word_at
from tests.sshd import Sshd

WORD = "vz-disk-timeout-7"


def test_a_terminal_hit_plays_from_a_second_before_its_words_appear(
    archive: Path,
    window: ReviewWindow,
    qloop: QtLoop,
    qtbot: QtBot,
    recorder_clock: Clock,
    tmp_path: Path,
) -> None:
    folder = record_with_word_at(archive, recorder_clock, WORD, 12.5)
    record_with_word_at(archive, recorder_clock, "nothing-to-see", 8.0, device="nas-other")
    assert isinstance(window.source, ArchiveSource)
    index = window.source.index
    player = window.session_view.player
    at_load: list[tuple[float, bool, str]] = []
    window.session_view.loaded.connect(
        lambda _folder: at_load.append((player.playback.position, player.playing, player.screen_text()))
    )

    async def scenario() -> None:
        await window.update_index()
        window.search_box.setText(WORD)
        await until(lambda: window.hits, what="the hit")
        assert [(hit.kind, hit.t) for hit in search(index, WORD)] == [("terminal", 3.0)]  # its segment
        await until(lambda: window.hits[0].t == 12.5, what="the hit at the moment the word appears")
        assert "nas-log +0:12 terminal" in window.hits_view.toPlainText()  # the list says the moment
        click_link(qtbot, window.hits_view, "hit:0")
        await until(lambda: at_load, what="the recording loaded")
        assert window.table.selected_folder() == window.hits[0].folder  # its row shows which is open
        position, playing, screen = at_load[0]
        assert position == 12.5 - LEAD_IN and playing
        assert WORD not in screen and "link up 17\n" in screen  # printed at 11.5: the last line yet
        await until(lambda: WORD in player.screen_text(), timeout=15, what="the word on the screen")
        assert player.playback is not None and player.playback.position >= 12.5
        marks = player.view.matches()
        assert len(marks) == 1
        row, start, end = marks[0]
        line = player.screen_text().splitlines()[row]
        assert line[start:end] == WORD
        await asyncio.sleep(0.3)  # a frame or two of playing on
        player.pause()
        window.grab().save(str(tmp_path / "hit-moment.png"))
        shots = os.environ.get("VZ_SCREENSHOT_DIR")
        if shots:
            window.grab().save(str(Path(shots) / "review-hit-moment.png"))

    qloop.run(scenario())
    assert window.session_view.folder == folder and len(at_load) == 1  # selecting its row did not reopen it
    assert window.tabs.currentWidget() is window.session_view


def test_a_chat_hit_selects_its_line_and_shows_the_screen_then(
    archive: Path, window: ReviewWindow, qloop: QtLoop, qtbot: QtBot, recorder_clock: Clock
) -> None:
    folder = record_with_word_at(archive, recorder_clock, WORD, 12.5)
    view = window.session_view

    async def scenario() -> None:
        await window.update_index()
        window.search_box.setText("timeout again")
        await until(lambda: window.hits, what="the chat hit")
        assert [(hit.kind, hit.t) for hit in window.hits] == [("chat", 5.0)]
        click_link(qtbot, window.hits_view, "hit:0")
        await opened(window, folder)

    qloop.run(scenario())
    assert view.tabs.currentWidget() is view.chat
    assert "the log says timeout again" in view.chat.currentItem().text()
    assert view.player.playback is not None and view.player.playback.position == 5.0
    assert not view.player.playing
    shown = [line for line in view.player.screen_text().splitlines() if line]
    assert shown[-1].endswith("link up 4")  # printed at 5.0, the time of the chat line


def _record_in_pieces(archive: Path, clock: Clock, pieces: list[tuple[float, str]]) -> Path:
    """A record by the real Recorder: a prompt at 3 s, then each (time, output) piece as it was written."""
    clock.now = 0.0
    recorder = Recorder.create(
        archive, technician="kim", device=DeviceInfo(name="nas-slow", host="192.0.2.6", port=22, user="admin")
    )
    clock.now = 3.0
    recorder.output(b"admin@nas:~$ ./check-array\r\n")
    for t, text in pieces:
        clock.now = t
        recorder.output(text.encode())
    clock.now = 14.0
    recorder.close("resolved")
    return recorder.folder


def test_words_printed_in_pieces_play_from_a_second_before_the_last_piece(
    archive: Path, window: ReviewWindow, qloop: QtLoop, qtbot: QtBot, recorder_clock: Clock
) -> None:
    """The hit's time in the list is the moment (the piece that completes the words); opening it plays
    from LEAD_IN before that moment, though the words are not whole in the output from the moment on."""
    folder = _record_in_pieces(
        archive,
        recorder_clock,
        [(4.0, "checking md0\r\n"), (6.0, "state: vz-array-"), (7.5, "degraded-3\r\n"),
         (8.0, "spare: vz-rebuild"), (9.5, "-stalled\r\n"), (10.0, "done\r\n")],
    )  # fmt: skip
    player = window.session_view.player
    at_load: list[float] = []
    window.session_view.loaded.connect(lambda _folder: at_load.append(player.playback.position))

    async def scenario() -> None:
        await window.update_index()
        for query, moment in (("vz-array-degraded-3", 7.5), ("vz-array-degraded-3 vz-rebuild-stalled", 9.5)):
            at_load.clear()
            window.search_box.setText(query)
            await until(lambda q=query: window.hits and window.hits_text == q, what=f"the hit for {query}")
            await until(lambda m=moment: window.hits[0].t == m, what=f"{query} at its moment")
            click_link(qtbot, window.hits_view, "hit:0")
            await until(lambda: at_load, what="the recording loaded")
            assert at_load == [moment - LEAD_IN], query
            await opened(window, folder)

    qloop.run(scenario())


def test_the_moment_is_found_in_a_real_ssh_session(
    sshd: Sshd, archive: Path, window: ReviewWindow, qloop: QtLoop, qtbot: QtBot, recorder_clock: Clock
) -> None:
    """Over a real sshd: the shell's prompt starts the segment; the command runs five seconds later. The
    typed command line (`$((6*7))`) does not count as the words; its output does."""
    recorder_clock.follow_real_time()
    folder = qloop.run(_typed_later(sshd, archive, recorder_clock, pause=5.0))
    record = open_record(folder)
    shown = next(e for e in record.cast_entries() if e.code == "o" and "vz-typed-42-mdadm" in e.data)
    typed = next(e for e in record.cast_entries() if e.code == "o" and "$((6*7))" in e.data)
    assert typed.t >= 5.0 and shown.t >= typed.t
    assert isinstance(window.source, ArchiveSource)
    index = window.source.index
    player = window.session_view.player
    at_load: list[float] = []
    window.session_view.loaded.connect(lambda _folder: at_load.append(player.playback.position))

    async def scenario() -> None:
        await window.update_index()
        window.search_box.setText("vz-typed-42-mdadm")
        await until(lambda: window.hits, what="the hit")
        hit = search(index, "vz-typed-42-mdadm")[0]
        assert hit.kind == "terminal" and hit.t < typed.t - 4  # the segment began with the prompt
        assert pinpoint(archive, [hit], "vz-typed-42-mdadm")[0].t == shown.t
        click_link(qtbot, window.hits_view, "hit:0")
        await until(lambda: at_load, what="the recording loaded")
        await until(lambda: "vz-typed-42-mdadm" in player.screen_text(), timeout=15, what="the output")

    qloop.run(scenario())
    assert abs(at_load[0] - (shown.t - LEAD_IN)) < 1e-6
    assert Playback(folder).first_appearance(term_patterns("vz-typed-42-mdadm"), 0.0) == shown.t


async def _typed_later(sshd: Sshd, archive: Path, clock: Clock, pause: float) -> Path:
    target = Target(sshd.host, sshd.port, sshd.user, sshd.client_key)
    request = SessionRequest(
        label="nas-live",
        technician="Kim Minsu",
        device=DeviceInfo(name="nas-live", host=sshd.host, port=sshd.port, user=sshd.user),
        archive_root=archive,
    )
    output = bytearray()

    async def opener(progress):  # type: ignore[no-untyped-def]
        return await connect(target, trust=HostKeyTrust(accept_new=True), on_progress=progress)

    session = LiveSession(request, opener)
    session.subscribe(lambda event: output.extend(event.data) if isinstance(event, Output) else None)
    task = asyncio.create_task(session.run())
    await until(lambda: session.state is SessionState.ACTIVE, what="the session")
    session.write(b"echo ready\r")
    await until(lambda: b"ready\r\n" in output, what="the shell")
    clock.now += pause  # the technician reads for a while
    session.write(b"echo vz-typed-$((6*7))-mdadm\r")
    await until(lambda: b"vz-typed-42-mdadm" in output, what="the output")
    session.end()
    await asyncio.wait_for(task, 10)
    assert session.recorder is not None
    return session.recorder.folder


class SegmentTimesOnly(ArchiveSource):
    """A source that does not pinpoint hits (as a team server may not): they keep their segment's time."""

    async def pinpoint(self, hits: list[Hit], text: str) -> list[Hit]:
        return hits


def test_a_hit_at_its_segment_time_still_plays_from_its_moment(
    archive: Path, tmp_path: Path, qloop: QtLoop, qtbot: QtBot, recorder_clock: Clock
) -> None:
    """The player finds the moment itself in the opened record when the source left the hit at its
    segment's start (the list says +0:03; the recording plays from 12.5 − LEAD_IN)."""
    record_with_word_at(archive, recorder_clock, WORD, 12.5)
    index = ArchiveIndex(archive, tmp_path / "index.sqlite3")
    window = ReviewWindow(SegmentTimesOnly(index), "lead-park")
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    player = window.session_view.player
    at_load: list[float] = []
    window.session_view.loaded.connect(lambda _folder: at_load.append(player.playback.position))

    async def scenario() -> None:
        await window.update_index()
        window.search_box.setText(WORD)
        await until(lambda: window.hits, what="the hit")
        await asyncio.sleep(0.2)  # the window asked the source to pinpoint it: it did not
        assert [(hit.t, hit.pinpointed) for hit in window.hits] == [(3.0, False)]
        assert "nas-log +0:03 terminal" in window.hits_view.toPlainText()
        click_link(qtbot, window.hits_view, "hit:0")
        await until(lambda: at_load, what="the recording loaded")

    try:
        qloop.run(scenario())
    finally:
        index.close()
    assert at_load == [12.5 - LEAD_IN]
    assert window.session_view.player.view.highlights
