"""What the index keeps of one record: its facts (who, when, outcome, score …) and searchable documents."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

from sessions.recording import Record, TextExtractor
from sessions.recording.meta import CAST_FILE
from sessions.recording.safeio import MAX_LINE_BYTES, open_regular

#: A terminal document holds at most this much raw output, or this many seconds of it, so that a hit's
#: time offset lands near the words it found.
SEGMENT_CHARS = 2048
SEGMENT_SECONDS = 10.0
RESOLVED = ("resolved", "workaround")


@dataclass(frozen=True, slots=True)
class Doc:
    """One searchable piece: ``kind`` (terminal, chat, finding, …), ``t`` seconds into the session."""

    kind: str
    t: float
    body: str


@dataclass(slots=True)
class Facts:
    """The columns of the records table for one record (see schema.py)."""

    session_id: str = ""
    started: str = ""
    ended: str | None = None
    duration: float | None = None
    technician: str = ""
    device_name: str = ""
    device_host: str = ""
    via: str = ""
    title: str = ""
    platform: str = ""
    outcome: str | None = None
    summary: str = ""
    score: int | None = None
    solved: bool | None = None
    comment: str = ""
    customer_lang: str = ""
    escalated: bool = False
    first_response: float | None = None
    resolution: float | None = None
    followup_due: str | None = None
    followup_open: bool = False
    event_count: int = 0
    last_hash: str = ""
    findings: list[tuple[float, str, str, str, str]] = field(default_factory=list)
    tags: list[tuple[float, str, str]] = field(default_factory=list)


def facts_and_docs(record: Record) -> tuple[Facts, list[Doc]]:
    """Read session.json and events.jsonl: the record's facts and its non-terminal documents."""
    facts = _from_meta(record.meta)
    docs: list[Doc] = []
    chat_t: dict[str, float] = {}
    for event in record.events():
        _apply_event(facts, docs, chat_t, event)
    if facts.outcome in RESOLVED and facts.resolution is None and facts.duration is not None:
        facts.resolution = facts.duration  # an outcome set without an event: resolved by the end
    return facts, docs


def _from_meta(meta: dict[str, Any]) -> Facts:
    device, events = _obj(meta.get("device")), _obj(meta.get("events"))
    score, duration = meta.get("survey_score"), meta.get("duration")
    count = events.get("count")
    return Facts(
        session_id=str(meta.get("session_id", "")),
        started=str(meta.get("started", "")),
        ended=_text(meta.get("ended")) or None,
        duration=float(duration) if _number(duration) else None,
        technician=str(meta.get("technician", "")),
        device_name=str(device.get("name", "")),
        device_host=str(device.get("host", "")),
        via=str(meta.get("via", "")),
        title=str(meta.get("title", "")),
        platform=str(meta.get("platform") or device.get("platform") or ""),
        outcome=_text(meta.get("outcome")) or None,
        summary=str(meta.get("summary") or ""),
        score=score if _number(score) and isinstance(score, int) else None,
        customer_lang=str(meta.get("customer_language") or ""),
        event_count=count if _number(count) and isinstance(count, int) else 0,
        last_hash=str(events.get("last_hash", "")),
    )


