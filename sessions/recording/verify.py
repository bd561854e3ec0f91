"""Checking a record: the cast parses in time order, events chain by SHA-256, session.json agrees.

A crash leaves a record that is valid up to its last complete line; verify accepts it and says so in a
note. Any edited byte is an error naming the file and line. See docs/record-format.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sessions.errors import RecordError
from sessions.recording.chain import (
    EVENT_KEYS,
    FORMAT,
    HASH_PATTERN,
    SESSION_ID_PATTERN,
    TS_PATTERN,
    TYPE_PATTERN,
    VERSION,
    genesis,
    line_hash,
)
from sessions.recording.meta import CAST_FILE, EVENTS_FILE, SESSION_FILE
from sessions.recording.reader import read_lines

_HINT = (
    "The record was altered or damaged after it was written; keep this copy as evidence and compare a backup."
)
_SIZE = re.compile(r"^[1-9][0-9]{0,4}x[1-9][0-9]{0,4}$")


class _Stop(Exception):
    """Stops checking one file at its first error."""


@dataclass
class VerifyReport:
    """What verify found: ``ok`` when there are no errors; notes never make a record invalid."""

    folder: Path
    events: int = 0
    cast_lines: int = 0
    last_hash: str = ""
    ended: bool = False
    errors: list[RecordError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        """The report as a person reads it: ``OK: ...`` or ``<file>:<line>: <what is wrong>``, then notes."""
        if self.ok:
            head = [f"OK: {self.events} events, {self.cast_lines} cast lines, chain intact"]
        else:
            head = [
                f"{err.file}:{err.line}: {err}" if err.line else f"{err.file}: {err}" for err in self.errors
            ]
        return head + [f"note: {note}" for note in self.notes]

    def raise_first(self) -> None:
        """Raise the first error (for callers that want an exception)."""
        if self.errors:
            raise self.errors[0]

    def fail(self, name: str, line: int, message: str, hint: str = _HINT) -> _Stop:
        self.errors.append(RecordError(message, hint, file=str(self.folder / name), line=line))
        return _Stop()


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _parse(report: VerifyReport, name: str, number: int, raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise report.fail(name, number, f"This line is not valid UTF-8 ({exc.reason}).") from exc
    except json.JSONDecodeError as exc:
        raise report.fail(name, number, f"This line is not valid JSON ({exc.msg}).") from exc


def _check_meta(report: VerifyReport) -> dict[str, Any] | None:
    path = report.folder / SESSION_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise report.fail(
            SESSION_FILE, 0, "session.json is missing.", "Every record folder has one."
        ) from None
    meta = _parse(report, SESSION_FILE, 1, raw.removesuffix(b"\n"))
    if not isinstance(meta, dict):
        raise report.fail(SESSION_FILE, 1, "session.json is not a JSON object.")
    if meta.get("format") != FORMAT or meta.get("version") != VERSION:
        raise report.fail(
            SESSION_FILE, 1, f"session.json does not declare format {FORMAT!r} version {VERSION}."
        )
    if not isinstance(meta.get("session_id"), str) or not SESSION_ID_PATTERN.match(meta["session_id"]):
        raise report.fail(SESSION_FILE, 1, "session.json has no valid session_id.")
    events = meta.get("events")
    if (
        not isinstance(events, dict)
        or not isinstance(events.get("count"), int)
        or events["count"] < 0
        or not isinstance(events.get("last_hash"), str)
        or not HASH_PATTERN.match(events["last_hash"])
    ):
        raise report.fail(SESSION_FILE, 1, "session.json has no valid events.count and events.last_hash.")
    return meta


def _check_cast(report: VerifyReport) -> None:
    path = report.folder / CAST_FILE
    if not path.exists():
        raise report.fail(CAST_FILE, 0, "terminal.cast is missing.", "Every record folder has one.")
    last_t = 0.0
    for number, raw, complete in read_lines(path):
        try:
            value = _parse(report, CAST_FILE, number, raw)
            if number == 1:
                _check_cast_header(report, value)
            else:
                last_t = _check_cast_entry(report, number, value, last_t)
        except _Stop:
            if complete or number == 1:
                raise
            report.errors.pop()
            report.notes.append(
                f"terminal.cast line {number} is incomplete (the recorder stopped while writing it); ignored."
            )
            return
        report.cast_lines = number
    if report.cast_lines == 0:
        raise report.fail(CAST_FILE, 1, "terminal.cast is empty: it has no asciicast v2 header.")


def _check_cast_header(report: VerifyReport, value: Any) -> None:
    if not isinstance(value, dict) or value.get("version") != 2:
        raise report.fail(CAST_FILE, 1, "The first line is not an asciicast v2 header (version 2).")
    for key in ("width", "height"):
        size = value.get(key)
        if not isinstance(size, int) or isinstance(size, bool) or size < 1:
            raise report.fail(CAST_FILE, 1, f"The header's {key} is not a positive integer.")


def _check_cast_entry(report: VerifyReport, number: int, value: Any, last_t: float) -> float:
    if not isinstance(value, list) or len(value) != 3:
        raise report.fail(CAST_FILE, number, "An entry must be [time, code, data].")
    t, code, data = value
    if not _number(t) or t < 0:
        raise report.fail(CAST_FILE, number, f"The time {t!r} is not a non-negative number of seconds.")
    if t < last_t:
        raise report.fail(CAST_FILE, number, f"The time {t} goes back before the previous entry ({last_t}).")
    if code == "i":
        raise report.fail(
            CAST_FILE, number, "This is an input entry: Valuezone never records what the technician types."
        )
    if code not in ("o", "r", "m") or not isinstance(data, str):
        raise report.fail(
            CAST_FILE, number, f"Unknown entry {code!r}: expected o (output), r or m with text."
        )
    if code == "r" and not _SIZE.match(data):
        raise report.fail(CAST_FILE, number, f"The resize {data!r} is not COLSxROWS.")
    return float(t)


def _check_event(report: VerifyReport, number: int, raw: bytes, session_id: str) -> dict:
    value = _parse(report, EVENTS_FILE, number, raw)
    if not isinstance(value, dict) or set(value) != EVENT_KEYS:
        raise report.fail(EVENTS_FILE, number, f"An event has exactly the keys {sorted(EVENT_KEYS)}.")
    seq, ts, t, kind = value["seq"], value["ts"], value["t"], value["type"]
    if seq != number or isinstance(seq, bool):
        raise report.fail(EVENTS_FILE, number, f"seq is {seq!r} but this is line {number}.")
    if not isinstance(ts, str) or not TS_PATTERN.match(ts):
        raise report.fail(EVENTS_FILE, number, f"ts {ts!r} is not an ISO-8601 UTC time ending in Z.")
    if not _number(t) or t < 0:
        raise report.fail(EVENTS_FILE, number, f"t {t!r} is not a non-negative number of seconds.")
    if not isinstance(kind, str) or not TYPE_PATTERN.match(kind):
        raise report.fail(EVENTS_FILE, number, f"type {kind!r} is not a dotted lower-case name.")
    if not isinstance(value["data"], dict):
        raise report.fail(EVENTS_FILE, number, "data is not a JSON object.")
    if not isinstance(value["prev"], str) or not HASH_PATTERN.match(value["prev"]):
        raise report.fail(EVENTS_FILE, number, "prev is not 64 lower-case hex digits.")
    if number == 1 and (kind != "session.started" or value["data"].get("session_id") != session_id):
        raise report.fail(EVENTS_FILE, 1, f"The first event is not session.started for session {session_id}.")
    return value


def _check_events(report: VerifyReport, meta: dict[str, Any]) -> None:
    path = report.folder / EVENTS_FILE
    if not path.exists():
        raise report.fail(EVENTS_FILE, 0, "events.jsonl is missing.", "Every record folder has one.")
    session_id = meta["session_id"]
    hashes = [genesis(session_id)]  # hashes[i] is the hash of line i; [0] is the genesis value
    broken: list[int] = []  # lines whose prev does not match the hash of the line before
    last_t = 0.0
    late, late_line = "", 0  # judged after the links: a changed t shows up as a broken link first
    seal = None
    for number, raw, complete in read_lines(path):
        try:
            event = _check_event(report, number, raw, session_id)
        except _Stop:
            if complete:
                raise
            report.errors.pop()
            report.notes.append(
                f"events.jsonl line {number} is incomplete (the recorder stopped while writing it); ignored."
            )
            break
        if not complete:
            report.notes.append(f"events.jsonl line {number} has no line feed at its end.")
        if event["prev"] != hashes[number - 1]:
            broken.append(number)
        hashes.append(line_hash(raw))
        if event["t"] < last_t and not late_line:
            late_line, late = number, f"t {event['t']} is before the previous line's t ({last_t})."
        last_t = float(event["t"])
        if event["type"] == "session.ended":
            report.ended = True
            seal = event["data"].get("cast")
    _judge_links(report, meta, hashes, broken)
    if late_line:
        raise report.fail(EVENTS_FILE, late_line, late)
    _judge_count(report, meta, hashes)
    if seal is not None:
        _check_cast_seal(report, seal)


def _check_cast_seal(report: VerifyReport, seal: Any) -> None:
    """session.ended holds the size and SHA-256 of terminal.cast as it was when the session ended."""
    if not isinstance(seal, dict) or not isinstance(seal.get("bytes"), int) or "sha256" not in seal:
        raise report.fail(EVENTS_FILE, 0, "session.ended's data.cast is not {bytes, sha256}.")
    try:
        data = (report.folder / CAST_FILE).read_bytes()
    except OSError:
        return  # _check_cast has reported it
    if len(data) != seal["bytes"]:
        line = data[: seal["bytes"]].count(b"\n") + 1
        raise report.fail(
            CAST_FILE,
            line,
            f"terminal.cast has {len(data)} bytes but had {seal['bytes']} when the session ended: "
            "it was cut or added to here.",
        )
    if hashlib.sha256(data).hexdigest() != seal["sha256"]:
        raise report.fail(
            CAST_FILE,
            0,
            "terminal.cast was changed after the session ended: its SHA-256 no longer matches the "
            "one sealed in the session.ended event.",
        )


def _judge_links(report: VerifyReport, meta: dict[str, Any], hashes: list[str], broken: list[int]) -> None:
    """Name the changed line: it breaks the link after it (and the link into it if its prev changed)."""
    count, last_hash = meta["events"]["count"], meta["events"]["last_hash"]
    n = len(hashes) - 1
    if count == n and last_hash != hashes[n]:
        broken.append(n + 1)  # session.json anchors the end of the chain
    if broken:
        first = broken[0]
        if first == 1 and 2 not in broken:
            raise report.fail(EVENTS_FILE, 1, "This line's prev is not the genesis value of this session id.")
        culprit = first if first + 1 in broken else first - 1
        after = (
            "the last hash in session.json" if culprit == n else f"the prev recorded in line {culprit + 1}"
        )
        message = f"This line was changed: its SHA-256 no longer matches {after}"
        if culprit == first:
            message += f", and its prev no longer matches line {culprit - 1}"
        raise report.fail(EVENTS_FILE, culprit, message + ".")


def _judge_count(report: VerifyReport, meta: dict[str, Any], hashes: list[str]) -> None:
    """session.json may lag the chain after a crash, never run ahead of it."""
    count, last_hash = meta["events"]["count"], meta["events"]["last_hash"]
    n = len(hashes) - 1
    if count > n:
        missing = f"session.json records {count} events but events.jsonl ends after {n}: lines are missing."
        raise report.fail(EVENTS_FILE, n + 1, missing)
    if count < n:
        if last_hash != hashes[count]:
            mismatch = f"session.json's last_hash does not match events.jsonl line {count}."
            raise report.fail(EVENTS_FILE if count else SESSION_FILE, count or 1, mismatch)
        report.notes.append(
            f"session.json records {count} events but events.jsonl chains {n}: the recorder stopped before "
            "rewriting session.json; the event log is authoritative."
        )
    if meta.get("ended") and not report.ended:
        ended = "session.json says the session ended but no session.ended event exists."
        raise report.fail(SESSION_FILE, 1, ended)
    if not report.ended:
        report.notes.append(
            "There is no session.ended event: the recorder stopped without closing (crash, kill or "
            "power loss). The record is valid up to its last event."
        )
    report.events = n
    report.last_hash = hashes[n]


def verify(folder: Path) -> VerifyReport:
    """Check a record folder; never raises for a bad record (see VerifyReport.errors)."""
    report = VerifyReport(Path(folder))
    if not report.folder.is_dir():
        report.fail("", 0, f"{report.folder} is not a folder.", "Pass the folder of one recorded session.")
        return report
    meta = None
    with contextlib.suppress(_Stop):
        meta = _check_meta(report)
    with contextlib.suppress(_Stop):
        _check_cast(report)
    if meta is not None:
        with contextlib.suppress(_Stop):
            _check_events(report, meta)
    return report
