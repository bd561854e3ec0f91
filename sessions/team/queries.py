"""Reading the team's records: search hits, the sessions list, open follow-ups, one record's files.

Every query carries the actor's visibility (access.py); on PostgreSQL the database applies it again.
Hits and rows are the archive's own types (sessions.archive), with the session id where the archive has
a folder, so the review window and the CLI show server results as they show a local archive's.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sessions.archive.followups import OpenFollowUp
from sessions.archive.search import Filters, Hit, SessionRow, snippet
from sessions.archive.tokens import fts5_query, highlight_pattern, parse_query, tsquery
from sessions.team.access import like_escape, visible
from sessions.team.database import Actor, Tx

MAX_HITS = 1000
SESSION_HITS = 2000  # the sessions list with words: the sessions of this many newest places they occur
WINDOW = 2000  # PostgreSQL: newest documents checked one by one before the index is asked
WALK_MAX = 40_000  # …and at most this many more, when the first ones found some matches but too few
_READ_BY_WALKING = "SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexscan = on"
_READ_BY_INDEX = "SET LOCAL enable_bitmapscan = on; SET LOCAL enable_indexscan = off"
_READ_AS_USUAL = "SET LOCAL enable_bitmapscan = on; SET LOCAL enable_indexscan = on"
FTS_PAGE = 200  # SQLite: matches read per page at first (growing fourfold)
ESCALATED_DOC = "EXISTS (SELECT 1 FROM records e WHERE e.id = m.record AND e.escalated = 1)"


def filters_clause(filters: Filters | None) -> tuple[str, list[Any]]:
    """The archive's filters as SQL both backends accept (on records ``r``)."""
    parts: list[str] = []
    args: list[Any] = []
    if filters is None:
        return "1 = 1", args
    if filters.since:
        parts.append("r.started >= ?")
        args.append(filters.since)
    if filters.until:
        parts.append("r.started < ?")
        args.append(filters.until + "T99")
    for column, value in (
        ("r.technician", filters.technician),
        ("r.device_name || ' ' || r.device_host", filters.device),
    ):
        if value:
            parts.append(f"lower({column}) LIKE ? ESCAPE '!'")
            args.append(f"%{like_escape(value.lower())}%")
    if filters.outcome == "none":
        parts.append("r.outcome IS NULL")
    elif filters.outcome:
        parts.append("r.outcome = ?")
        args.append(filters.outcome)
    for op, score in ((">=", filters.min_score), ("<=", filters.max_score)):
        if score is not None:
            parts.append(f"r.score {op} ?")
            args.append(score)
    for column, exact in (("r.customer_lang", filters.customer_lang), ("r.platform", filters.platform)):
        if exact:
            parts.append(f"{column} = ?")
            args.append(exact)
    for column, flag in (("r.escalated", filters.escalated), ("r.followup_open", filters.followup_open)):
        if flag is not None:
            parts.append(f"{column} = ?")
            args.append(int(flag))
    return (" AND ".join(parts) or "1 = 1"), args


def filters_from_json(data: dict[str, Any] | None) -> Filters:
    known = {name: value for name, value in (data or {}).items() if name in Filters.__dataclass_fields__}
    return Filters(**known)


def filters_to_json(filters: Filters | None) -> dict[str, Any]:
    return {k: v for k, v in asdict(filters or Filters()).items() if v not in ("", None)}


def _match(tx: Tx, text: str) -> tuple[str, str, list[Any]] | None:
    """(FROM clause, WHERE part, args) matching documents for *text*, or None when it has no words."""
    terms = parse_query(text)
    if not terms:
        return None
    if tx.kind == "postgresql":
        query = tsquery(terms)
        tx.one("SELECT set_config('valuezone.query', ?, true)", (query,))  # doc_terms shows only matches
        return "doc_terms m JOIN docs d ON d.id = m.id", "m.terms @@ ?::tsquery", [query]
    return "docs_fts f JOIN docs d ON d.id = f.rowid", "docs_fts MATCH ?", [fts5_query(terms)]


