"""The archive index: incremental indexing of record folders into SQLite FTS5, and the handle to query it.

A record is read again only when its files changed (size, modification and change time, inode):
events.jsonl, session.json and seal.sig for its facts and event documents, terminal.cast for its
terminal text. Every new or changed record is verified first, against the anchor the index keeps of it
(sessions/archive/anchors.py): only intact records are indexed; the others keep a row marked
'failed' with the reason, and nothing of theirs is searched or counted. Records whose folder is gone
are dropped (their anchors stay). One writer at a time; readers work during an update (WAL).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sessions.archive.anchors import find_anchor, keep_anchor, peek_session_id, replaced
from sessions.archive.extract import Doc, Facts, facts_and_docs, terminal_docs
from sessions.archive.schema import ArchiveIndexError, connect, default_index_path
from sessions.archive.tokens import terms_text
from sessions.errors import RecordError
from sessions.recording import iter_records, open_record
from sessions.recording.meta import CAST_FILE, EVENTS_FILE, SESSION_FILE
from sessions.recording.seal import SEAL_FILE
from sessions.recording.verify import verify

_FACT_COLUMNS = (
    "session_id", "started", "ended", "duration", "technician", "device_name", "device_host", "via", "title",
    "platform", "outcome", "summary", "score", "solved", "comment", "customer_lang", "escalated",
    "first_response", "resolution", "followup_due", "followup_open", "event_count", "last_hash",
)  # fmt: skip
_COMMIT_EVERY = 500  # records per transaction: readers see progress, a crash loses little


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What one update did."""

    added: int
    updated: int
    removed: int
    unchanged: int
    failed: tuple[str, ...]  # "folder: reason" for every record that fails verification (not only new ones)
    seconds: float


Progress = Callable[[int, int], None]  # (records looked at, records in the archive)


class ArchiveIndex:
    """The index of one archive folder. Thread-safe: one connection guarded by a lock."""

    def __init__(self, archive: Path, db_path: Path | None = None) -> None:
        self.archive = Path(archive)
        self.path = db_path or default_index_path(self.archive)
        self.conn = connect(self.path)
        self.lock = threading.RLock()
        with self.lock:
            self.conn.execute(
                "INSERT OR REPLACE INTO archive(key, value) VALUES ('root', ?)",
                (str(self.archive.resolve()),),
            )

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    def __enter__(self) -> ArchiveIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def folder_of(self, record_id: int) -> Path:
        """The record folder of an indexed record."""
        with self.lock:
            row = self.conn.execute("SELECT folder FROM records WHERE id=?", (record_id,)).fetchone()
        if row is None:
            raise ArchiveIndexError(
                f"Session {record_id} is not in the index.",
                "Index the archive again.",
                code="archive.session_not_indexed",
                params={"record_id": record_id},
            )
        return self.archive / row[0]

    # --- updating ---------------------------------------------------------------------------------
    def update(
        self, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None
    ) -> IndexStats:
        """Bring the index up to date with the archive; only new and changed records are read."""
        began = time.monotonic()
        folders = list(iter_records(self.archive))
        with self.lock:
            known = {
                row[0]: (row[1], row[2], row[3])
                for row in self.conn.execute("SELECT folder, id, events_stamp, cast_stamp FROM records")
            }
        counts = {"added": 0, "updated": 0, "unchanged": 0, "failed": 0}
        seen: set[str] = set()
        removed = batch = 0
        conn = connect(self.path)  # the writer's own connection: searches go on meanwhile
        _tune_for_bulk(conn)
        try:
            conn.execute("BEGIN IMMEDIATE")
            for number, folder in enumerate(folders, start=1):
                if cancelled is not None and cancelled():
                    break
                rel = folder.relative_to(self.archive).as_posix()
                seen.add(rel)
                outcome = _index_one(conn, self.archive, folder, rel, known.get(rel))
                counts[outcome] += 1
                batch += outcome != "unchanged"
                if batch >= _COMMIT_EVERY:
                    conn.execute("COMMIT")
                    conn.execute("BEGIN IMMEDIATE")
                    batch = 0
                if progress is not None:
                    progress(number, len(folders))
            if cancelled is None or not cancelled():
                for rel, (record_id, _e, _c) in known.items():
                    if rel not in seen:
                        _delete(conn, record_id, kinds=None)
                        removed += 1
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()
        del counts["failed"]  # every failed record is listed in stats.failed, new or not
        return IndexStats(removed=removed, failed=self.failed(), seconds=time.monotonic() - began, **counts)

    def failed(self) -> tuple[str, ...]:
        """ "folder: reason" for every indexed record that failed verification, by folder."""
        with self.lock:
            rows = self.conn.execute(
                "SELECT folder, problem FROM records WHERE integrity = 'failed' ORDER BY folder"
            ).fetchall()
        return tuple(f"{folder}: {problem}" for folder, problem in rows)

    def optimize(self) -> None:
        """Merge the FTS segments (after a large first index: smaller file, faster queries)."""
        with self.lock:
            self.conn.execute("INSERT INTO docs(docs) VALUES ('optimize')")


