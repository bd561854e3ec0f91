"""A record's server copy in the database: its files (zlib), facts, findings, tags and search documents.

The facts and documents come from the same extraction as the embedded archive index
(sessions/archive/extract.py) and are tokenized the same way (sessions/archive/tokens.py), so a search on
the server finds what the same search in a technician's own archive finds.
"""

from __future__ import annotations

import hashlib
import tempfile
import zlib
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from sessions.archive.extract import Doc, Facts, facts_and_docs, terminal_docs
from sessions.archive.tokens import terms_text, tsvector
from sessions.recording import open_record
from sessions.team.database import Tx
from sessions.team.schema_common import FACT_COLUMNS


def now_text() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# --- files --------------------------------------------------------------------------------------------
def store_files(tx: Tx, record_id: int, files: dict[str, bytes]) -> None:
    """Replace the named files of a record (compressed; size and SHA-256 of the original kept)."""
    tx.many(
        "INSERT INTO files(record, name, size, sha256, data) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (record, name) DO UPDATE SET size = excluded.size, sha256 = excluded.sha256, "
        "data = excluded.data",
        [
            (record_id, name, len(data), hashlib.sha256(data).hexdigest(), zlib.compress(data, 6))
            for name, data in files.items()
        ],
    )
    tx.run(
        "UPDATE records SET stored_bytes = "
        "(SELECT coalesce(sum(length(data)), 0) FROM files WHERE record = ?) WHERE id = ?",
        (record_id, record_id),
    )


def load_files(tx: Tx, record_id: int, names: Iterable[str]) -> dict[str, bytes]:
    wanted = list(names)
    marks = ",".join("?" for _ in wanted)
    rows = tx.rows(
        f"SELECT name, data FROM files WHERE record = ? AND name IN ({marks})", (record_id, *wanted)
    )
    return {name: zlib.decompress(bytes(data)) for name, data in rows}


def write_folder(files: dict[str, bytes], folder: Path) -> Path:
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


# --- facts and documents ------------------------------------------------------------------------------
def extract(folder: Path, *, terminal: bool) -> tuple[Facts, list[Doc]]:
    """Facts and documents of a record folder (terminal documents only when *terminal*)."""
    facts, docs = facts_and_docs(open_record(folder))
    if terminal:
        docs.extend(terminal_docs(folder))
    return facts, docs


def extract_files(files: dict[str, bytes]) -> tuple[Facts, list[Doc]]:
    """Facts and event documents of session.json + events.jsonl given as bytes."""
    with tempfile.TemporaryDirectory(prefix="vz-team-") as tmp:
        return extract(write_folder(files, Path(tmp)), terminal=False)


def fact_values(facts: Facts) -> list[object]:
    values: list[object] = []
    for name in FACT_COLUMNS:
        value = getattr(facts, name)
        values.append(int(value) if isinstance(value, bool) else value)
    return values


def insert_record(tx: Tx, session_id: str, owner: str, owner_name: str, teams: str, facts: Facts) -> int:
    columns = ", ".join(FACT_COLUMNS)
    marks = ", ".join("?" for _ in FACT_COLUMNS)
    stamp = now_text()
    row = tx.one(
        f"INSERT INTO records(session_id, owner, owner_name, teams, uploaded, updated, {columns}) "
        f"VALUES (?, ?, ?, ?, ?, ?, {marks}) RETURNING id",
        (session_id, owner, owner_name, teams, stamp, stamp, *fact_values(facts)),
    )
    assert row is not None
    return int(row[0])


def update_facts(tx: Tx, record_id: int, facts: Facts) -> None:
    sets = ", ".join(f"{name} = ?" for name in FACT_COLUMNS)
    tx.run(
        f"UPDATE records SET {sets}, updated = ? WHERE id = ?", (*fact_values(facts), now_text(), record_id)
    )
    tx.run("UPDATE docs SET escalated = ? WHERE record = ?", (int(facts.escalated), record_id))


def replace_documents(
    tx: Tx, record_id: int, facts: Facts, docs: list[Doc], *, terminal: bool, fresh: bool = False
) -> None:
    """Replace the record's event documents (and its terminal ones when *terminal*), findings and tags.
    *fresh*: the record was inserted in this transaction (nothing to replace)."""
    if not fresh:
        kinds = "" if terminal else " AND kind <> 'terminal'"
        tx.run(f"DELETE FROM docs WHERE record = ?{kinds}", (record_id,))
        tx.run("DELETE FROM findings WHERE record = ?", (record_id,))
        tx.run("DELETE FROM tags WHERE record = ?", (record_id,))
    owner_row = tx.one("SELECT owner, teams, escalated FROM records WHERE id = ?", (record_id,))
    assert owner_row is not None
    insert_documents(tx, record_id, docs, owner_row)
    tx.many(
        "INSERT INTO findings(record, t, check_name, target, status, summary) VALUES (?, ?, ?, ?, ?, ?)",
        [(record_id, *row) for row in facts.findings],
    )
    tx.many(
        "INSERT INTO tags(record, t, tag, author) VALUES (?, ?, ?, ?)",
        [(record_id, *row) for row in facts.tags],
    )


def insert_documents(tx: Tx, record_id: int, docs: list[Doc], visibility: tuple[object, ...]) -> None:
    owner, teams, escalated = visibility
    if tx.kind == "postgresql":
        if not docs:
            return
        ids = [
            row[0]
            for row in tx.rows("SELECT nextval('docs_id_seq') FROM generate_series(1, ?)", (len(docs),))
        ]
        tx.many(
            "INSERT INTO docs(id, record, kind, t, body, owner, teams, escalated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (i, record_id, d.kind, d.t, d.body, owner, teams, escalated)
                for i, d in zip(ids, docs, strict=True)
            ],
        )
        tx.many(
            "INSERT INTO doc_terms(id, record, owner, teams, terms) VALUES (?, ?, ?, ?, ?::tsvector)",
            [(i, record_id, owner, teams, tsvector(d.body)) for i, d in zip(ids, docs, strict=True)],
        )
        return
    for doc in docs:
        row = tx.one(
            "INSERT INTO docs(record, kind, t, body, owner, teams, escalated) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "RETURNING id",
            (record_id, doc.kind, doc.t, doc.body, owner, teams, escalated),
        )
        assert row is not None
        tx.run("INSERT INTO docs_fts(rowid, terms) VALUES (?, ?)", (row[0], terms_text(doc.body)))
