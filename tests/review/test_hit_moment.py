"""A search hit plays from the moment it appears: the player starts a second before the output that shows
the words (not at the start of the index's 10-second segment), and marks them on the screen."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from console.review.session_view import LEAD_IN
from console.review.window import ReviewWindow
from sessions.archive import Playback, term_patterns
from sessions.live import LiveSession, Output, SessionRequest, SessionState
from sessions.recording import DeviceInfo, open_record
from sessions.ssh.client import connect
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from tests.console.conftest import QtLoop, until
from tests.review.conftest import Clock, click_link, opened, record_with_word_at
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
    player = window.session_view.player
    at_load: list[tuple[float, bool, str]] = []
    window.session_view.loaded.connect(
        lambda _folder: at_load.append((player.playback.position, player.playing, player.screen_text()))
    )

    async def scenario() -> None:
        await window.update_index()
        window.search_box.setText(WORD)
        await until(lambda: window.hits, what="the hit")
        assert [(hit.kind, hit.t) for hit in window.hits] == [("terminal", 3.0)]  # the segment's start
        click_link(qtbot, window.hits_view, "hit:0")
        await until(lambda: at_load, what="the recording loaded")
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
    assert window.session_view.folder == folder
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
    player = window.session_view.player
    at_load: list[float] = []
    window.session_view.loaded.connect(lambda _folder: at_load.append(player.playback.position))

    async def scenario() -> None:
        await window.update_index()
        window.search_box.setText("vz-typed-42-mdadm")
        await until(lambda: window.hits, what="the hit")
        hit = window.hits[0]
        assert hit.kind == "terminal" and hit.t < typed.t - 4  # the segment began with the prompt
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
