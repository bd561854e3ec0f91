"""`valuezone review index/search/verify` on real records; stock asciinema plays a session's cast."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from console.cli import main
from sessions.recording import append_event
from tests.archive.conftest import live_record, varied_archive
from tests.recording.test_playback import ASCIINEMA, asciinema_cat
from tests.sshd import Sshd


async def test_index_search_json_and_asciinema(
    sshd: Sshd, archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = await live_record(sshd, archive)
    assert main(["review", "index", str(archive), "--quiet"]) == 0
    assert "1 added" in capsys.readouterr().out
    assert main(["review", "search", str(archive), "vz-typed-42-mdadm", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["session"] == folder.name.rsplit("-", 1)[1][:8] or hits[0]["folder"].endswith(folder.name)
    assert hits[0]["kind"] == "terminal" and isinstance(hits[0]["t"], float)
    start, end = hits[0]["highlights"][0]
    assert hits[0]["snippet"][start:end].startswith("vz")
    assert main(["review", "search", str(archive), "소리"]) == 0
    out = capsys.readouterr().out
    assert "«소리»가" in out and "chat" in out  # the CJK part that matched
    assert main(["review", "search", str(archive), "nothing-like-this"]) == 1
    if Path(ASCIINEMA).exists() and shutil.which("script"):
        assert "vz-typed-42-mdadm" in asciinema_cat(folder / "terminal.cast")


def test_verify_names_the_changed_line_and_accepts_annotations(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = varied_archive(archive)[0]
    append_event(folder, "annotation", {"author": "lead", "text": "good call", "t": 3.0})
    append_event(folder, "tag", {"author": "lead", "tag": "raid"})
    assert main(["review", "verify", str(folder)]) == 0
    assert "OK" in capsys.readouterr().out

    events = folder / "events.jsonl"
    lines = events.read_bytes().split(b"\n")
    assert b'"help' in lines[1]
    lines[1] = lines[1].replace(b'"help', b'"hel_', 1)  # one byte of line 2: the customer's chat
    events.write_bytes(b"\n".join(lines))
    assert main(["review", "verify", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "events.jsonl:2: " in err.splitlines()[0]

    last = folder / "events.jsonl"
    data = last.read_bytes()
    fixed = data.replace(b'"hel_', b'"help', 1)
    last.write_bytes(fixed.replace(b'"good call"', b'"good cal!"'))  # now only the lead's note changed
    assert main(["review", "verify", str(folder)]) == 1
    bad_line = next(n for n, line in enumerate(fixed.split(b"\n"), 1) if b"good call" in line)
    assert f"events.jsonl:{bad_line}: " in capsys.readouterr().err.splitlines()[0]


def test_index_of_a_missing_archive_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "index", str(tmp_path / "nowhere")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_search_without_words(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "search", str(archive), "..."]) == 2
    assert "no words" in capsys.readouterr().err
