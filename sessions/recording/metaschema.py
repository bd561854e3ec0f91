"""The types of session.json's fields, and what it must share with the chain's session.started event."""

from __future__ import annotations

from typing import Any, TypeGuard

from sessions.recording.chain import FORMAT, HASH_PATTERN, SESSION_ID_PATTERN, TS_PATTERN, VERSION
from sessions.recording.meta import VIAS

#: Fields the recorder copies into session.started: session.json must agree with the chain on them.
STARTED_FIELDS = ("session_id", "technician", "device", "via", "title")
MAX_SECONDS = 10**10  # about 317 years: a larger time is not a session's


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def is_seconds(value: Any) -> bool:
    """A JSON number of seconds a record can hold: not a bool, 0 ≤ value ≤ MAX_SECONDS."""
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= MAX_SECONDS


def _string(meta: dict[str, Any], key: str, *, required: bool = True) -> str | None:
    if key not in meta:
        return f"session.json has no {key}." if required else None
    if not isinstance(meta[key], str):
        return f"session.json's {key} is {_kind(meta[key])}, not a string."
    return None


def _kind(value: Any) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list"}
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "an object"
    return names.get(type(value), type(value).__name__)


def _device(device: Any) -> str | None:
    if not isinstance(device, dict):
        return f"session.json's device is {_kind(device)}, not an object {{name, host, port, user}}."
    for key in ("name", "host", "user"):
        if not isinstance(device.get(key), str):
            return f"session.json's device.{key} is {_kind(device.get(key))}, not a string."
    port = device.get("port")
    if not _is_int(port) or not 0 <= port <= 65535:
        return f"session.json's device.port is {port!r}, not a port number (0-65535)."
    return None


def _counters(value: Any, key: str, names: tuple[str, ...]) -> str | None:
    if not isinstance(value, dict):
        return f"session.json's {key} is {_kind(value)}, not an object."
    for name in names:
        number = value.get(name)
        if not _is_int(number) or number < 0:
            return f"session.json's {key}.{name} is {number!r}, not a whole number ≥ 0."
    return None


def meta_problem(meta: dict[str, Any]) -> str | None:
    """The first thing wrong with session.json's fields (None when every known field has its type)."""
    if meta.get("format") != FORMAT or meta.get("version") != VERSION:
        return f"session.json does not declare format {FORMAT!r} version {VERSION}."
    if not isinstance(meta.get("session_id"), str) or not SESSION_ID_PATTERN.match(meta["session_id"]):
        return "session.json has no valid session_id."
    events = meta.get("events")
    if (
        not isinstance(events, dict)
        or not _is_int(events.get("count"))
        or events["count"] < 0
        or not isinstance(events.get("last_hash"), str)
        or not HASH_PATTERN.match(events["last_hash"])
    ):
        return "session.json has no valid events.count and events.last_hash."
    for key, required in (("technician", True), ("title", True), ("summary", False), ("platform", False)):
        problem = _string(meta, key, required=required)
        if problem:
            return problem
    if "customer_language" in meta and not isinstance(meta["customer_language"], str):
        return f"session.json's customer_language is {_kind(meta['customer_language'])}, not a string."
    if meta.get("via") not in VIAS:
        return f"session.json's via is {meta.get('via')!r}, not one of {', '.join(VIAS)}."
    return _device(meta.get("device")) or _times(meta) or _outcome(meta) or _sizes(meta)


def _times(meta: dict[str, Any]) -> str | None:
    started = meta.get("started")
    if not isinstance(started, str) or not TS_PATTERN.match(started):
        return f"session.json's started is {started!r}, not an ISO-8601 UTC time ending in Z."
    ended = meta.get("ended")
    if ended is not None and (not isinstance(ended, str) or not TS_PATTERN.match(ended)):
        return f"session.json's ended is {ended!r}, not null or an ISO-8601 UTC time ending in Z."
    duration = meta.get("duration")
    if duration is not None and not is_seconds(duration):
        return f"session.json's duration is {duration!r}, not null or a number of seconds."
    return None


def _outcome(meta: dict[str, Any]) -> str | None:
    outcome = meta.get("outcome")
    if outcome is not None and not isinstance(outcome, str):
        return f"session.json's outcome is {_kind(outcome)}, not null or a string."
    score = meta.get("survey_score")
    if score is not None and (not _is_int(score) or not 0 <= score <= 10):
        return f"session.json's survey_score is {score!r}, not null or a whole number 0-10."
    return None


def _sizes(meta: dict[str, Any]) -> str | None:
    problem = _counters(meta.get("terminal"), "terminal", ("cols", "rows"))
    if problem:
        return problem
    if meta["terminal"]["cols"] < 1 or meta["terminal"]["rows"] < 1:
        return "session.json's terminal size is not positive."
    if "recording" in meta:
        names = ("suspensions", "dropped_events", "dropped_output_bytes")
        return _counters(meta["recording"], "recording", names)
    return None


def started_mismatch(meta: dict[str, Any], started: dict[str, Any]) -> str | None:
    """The first field session.json and the session.started event disagree on (None when they agree)."""
    for key in STARTED_FIELDS:
        if key in started and started[key] != meta.get(key):
            return (
                f"session.json's {key} ({meta.get(key)!r}) differs from the one recorded in the chain's "
                f"session.started ({started[key]!r}): session.json was replaced or edited."
            )
    return None
