"""The events.jsonl line format: canonical JSON, the genesis value and the SHA-256 chaining rule."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

FORMAT = "valuezone-record"
VERSION = 1
EVENT_KEYS = frozenset({"seq", "ts", "t", "type", "data", "prev"})
TYPE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
SESSION_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
HASH_PATTERN = re.compile(r"^[0-9a-f]{64}$")
TS_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$")
#: The only event types a record takes after its sealed ``session.ended`` (the one holding ``cast``):
#: a lead's notes and tags, the follow-up queue, an ending given after the customer left
#: (sessions/ending.py: outcome, survey, followup.opened) and a bundle built from the finished record
#: (`valuezone escalate build --record`). Anything else after the end is reported by verify and refused
#: by append_event. docs/record-format.md lists the same.
AFTER_END_TYPES = frozenset(
    {"annotation", "tag", "outcome", "survey", "followup.opened", "followup.closed", "escalation.bundled"}
)


def canonical(obj: Any) -> bytes:
    """The one serialisation Valuezone writes: sorted keys, no spaces, UTF-8, no NaN."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False)
    return text.encode("utf-8")


def line_hash(line: bytes) -> str:
    """SHA-256 (hex) of one events.jsonl line: its exact bytes without the terminating LF."""
    return hashlib.sha256(line.removesuffix(b"\n")).hexdigest()


def genesis(session_id: str) -> str:
    """The ``prev`` of event 1: SHA-256 of ``valuezone-record/1:`` followed by the session id."""
    return hashlib.sha256(f"{FORMAT}/{VERSION}:{session_id}".encode()).hexdigest()


def format_ts(moment: datetime) -> str:
    """ISO-8601 UTC with microseconds and a ``Z``: ``2025-03-04T05:06:07.123456Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_ts(text: str) -> datetime:
    """Read a ``ts`` written by format_ts (or any ISO-8601 UTC time ending in Z)."""
    if not TS_PATTERN.match(text):
        raise ValueError(f"not an ISO-8601 UTC time ending in Z: {text!r}")
    return datetime.fromisoformat(text.removesuffix("Z") + "+00:00")


def ts_at(started: datetime, t: float) -> str:
    """The wall time of an event *t* seconds after *started* (the cast clock)."""
    return format_ts(started + timedelta(seconds=t))


def event_line(seq: int, ts: str, t: float, type_: str, data: dict[str, Any], prev: str) -> bytes:
    """One complete events.jsonl line (with its LF); raises ValueError on a malformed type or data."""
    if not TYPE_PATTERN.match(type_):
        raise ValueError(f"event type {type_!r} is not a dotted lower-case name such as 'chat.message'")
    if not isinstance(data, dict):
        raise ValueError(f"event data must be a JSON object (dict), not {type(data).__name__}")
    obj = {"seq": seq, "ts": ts, "t": round(t, 6), "type": type_, "data": data, "prev": prev}
    try:
        return canonical(obj) + b"\n"
    except (TypeError, ValueError) as exc:
        raise ValueError(f"event data for {type_!r} is not JSON-serialisable: {exc}") from exc