def _apply_event(facts: Facts, docs: list[Doc], chat_t: dict[str, float], event: dict[str, Any]) -> None:
    kind, data = _text(event.get("type")), _obj(event.get("data"))
    t = float(event["t"]) if _number(event.get("t")) else 0.0
    if kind == "chat.message":
        _chat(facts, docs, chat_t, t, data)
    elif kind == "chat.translated":
        text = _text(_obj(data.get("translation")).get("text"))
        if text:
            docs.append(Doc("chat", chat_t.get(str(data.get("id")), t), text))
    elif kind == "diagnostics.finding":
        check, target = _text(data.get("check")), _text(data.get("target"))
        status, summary = _text(data.get("status")), _text(data.get("summary"))
        facts.findings.append((t, check, target, status, summary))
        lines = data.get("evidence")
        evidence = "\n".join(_text(line) for line in lines) if isinstance(lines, list) else _text(lines)
        docs.append(Doc("finding", t, f"{check} {target} {status}: {summary}\n{evidence}".strip()))
    elif kind == "outcome":
        facts.outcome = _text(data.get("outcome")) or facts.outcome
        facts.summary = _text(data.get("summary")) or facts.summary
        facts.resolution = t if facts.outcome in RESOLVED else None
        facts.escalated = facts.escalated or facts.outcome == "escalated"
        if facts.summary:
            docs.append(Doc("summary", t, facts.summary))
    elif kind == "survey":
        score = data.get("score")
        facts.score = score if _number(score) and isinstance(score, int) else facts.score
        facts.solved = bool(data.get("solved")) if "solved" in data else facts.solved
        facts.comment = _text(data.get("comment"))
        if facts.comment:
            docs.append(Doc("survey", t, facts.comment))
    elif kind in ("annotation", "tag"):
        _lead(facts, docs, kind, t, data)
    elif kind.startswith("escalation."):
        facts.escalated = True
        words = " ".join(_text(v) for v in data.values() if isinstance(v, str))
        docs.append(Doc("escalation", t, f"{kind} {words}".strip()))
    elif kind == "followup.opened":
        facts.followup_open, facts.followup_due = True, _text(data.get("due")) or None
    elif kind == "followup.closed":
        facts.followup_open = False
        if _text(data.get("note")):
            docs.append(Doc("note", t, _text(data.get("note"))))
    elif kind == "session.ended":
        duration = data.get("duration")
        facts.duration = float(duration) if _number(duration) else facts.duration


def _chat(facts: Facts, docs: list[Doc], chat_t: dict[str, float], t: float, data: dict[str, Any]) -> None:
    sender, lang = _text(data.get("from")), _text(data.get("lang"))
    chat_t[str(data.get("id"))] = t
    if sender == "technician" and facts.first_response is None:
        facts.first_response = t
    if sender == "customer" and lang and not facts.customer_lang:
        facts.customer_lang = lang
    translation = _text(_obj(data.get("translation")).get("text"))
    body = "\n".join(part for part in (_text(data.get("text")), translation) if part)
    if body:
        docs.append(Doc("chat", t, body))


def _lead(facts: Facts, docs: list[Doc], kind: str, t: float, data: dict[str, Any]) -> None:
    """A lead's note or tag. A note may point at a moment of the session (``t`` or ``at``)."""
    if kind == "tag":
        tag = _text(data.get("tag"))
        if tag:
            facts.tags.append((t, tag, _text(data.get("author"))))
            docs.append(Doc("tag", 0.0, tag))
        return
    at = data.get("t", data.get("at"))
    where = float(at) if _number(at) else t
    if _text(data.get("text")):
        docs.append(Doc("note", where, _text(data.get("text"))))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _obj(value: Any) -> dict[str, Any]:
    """*value* when it is a JSON object, else an empty one: payloads are never trusted to have a shape."""
    return value if isinstance(value, dict) else {}


def _number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < 1e12


def terminal_docs(folder: Path) -> Iterator[Doc]:
    """The terminal output as plain-text documents of about SEGMENT_CHARS, each with its start time.

    Faster than ``Record.terminal_chunks``: raw output is joined into segments first and each segment is
    cleaned in one pass, so the regular expressions run over kilobytes instead of one small write each.
    A torn last line (a killed recorder) is skipped, as the reader does.
    """
    extractor = TextExtractor()
    pending: list[str] = []
    size, seg_t, last_t = 0, 0.0, 0.0
    with open_regular(folder / CAST_FILE) as fh:
        fh.readline(MAX_LINE_BYTES)  # the header
        while raw := fh.readline(MAX_LINE_BYTES):
            try:
                t, code, data = json.loads(raw)
            except (ValueError, TypeError):
                break
            if code != "o" or not isinstance(data, str) or not isinstance(t, int | float):
                continue
            if not pending:
                seg_t = float(t)
            elif size >= SEGMENT_CHARS or t - seg_t > SEGMENT_SECONDS:
                text = extractor.feed("".join(pending))
                if text.strip():
                    yield Doc("terminal", seg_t, text)
                pending, size, seg_t = [], 0, float(t)
            pending.append(data)
            size += len(data)
            last_t = float(t)
    text = extractor.feed("".join(pending)) + extractor.flush()
    if text.strip():
        yield Doc("terminal", seg_t if pending else last_t, text)
