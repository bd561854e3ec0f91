"""The small texts of a bundle taken from a session record: findings, terminal, chat and the summary."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sessions.errors import SupportError
from sessions.redaction import Redactor

log = logging.getLogger(__name__)

NOT_TRANSLATED = "(not translated: no translation was available when the bundle was built)"
# async (text, source, target) -> translation; raises on failure (the bundle keeps the original).
SummaryTranslator = Callable[[str, str, str], Awaitable[str]]


@dataclass(frozen=True, slots=True)
class RecordTexts:
    """What a record contributes to a bundle, as plain text (not yet redacted)."""

    findings: list[dict[str, Any]]
    terminal: str
    chat: str
    meta: dict[str, Any]
    summary: str


def _chat_lines(events: Iterator[dict[str, Any]]) -> str:
    out = []
    for event in events:
        data = event.get("data", {})
        who = data.get("from", "?")
        out.append(f"[{event.get('ts', '')}] {who} ({data.get('lang', '?')}): {data.get('text', '')}")
        translation = data.get("translation") or {}
        if translation.get("withheld") == "secret":
            out.append("    → (not translated: it held a secret, redacted above)")
        elif translation.get("text"):
            out.append(
                f"    → ({translation.get('lang', '?')}, {translation.get('provider', '?')}): "
                f"{translation['text']}"
            )
        else:
            out.append("    → (no translation)")
    return "\n".join(out) + ("\n" if out else "")


def _summary_from(meta: dict[str, Any], events: list[dict[str, Any]]) -> str:
    for event in reversed(events):
        text = event.get("data", {}).get("summary")
        if text:
            return str(text)
    return str(meta.get("summary", ""))


def read_record_texts(folder: Path) -> RecordTexts:
    """Findings, terminal text (escape codes stripped), both-language chat and the summary of a record."""
    from sessions.recording import open_record

    record = open_record(folder)
    findings = [dict(e.get("data", {})) for e in record.events("diagnostics.finding")]
    outcomes = list(record.events("outcome"))
    return RecordTexts(
        findings=findings,
        terminal=record.terminal_text(),
        chat=_chat_lines(record.events("chat.message")),
        meta=dict(record.meta),
        summary=_summary_from(record.meta, outcomes),
    )


def findings_from_raw(raw_dir: Path | None) -> list[dict[str, Any]]:
    """findings.json written next to the raw outputs by a diagnostics run, if there is one."""
    if raw_dir is None or not (raw_dir / "findings.json").is_file():
        return []
    try:
        data = json.loads((raw_dir / "findings.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable %s: %s", raw_dir / "findings.json", exc)
        return []
    items = data.get("findings", data) if isinstance(data, dict) else data
    return [dict(item) for item in items if isinstance(item, dict)]


async def translate_summary(
    redactor: Redactor, text: str, source: str, target: str, translate: SummaryTranslator | None
) -> str | None:
    """The summary in HQ's language, translated from its *redacted* text; None when not available."""
    if not text.strip() or translate is None or not target or source == target:
        return None
    try:
        return await translate(redactor.redact(text).text, source or "auto", target)
    except SupportError as exc:
        log.info("summary not translated: %s", exc)
    except Exception as exc:  # the boundary with a translation provider: any failure keeps the original
        log.info("summary not translated (%s: %s)", type(exc).__name__, exc)
    return None


def summary_markdown(
    *,
    ticket: str,
    device: dict[str, Any],
    technician: str,
    created: str,
    original: str,
    original_language: str,
    translation: str | None,
    hq_language: str,
    findings: list[dict[str, Any]],
) -> str:
    """summary.md: the summary in HQ's language with the original beside it, then the findings."""
    name = device.get("name") or device.get("host") or "device"
    lines = [
        f"# Escalation{' ' + ticket if ticket else ''}: {name}",
        "",
        f"- Device: {name} ({device.get('host', '')}:{device.get('port', '')})",
        f"- Technician: {technician or 'unknown'}",
        f"- Created: {created}",
        "",
    ]
    same = not hq_language or hq_language == original_language
    if same:
        lines += [f"## Summary ({original_language or 'original'})", "", original or "(no summary given)", ""]
    else:
        lines += [f"## Summary ({hq_language})", "", translation if translation else NOT_TRANSLATED, ""]
        lines += [
            f"## Original ({original_language or 'original'})",
            "",
            original or "(no summary given)",
            "",
        ]
    if findings:
        lines += ["## Findings", ""]
        for item in findings:
            target = f" ({item['target']})" if item.get("target") else ""
            status = str(item.get("status", "?")).upper()
            lines.append(f"- [{status}] {item.get('check', '?')}{target}: {item.get('summary', '')}")
        lines.append("")
    return "\n".join(lines)
