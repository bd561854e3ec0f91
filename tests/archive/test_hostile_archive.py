"""An archive full of hostile records, run through `valuezone` as real processes.

`verify` reports each bad record in one line (exit 1); `review index`, `search` and `report` name and
skip each bad record and finish the work for the good ones, without a traceback or a hang.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.recording.attacks import (
    append_forged,
    deep_event,
    deep_meta,
    fifo,
    garbage,
    huge,
    literal_in_event,
    literal_in_meta,
    replace_with_folder,
    set_meta,
    symlink_outside,
)
from tests.recording.builders import written_record
from tests.recording.cli import vz

HOSTILE: dict[str, Callable[[Path], None]] = {
    "session.json is a folder": replace_with_folder("session.json"),
    "events.jsonl is a folder": replace_with_folder("events.jsonl"),
    "100,000 levels of JSON in session.json": deep_meta,
    "100,000 levels of JSON in an event": deep_event,
    "NaN in session.json": literal_in_meta(b"NaN"),
    "Infinity as an event's t": literal_in_event(b"Infinity"),
    '"device": "nas1"': lambda folder: set_meta(folder, "device", "nas1"),
    '"survey_score": "9"': lambda folder: set_meta(folder, "survey_score", "9"),
    '"started": 5': lambda folder: set_meta(folder, "started", 5),
    "binary garbage as events.jsonl": garbage("events.jsonl"),
    "events.jsonl links outside": symlink_outside("events.jsonl"),
    "events.jsonl is a FIFO": fifo("events.jsonl"),
    "8 GiB events.jsonl without a line feed": huge("events.jsonl", 8 << 30),
    "escalation.consent after the end": lambda folder: append_forged(
        folder, "escalation.consent", {"agreed": True, "by": "the customer"}
    ),
}


def _hostile_archive(archive: Path) -> tuple[list[Path], dict[str, Path]]:
    good = [written_record(archive, word="alpha"), written_record(archive, word="alpha")]
    bad = {}
    for name, attack in HOSTILE.items():
        folder = written_record(archive, word="alpha")
        attack(folder)
        bad[name] = folder
    outside = written_record(archive.parent / "elsewhere", word="alpha")  # a record folder linked in
    link = good[0].parent / "20250101T000000Z-linked-0badc0de"
    link.symlink_to(outside)
    bad["the record folder links outside the archive"] = link
    return good, bad


@pytest.mark.timeout(300)
def test_hostile_archive_through_every_command(archive: Path, tmp_path: Path) -> None:
    good, bad = _hostile_archive(archive)
    db = tmp_path / "index.sqlite3"

    for name, folder in bad.items():
        if name == "the record folder links outside the archive":
            continue  # verify is given the folder it is asked about; the archive commands refuse links
        done = vz("verify", str(folder), timeout=60)
        assert done.returncode == 1, (name, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr, (name, done.stderr)
        lines = [line for line in done.stderr.splitlines() if not line.startswith("note: ")]
        assert len(lines) == 1 and lines[0].startswith(str(folder)), (name, done.stderr)

    done = vz("review", "--index-db", str(db), "index", str(archive))
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stdout.startswith("2 added, 0 updated, 0 removed, 0 unchanged"), done.stdout
    failed = done.stderr.splitlines()
    assert len(failed) == len(bad), done.stderr
    for name, folder in bad.items():
        rel = folder.relative_to(archive).as_posix()
        assert sum(line.startswith(f"failed verification: {rel}: ") for line in failed) == 1, name

    done = vz("review", "--index-db", str(db), "search", str(archive), "alpha", "--json")
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert {hit["folder"].rsplit("/", 1)[1] for hit in json.loads(done.stdout)} == {
        folder.name for folder in good
    }
    assert done.stderr.count("skipped, failed verification: ") == len(bad)

    html = tmp_path / "report.html"
    done = vz("review", "--index-db", str(db), "report", str(archive), "--html", str(html))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    page = html.read_text(encoding="utf-8")
    assert "2 sessions in the archive" in page
    for folder in bad.values():
        assert folder.relative_to(archive).as_posix() in page
    assert os.path.getsize(bad["8 GiB events.jsonl without a line feed"] / "events.jsonl") == 8 << 30
