"""Recorder: layout, UTF-8 decoding across chunks, session.json, no input API, argument checks."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from sessions.errors import RecordError
from sessions.recording import Recorder, genesis, line_hash, open_record, terminal_text, verify
from tests.recording.builders import finished_record


def cast_lines(folder: Path) -> list[list]:
    lines = (folder / "terminal.cast").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[1:]]


def test_korean_char_split_across_chunks_is_recorded_whole(make_recorder: Callable[..., Recorder]) -> None:
    rec = make_recorder()
    ga = "가".encode()  # EA B0 80
    rec.output(b"x" + ga[:1])
    rec.output(ga[1:2])
    rec.output(ga[2:] + b" ok\n")
    rec.close()
    entries = cast_lines(rec.folder)
    assert "".join(e[2] for e in entries if e[1] == "o") == "x가 ok\n"
    assert all("\ufffd" not in e[2] for e in entries)


def test_invalid_bytes_become_replacement_characters(make_recorder: Callable[..., Recorder]) -> None:
    rec = make_recorder()
    rec.output(b"a\xffb\xea\xb0")  # a stray byte, then a character cut off by the end of the stream
    rec.close()
    assert terminal_text(rec.folder) == "a\ufffdb\ufffd"


def test_layout_and_session_json(make_recorder: Callable[..., Recorder], archive: Path) -> None:
    folder = finished_record(make_recorder)
    relative = folder.relative_to(archive).as_posix()
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}/\d{8}T\d{6}Z-nas-2-[0-9a-f]{8}", relative), relative
    assert sorted(p.name for p in folder.iterdir()) == ["events.jsonl", "session.json", "terminal.cast"]
    meta = json.loads((folder / "session.json").read_text(encoding="utf-8"))
    assert meta["device"] == {"name": "NAS 2층", "host": "192.0.2.7", "port": 22, "user": "admin"}
    assert (meta["technician"], meta["via"], meta["outcome"], meta["survey_score"]) == (
        "kim",
        "direct",
        "resolved",
        9,
    )
    assert meta["ended"] and meta["duration"] >= 0
    lines = (folder / "events.jsonl").read_bytes().splitlines()
    assert meta["events"] == {"count": len(lines), "last_hash": line_hash(lines[-1])}
    assert json.loads(lines[0])["prev"] == genesis(meta["session_id"])
    assert folder.name.endswith(meta["session_id"][:8])


def test_header_and_entries_follow_asciicast_v2(make_recorder: Callable[..., Recorder]) -> None:
    folder = finished_record(make_recorder)
    header = json.loads((folder / "terminal.cast").read_text(encoding="utf-8").splitlines()[0])
    assert header["version"] == 2 and (header["width"], header["height"]) == (80, 24)
    assert isinstance(header["timestamp"], int) and header["env"]["TERM"] and header["title"] == "nas"
    entries = cast_lines(folder)
    assert [e[1] for e in entries] == ["o", "o", "r", "m"]
    assert entries[2][2] == "120x40" and entries[3][2] == "diagnostics"
    times = [e[0] for e in entries]
    assert times == sorted(times)


def test_event_times_share_the_cast_clock(make_recorder: Callable[..., Recorder]) -> None:
    rec = make_recorder()
    rec.output(b"before\n")
    written = rec.event("chat.message", {"text": "hi"})
    rec.output(b"after\n")
    rec.close()
    o_times = [e[0] for e in cast_lines(rec.folder) if e[1] == "o"]
    assert o_times[0] <= written["t"] <= o_times[1]
    assert written["seq"] == 2 and written["prev"] and written["ts"].endswith("Z")


def test_recorder_has_no_input_api() -> None:
    """Design rule: what the technician types cannot reach a record, because there is no way to pass it."""
    public = {name for name in dir(Recorder) if not name.startswith("_")}
    assert public == {
        "close", "closed", "create", "dropped", "elapsed", "event", "event_count", "folder", "last_hash",
        "marker", "output", "resize", "resume", "session_id", "suspended", "suspended_reason", "update_meta",
    }  # fmt: skip
    assert not any(word in name for name in public for word in ("input", "stdin", "key", "send", "type"))


def test_bad_arguments_are_refused(make_recorder: Callable[..., Recorder], archive: Path) -> None:
    rec = make_recorder()
    with pytest.raises(ValueError, match="dotted"):
        rec.event("Chat Message", {})
    with pytest.raises(ValueError, match="JSON object"):
        rec.event("chat.message", ["not", "a", "dict"])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="secrets"):
        rec.update_meta(sudo_password="x")
    with pytest.raises(ValueError, match="recorder itself"):
        rec.update_meta(events={})
    with pytest.raises(ValueError, match="via"):
        make_recorder(via="telnet")
    with pytest.raises(ValueError, match="session_id"):
        make_recorder(session_id="../escape")
    make_recorder(session_id="fixed-id-1")
    with pytest.raises(RecordError, match="already exists"):
        make_recorder(session_id="fixed-id-1")
    rec.close()
    assert verify(rec.folder).ok


def test_close_is_idempotent_and_later_calls_are_dropped(make_recorder: Callable[..., Recorder]) -> None:
    rec = make_recorder()
    rec.close("resolved")
    rec.close()
    rec.output(b"late\n")
    assert rec.event("chat.message", {"text": "late"})["seq"] is None
    record = open_record(rec.folder)
    assert [e["type"] for e in record.events()] == ["session.started", "session.ended"]
    assert record.meta["outcome"] == "resolved"
    assert verify(rec.folder).ok


def test_archive_root_follows_the_setting(vz_home: Path, tmp_path: Path) -> None:
    from sessions.config import Settings
    from sessions.paths import app_dirs
    from sessions.recording import archive_root

    assert archive_root() == app_dirs().archive
    settings = Settings(tmp_path / "settings.toml")
    settings.set("recording", "archive", str(tmp_path / "shared"))
    assert archive_root(settings) == tmp_path / "shared"
