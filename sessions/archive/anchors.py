"""Anchors: each record's chain length and last hash kept in the index, outside the record itself.

A record anchored once may only grow (a lead's note, a follow-up): a chain that lost events or changed
below its anchor fails verification ("3 events removed since indexed"), and the anchor is never
overwritten by a shorter or different chain. See docs/record-format.md, "What is proven".
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sessions.errors import RecordError
from sessions.recording.meta import read_meta
from sessions.recording.verify import Anchor, VerifyReport


@dataclass(frozen=True, slots=True)
class Anchored:
    """An anchor as the index keeps it: for which session, where it was seen, since when."""

    session_id: str
    folder: str
    anchor: Anchor
    first_indexed: str


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def peek_session_id(folder: Path) -> str:
    """session.json's session id, or '' when it cannot be read (verify says why)."""
    try:
        value = read_meta(folder).get("session_id")
    except (OSError, ValueError, RecordError):
        return ""
    return value if isinstance(value, str) else ""


def find_anchor(conn: sqlite3.Connection, session_id: str, rel: str) -> Anchored | None:
    """The anchor of *session_id*, or else the one last seen at folder *rel* (a replaced record)."""
    columns = "session_id, folder, event_count, last_hash, signer, first_indexed"
    row = None
    if session_id:
        row = conn.execute(f"SELECT {columns} FROM anchors WHERE session_id = ?", (session_id,)).fetchone()
    if row is None:
        row = conn.execute(
            f"SELECT {columns} FROM anchors WHERE folder = ? ORDER BY updated DESC LIMIT 1", (rel,)
        ).fetchone()
    if row is None:
        return None
    sid, where, count, last_hash, signer, first = row
    return Anchored(sid, where, Anchor(count, last_hash, signer, f"indexed ({first})"), first)


def replaced(session_id: str, anchored: Anchored | None) -> str:
    """A problem when the record at an anchored folder is now another session ('' otherwise)."""
    if anchored is None or not session_id or anchored.session_id == session_id:
        return ""
    return (
        f"session.json: this folder held session {anchored.session_id} when indexed "
        f"({anchored.first_indexed}); it now holds {session_id}: the record was replaced."
    )


def keep_anchor(conn: sqlite3.Connection, report: VerifyReport, rel: str) -> None:
    """Anchor an intact record's chain: a new anchor, or the old one moved forward (never back)."""
    anchor = report.anchor()
    conn.execute(
        "INSERT INTO anchors(session_id, folder, event_count, last_hash, signer, first_indexed, updated) "
        "VALUES (?,?,?,?,?,?,?) ON CONFLICT(session_id) DO UPDATE SET folder=excluded.folder, "
        "event_count=excluded.event_count, last_hash=excluded.last_hash, "
        "signer=CASE WHEN anchors.signer = '' THEN excluded.signer ELSE anchors.signer END, "
        "updated=excluded.updated WHERE excluded.event_count >= anchors.event_count",
        (report.session_id, rel, anchor.count, anchor.last_hash, anchor.signer, _now(), _now()),
    )


def read_anchor(index_path: Path, folder: Path) -> Anchored | None:
    """The anchor an index file keeps for the record *folder* (read-only; None when it has none).

    ArchiveIndexError-free on purpose: a missing or older index simply has no anchor; RecordError
    when the file is not an index at all.
    """
    uri = f"file:{Path(index_path).resolve()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise RecordError(
            f"The index {index_path} cannot be opened ({exc}).",
            file=str(index_path),
            code="archive.anchors_unreadable",
            params={"index_path": index_path, "exc": exc},
        ) from exc
    try:
        root_row = conn.execute("SELECT value FROM archive WHERE key = 'root'").fetchone()
        root = Path(root_row[0]) if root_row else None
        resolved = Path(folder).resolve()
        rel = resolved.relative_to(root).as_posix() if root and resolved.is_relative_to(root) else ""
        return find_anchor(conn, peek_session_id(Path(folder)), rel)
    except sqlite3.Error as exc:
        if "no such table" in str(exc):
            return None  # an index written before anchors existed
        raise RecordError(
            f"{index_path} is not a Valuezone archive index ({exc}).",
            "Pass the index file of the archive (DATA/review-index/…sqlite3), or leave --index out.",
            file=str(index_path),
            code="archive.anchors_not_index",
            params={"index_path": index_path, "exc": exc},
        ) from exc
    finally:
        conn.close()
