"""Appending events to a finished record (lead annotations, tags, follow-ups) without breaking the chain."""

from __future__ import annotations

import fcntl
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sessions.errors import RecordError
from sessions.recording.chain import event_line, genesis, line_hash, parse_ts, ts_at
from sessions.recording.meta import EVENTS_FILE, check_meta_fields, read_meta, write_meta


def append_event(folder: Path, type_: str, data: dict[str, Any]) -> dict[str, Any]:
    """Append one event to a closed record and update session.json; returns the event as written.

    ``t`` is seconds since the session started (so a lead's note made a day later has a large ``t``).
    Raises RecordError when the record cannot take it (not a record, torn last line, disk error);
    ValueError for a malformed type or data. Appenders are serialised with flock on events.jsonl.
    """
    folder = Path(folder)
    try:
        meta = read_meta(folder)
        started = parse_ts(meta["started"])
        fd = os.open(folder / EVENTS_FILE, os.O_RDWR | os.O_APPEND)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RecordError(
            f"Cannot add to the record {folder} ({exc}).",
            "Check that the folder is a Valuezone record and that `valuezone verify` accepts it.",
            file=str(folder),
        ) from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        count, last_hash, last_t = _tail(fd, folder, meta["session_id"])
        t = max(last_t, round((datetime.now(UTC) - started).total_seconds(), 6))
        ts = ts_at(started, t)
        line = event_line(count + 1, ts, t, type_, data, last_hash)
        os.write(fd, line)
        meta["events"] = {"count": count + 1, "last_hash": line_hash(line)}
        write_meta(folder, meta)
    except OSError as exc:
        raise RecordError(
            f"Writing to the record {folder} failed ({exc.strerror or exc}).",
            "Check free space and permissions on the archive folder, then try again.",
            file=str(folder / EVENTS_FILE),
        ) from exc
    finally:
        os.close(fd)
    return {"seq": count + 1, "ts": ts, "t": t, "type": type_, "data": data, "prev": last_hash}


def _tail(fd: int, folder: Path, session_id: str) -> tuple[int, str, float]:
    """(events so far, hash of the last line, its t) read from the open events.jsonl."""
    count, last_hash, last_t = 0, genesis(session_id), 0.0
    with open(os.dup(fd), "rb") as fh:
        fh.seek(0)
        for raw in fh:
            if not raw.endswith(b"\n"):
                raise RecordError(
                    f"{folder / EVENTS_FILE} ends with an incomplete line (the recorder was stopped "
                    "while writing it), so nothing can be appended after it.",
                    "Run `valuezone verify` on the folder; copy the record before repairing it by hand.",
                    file=str(folder / EVENTS_FILE),
                    line=count + 1,
                )
            count += 1
            last_hash = line_hash(raw)
            last_t = float(json.loads(raw)["t"])
    return count, last_hash, last_t


def update_record_meta(folder: Path, **fields: Any) -> None:
    """Set top-level session.json fields of a closed record (outcome, survey_score, summary, platform …).

    Serialised with append_event through the same lock; RecordError when the record cannot take it.
    """
    check_meta_fields(fields)
    folder = Path(folder)
    try:
        fd = os.open(folder / EVENTS_FILE, os.O_RDONLY)
    except OSError as exc:
        raise RecordError(f"Cannot update the record {folder} ({exc}).", file=str(folder)) from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        meta = read_meta(folder)
        meta.update(fields)
        write_meta(folder, meta)
    except (OSError, ValueError) as exc:
        raise RecordError(
            f"Updating session.json of {folder} failed ({exc}).",
            "Check free space and permissions on the archive folder, then try again.",
            file=str(folder),
        ) from exc
    finally:
        os.close(fd)