def _index_one(
    conn: sqlite3.Connection, archive: Path, folder: Path, rel: str, known: tuple[int, str, str] | None
) -> str:
    """Verify and index one record: 'added', 'updated', 'unchanged', or 'failed' (kept as failed)."""
    events_stamp = _stamp(folder / EVENTS_FILE, folder / SESSION_FILE, folder / SEAL_FILE)
    cast_stamp = _stamp(folder / CAST_FILE)
    if known is not None and known[1:] == (events_stamp, cast_stamp):
        return "unchanged"
    session_id = peek_session_id(folder)
    anchored = find_anchor(conn, session_id, rel)
    problem = _outside(archive, folder) or replaced(session_id, anchored)
    report = None
    if not problem:
        report = verify(folder, anchored.anchor if anchored else None)
        problem = "" if report.ok else report.summary()
    if not problem:
        assert report is not None
        try:
            facts, docs = facts_and_docs(open_record(folder))
            terminal = list(terminal_docs(folder)) if known is None or known[2] != cast_stamp else None
        except (RecordError, OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            problem = f"cannot be indexed: {exc}"
    if problem:
        _mark_failed(conn, folder, rel, session_id, problem, (events_stamp, cast_stamp))
        return "failed"
    assert report is not None
    keep_anchor(conn, report, rel)
    record_id = _upsert(conn, rel, facts, events_stamp, cast_stamp)
    if known is None or known[1] != events_stamp:
        _delete(conn, record_id, kinds="events")
        _insert_docs(conn, record_id, docs)
        conn.executemany(
            "INSERT INTO findings(record, t, check_name, target, status, summary) VALUES (?,?,?,?,?,?)",
            [(record_id, *row) for row in facts.findings],
        )
        conn.executemany(
            "INSERT INTO tags(record, t, tag, author) VALUES (?,?,?,?)",
            [(record_id, *row) for row in facts.tags],
        )
    if terminal is not None:
        _delete(conn, record_id, kinds="terminal")
        _insert_docs(conn, record_id, terminal)
    return "added" if known is None else "updated"


def _outside(archive: Path, folder: Path) -> str:
    """A problem when the record folder is a link to somewhere outside the archive ('' otherwise)."""
    try:
        target = folder.resolve()
        inside = target.is_relative_to(archive.resolve())
    except (OSError, RuntimeError) as exc:
        return f"the folder cannot be resolved ({exc})."
    if folder.is_symlink() or not inside:
        return f"the record folder is a symbolic link to {target}; records are read only inside the archive."
    return ""


def _mark_failed(
    conn: sqlite3.Connection,
    folder: Path,
    rel: str,
    session_id: str,
    problem: str,
    stamps: tuple[str, str],
) -> None:
    """Keep a row for the record (listed as failed verification) with nothing of it searchable."""
    row = conn.execute("SELECT id FROM records WHERE folder = ?", (rel,)).fetchone()
    if row is not None:
        _delete(conn, row[0], kinds=None)
    conn.execute(
        "INSERT INTO records(folder, session_id, started, device_name, integrity, problem, events_stamp, "
        "cast_stamp) VALUES (?,?,?,?,'failed',?,?,?)",
        (
            rel,
            session_id,
            started_of(folder.name),
            _device_slug(folder.name),
            problem,
            *stamps,
        ),
    )


def started_of(name: str) -> str:
    """The start time a record folder's name carries (``20250304T050607Z-…``) as ISO-8601, or ''."""
    stamp = name.split("-", 1)[0]
    try:
        moment = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ")
    except ValueError:
        return ""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000000Z")


def _device_slug(name: str) -> str:
    parts = name.split("-")
    return "-".join(parts[1:-1]) if len(parts) > 2 else ""


def _upsert(conn: sqlite3.Connection, rel: str, facts: Facts, events_stamp: str, cast_stamp: str) -> int:
    values = [getattr(facts, name) for name in _FACT_COLUMNS]
    columns = ", ".join(_FACT_COLUMNS)
    marks = ", ".join("?" for _ in _FACT_COLUMNS)
    updates = ", ".join(f"{name}=excluded.{name}" for name in (*_FACT_COLUMNS, "events_stamp", "cast_stamp"))
    row = conn.execute(
        f"INSERT INTO records(folder, {columns}, events_stamp, cast_stamp) VALUES (?, {marks}, ?, ?) "
        f"ON CONFLICT(folder) DO UPDATE SET {updates} RETURNING id",
        (rel, *values, events_stamp, cast_stamp),
    ).fetchone()
    return int(row[0])


def _insert_docs(conn: sqlite3.Connection, record_id: int, docs: Iterable[Doc]) -> None:
    for doc in docs:
        cursor = conn.execute("INSERT INTO docs(body, terms) VALUES (?, ?)", (doc.body, terms_text(doc.body)))
        conn.execute(
            "INSERT INTO docmeta(rowid, record, kind, t) VALUES (?,?,?,?)",
            (cursor.lastrowid, record_id, doc.kind, doc.t),
        )


def _delete(conn: sqlite3.Connection, record_id: int, kinds: str | None) -> None:
    """Drop a record's terminal documents ('terminal'), its event documents ('events'), or all (None)."""
    where = {"terminal": "AND kind='terminal'", "events": "AND kind<>'terminal'", None: ""}[kinds]
    conn.execute(
        f"DELETE FROM docs WHERE rowid IN (SELECT rowid FROM docmeta WHERE record=? {where})", (record_id,)
    )
    conn.execute(f"DELETE FROM docmeta WHERE record=? {where}", (record_id,))
    if kinds != "terminal":
        conn.execute("DELETE FROM findings WHERE record=?", (record_id,))
        conn.execute("DELETE FROM tags WHERE record=?", (record_id,))
    if kinds is None:
        conn.execute("DELETE FROM records WHERE id=?", (record_id,))


def _tune_for_bulk(conn: sqlite3.Connection) -> None:
    """Bigger in-memory term buffer and page cache, lazier merges: a first index of 1 GB takes far fewer
    segment merges (``optimize`` afterwards merges them all once)."""
    conn.execute("PRAGMA cache_size = -262144")  # 256 MiB
    conn.execute("INSERT INTO docs(docs, rank) VALUES ('automerge', 8)")
    conn.execute("INSERT INTO docs(docs, rank) VALUES ('hashsize', 67108864)")


def _stamp(*paths: Path) -> str:
    """What changes whenever a file does: size, mtime, and the change time and inode a person cannot set
    back (restoring mtime with `touch` still moves ctime), of the file itself (links are not followed)."""
    parts = []
    for path in paths:
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            parts.append("-")
            continue
        except OSError as exc:
            parts.append(f"!{exc.errno}")
            continue
        parts.append(f"{st.st_mode:o}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}")
    return "/".join(parts)


def open_index(archive: Path, db_path: Path | None = None) -> ArchiveIndex:
    """Open the index of *archive*, explaining a missing archive folder for a person."""
    if not Path(archive).is_dir():
        raise ArchiveIndexError(
            f"The archive folder {archive} does not exist.",
            "Pass the folder that holds the records (ARCHIVE/YYYY/MM/DD/<session>).",
            code="archive.folder_missing",
            params={"archive": archive},
        )
    try:
        return ArchiveIndex(archive, db_path)
    except sqlite3.Error as exc:
        raise ArchiveIndexError(
            f"The archive index cannot be opened ({exc}).",
            code="archive.index_unreadable",
            params={"exc": exc},
        ) from exc