def _newest_matches(
    tx: Tx, actor: Actor, text: str, filters: Filters | None, limit: int, columns: str
) -> list[tuple[Any, ...]]:
    """*columns* of the newest *limit* documents matching *text* that *actor* may see, newest first.

    The ids come first (PostgreSQL: `_newest_ids`; SQLite: `_newest_fts_ids`), then one query reads
    their documents and records.
    """
    match = _match(tx, text)
    if match is None:
        return []
    source, condition, args = match
    seen, seen_args = visible(actor)
    where, where_args = filters_clause(filters)
    if tx.kind != "postgresql":
        found = _newest_fts_ids(tx, args[0], f"{seen} AND {where}", [*seen_args, *where_args], limit)
    elif filters is not None and filters != Filters():  # conditions on the records: one query, joined
        sql = f"SELECT {columns} FROM {source} JOIN records r ON r.id = d.record "
        sql += f"WHERE {condition} AND {seen} AND {where} ORDER BY d.id DESC LIMIT ?"
        return tx.rows(sql, [*args, *seen_args, *where_args, limit])
    else:
        found = _newest_ids(tx, actor, condition, args, limit)
    if not found:
        return []
    marks = ",".join("?" for _ in found)
    sql = f"SELECT {columns} FROM docs d JOIN records r ON r.id = d.record "
    sql += f"WHERE d.id IN ({marks}) AND {seen} ORDER BY d.id DESC"
    return tx.rows(sql, [*found, *seen_args])


def _newest_fts_ids(tx: Tx, query: str, allowed: str, allowed_args: list[Any], limit: int) -> list[int]:
    """SQLite: FTS5 hands matches newest first; pages of them are checked against *allowed* (SQL on
    records ``r``) until *limit* pass. Only the pages read are joined."""
    found: list[int] = []
    below, page = 1 << 62, FTS_PAGE
    while len(found) < limit:
        batch = [row[0] for row in tx.rows(
            "SELECT rowid FROM docs_fts WHERE docs_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?",
            (query, below, page),
        )]  # fmt: skip
        if not batch:
            break
        marks = ",".join("?" for _ in batch)
        sql = (
            f"SELECT d.id FROM docs d JOIN records r ON r.id = d.record WHERE d.id IN ({marks}) AND {allowed}"
        )
        ok = {row[0] for row in tx.rows(sql, [*batch, *allowed_args])}
        found += [doc for doc in batch if doc in ok][: limit - len(found)]
        below, page = batch[-1], min(page * 4, 20_000)
    return found


def _newest_ids(tx: Tx, actor: Actor, condition: str, args: list[Any], limit: int) -> list[int]:
    """The ids of the newest *limit* matching documents *actor* may see, chosen on doc_terms alone (it
    carries each record's owner and teams): walked newest first, then through the GIN index (which is
    only ever read as a bitmap). The planner cannot judge the words' frequency here, so it is told."""
    mine, mine_args = visible(actor, "m", escalated=ESCALATED_DOC)
    sql = (
        f"SELECT m.id FROM doc_terms m WHERE {condition} AND {mine} AND m.id > ? AND m.id <= ? "
        "ORDER BY m.id DESC LIMIT ?"
    )

    def run(low: int, high: int, wanted: int, *, walk: bool) -> list[int]:
        tx.cursor.execute(_READ_BY_WALKING if walk else _READ_BY_INDEX)
        return [row[0] for row in tx.rows(sql, [*args, *mine_args, low, high, wanted])]

    newest = tx.one("SELECT last_value FROM docs_id_seq")
    top = int(newest[0] if newest else 0)
    edge = top - WINDOW
    found = run(edge, top, limit, walk=True)
    if 0 < len(found) < limit:  # some, not enough: walk on as far as their density says, if not too far
        needed = WINDOW * (limit - len(found)) * 3 // (2 * len(found))
        if needed <= WALK_MAX:
            found += run(edge - needed, edge, limit - len(found), walk=True)
            edge -= needed
    if len(found) < limit:
        found += run(-1, edge, limit - len(found), walk=False)
    tx.cursor.execute(_READ_AS_USUAL)
    return found


def search(tx: Tx, actor: Actor, text: str, *, limit: int = 50, filters: Filters | None = None) -> list[Hit]:
    """The newest *limit* places matching *text* in records *actor* may see (and *filters* passes)."""
    columns = "d.body, d.kind, d.t, r.id, r.session_id, r.started, r.technician, r.device_name"
    rows = _newest_matches(tx, actor, text, filters, min(max(limit, 1), MAX_HITS), columns)
    pattern = highlight_pattern(text)
    hits = []
    for body, kind, t, record_id, session_id, started, technician, device in rows:
        text_part, spans = snippet(body, pattern)
        hits.append(
            Hit(record_id, session_id, session_id, started, technician, device, kind, t, text_part, spans)
        )
    return hits


