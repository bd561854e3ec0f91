"""Records built for tests: a finished one with output, resize, marker and events."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sessions.recording import DeviceInfo, Recorder

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
