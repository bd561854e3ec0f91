"""The archive index database: schema (PRAGMA user_version), migrations, and where the file lives."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from sessions import storage
from sessions.errors import SupportError
from sessions.paths import app_dirs

SCHEMA_VERSION = 3

_V1 = """
CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    folder TEXT NOT NULL UNIQUE,          -- relative to the archive root
    session_id TEXT NOT NULL,
    started TEXT NOT NULL,                -- ISO-8601 UTC, sorts as text
    ended TEXT,
    duration REAL,
    technician TEXT NOT NULL DEFAULT '',
    device_name TEXT NOT NULL DEFAULT '',
    device_host TEXT NOT NULL DEFAULT '',
    via TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    platform TEXT NOT NULL DEFAULT '',
    outcome TEXT,
    summary TEXT NOT NULL DEFAULT '',
    score INTEGER,
    solved INTEGER,
    comment TEXT NOT NULL DEFAULT '',
    customer_lang TEXT NOT NULL DEFAULT '',
    escalated INTEGER NOT NULL DEFAULT 0,
    first_response REAL,                  -- seconds: start -> first technician chat message
    resolution REAL,                      -- seconds: start -> outcome resolved/workaround
    followup_due TEXT,
    followup_open INTEGER NOT NULL DEFAULT 0,
    event_count INTEGER NOT NULL DEFAULT 0,
    last_hash TEXT NOT NULL DEFAULT '',
    events_stamp TEXT NOT NULL DEFAULT '',
    cast_stamp TEXT NOT NULL DEFAULT ''
);
CREATE INDEX records_started ON records(started);
CREATE TABLE docmeta (
    rowid INTEGER PRIMARY KEY,            -- the same rowid as in docs
    record INTEGER NOT NULL REFERENCES records(id),
    kind TEXT NOT NULL,                   -- terminal chat finding summary survey note tag escalation
    t REAL NOT NULL
);
CREATE INDEX docmeta_record ON docmeta(record, kind);
CREATE VIRTUAL TABLE docs USING fts5(body, tokenize = "unicode61 remove_diacritics 2");
CREATE TABLE findings (
    record INTEGER NOT NULL REFERENCES records(id),
    t REAL NOT NULL,
    check_name TEXT NOT NULL,
    target TEXT NOT NULL,
    status TEXT NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX findings_record ON findings(record);
CREATE TABLE tags (
    record INTEGER NOT NULL REFERENCES records(id),
    t REAL NOT NULL,
    tag TEXT NOT NULL,
    author TEXT NOT NULL
);
CREATE INDEX tags_record ON tags(record);
CREATE TABLE archive (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# Version 2: records are verified before they are indexed. ``integrity`` is 'intact' or 'failed' (with
# ``problem``, the first error); a failed record keeps a row for the review window's list but no
# documents, findings or tags. ``anchors`` keeps, per session, the chain as first indexed and as last
# seen intact; an anchor outlives its record's row (a deleted or replaced record is still compared
# against it). Seeded from version 1's event counts and hashes; every record is verified again.
_V2 = """
ALTER TABLE records ADD COLUMN integrity TEXT NOT NULL DEFAULT 'intact';
ALTER TABLE records ADD COLUMN problem TEXT NOT NULL DEFAULT '';
CREATE TABLE anchors (
    session_id TEXT PRIMARY KEY,
    folder TEXT NOT NULL,                 -- where it was last seen, relative to the archive root
    event_count INTEGER NOT NULL,
    last_hash TEXT NOT NULL,
    signer TEXT NOT NULL DEFAULT '',      -- SHA256 fingerprint of the key that signed seal.sig
    first_indexed TEXT NOT NULL,          -- ISO-8601 UTC
    updated TEXT NOT NULL
);
CREATE INDEX anchors_folder ON anchors(folder);
INSERT OR IGNORE INTO anchors(session_id, folder, event_count, last_hash, first_indexed, updated)
    SELECT session_id, folder, event_count, last_hash, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
           strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    FROM records WHERE length(last_hash) = 64 AND session_id <> '' AND event_count > 0;
UPDATE records SET events_stamp = '', cast_stamp = '';
"""

# Version 3: documents are searched by our own tokens (sessions/archive/tokens.py: CJK bigrams, words),
# kept in the `terms` column; `body` stays for snippets. Every record is read again on the next update.
_V3 = """
DROP TABLE docs;
DELETE FROM docmeta;
DELETE FROM findings;
DELETE FROM tags;
UPDATE records SET events_stamp = '', cast_stamp = '';
CREATE VIRTUAL TABLE docs USING fts5(body UNINDEXED, terms, tokenize = "ascii");
"""

_MIGRATIONS = [_V1, _V2, _V3]


class ArchiveIndexError(SupportError):
    """The archive index cannot be opened, read or written."""

    default_code = "archive.index_failed"


def default_index_path(archive: Path) -> Path:
    """The index of *archive* in this user's data folder: one file per archive, named by its path.

    The index stays out of the archive on purpose: a shared archive on a network folder is read by many
    leads, and SQLite must not be written over a network file system by several machines at once.
    """
    key = hashlib.sha256(str(Path(archive).expanduser().resolve()).encode()).hexdigest()[:16]
    return app_dirs().data / "review-index" / f"{key}.sqlite3"


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating and migrating as needed) the index at *path*."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
    except sqlite3.Error as exc:
        raise ArchiveIndexError(
            f"The archive index {path} cannot be opened ({exc}).",
            "Check the data folder's free space and permissions; deleting the index file rebuilds it.",
            code="archive.index_unopenable",
            params={"path": path, "exc": exc},
        ) from exc
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=OFF")

    def too_new(version: int) -> ArchiveIndexError:
        conn.close()
        return ArchiveIndexError(
            f"The archive index {path} was written by a newer Valuezone (index schema {version}).",
            "Update Valuezone, or delete the index file: `valuezone review index` rebuilds it.",
            code="archive.index_too_new",
            params={"path": path, "version": version},
        )

    storage.migrate(conn, _MIGRATIONS[:SCHEMA_VERSION], too_new=too_new, run=_run_script)
    return conn


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run each statement of *script* inside the caller's transaction (executescript would commit)."""
    for statement in script.split(";"):
        body = "\n".join(line.split("--")[0] for line in statement.splitlines()).strip()
        if body:
            conn.execute(body)