def selection(tx: Tx, actor: Actor, filters: Filters | None = None, text: str = "") -> tuple[str, list[Any]]:
    """SQL on records ``r`` for the sessions *actor* may see that pass *filters*; with *text*, only the
    sessions of the newest SESSION_HITS places its words occur. The sessions list and its report share it."""
    seen, args = visible(actor)
    where, where_args = filters_clause(filters)
    clause = f"{seen} AND {where}"
    args = [*args, *where_args]
    if parse_query(text):
        found = sorted({row[0] for row in _newest_matches(tx, actor, text, filters, SESSION_HITS, "r.id")})
        clause += f" AND r.id IN ({','.join('?' for _ in found) or 'NULL'})"
        args += found
    return clause, args


def session_rows(tx: Tx, actor: Actor, filters: Filters | None = None, *, text: str = "") -> list[SessionRow]:
    """The sessions *actor* may see that pass *filters*, newest first (at most 5,000). With *text*: the
    sessions of the newest SESSION_HITS places its words occur."""
    clause, args = selection(tx, actor, filters, text)
    rows = tx.rows(
        "SELECT r.id, r.session_id, r.started, r.duration, r.technician, r.device_name, r.outcome, r.score, "
        "r.customer_lang, r.escalated, r.followup_open, r.summary "
        f"FROM records r WHERE {clause} ORDER BY r.started DESC LIMIT 5000",
        args,
    )
    tags: dict[int, list[str]] = {}
    if rows:
        for record, tag in tx.rows(
            f"SELECT t.record, t.tag FROM tags t JOIN records r ON r.id = t.record WHERE {clause}", args
        ):
            if tag not in tags.setdefault(record, []):
                tags[record].append(tag)
    return [
        SessionRow(row[0], row[1], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8],
                   bool(row[9]), bool(row[10]), row[11], tuple(tags.get(row[0], ())))
        for row in rows
    ]  # fmt: skip


def open_followups(tx: Tx, actor: Actor) -> list[OpenFollowUp]:
    """Open follow-ups in records *actor* may see, the earliest due first."""
    seen, args = visible(actor)
    rows = tx.rows(
        "SELECT r.session_id, r.started, r.device_name, r.technician, coalesce(r.followup_due, ''), "
        "coalesce(r.outcome, ''), r.comment, r.summary, r.score FROM records r "
        f"WHERE r.followup_open = 1 AND {seen} ORDER BY coalesce(r.followup_due, '9999'), r.started",
        args,
    )
    return [OpenFollowUp(*row) for row in rows]


def find_record(tx: Tx, actor: Actor, session_id: str) -> tuple[int, str] | None:
    """(record id, owner) of a session *actor* may see, or None (unknown and hidden look the same)."""
    seen, args = visible(actor)
    row = tx.one(
        f"SELECT r.id, r.owner FROM records r WHERE r.session_id = ? AND {seen}", [session_id, *args]
    )
    return None if row is None else (int(row[0]), str(row[1]))


def languages(tx: Tx, actor: Actor, column: str = "customer_lang") -> list[str]:
    """The customer languages (or, *column* ``platform``, the device platforms) in records *actor* may see."""
    assert column in ("customer_lang", "platform")
    seen, args = visible(actor)
    rows = tx.rows(
        f"SELECT DISTINCT r.{column} FROM records r WHERE r.{column} <> '' AND {seen} ORDER BY 1", args
    )
    return [row[0] for row in rows]


def hit_to_json(hit: Hit) -> dict[str, Any]:
    return {**hit.to_json(), "record_id": hit.record_id}


def hit_from_json(data: dict[str, Any]) -> Hit:
    return Hit(
        int(data.get("record_id", 0)), str(data["folder"]), str(data["session"]), str(data["started"]),
        str(data["technician"]), str(data["device"]), str(data["kind"]), float(data["t"]),
        str(data["snippet"]), tuple((int(a), int(b)) for a, b in data.get("highlights", [])),
    )  # fmt: skip


def row_to_json(row: SessionRow) -> dict[str, Any]:
    return {**asdict(row), "tags": list(row.tags)}


def row_from_json(data: dict[str, Any]) -> SessionRow:
    fields = {name: data.get(name) for name in SessionRow.__dataclass_fields__}
    fields["tags"] = tuple(data.get("tags") or ())
    return SessionRow(**fields)  # type: ignore[arg-type]
