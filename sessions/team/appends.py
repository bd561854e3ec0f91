"""Events the server appends to its copy of a record (follow-ups, notes, campaign follow-ups).

They extend the record's hash chain exactly as `sessions.recording.append_event` does on a technician's
machine, so the server copy still verifies with `valuezone verify`. The caller's transaction holds the
record row (FOR UPDATE on PostgreSQL, the write lock on SQLite), so appends never interleave.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sessions.recording import canonical, line_hash
from sessions.recording.chain import event_line, parse_ts, ts_at
from sessions.recording.meta import EVENTS_FILE, SESSION_FILE
from sessions.team.database import Tx
from sessions.team.indexing import (
    extract_files,
    load_files,
    now_text,
    replace_documents,
    store_files,
    update_facts,
)


def append_lines(tx: Tx, record_id: int, events: list[dict[str, Any]]) -> dict[str, bytes]:
    """Chain *events* ({type, data, t?}) onto the server copy; returns its new session.json and events."""
    files = load_files(tx, record_id, [SESSION_FILE, EVENTS_FILE])
    meta = json.loads(files[SESSION_FILE])
    started = parse_ts(meta["started"])
    lines = files[EVENTS_FILE].split(b"\n")[:-1]
    last = json.loads(lines[-1]) if lines else {"t": 0.0}
    count, prev, last_t = len(lines), line_hash(lines[-1]) if lines else "", float(last["t"])
    added = bytearray()
    for event in events:
        wanted = event.get("t")
        now = round((datetime.now(UTC) - started).total_seconds(), 6)
        t = max(last_t, float(wanted) if isinstance(wanted, (int, float)) else now)
        count += 1
        line = event_line(count, ts_at(started, t), t, str(event["type"]), dict(event["data"]), prev)
        added += line
        prev, last_t = line_hash(line), t
        _apply_meta(meta, str(event["type"]), event["data"])
    meta["events"] = {"count": count, "last_hash": prev}
    files = {SESSION_FILE: canonical(meta) + b"\n", EVENTS_FILE: files[EVENTS_FILE] + bytes(added)}
    store_files(tx, record_id, files)
    return files


def _apply_meta(meta: dict[str, Any], type_: str, data: dict[str, Any]) -> None:
    """What session.json mirrors of an appended event (as the console does when it writes them)."""
    if type_ == "outcome":
        meta["outcome"] = data.get("outcome", meta.get("outcome"))
        if data.get("summary"):
            meta["summary"] = data["summary"]
    elif type_ == "survey" and isinstance(data.get("score"), int):
        meta["survey_score"] = data["score"]


def append_event(tx: Tx, record_id: int, type_: str, data: dict[str, Any]) -> None:
    """Append one event now and bring facts, findings, tags and event documents up to date."""
    files = append_lines(tx, record_id, [{"type": type_, "data": data}])
    reindex_events(tx, record_id, files, by=tx.actor.identity)


def reindex_events(tx: Tx, record_id: int, files: dict[str, bytes], by: str = "") -> None:
    """Facts, findings, tags and event documents from the new events; a follow-up closed in them closes
    the record's open campaign follow-ups too."""
    facts, docs = extract_files(files)
    update_facts(tx, record_id, facts)
    replace_documents(tx, record_id, facts, docs, terminal=False)
    if not facts.followup_open:
        note = next((doc.body for doc in reversed(docs) if doc.kind == "note"), "")
        tx.run(
            "UPDATE campaign_members SET closed = ?, closed_by = ?, note = ? "
            "WHERE record = ? AND closed IS NULL",
            (now_text(), by, note, record_id),
        )
