"""verify: intact records pass; every changed byte, removed line or input entry is named by file and line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from sessions.recording import Recorder, append_event, canonical, line_hash, verify
from tests.recording.builders import finished_record


def test_finished_record_verifies(make_recorder: Callable[..., Recorder]) -> None:
    folder = finished_record(make_recorder)
    report = verify(folder)
    assert report.ok, report.lines()
    assert report.lines() == ["OK: 4 events, 5 cast lines, chain intact"]
    assert report.ended and not report.notes


def test_every_changed_byte_in_events_fails_at_its_line(make_recorder: Callable[..., Recorder]) -> None:
    folder = finished_record(make_recorder)
    path = folder / "events.jsonl"
    original = path.read_bytes()
    line_of = [original[:i].count(b"\n") + 1 for i in range(len(original))]
    for i in range(len(original)):
        changed = bytearray(original)
        changed[i] ^= 0x01 if original[i] != ord("\n") else ord("x") ^ ord("\n")
        path.write_bytes(bytes(changed))
        report = verify(folder)
        assert not report.ok, f"byte {i} changed but the record still verifies"
        first = report.errors[0]
        assert first.file == str(path) and first.line == line_of[i], (i, report.lines())
    path.write_bytes(original)
    assert verify(folder).ok


def test_removed_lines_are_errors(make_recorder: Callable[..., Recorder]) -> None:
    folder = finished_record(make_recorder)
    path = folder / "events.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:2] + lines[3:]))
    assert verify(folder).errors[0].line == 3  # seq 4 found where 3 belongs
    path.write_bytes(b"".join(lines[:-1]))
    report = verify(folder)
    assert report.errors[0].line == len(lines) and "missing" in str(report.errors[0])


def test_changed_cast_after_the_session_ended_is_an_error(make_recorder: Callable[..., Recorder]) -> None:
    folder = finished_record(make_recorder)
    path = folder / "terminal.cast"
    original = path.read_bytes()
    path.write_bytes(original.replace("정상".encode(), "고장".encode()))
    assert "changed after the session ended" in str(verify(folder).errors[0])
    path.write_bytes(original + canonical([99.0, "o", "added"]) + b"\n")
    assert verify(folder).errors[0].line == original.count(b"\n") + 1


def test_cast_rules(make_recorder: Callable[..., Recorder]) -> None:
    rec = make_recorder()
    rec.output(b"hello\n")
    folder = rec.folder  # not closed: no seal, so only the format rules apply
    path = folder / "terminal.cast"
    good = path.read_bytes()
    for entry, words in [
        ([0.5, "i", "hunter2\r"], "never records what the technician types"),
        ([-1, "o", "x"], "non-negative"),
        ([0.5, "r", "wide"], "COLSxROWS"),
        ([0.5, "x", "?"], "Unknown entry"),
    ]:
        path.write_bytes(good + canonical(entry) + b"\n")
        report = verify(folder)
        assert report.errors[0].line == 3 and words in str(report.errors[0]), report.lines()
    path.write_bytes(good + canonical([1e6, "o", "a"]) + b"\n" + canonical([1.0, "o", "b"]) + b"\n")
    assert "goes back" in str(verify(folder).errors[0])
    path.write_bytes(good + b'[0.7,"o","half')
    report = verify(folder)
    assert report.ok and any("incomplete" in note for note in report.notes)


CRASH = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from sessions.recording import DeviceInfo, Recorder
    rec = Recorder.create(Path(sys.argv[1]), technician="kim", device=DeviceInfo("nas", "192.0.2.7"),
                          via="code", cols=80, rows=24, title="crash")
    rec.output("가".encode()[:2])
    for i in range(5):
        rec.event("chat.message", {"text": f"메시지 {i}"})
        rec.output(f"line {i}\\n".encode())
    print(rec.folder, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_killed_process_leaves_a_record_that_verifies(archive: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CRASH, str(archive)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == -9, done.stderr
    folder = Path(done.stdout.strip())
    report = verify(folder)
    assert report.ok, report.lines()
    assert report.events == 6 and not report.ended
    assert any("no session.ended" in note for note in report.notes)
    # a torn last line (killed mid-write) and a session.json that lags one event are accepted too
    events = folder / "events.jsonl"
    last = events.read_bytes().splitlines()[-1]
    extra = json.loads(last)
    extra.update(seq=7, prev=line_hash(last), type="chat.message")
    with events.open("ab") as fh:
        fh.write(canonical(extra) + b"\n" + b'{"data":{"te')
    report = verify(folder)
    assert report.ok, report.lines()
    assert report.events == 7 and len(report.notes) == 3
    # but not an appended line that is torn in the middle of the file
    with events.open("ab") as fh:
        fh.write(b"\n")
    assert verify(folder).errors[0].line == 8


def test_annotations_after_the_end_keep_the_chain(make_recorder: Callable[..., Recorder]) -> None:
    folder = finished_record(make_recorder)
    written = append_event(folder, "annotation", {"author": "lead", "text": "좋은 대응"})
    append_event(folder, "tag", {"author": "lead", "tag": "md-degraded"})
    report = verify(folder)
    assert report.ok and report.events == 6 and written["seq"] == 5
    meta = json.loads((folder / "session.json").read_text(encoding="utf-8"))
    assert meta["events"] == {"count": 6, "last_hash": report.last_hash}


def test_not_a_record() -> None:
    report = verify(Path(os.devnull))
    assert not report.ok and "not a folder" in report.lines()[0]


def test_append_refuses_a_torn_record(make_recorder: Callable[..., Recorder]) -> None:
    import pytest

    from sessions.errors import RecordError

    folder = finished_record(make_recorder)
    with (folder / "events.jsonl").open("ab") as fh:
        fh.write(b'{"data":')
    with pytest.raises(RecordError, match="incomplete line") as caught:
        append_event(folder, "annotation", {"text": "x"})
    assert caught.value.line == 5
