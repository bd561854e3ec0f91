"""Records built for tests with the real writer: finished ones with output, resize, marker and events."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sessions.recording import DeviceInfo, Recorder, append_event
from sessions.recording.seal import Sealer

DEVICE = DeviceInfo(name="NAS 2층", host="192.0.2.7", port=22, user="admin")


def finished_record(make_recorder: Callable[..., Recorder]) -> Path:
    """A closed record with output, a resize, a marker and a few events."""
    rec = make_recorder(title="nas")
    rec.output(b"\x1b[1;32m$\x1b[0m ls\r\n")
    rec.output("디스크 정상 ok\r\n".encode())
    rec.resize(120, 40)
    rec.event("chat.message", {"from": "customer", "lang": "ko", "text": "안녕하세요"})
    rec.marker("diagnostics")
    rec.event("diagnostics.finding", {"check": "md", "status": "warn", "summary": "md0 degraded"})
    rec.update_meta(outcome="resolved", survey_score=9)
    rec.close()
    return rec.folder


def written_record(
    archive: Path, *, technician: str = "kim", sealer: Sealer | None = None, word: str = ""
) -> Path:
    """A finished record written by the real Recorder (output, Korean chat, a finding, an ending), then
    what a lead adds after the end with append_event: a note and a closed follow-up."""
    rec = Recorder.create(
        archive, technician=technician, device=DEVICE, via="code", cols=80, rows=24, title="nas",
        sealer=sealer,
    )  # fmt: skip
    rec.output(f"$ cat /proc/mdstat\r\nmd0 : active raid1 sdb1[1] {word}\r\n".encode())
    rec.event("chat.message", {"id": "1", "from": "customer", "lang": "ko", "text": f"디스크 소리 {word}"})
    rec.event(
        "diagnostics.finding", {"check": "md", "target": "md0", "status": "warn", "summary": "md degraded"}
    )
    rec.event("outcome", {"outcome": "not_resolved", "summary": f"disk ordered {word}"})
    rec.event("followup.opened", {"due": "2025-03-11", "reason": "not_resolved", "author": technician})
    rec.close()
    append_event(rec.folder, "annotation", {"author": "lead", "text": f"customer was upset {word}"})
    append_event(rec.folder, "followup.closed", {"note": "disk replaced", "author": "lead"})
    return rec.folder
