"""Appending events to a finished record (lead annotations, tags, follow-ups) without breaking the chain."""

from __future__ import annotations

import fcntl
import os
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sessions.errors import RecordError
from sessions.recording.chain import AFTER_END_TYPES, event_line, genesis, line_hash, parse_ts, ts_at
from sessions.recording.meta import EVENTS_FILE, check_meta_fields, read_meta, write_meta
from sessions.recording.safeio import BadJSON, loads

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _open_events(folder: Path, flags: int) -> int:
    """events.jsonl opened with *flags*, never through a symbolic link and only if it is a plain file."""
    fd = os.open(folder / EVENTS_FILE, flags | _NOFOLLOW)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(f"{folder / EVENTS_FILE} is not a plain file")
    return fd


def append_event(folder: Path, type_: str, data: dict[str, Any]) -> dict[str, Any]:
    """Append one event to a closed record and update session.json; returns the event as written.

    ``t`` is seconds since the session started (so a lead's note made a day later has a large ``t``).
    Raises RecordError when the record cannot take it (not a record, torn last line, disk error, or a
    sealed record and a type that never follows the end: see AFTER_END_TYPES); ValueError for a
    malformed type or data. Appenders are serialised with flock on events.jsonl.
    """
    folder = Path(folder)
    try:
        meta = read_meta(folder)
        started = parse_ts(meta["started"])
        fd = _open_events(folder, os.O_RDWR | os.O_APPEND)
    except (OSError, ValueError, KeyError, TypeError, RecordError) as exc:
        raise RecordError(
            f"Cannot add to the record {folder} ({exc}).",
            "Check that the folder is a Valuezone record and that `valuezone verify` accepts it.",
            file=str(folder),
            code="record.append_failed",
            params={"folder": folder, "exc": exc},
        ) from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        count, last_hash, last_t, sealed = _tail(fd, folder, meta["session_id"])
        if sealed and type_ not in AFTER_END_TYPES:
            raise RecordError(
                f"The session of {folder} has ended; a {type_} event cannot be added after its end.",
                f"After the end a record takes only {', '.join(sorted(AFTER_END_TYPES))}.",
                file=str(folder / EVENTS_FILE),
                code="record.ended",
                params={"folder": folder, "type_": type_, "allowed": ", ".join(sorted(AFTER_END_TYPES))},
            )
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
            code="record.write_failed",
            params={"folder": folder, "exc": exc.strerror or exc},
        ) from exc
    finally:
        os.close(fd)
    return {"seq": count + 1, "ts": ts, "t": t, "type": type_, "data": data, "prev": last_hash}


def _tail(fd: int, folder: Path, session_id: str) -> tuple[int, str, float, bool]:
    """(events so far, hash of the last line, its t, sealed) read from the open events.jsonl."""
    count, last_hash, last_t, sealed = 0, genesis(session_id), 0.0, False
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
                    code="record.torn_line",
                    params={"folder": folder / EVENTS_FILE},
                )
            count += 1
            last_hash = line_hash(raw)
            event = _event(raw, folder, count)
            last_t = float(event["t"])
            sealed = sealed or (event.get("type") == "session.ended" and "cast" in event["data"])
    return count, last_hash, last_t, sealed


def _event(raw: bytes, folder: Path, number: int) -> dict[str, Any]:
    try:
        event = loads(raw)
        if (
            isinstance(event, dict)
            and isinstance(event.get("t"), int | float)
            and isinstance(event.get("data"), dict)
        ):
            return event
        problem = "it is not an event"
    except BadJSON as exc:
        problem = str(exc)
    raise RecordError(
        f"{folder / EVENTS_FILE} line {number} cannot be read ({problem}), so nothing can be appended.",
        "Run `valuezone verify` on the folder.",
        file=str(folder / EVENTS_FILE),
        line=number,
        code="record.unreadable_line",
        params={"folder": folder / EVENTS_FILE, "number": number, "problem": problem},
    )


def update_record_meta(folder: Path, **fields: Any) -> None:
    """Set top-level session.json fields of a closed record (outcome, survey_score, summary, platform …).

    Serialised with append_event through the same lock; RecordError when the record cannot take it.
    """
    check_meta_fields(fields)
    folder = Path(folder)
    try:
        fd = _open_events(folder, os.O_RDONLY)
    except OSError as exc:
        raise RecordError(
            f"Cannot update the record {folder} ({exc}).",
            file=str(folder),
            code="record.update_failed",
            params={"folder": folder, "exc": exc},
        ) from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        meta = read_meta(folder)
        meta.update(fields)
        write_meta(folder, meta)
    except (OSError, ValueError, RecordError) as exc:
        raise RecordError(
            f"Updating session.json of {folder} failed ({exc}).",
            "Check free space and permissions on the archive folder, then try again.",
            file=str(folder),
            code="record.meta_write_failed",
            params={"folder": folder, "exc": exc},
        ) from exc
    finally:
        os.close(fd)
