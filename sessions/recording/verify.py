"""Checking a record: the cast parses in time order, events chain by SHA-256, session.json agrees.

A crash leaves a record that is valid up to its last complete line; verify accepts it and says so in a
note. Any edited byte is an error naming the file and line. See docs/record-format.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sessions.errors import RecordError
from sessions.recording.chain import (
    AFTER_END_TYPES,
    EVENT_KEYS,
    HASH_PATTERN,
    TS_PATTERN,
    TYPE_PATTERN,
    genesis,
    line_hash,
)
from sessions.recording.meta import CAST_FILE, EVENTS_FILE, SESSION_FILE
from sessions.recording.metaschema import is_seconds, meta_problem, started_mismatch
from sessions.recording.safeio import BadJSON, loads, open_regular, read_lines, read_small
from sessions.recording.seal import MAX_SEAL_BYTES, SEAL_FILE, SealCheck, SealError, check_seal, seal_message

_HINT = (
    "The record was altered or damaged after it was written; keep this copy as evidence and compare a backup."
)
_SIZE = re.compile(r"^[1-9][0-9]{0,4}x[1-9][0-9]{0,4}$")


class _Stop(Exception):
    """Stops checking one file at its first error."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """What a store outside the record (the archive index, a team server) keeps of its chain.

    ``count`` events ending in ``last_hash``; ``signer`` is the SHA256 fingerprint of the key that
    signed the seal ('' when it was not signed); ``source`` finishes "N events removed since …".
    A record may grow after its anchor (notes, follow-ups), never shrink or change below it.
    """

    count: int
    last_hash: str
    signer: str = ""
    source: str = "indexed"


@dataclass
class VerifyReport:
    """What verify found: ``ok`` when there are no errors; notes never make a record invalid.

    ``events``/``last_hash`` are the chain as found (valid only when ``ok``): what an outside store
    anchors. ``sealed_at`` is the line of the sealed ``session.ended`` (0 when the session has none);
    ``seal`` the checked signature over it, if seal.sig exists.
    """

    folder: Path
    session_id: str = ""
    events: int = 0
    cast_lines: int = 0
    last_hash: str = ""
    ended: bool = False
    sealed_at: int = 0
    sealed_hash: str = ""
    seal: SealCheck | None = None
    signer_name: str = ""
    errors: list[RecordError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def anchor(self, source: str = "indexed") -> Anchor:
        """This chain as an anchor to keep outside the record (only meaningful when ``ok``)."""
        return Anchor(self.events, self.last_hash, self.seal.fingerprint if self.seal else "", source)

    def lines(self) -> list[str]:
        """The report as a person reads it: ``OK: ...`` or ``<file>:<line>: <what is wrong>``, then notes."""
        if self.ok:
            head = f"OK: {self.events} events, {self.cast_lines} cast lines, chain intact"
            if self.seal is not None:
                name = f" ({self.signer_name})" if self.signer_name else ""
                head += f"; sealed at line {self.sealed_at}, signed by {self.seal.fingerprint}{name}"
            return [head] + [f"note: {note}" for note in self.notes]
        errors = [f"{e.file}:{e.line}: {e}" if e.line else f"{e.file}: {e}" for e in self.errors]
        return errors + [f"note: {note}" for note in self.notes]

    def summary(self) -> str:
        """One line for a list of records: ``OK: …`` or the first error with the file named inside it."""
        if self.ok:
            return self.lines()[0]
        err = self.errors[0]
        name = Path(err.file).name if err.file else ""
        where = f"{name}:{err.line}: " if err.line else (f"{name}: " if name else "")
        return f"{where}{err.message}"

    def raise_first(self) -> None:
        """Raise the first error (for callers that want an exception)."""
        if self.errors:
            raise self.errors[0]

    def fail(self, name: str, line: int, message: str, hint: str = _HINT) -> _Stop:
        where = {"file": name, "line": line, "detail": message}  # the detail stays English for now
        self.errors.append(
            RecordError(
                message,
                hint,
                file=str(self.folder / name),
                line=line,
                code="record.check_failed",
                params=where,
            )
        )
        return _Stop()


def _parse(report: VerifyReport, name: str, number: int, raw: bytes) -> Any:
    try:
        return loads(raw)
    except BadJSON as exc:
        raise report.fail(name, number, str(exc)) from exc


def _unreadable(report: VerifyReport, name: str, exc: RecordError) -> _Stop:
    """A file that is not a plain file, or a line too long: the RecordError from safeio, as a report."""
    return report.fail(name, exc.line, exc.message, exc.hint)


def _check_meta(report: VerifyReport) -> dict[str, Any] | None:
    try:
        raw = read_small(report.folder / SESSION_FILE)
    except FileNotFoundError:
        raise report.fail(
            SESSION_FILE, 0, "session.json is missing.", "Every record folder has one."
        ) from None
    except RecordError as exc:
        raise _unreadable(report, SESSION_FILE, exc) from exc
    meta = _parse(report, SESSION_FILE, 1, raw.removesuffix(b"\n"))
    if not isinstance(meta, dict):
        raise report.fail(SESSION_FILE, 1, "session.json is not a JSON object.")
    problem = meta_problem(meta)
    if problem:
        raise report.fail(SESSION_FILE, 1, problem)
    report.session_id = meta["session_id"]
    return meta


def _check_cast(report: VerifyReport) -> None:
    path = report.folder / CAST_FILE
    if not path.exists() and not path.is_symlink():
        raise report.fail(CAST_FILE, 0, "terminal.cast is missing.", "Every record folder has one.")
    try:
        _check_cast_lines(report, path)
    except RecordError as exc:
        raise _unreadable(report, CAST_FILE, exc) from exc


def _check_cast_lines(report: VerifyReport, path: Path) -> None:
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
        if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= 100_000:
            raise report.fail(CAST_FILE, 1, f"The header's {key} is not a positive integer.")


def _check_cast_entry(report: VerifyReport, number: int, value: Any, last_t: float) -> float:
    if not isinstance(value, list) or len(value) != 3:
        raise report.fail(CAST_FILE, number, "An entry must be [time, code, data].")
    t, code, data = value
    if not is_seconds(t):
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
    if isinstance(seq, bool) or seq != number:
        raise report.fail(EVENTS_FILE, number, f"seq is {seq!r} but this is line {number}.")
    if not isinstance(ts, str) or not TS_PATTERN.match(ts):
        raise report.fail(EVENTS_FILE, number, f"ts {ts!r} is not an ISO-8601 UTC time ending in Z.")
    if not is_seconds(t):
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


def _sealing(value: dict[str, Any]) -> bool:
    """A session.ended written by Recorder.close: it seals terminal.cast (``data.cast``)."""
    return value["type"] == "session.ended" and "cast" in value["data"]


def _check_events(report: VerifyReport, meta: dict[str, Any], anchor: Anchor | None) -> None:
    path = report.folder / EVENTS_FILE
    if not path.exists() and not path.is_symlink():
        raise report.fail(EVENTS_FILE, 0, "events.jsonl is missing.", "Every record folder has one.")
    try:
        chain = _read_chain(report, path, meta)
    except RecordError as exc:
        raise _unreadable(report, EVENTS_FILE, exc) from exc
    _judge_links(report, meta, chain.hashes, chain.broken)
    if chain.late_line:
        raise report.fail(EVENTS_FILE, chain.late_line, chain.late)
    if chain.mismatch:
        raise report.fail(SESSION_FILE, 1, chain.mismatch)
    if chain.after_end_line:
        raise report.fail(EVENTS_FILE, chain.after_end_line, chain.after_end)
    if anchor is not None:
        _judge_anchor(report, anchor, chain.hashes)
    _judge_count(report, meta, chain.hashes)
    if chain.seal is not None:
        _check_cast_seal(report, chain.seal)


@dataclass
class _Chain:
    hashes: list[str]  # hashes[i] is the hash of line i; [0] is the genesis value
    broken: list[int] = field(default_factory=list)  # lines whose prev is not the hash of the line before
    late: str = ""  # judged after the links: a changed t shows up as a broken link first
    late_line: int = 0
    after_end: str = ""
    after_end_line: int = 0
    mismatch: str = ""  # session.json disagrees with session.started (judged after the links too)
    seal: Any = None


def _read_chain(report: VerifyReport, path: Path, meta: dict[str, Any]) -> _Chain:
    session_id = meta["session_id"]
    chain = _Chain([genesis(session_id)])
    last_t = 0.0
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
        if number == 1:
            chain.mismatch = started_mismatch(meta, event["data"]) or ""
        if event["prev"] != chain.hashes[number - 1]:
            chain.broken.append(number)
        chain.hashes.append(line_hash(raw))
        if event["t"] < last_t and not chain.late_line:
            chain.late_line = number
            chain.late = f"t {event['t']} is before the previous line's t ({last_t})."
        last_t = float(event["t"])
        _after_end(report, chain, number, event)
    return chain


def _after_end(report: VerifyReport, chain: _Chain, number: int, event: dict[str, Any]) -> None:
    """Remember the sealing session.ended; after it, only AFTER_END_TYPES may follow."""
    if report.sealed_at and event["type"] not in AFTER_END_TYPES and not chain.after_end_line:
        chain.after_end_line = number
        chain.after_end = (
            f"{event['type']} was written after the session ended (line {report.sealed_at}): after the end "
            f"a record takes only {', '.join(sorted(AFTER_END_TYPES))}."
        )
    if event["type"] == "session.ended":
        report.ended = True
    if _sealing(event) and not report.sealed_at:
        report.sealed_at, report.sealed_hash = number, chain.hashes[number]
        chain.seal = event["data"]["cast"]


def _judge_anchor(report: VerifyReport, anchor: Anchor, hashes: list[str]) -> None:
    """The chain must still hold the anchored one: as long, and the same at its last anchored line."""
    n = len(hashes) - 1
    if n < anchor.count:
        removed = anchor.count - n
        raise report.fail(
            EVENTS_FILE,
            n + 1,
            f"{removed} event{'s' if removed != 1 else ''} removed since {anchor.source}: the chain had "
            f"{anchor.count} events then and has {n} now.",
        )
    if hashes[anchor.count] != anchor.last_hash:
        raise report.fail(
            EVENTS_FILE,
            anchor.count,
            f"Chain changed since {anchor.source}: line {anchor.count}'s SHA-256 is not the one anchored "
            f"then ({anchor.last_hash[:12]}…); the events up to it were rewritten.",
        )


def _check_cast_seal(report: VerifyReport, seal: Any) -> None:
    """session.ended holds the size and SHA-256 of terminal.cast as it was when the session ended."""
    if not isinstance(seal, dict) or not isinstance(seal.get("bytes"), int) or "sha256" not in seal:
        raise report.fail(EVENTS_FILE, report.sealed_at, "session.ended's data.cast is not {bytes, sha256}.")
    digest, size, line_at_seal = hashlib.sha256(), 0, 1
    try:
        with open_regular(report.folder / CAST_FILE) as fh:
            while chunk := fh.read(1 << 20):
                if size < seal["bytes"]:
                    line_at_seal += chunk[: seal["bytes"] - size].count(b"\n")
                digest.update(chunk)
                size += len(chunk)
    except (OSError, RecordError):
        return  # _check_cast has reported it
    if size != seal["bytes"]:
        raise report.fail(
            CAST_FILE,
            line_at_seal,
            f"terminal.cast has {size} bytes but had {seal['bytes']} when the session ended: "
            "it was cut or added to here.",
        )
    if digest.hexdigest() != seal["sha256"]:
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


def verify(folder: Path, anchor: Anchor | None = None, signers: dict[str, str] | None = None) -> VerifyReport:
    """Check a record folder; never raises for a bad record (see VerifyReport.errors).

    *anchor*: what an outside store kept of this chain (the archive index, a team server); a chain that
    lost events or changed below it is an error. *signers*: SHA256 fingerprint -> name of the keys a
    seal may be signed with (the relay's technicians file); given, a sealed record must be signed by one.
    """
    report = VerifyReport(Path(folder))
    if report.folder.is_symlink() or not report.folder.is_dir():
        what = "a symbolic link" if report.folder.is_symlink() else "not a folder"
        report.fail("", 0, f"{report.folder} is {what}.", "Pass the folder of one recorded session.")
        return report
    meta = None
    with contextlib.suppress(_Stop):
        meta = _check_meta(report)
    with contextlib.suppress(_Stop):
        _check_cast(report)
    if meta is not None:
        with contextlib.suppress(_Stop):
            _check_events(report, meta, anchor)
    if report.ok:
        with contextlib.suppress(_Stop):
            _check_signature(report, anchor, signers)
    return report


def _check_signature(report: VerifyReport, anchor: Anchor | None, signers: dict[str, str] | None) -> None:
    """seal.sig, when present, must sign the sealed chain; an anchored or required signer must match."""
    path = report.folder / SEAL_FILE
    try:
        data = read_small(path, MAX_SEAL_BYTES)
    except FileNotFoundError:
        data = None
    except RecordError as exc:
        raise _unreadable(report, SEAL_FILE, exc) from exc
    if data is None:
        if anchor is not None and anchor.signer:
            raise report.fail(SEAL_FILE, 0, f"seal.sig was removed since {anchor.source}.")
        if signers is not None and report.sealed_at:
            raise report.fail(SEAL_FILE, 0, "The record is not signed, but a signature was required.")
        return
    if not report.sealed_at:
        raise report.fail(
            SEAL_FILE, 0, "seal.sig exists but the chain has no sealed session.ended: events were removed."
        )
    message = seal_message(report.session_id, report.sealed_at, report.sealed_hash)
    try:
        report.seal = check_seal(data, message)
    except SealError as exc:
        raise report.fail(
            SEAL_FILE, 0, f"{exc}: the chain was rewritten after the technician's console signed it."
        ) from exc
    _judge_signer(report, report.seal.fingerprint, anchor, signers)


def _judge_signer(
    report: VerifyReport, fingerprint: str, anchor: Anchor | None, signers: dict[str, str] | None
) -> None:
    if anchor is not None and anchor.signer and anchor.signer != fingerprint:
        raise report.fail(
            SEAL_FILE,
            0,
            f"seal.sig is signed by {fingerprint}, but by {anchor.signer} when {anchor.source}: "
            "the record was re-signed.",
        )
    if signers is not None:
        if fingerprint not in signers:
            unknown = f"seal.sig is signed by {fingerprint}, a key not in the signers list."
            raise report.fail(SEAL_FILE, 0, unknown)
        report.signer_name = signers[fingerprint]
