"""The moment a terminal hit's words appear, found in the cast for the command line's search as for the
window's hit list; a record that changed or went since it was indexed keeps its segment's time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from console.cli import main
from sessions.archive import ArchiveIndex, pinpoint, search
from tests.review.conftest import Clock, record_with_word_at

WORD = "vz-disk-timeout-7"


def test_the_command_line_search_says_the_moment(
    archive: Path, recorder_clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    record_with_word_at(archive, recorder_clock, WORD, 12.5)
    assert main(["review", "index", str(archive), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["review", "search", str(archive), WORD, "--json"]) == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert (hit["kind"], hit["t"], hit["pinpointed"]) == ("terminal", 12.5, True)
    assert main(["review", "search", str(archive), WORD]) == 0
    assert "+0:12  terminal" in capsys.readouterr().out  # not +0:03, where its segment began


def test_a_changed_or_missing_cast_keeps_the_segment_time(
    archive: Path, recorder_clock: Clock, tmp_path: Path
) -> None:
    emptied = record_with_word_at(archive, recorder_clock, WORD, 12.5, device="nas-emptied")
    cut = record_with_word_at(archive, recorder_clock, WORD, 12.5, device="nas-cut")
    gone = record_with_word_at(archive, recorder_clock, WORD, 12.5, device="nas-gone")
    whole = record_with_word_at(archive, recorder_clock, WORD, 12.5, device="nas-whole")
    index = ArchiveIndex(archive, tmp_path / "index.sqlite3")
    index.update()
    hits = search(index, WORD)
    index.close()
    assert {hit.t for hit in hits} == {3.0} and len(hits) == 4
    (emptied / "terminal.cast").write_bytes(b"")
    cast = (cut / "terminal.cast").read_bytes()
    (cut / "terminal.cast").write_bytes(cast[: cast.index(WORD.encode())] + b"\x00\xff{[")
    (gone / "terminal.cast").unlink()
    pinned = {hit.device: (hit.t, hit.pinpointed) for hit in pinpoint(archive, hits, WORD)}
    assert pinned == {
        "nas-emptied": (3.0, False),
        "nas-cut": (3.0, False),
        "nas-gone": (3.0, False),
        "nas-whole": (12.5, True),
    }
    assert whole.exists()


def test_only_terminal_hits_move_and_a_pinpointed_hit_stays(
    archive: Path, recorder_clock: Clock, tmp_path: Path
) -> None:
    record_with_word_at(archive, recorder_clock, "timeout", 12.5)  # the chat line at 5 s says it too
    index = ArchiveIndex(archive, tmp_path / "index.sqlite3")
    index.update()
    hits = search(index, "timeout")
    index.close()
    assert sorted((hit.kind, hit.t) for hit in hits) == [("chat", 5.0), ("terminal", 3.0)]
    once = pinpoint(archive, hits, "timeout")
    assert sorted((hit.kind, hit.t, hit.pinpointed) for hit in once) == [
        ("chat", 5.0, False),
        ("terminal", 12.5, True),
    ]
    assert pinpoint(archive, once, "timeout") == once
