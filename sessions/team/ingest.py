"""Accepting a pushed record: verified on arrival, anchored, stored exactly once.

A record is taken only when its hash chain and its seal (the cast's size and SHA-256 in session.ended)
verify. Its head (event count, hash of the last line) is anchored; pushing the same head again changes
nothing, so a push that was killed and is repeated stores nothing twice. A later push of the same
session must extend every anchored head (lead notes, follow-up closures appended on the technician's
machine): a record whose anchored lines changed, or whose sealed cast changed, is refused, and the
server keeps the copy it verified.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sessions.recording import line_hash, verify
from sessions.recording.meta import CAST_FILE, EVENTS_FILE, SESSION_FILE
from sessions.team.appends import append_lines, reindex_events
from sessions.team.database import SYSTEM, Database, Tx
from sessions.team.indexing import extract, insert_record, now_text, replace_documents, store_files
from sessions.team.protocol import TeamRefusal
from sessions.team.roles import Member

_KEEP = "It stays in your outbox; nothing was stored."


@dataclass(frozen=True, slots=True)
class Pushed:
    """What the server did with one pushed record: stored (new), same (already there), extended."""

    state: str
    session_id: str
    count: int
    last_hash: str

    def to_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "session_id": self.session_id,
            "count": self.count,
            "hash": self.last_hash,
        }


def _refuse(message: str, hint: str) -> TeamRefusal:
    return TeamRefusal(
        "refused", f"{message} {_KEEP}", hint, code="team.record_refused", params={"message": message}
    )


def event_hashes(events: bytes) -> list[str]:
    """The hash of every complete line of events.jsonl, in order."""
    return [line_hash(line) for line in events.split(b"\n")[:-1]]


def check_record(folder: Path) -> tuple[dict[str, Any], list[str]]:
    """(session.json, line hashes) of a record that verifies, is finished and sealed; TeamRefusal if not."""
    report = verify(folder)
    try:
        meta = json.loads((folder / SESSION_FILE).read_bytes())
    except (OSError, ValueError):
        meta = {}
    session_id = str(meta.get("session_id", "?")) if isinstance(meta, dict) else "?"
    if not report.ok:
        first = report.errors[0]
        where = f"{Path(first.file).name}:{first.line}: " if first.line else f"{Path(first.file).name}: "
        raise _refuse(
            f"Session {session_id} does not verify ({where}{first.message.rstrip('.')}).",
            "Run `valuezone verify` on its folder; keep the folder as evidence and tell your lead.",
        )
    hashes = event_hashes((folder / EVENTS_FILE).read_bytes())
    ended = [event for event in _events(folder) if event.get("type") == "session.ended"]
    if not ended:
        raise _refuse(
            f"Session {session_id} is not finished (no session.ended event).",
            "Only finished sessions are pushed; end the session in the console first.",
        )
    if not isinstance((ended[0].get("data") or {}).get("cast"), dict):
        raise _refuse(
            f"Session {session_id} has no seal (session.ended does not name the cast's size and SHA-256).",
            "The record was written by a tool that does not seal it; it cannot be verified on the server.",
        )
    if len(hashes) != report.events:
        raise _refuse(
            f"Session {session_id} ends with an incomplete events.jsonl line.",
            "Run `valuezone verify` on its folder.",
        )
    return meta, hashes


def _events(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (folder / EVENTS_FILE).read_bytes().split(b"\n") if line.strip()]


def ingest(database: Database, member: Member, folder: Path) -> Pushed:
    """Verify the record in *folder* (all three files present) and store or extend it for *member*."""
    meta, hashes = check_record(folder)
    session_id = str(meta["session_id"])
    with database.tx(SYSTEM) as tx:
        known = tx.one("SELECT 1 FROM records WHERE session_id = ?", (session_id,)) is not None
        gone = tx.one("SELECT at FROM purged WHERE session_id = ?", (session_id,))
    if gone is not None:
        raise TeamRefusal(
            "refused",
            f"Session {session_id} was purged from the team server on {gone[0][:10]} (its team's retention "
            "ran out); it is not taken again.",
            "Nothing to do: keep or delete your own copy as your organisation's rules say.",
            code="team.record_purged",
            params={"session_id": session_id, "purged_on": gone[0][:10]},
        )
    extracted = None if known else extract(folder, terminal=True)  # the slow part, outside the lock
    with database.tx(SYSTEM, write=True) as tx:
        existing = _lock_existing(tx, session_id)
        if existing is None:
            facts, docs = extracted or extract(folder, terminal=True)
            record_id = insert_record(
                tx, session_id, member.identity, member.name, ",".join(member.teams), facts
            )
            files = {name: (folder / name).read_bytes() for name in (SESSION_FILE, EVENTS_FILE, CAST_FILE)}
            store_files(tx, record_id, files)
            tx.run("UPDATE records SET cast_sha256 = ? WHERE id = ?", (_sha(files[CAST_FILE]), record_id))
            replace_documents(tx, record_id, facts, docs, terminal=True, fresh=True)
            _anchor(tx, record_id, len(hashes), hashes[-1] if hashes else "")
            return Pushed("stored", session_id, len(hashes), hashes[-1] if hashes else "")
        return _extend(tx, member, existing, folder, hashes)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _lock_existing(tx: Tx, session_id: str) -> tuple[Any, ...] | None:
    lock = " FOR UPDATE" if tx.kind == "postgresql" else ""
    return tx.one(
        f"SELECT id, owner, event_count, last_hash, cast_sha256 FROM records WHERE session_id = ?{lock}",
        (session_id,),
    )


def _anchor(tx: Tx, record_id: int, count: int, last_hash: str) -> None:
    tx.run(
        "INSERT INTO anchors(record, count, hash, at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (record, count) DO NOTHING",
        (record_id, count, last_hash, now_text()),
    )


def anchors_of(tx: Tx, record_id: int) -> list[tuple[int, str, str]]:
    return [(int(c), h, at) for c, h, at in tx.rows(
        "SELECT count, hash, at FROM anchors WHERE record = ? ORDER BY count", (record_id,)
    )]  # fmt: skip


def check_anchors(session_id: str, anchors: list[tuple[int, str, str]], hashes: list[str]) -> None:
    """TeamRefusal unless every anchored head is a line of *hashes* with the same hash."""
    for count, anchored, at in anchors:
        if count > len(hashes):
            raise _refuse(
                f"Session {session_id} has {len(hashes)} events, fewer than the {count} the server anchored "
                f"on {at[:16].replace('T', ' ')}: lines were removed on this machine.",
                "Keep this copy as evidence and tell your lead; the server keeps the copy it verified.",
            )
        if count and hashes[count - 1] != anchored:
            raise _refuse(
                f"Session {session_id} changed after the server anchored it on {at[:16].replace('T', ' ')}: "
                f"line {count} of events.jsonl is not the line the server verified.",
                "Keep this copy as evidence and tell your lead; the server keeps the copy it verified.",
            )


def _extend(tx: Tx, member: Member, existing: tuple[Any, ...], folder: Path, hashes: list[str]) -> Pushed:
    record_id, owner, server_count, server_hash, cast_sha = existing
    session_id = json.loads((folder / SESSION_FILE).read_bytes())["session_id"]
    if owner != member.identity:
        raise TeamRefusal(
            "refused",
            f"Session {session_id} is on the server already, pushed by someone else. {_KEEP}",
            "Session ids are unique: this copy came from another technician's archive; leave it to them.",
            code="team.pushed_by_another",
            params={"session_id": session_id},
        )
    anchors = anchors_of(tx, record_id)
    check_anchors(session_id, anchors, hashes)
    if _sha((folder / CAST_FILE).read_bytes()) != cast_sha:
        raise _refuse(
            f"terminal.cast of session {session_id} is not the sealed one the server holds.",
            "Keep this copy as evidence and tell your lead; the server keeps the copy it verified.",
        )
    head = anchors[-1][0] if anchors else 0
    if head == len(hashes):
        return Pushed("same", session_id, len(hashes), hashes[-1] if hashes else "")
    events = (folder / EVENTS_FILE).read_bytes()
    new_lines = events.split(b"\n")[head:-1]
    if int(server_count) == head and server_hash == anchors[-1][1]:
        files = {SESSION_FILE: (folder / SESSION_FILE).read_bytes(), EVENTS_FILE: events}
        store_files(tx, record_id, files)  # nothing was added on the server since: fast-forward
    else:
        files = append_lines(tx, record_id, [json.loads(line) for line in new_lines])
    _anchor(tx, record_id, len(hashes), hashes[-1])
    reindex_events(tx, record_id, files, by=member.identity)
    return Pushed("extended", session_id, len(hashes), hashes[-1])
