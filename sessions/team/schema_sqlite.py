"""SQLite migrations of the team database (PRAGMA user_version): the shared tables and an FTS5 index.

SQLite has no row-level security: the server's own queries apply the same rules (sessions/team/access.py).
`docs_fts` is contentless (the text lives once, in `docs.body`); a trigger removes a document's tokens
when its row goes, recomputing them with `vz_terms`, which every connection registers.
"""

from __future__ import annotations

from sessions.cluster import schema as cluster_schema
from sessions.team.schema_common import HQ_V2, TABLES_V1

_DOCS = """
CREATE TABLE docs (
    id INTEGER PRIMARY KEY,
    record INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    t REAL NOT NULL,
    body TEXT NOT NULL,
    owner TEXT NOT NULL,
    teams TEXT NOT NULL,
    escalated INTEGER NOT NULL
);
CREATE INDEX docs_record ON docs(record);
CREATE VIRTUAL TABLE docs_fts USING fts5(terms, content = '', tokenize = 'ascii');
CREATE TRIGGER docs_gone AFTER DELETE ON docs BEGIN
    INSERT INTO docs_fts(docs_fts, rowid, terms) VALUES ('delete', old.id, vz_terms(old.body));
END;
"""

_TABLES = TABLES_V1.format(id="INTEGER PRIMARY KEY", blob="BLOB", real="REAL")

_HQ = (
    HQ_V2
    + """
CREATE VIRTUAL TABLE hq_fts USING fts5(terms, content = '', tokenize = 'ascii');
"""
)

MIGRATIONS: list[str] = [
    _TABLES + _DOCS,
    _HQ,
    cluster_schema.SQLITE,  # 3: relays as one (sessions/cluster/)
    cluster_schema.SQLITE_HISTORY,  # 4: their one history of closed codes
]
