"""Searching the archive index: hits (session, time offset, highlighted snippet) and the sessions list."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from sessions.archive.index import ArchiveIndex
from sessions.archive.schema import ArchiveIndexError
from sessions.archive.tokens import fts5_query, highlight_pattern, is_cjk, parse_query

SNIPPET_CHARS = 160
_QUERY_PART = re.compile(r'"([^"]*)"|(\S+)')  # as tokens.parse_query reads a query


@dataclass(frozen=True, slots=True)
class Hit:
    """One place a query matched: which session, how far into it, and the words around the match."""

    record_id: int
    folder: str
    session_id: str
    started: str
    technician: str
    device: str
    kind: str  # terminal | chat | finding | summary | survey | note | tag | escalation
    t: float
    snippet: str  # plain text
    highlights: tuple[tuple[int, int], ...]  # [start, end) of each matched part of the snippet
    pinpointed: bool = False  # a terminal hit's t is the moment its words appear, not its segment's start

    def marked(self, before: str = "[", after: str = "]") -> str:
        """The snippet with every highlighted part wrapped in *before* / *after*."""
        out, last = [], 0
        for start, end in self.highlights:
            out += [self.snippet[last:start], before, self.snippet[start:end], after]
            last = end
        out.append(self.snippet[last:])
        return "".join(out)

    def to_json(self) -> dict[str, Any]:
        return {
            "session": self.session_id,
            "folder": self.folder,
            "started": self.started,
            "technician": self.technician,
            "device": self.device,
            "kind": self.kind,
            "t": round(self.t, 3),
            "snippet": self.snippet,
            "highlights": [list(pair) for pair in self.highlights],
            "pinpointed": self.pinpointed,
        }


@dataclass(frozen=True, slots=True)
class Filters:
    """What the sessions table shows. Empty or None fields do not filter."""

    since: str = ""  # YYYY-MM-DD (UTC), inclusive
    until: str = ""  # YYYY-MM-DD (UTC), inclusive
    technician: str = ""  # substring, any case
    device: str = ""  # substring of name or host
    outcome: str = ""  # resolved | workaround | escalated | not_resolved | none
    min_score: int | None = None
    max_score: int | None = None
    customer_lang: str = ""
    escalated: bool | None = None
    followup_open: bool | None = None
    platform: str = ""  # exact, as the records name it ("DSM 7.2")

    def where(self) -> tuple[str, list[Any]]:
        """SQL conditions on ``records r`` and their parameters."""
        parts: list[str] = []
        args: list[Any] = []
        if self.since:
            parts.append("r.started >= ?")
            args.append(self.since)
        if self.until:
            parts.append("r.started < ?")
            args.append(self.until + "T99")  # every time on that day sorts below "T99"
        for column, value in (
            ("technician", self.technician),
            ("device_name || ' ' || r.device_host", self.device),
        ):
            if value:
                parts.append(f"instr(lower(r.{column}), ?) > 0")
                args.append(value.lower())
        if self.outcome == "none":
            parts.append("r.outcome IS NULL")
        elif self.outcome:
            parts.append("r.outcome = ?")
            args.append(self.outcome)
        if self.min_score is not None:
            parts.append("r.score >= ?")
            args.append(self.min_score)
        if self.max_score is not None:
            parts.append("r.score <= ?")
            args.append(self.max_score)
        for column, value in (("customer_lang", self.customer_lang), ("platform", self.platform)):
            if value:
                parts.append(f"r.{column} = ?")
                args.append(value)
        if self.escalated is not None:
            parts.append("r.escalated = ?")
            args.append(int(self.escalated))
        if self.followup_open is not None:
            parts.append("r.followup_open = ?")
            args.append(int(self.followup_open))
        return (" AND ".join(parts) or "1"), args


@dataclass(frozen=True, slots=True)
class SessionRow:
    """One line of the sessions table."""

    record_id: int
    folder: str
    session_id: str
    started: str
    duration: float | None
    technician: str
    device: str
    outcome: str | None
    score: int | None
    customer_lang: str
    escalated: bool
    followup_open: bool
    summary: str
    tags: tuple[str, ...] = field(default_factory=tuple)
    integrity: str = "intact"  # or "failed": the record failed verification (see problem)
    problem: str = ""

    @property
    def failed(self) -> bool:
        return self.integrity != "intact"


def fts_query(text: str) -> str:
    """A safe FTS5 query from what a person typed (sessions/archive/tokens.py): every word must occur,
    "quoted words" in that order, ``md*`` as a prefix; Korean, Chinese and Japanese are found inside longer
    words (디스크 in 디스크에서). Punctuation is never FTS syntax, so ``mdadm --detail /dev/md0`` is
    searched as typed."""
    return fts5_query(parse_query(text))


def search(index: ArchiveIndex, text: str, *, limit: int = 50, filters: Filters | None = None) -> list[Hit]:
    """The newest *limit* places matching *text* (every word), in sessions passing *filters*."""
    query = fts_query(text)
    if not query:
        return []
    allowed = _record_ids(index, filters) if filters is not None and filters != Filters() else None
    with index.lock:
        try:
            rowids = _matching_rowids(index.conn, query, limit, allowed)
        except sqlite3.OperationalError as exc:
            raise ArchiveIndexError(
                f"The search {text!r} could not run ({exc}).",
                "Try other words.",
                code="archive.search_failed",
                params={"text": text, "exc": exc},
            ) from exc
        marks = ",".join("?" * len(rowids))
        found = {
            row[0]: row[1:]
            for row in index.conn.execute(
                "SELECT d.rowid, d.body, m.kind, m.t, r.id, r.folder, r.session_id, r.started, r.technician, "
                "r.device_name FROM docs d JOIN docmeta m ON m.rowid = d.rowid "
                f"JOIN records r ON r.id = m.record WHERE d.rowid IN ({marks})",
                rowids,
            )
        }
    rows = [found[rowid] for rowid in rowids if rowid in found]
    patterns = (phrase_highlighter(text), highlighter(text))
    return [_hit(row, patterns) for row in rows]


def phrase_highlighter(text: str) -> re.Pattern[str]:
    """The query's terms as they read (``vz-disk-timeout-7`` whole, not its ``7`` anywhere): the snippet
    is cut around the first place the query matched as typed, when the text has one."""
    terms = sorted((pattern.pattern for pattern in term_patterns(text)), key=len, reverse=True)
    return re.compile("|".join(terms) or r"(?!)", re.IGNORECASE)


def highlighter(text: str) -> re.Pattern[str]:
    """The searched words where the index matched them (see tokens.highlight_pattern)."""
    return highlight_pattern(text)


def snippet(
    body: str, pattern: re.Pattern[str], width: int = SNIPPET_CHARS
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About *width* characters of *body* around the first match (newlines as ⏎), and the matches in it."""
    first = pattern.search(body)
    start = max(0, (first.start() if first else 0) - width // 3)
    end = min(len(body), start + width)
    window = body[start:end].strip("\n").replace("\n", " ⏎ ")
    window = ("…" if start > 0 else "") + window + ("…" if end < len(body) else "")
    return window, tuple((m.start(), m.end()) for m in pattern.finditer(window))


def _matching_rowids(conn: sqlite3.Connection, query: str, limit: int, allowed: set[int] | None) -> list[int]:
    if allowed is None:
        sql = "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rowid DESC LIMIT ?"
        return [row[0] for row in conn.execute(sql, (query, limit))]
    found: list[int] = []
    cursor = conn.execute(
        "SELECT d.rowid, m.record FROM docs d JOIN docmeta m ON m.rowid = d.rowid "
        "WHERE docs MATCH ? ORDER BY d.rowid DESC",
        (query,),
    )
    for rowid, record in cursor:
        if record in allowed:
            found.append(rowid)
            if len(found) >= limit:
                break
    return found


def _hit(row: tuple[Any, ...], patterns: tuple[re.Pattern[str], ...]) -> Hit:
    body, kind, t, record_id, folder, session_id, started, technician, device = row
    pattern = next((pattern for pattern in patterns if pattern.search(body)), patterns[-1])
    text, spans = snippet(body, pattern)
    return Hit(record_id, folder, session_id, started, technician, device, kind, t, text, spans)


def _record_ids(index: ArchiveIndex, filters: Filters) -> set[int]:
    where, args = filters.where()
    with index.lock:
        return {row[0] for row in index.conn.execute(f"SELECT r.id FROM records r WHERE {where}", args)}


def selection(filters: Filters | None = None, text: str = "") -> tuple[str, list[Any]]:
    """SQL conditions on ``records r`` for the sessions passing *filters* and containing every word of
    *text*: the one set the sessions table, its report and the report's export all show."""
    where, args = (filters or Filters()).where()
    query = fts_query(text)
    if query:
        where += " AND r.id IN (SELECT m.record FROM docs d JOIN docmeta m ON m.rowid = d.rowid"
        where += " WHERE docs MATCH ?)"
        args.append(query)
    return where, args


def sessions(index: ArchiveIndex, filters: Filters | None = None, *, text: str = "") -> list[SessionRow]:
    """The sessions passing *filters* (and containing every word of *text*, if given), newest first."""
    where, args = selection(filters, text)
    with index.lock:
        rows = index.conn.execute(
            "SELECT r.id, r.folder, r.session_id, r.started, r.duration, r.technician, r.device_name, "
            "r.outcome, r.score, r.customer_lang, r.escalated, r.followup_open, r.summary, "
            "(SELECT group_concat(DISTINCT tag) FROM tags WHERE tags.record = r.id), r.integrity, r.problem "
            f"FROM records r WHERE {where} ORDER BY r.started DESC",
            args,
        ).fetchall()
    return [
        SessionRow(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6],
            row[7],
            row[8],
            row[9],
            bool(row[10]),
            bool(row[11]),
            row[12],
            tuple((row[13] or "").split(",")) if row[13] else (),
            row[14],
            row[15],
        )
        for row in rows
    ]


