"""Qt-free playback: the screen at a time, keyframes, idle-time limit and markers."""

from __future__ import annotations

from pathlib import Path

from sessions.archive import Playback, playback
from tests.archive.builders import build_record
from tests.archive.conftest import day


def _record(archive: Path) -> Path:
    output = [(0.5, "$ first\r\n"), (2.0, "\x1b[2J\x1b[Hcleared at two\r\n"), (100.0, "late line\r\n")]
    events = [
        (1.0, "chat.message", {"id": "1", "from": "customer", "lang": "ko", "text": "안녕하세요"}),
        (3.0, "diagnostics.finding", {"check": "md", "status": "fail", "summary": "md0 failed"}),
        (4.0, "escalation.bundled", {"bundle_id": "b"}),
        (99.0, "outcome", {"outcome": "resolved", "summary": "ok"}),
        (99.5, "annotation", {"author": "lead", "text": "see here", "t": 2.5}),
    ]
    return build_record(archive, day(3), output=output, events=events)


def test_seek_shows_what_was_on_screen_then(tmp_path: Path) -> None:
    replay = Playback(_record(tmp_path))
    replay.seek(1.0)
    assert replay.text().splitlines()[0] == "$ first"
    replay.seek(50.0)
    assert replay.text().splitlines()[0] == "cleared at two" and "late line" not in replay.text()
    replay.seek(0.1)  # backwards
    assert replay.text().strip() == ""
    replay.seek(1000)
    assert "late line" in replay.text() and replay.position == replay.duration


def test_idle_limit_and_speed(tmp_path: Path) -> None:
    replay = Playback(_record(tmp_path))
    replay.seek(2.5)
    assert replay.advance(0.5, speed=2.0, idle_limit=2.0)  # 97.5 s idle cut to 2 s, then 1 s of play
    assert "late line" not in replay.text() and replay.position == 99.0
    assert not replay.advance(1.0, speed=1.0, idle_limit=2.0)
    assert "late line" in replay.text()
    again = Playback(replay.record.folder)
    again.seek(2.5)
    again.advance(1.0, speed=16.0, idle_limit=None)  # no limit: 16 s of recorded time
    assert again.position == 18.5


def test_markers(tmp_path: Path) -> None:
    kinds = [(m.t, m.kind) for m in Playback(_record(tmp_path)).markers]
    assert kinds == [(1.0, "chat"), (2.5, "note"), (3.0, "finding"), (4.0, "escalation"), (99.0, "outcome")]


def test_keyframes_make_long_seeks_exact(tmp_path: Path, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setattr(playback, "KEYFRAME_CHARS", 200)
    output = [(i * 0.1, f"line {i:04d} " + "x" * 40 + "\r\n") for i in range(300)]
    replay = Playback(build_record(tmp_path, day(3), output=output))
    assert len(replay._keyframes) > 10
    for t in (29.0, 5.05, 17.3, 0.0, 12.0):
        replay.seek(t)
        fresh = Playback(replay.record.folder)
        fresh._keyframes.clear()
        fresh.seek(t)
        assert replay.text() == fresh.text()
