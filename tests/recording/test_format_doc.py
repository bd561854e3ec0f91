"""docs/record-format.md is enough to write a valid record: built here by hand, without the Recorder."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from sessions.recording import open_record, verify

DOC = Path(__file__).resolve().parents[2] / "docs" / "record-format.md"


def dumps(obj: object) -> bytes:
    """The doc's canonical JSON, spelled out here on purpose (not imported from the package)."""
    return json.dumps(
        obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False
    ).encode()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_by_hand(folder: Path, session_id: str = "3f9a1c2b") -> None:
    folder.mkdir(parents=True)
    device = {"name": "nas", "host": "192.0.2.7", "port": 22, "user": "admin"}
    cast = [
        {"version": 2, "width": 80, "height": 24, "timestamp": 1741064767, "env": {"TERM": "xterm-256color"}},
        [0.1, "o", "$ cat /proc/mdstat\r\n"],
        [0.4, "o", "md0 : active raid1 sdb1[1]\r\n"],
        [1.0, "r", "120x40"],
        [2.5, "m", "chat"],
    ]
    cast_bytes = b"".join(dumps(entry) + b"\n" for entry in cast)
    (folder / "terminal.cast").write_bytes(cast_bytes)
    events = [
        (0.0, "session.started", {"session_id": session_id, "format": "valuezone-record/1",
                                  "technician": "kim", "device": device, "via": "direct", "title": "nas",
                                  "cols": 80, "rows": 24}),
        (2.5, "chat.message", {"from": "customer", "lang": "ko", "text": "안녕하세요"}),
        (3.0, "outcome", {"outcome": "resolved", "summary": "md0 rebuilt"}),
        (3.0, "session.ended", {"outcome": "resolved", "duration": 3.0,
                                "cast": {"bytes": len(cast_bytes), "sha256": sha(cast_bytes)}}),
    ]  # fmt: skip
    prev = sha(f"valuezone-record/1:{session_id}".encode())  # the genesis value
    lines = []
    for seq, (t, kind, data) in enumerate(events, start=1):
        ts = f"2025-03-04T05:06:{7 + t:09.6f}Z"
        line = dumps({"seq": seq, "ts": ts, "t": t, "type": kind, "data": data, "prev": prev})
        lines.append(line + b"\n")
        prev = sha(line)
    (folder / "events.jsonl").write_bytes(b"".join(lines))
    meta = {
        "format": "valuezone-record", "version": 1, "session_id": session_id, "technician": "kim",
        "device": device, "via": "direct", "title": "nas", "terminal": {"cols": 80, "rows": 24},
        "started": "2025-03-04T05:06:07.000000Z", "ended": "2025-03-04T05:06:10.000000Z", "duration": 3.0,
        "outcome": "resolved", "survey_score": None, "events": {"count": len(lines), "last_hash": prev},
        "recording": {"suspensions": 0, "dropped_events": 0, "dropped_output_bytes": 0},
    }  # fmt: skip
    (folder / "session.json").write_bytes(dumps(meta) + b"\n")


def test_a_record_built_from_the_doc_verifies(tmp_path: Path) -> None:
    folder = tmp_path / "2025/03/04/20250304T050607Z-nas-3f9a1c2b"
    build_by_hand(folder)
    report = verify(folder)
    assert report.ok, report.lines()
    assert report.lines() == ["OK: 4 events, 5 cast lines, chain intact"]
    assert "md0 : active raid1" in open_record(folder).terminal_text()


def test_the_docs_worked_example_is_right() -> None:
    doc = DOC.read_text(encoding="utf-8")
    block = doc.split("Worked example", 1)[1].split("```", 2)[1]
    line1, line2 = [line.encode() for line in block.strip().splitlines()]
    genesis = sha(b"valuezone-record/1:3f9a1c2b")
    assert json.loads(line1)["prev"] == genesis and genesis in doc
    assert json.loads(line2)["prev"] == sha(line1)
    assert sha(line1) in doc and sha(line2) in doc
    for line in (line1, line2):
        assert dumps(json.loads(line)) == line  # the example is canonical JSON
    assert re.search(r"sort_keys=True", doc)