def languages(index: ArchiveIndex) -> list[str]:
    """The customer languages seen in the archive, for a filter's choices."""
    return _distinct(index, "customer_lang")


def platforms(index: ArchiveIndex) -> list[str]:
    """The device platforms seen in the archive ("DSM 7.2", "QTS 5.1"), for a filter's choices."""
    return _distinct(index, "platform")


def _distinct(index: ArchiveIndex, column: str) -> list[str]:
    with index.lock:
        rows = index.conn.execute(
            f"SELECT DISTINCT {column} FROM records WHERE {column} <> '' AND integrity = 'intact' ORDER BY 1"
        ).fetchall()
    return [row[0] for row in rows]


def term_patterns(text: str) -> list[re.Pattern[str]]:
    """One pattern per thing a query asks for, as it looks in text: a word, or the words of a phrase
    (``"disk error"``, ``/dev/md0``, ``vz-42-x``) in order with anything but letters and digits between.

    Where a hit appears on the screen (the player highlights these) and in the output (the moment the
    player starts from) is where every one of them has been seen.
    """
    found = []
    for match in _QUERY_PART.finditer(text):
        raw = match.group(1) if match.group(1) is not None else match.group(2)
        prefix = raw.rstrip().endswith("*")
        words = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", raw))
        if not words:
            continue
        body = r"[\W_]+".join(re.escape(piece) for piece in words)
        start = "" if is_cjk(words[0][0]) else r"(?<![^\W_])"  # CJK is found inside longer runs too
        end = r"\w*" if prefix else ("" if is_cjk(words[-1][-1]) else r"(?![^\W_])")
        found.append(re.compile(start + body + end, re.IGNORECASE))
    return found
