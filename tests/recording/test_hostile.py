"""Hostile record folders: verify reports each one by file and line, never raises, never hangs or slurps.

Every case starts from a record written by the real Recorder and breaks one thing the way an attacker
or a damaged disk would. The reader (open_record) refuses the same files with a RecordError.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sessions.errors import RecordError
from sessions.recording import open_record, verify
from tests.recording.attacks import (
    deep_event,
    deep_meta,
    fifo,
    garbage,
    huge,
    literal_in_event,
    literal_in_meta,
    moderately_deep_event,
    replace_with_folder,
    set_meta,
    symlink_outside,
)
from tests.recording.builders import written_record

WRONG_TYPES: list[tuple[str, object]] = [
    ("format", 1),
    ("version", "1"),
    ("session_id", 5),
    ("technician", 5),
    ("device", "nas1"),
    ("device", {"name": "nas", "host": "192.0.2.7", "port": "22", "user": "admin"}),
    ("device", {"name": 1, "host": "192.0.2.7", "port": 22, "user": "admin"}),
    ("via", "teleport"),
    ("title", None),
    ("terminal", [80, 24]),
    ("terminal", {"cols": 0, "rows": 24}),
    ("started", 1741064767),
    ("ended", 5),
    ("duration", "long"),
    ("duration", -1),
    ("outcome", ["resolved"]),
    ("survey_score", "9"),
    ("survey_score", 11),
    ("survey_score", True),
    ("summary", 5),
    ("platform", {"os": "DSM"}),
    ("customer_language", 1),
    ("events", "12"),
    ("events", {"count": "3", "last_hash": "0" * 64}),
    ("recording", "none"),
    ("recording", {"suspensions": -1, "dropped_events": 0, "dropped_output_bytes": 0}),
]

ATTACKS: list[tuple[str, Callable[[Path], None], str, str]] = [
    # (id, attack, the file named first, words in the message)
    ("session-json-is-a-folder", replace_with_folder("session.json"), "session.json", "is a folder"),
    ("events-is-a-folder", replace_with_folder("events.jsonl"), "events.jsonl", "is a folder"),
    ("cast-is-a-folder", replace_with_folder("terminal.cast"), "terminal.cast", "is a folder"),
    ("deep-session-json", deep_meta, "session.json", "levels deep"),
    ("deep-event", deep_event, "events.jsonl", "levels deep"),
    ("nesting-over-the-record-limit", moderately_deep_event, "events.jsonl", "levels deep"),
    ("nan-in-session-json", literal_in_meta(b"NaN"), "session.json", "NaN"),
    ("infinity-in-session-json", literal_in_meta(b"-Infinity"), "session.json", "Infinity"),
    ("infinity-in-event", literal_in_event(b"Infinity"), "events.jsonl", "Infinity"),
    ("overflowing-float-in-event", literal_in_event(b"1e400"), "events.jsonl", "too large"),
    ("five-thousand-digit-int", literal_in_event(b"9" * 5000), "events.jsonl", "too many digits"),
    ("huge-int-t", literal_in_event(b"9" * 400), "events.jsonl", "not a non-negative number"),
    ("garbage-session-json", garbage("session.json"), "session.json", "not valid"),
    ("garbage-events", garbage("events.jsonl"), "events.jsonl", "not valid"),
    ("garbage-cast", garbage("terminal.cast"), "terminal.cast", "not valid"),
    ("events-link-outside", symlink_outside("events.jsonl"), "events.jsonl", "symbolic link"),
    ("session-json-link-outside", symlink_outside("session.json"), "session.json", "symbolic link"),
    ("cast-link-outside", symlink_outside("terminal.cast"), "terminal.cast", "symbolic link"),
    ("events-fifo", fifo("events.jsonl"), "events.jsonl", "named pipe"),
    ("cast-fifo", fifo("terminal.cast"), "terminal.cast", "named pipe"),
    ("session-json-fifo", fifo("session.json"), "session.json", "named pipe"),
    ("huge-events", huge("events.jsonl", 8 << 30), "events.jsonl", "longer than 16 MiB"),
    ("huge-session-json", huge("session.json", 1 << 30), "session.json", "larger than 4 MiB"),
    *[
        (f"wrong-type-{key}-{i}", lambda f, k=key, v=value: set_meta(f, k, v), "session.json", key)
        for i, (key, value) in enumerate(WRONG_TYPES)
    ],
]


@pytest.mark.parametrize(("attack", "name", "words"), [a[1:] for a in ATTACKS], ids=[a[0] for a in ATTACKS])
@pytest.mark.timeout(30)
def test_hostile_record_is_reported_by_file_and_never_raises(
    archive: Path, attack: Callable[[Path], None], name: str, words: str
) -> None:
    folder = written_record(archive)
    assert verify(folder).ok
    attack(folder)
    report = verify(folder)
    assert not report.ok
    first = report.errors[0]
    assert Path(first.file).name == name, report.lines()
    assert words in str(first), report.lines()
    assert report.summary().startswith(name), report.summary()
    assert "\n" not in report.summary()


@pytest.mark.parametrize(
    "attack",
    [replace_with_folder("session.json"), fifo("session.json"), deep_meta, literal_in_meta(b"NaN")],
    ids=["folder", "fifo", "deep", "nan"],
)
@pytest.mark.timeout(30)
def test_the_reader_refuses_a_hostile_session_json_with_a_record_error(
    archive: Path, attack: Callable[[Path], None]
) -> None:
    folder = written_record(archive)
    attack(folder)
    with pytest.raises(RecordError):
        open_record(folder)


@pytest.mark.timeout(30)
def test_the_reader_refuses_hostile_event_and_cast_files(archive: Path) -> None:
    folder = written_record(archive)
    fifo("events.jsonl")(folder)
    symlink_outside("terminal.cast")(folder)
    record = open_record(folder)
    with pytest.raises(RecordError, match="named pipe"):
        list(record.events())
    with pytest.raises(RecordError, match="symbolic link"):
        list(record.cast_entries())


def test_the_record_folder_itself_as_a_link_is_refused(archive: Path, tmp_path: Path) -> None:
    folder = written_record(archive)
    link = tmp_path / "link"
    link.symlink_to(folder)
    report = verify(link)
    assert not report.ok and "symbolic link" in report.summary()
