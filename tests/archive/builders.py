"""Records written line by line with chosen times (the format in docs/record-format.md), for archive tests."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sessions.recording import DeviceInfo, canonical, genesis, line_hash, record_folder
from sessions.recording.chain import event_line, ts_at
from sessions.recording.meta import new_meta, write_meta


def build_record(
    archive: Path,
    started: datetime,
    *,
    technician: str = "kim",
    device: DeviceInfo | None = None,
    output: Sequence[tuple[float, str]] = (),
    events: Sequence[tuple[float, str, dict[str, Any]]] = (),
    duration: float | None = None,
    meta: dict[str, Any] | None = None,
    cols: int = 80,
    rows: int = 24,
) -> Path:
    """A finished record: *output* as cast ``o`` entries, then *events*, then session.ended."""
    device = device or DeviceInfo(name="nas", host="192.0.2.7", port=22, user="admin")
    session_id = uuid.uuid4().hex
    folder = record_folder(archive, started, device, session_id)
    folder.mkdir(parents=True)
    record = new_meta(
        session_id=session_id, technician=technician, device=device, via="direct", started=ts_at(started, 0),
        title=device.name, cols=cols, rows=rows, genesis_hash=genesis(session_id),
    )  # fmt: skip
    header = {"version": 2, "width": cols, "height": rows, "timestamp": int(started.timestamp()),
              "env": {"TERM": "xterm-256color"}, "title": device.name}  # fmt: skip
    cast = canonical(header) + b"\n" + b"".join(canonical([t, "o", text]) + b"\n" for t, text in output)
    (folder / "terminal.cast").write_bytes(cast)
    end = duration if duration is not None else max([0.0, *(t for t, _ in output), *(t for t, *_ in events)])
    started_data = {
        "session_id": session_id, "format": "valuezone-record/1", "technician": technician,
        "device": device.to_json(), "via": "direct", "title": device.name, "cols": cols, "rows": rows,
    }  # fmt: skip
    ended = {"outcome": (meta or {}).get("outcome"), "duration": end,
             "cast": {"bytes": len(cast), "sha256": hashlib.sha256(cast).hexdigest()}}  # fmt: skip
    lines, prev = [], genesis(session_id)
    for seq, (t, kind, data) in enumerate(
        [(0.0, "session.started", started_data), *events, (end, "session.ended", ended)], 1
    ):
        line = event_line(seq, ts_at(started, t), t, kind, data, prev)
        lines.append(line)
        prev = line_hash(line)
    (folder / "events.jsonl").write_bytes(b"".join(lines))
    record.update({"ended": ts_at(started, end), "duration": end, **(meta or {})})
    record["events"] = {"count": len(lines), "last_hash": prev}
    write_meta(folder, record)
    return folder
