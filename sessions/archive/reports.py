"""Weekly-meeting reports over the index: recurring findings and tags, follow-ups, scores, response times."""

from __future__ import annotations

import base64
import contextlib
import html
import os
import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sessions.archive.index import ArchiveIndex
from sessions.archive.schema import ArchiveIndexError
from sessions.archive.search import Filters, selection

OUTCOMES = ("resolved", "workaround", "escalated", "not_resolved")
#: Chart images the HTML export embeds when given, in this order, with these titles.
CHARTS = {
    "scores": "Score distribution",
    "outcomes": "Outcomes",
    "recurring": "Recurring findings and tags",
}
SATISFIED = 8  # CSAT: the share of answered surveys scoring 8-10 out of 10


@dataclass(frozen=True, slots=True)
class Recurring:
    """Something seen in more than one session: ``label`` (e.g. "md degraded on DSM 7.2") and where."""

    kind: str  # finding | tag
    label: str
    sessions: int
    folders: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FollowUp:
    folder: str
    started: str
    technician: str
    device: str
    due: str
    summary: str


@dataclass(frozen=True, slots=True)
class Comment:
    score: int | None
    comment: str
    folder: str


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the report shows, over the sessions passing ``filters`` and containing ``search``
    (``since`` is ``filters.since``: '' for the whole archive)."""

    since: str
    made: str
    sessions: int
    outcomes: dict[str, int]
    recurring: tuple[Recurring, ...]
    followups: tuple[FollowUp, ...]
    scores: dict[int, int]  # 0..10 -> sessions
    comments: tuple[Comment, ...]
    median_first_response: float | None  # seconds
    median_resolution: float | None  # seconds
    failed: tuple[tuple[str, str], ...] = ()  # (folder, reason): failed verification, not counted
    prepared_by: str = ""  # who made it: the technician's name and company (Settings ▸ Identity)
    filters: Filters = field(default_factory=Filters)
    search: str = ""  # words every session counted contains

    @property
    def surveys(self) -> int:
        """Answered surveys (sessions with a score)."""
        return sum(self.scores.values())

    @property
    def csat(self) -> float | None:
        """The share (0-1) of answered surveys scoring SATISFIED or more; None without surveys."""
        satisfied = sum(count for score, count in self.scores.items() if score >= SATISFIED)
        return satisfied / self.surveys if self.surveys else None


def build_report(
    index: ArchiveIndex, filters: Filters | None = None, text: str = "", prepared_by: str = ""
) -> Report:
    """The report over the sessions the sessions table shows for *filters* and the words *text*: the
    counts, charts, recurring findings, CSAT, comments and open follow-ups of those sessions only;
    *prepared_by* names who made it (Settings ▸ Identity)."""
    filters = filters or Filters()
    where, args = selection(filters, text)
    intact = f"{where} AND r.integrity = 'intact'"
    with index.lock:
        conn = index.conn
        rows = conn.execute(
            "SELECT r.outcome, r.score, r.comment, r.folder, r.first_response, r.resolution FROM records r "
            f"WHERE {intact} ORDER BY r.started",
            args,
        ).fetchall()
        findings = conn.execute(
            "SELECT f.check_name, f.summary, r.platform, r.folder "
            "FROM findings f JOIN records r ON r.id = f.record "
            f"WHERE {intact} AND f.status IN ('warn', 'fail')",
            args,
        ).fetchall()
        tags = conn.execute(
            f"SELECT t.tag, r.folder FROM tags t JOIN records r ON r.id = t.record WHERE {intact}", args
        ).fetchall()
        followups = conn.execute(
            "SELECT r.folder, r.started, r.technician, r.device_name, coalesce(r.followup_due, ''), "
            f"r.summary FROM records r WHERE {intact} AND r.followup_open = 1 "
            "ORDER BY coalesce(r.followup_due, '9999'), r.started",
            args,
        ).fetchall()
        failed = conn.execute(
            f"SELECT r.folder, r.problem FROM records r WHERE {where} AND r.integrity <> 'intact' "
            "ORDER BY r.folder",
            args,
        ).fetchall()
    outcomes = {name: 0 for name in OUTCOMES}
    scores = {score: 0 for score in range(11)}
    for outcome, score, *_ in rows:
        if outcome in outcomes:
            outcomes[outcome] += 1
        if isinstance(score, int) and 0 <= score <= 10:
            scores[score] += 1
    comments = tuple(Comment(row[1], row[2], row[3]) for row in rows if row[2])
    return Report(
        since=filters.since,
        made=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        sessions=len(rows),
        outcomes=outcomes,
        recurring=recurring_items(findings, tags),
        followups=tuple(FollowUp(*row) for row in followups),
        scores=scores,
        comments=comments,
        median_first_response=_median([row[4] for row in rows]),
        median_resolution=_median([row[5] for row in rows]),
        failed=tuple((folder, problem) for folder, problem in failed),
        filters=filters,
        search=text.strip(),
        prepared_by=prepared_by,
    )


def recurring_items(
    findings: list[tuple[str, str, str, str]], tags: list[tuple[str, str]]
) -> tuple[Recurring, ...]:
    groups: dict[tuple[str, str], set[str]] = {}
    for _check, summary, platform, folder in findings:
        label = f"{summary} on {platform}" if platform else summary
        groups.setdefault(("finding", label), set()).add(folder)
    for tag, folder in tags:
        groups.setdefault(("tag", tag), set()).add(folder)
    items = [
        Recurring(kind, label, len(folders), tuple(sorted(folders)))
        for (kind, label), folders in groups.items()
        if len(folders) > 1
    ]
    return tuple(sorted(items, key=lambda item: (-item.sessions, item.kind, item.label)))


def _median(values: list[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


def duration_text(seconds: float | None) -> str:
    """``1 h 02 min``, ``3 min 20 s``, ``45 s``; an en dash when unknown."""
    if seconds is None:
        return "–"
    whole = round(seconds)
    if whole >= 3600:
        return f"{whole // 3600} h {whole % 3600 // 60:02d} min"
    if whole >= 60:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole} s"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def percent(share: float | None) -> str:
    """``83%``; an en dash when there is nothing to count."""
    return "–" if share is None else f"{round(share * 100)}%"


def describe(filters: Filters, text: str = "") -> str:
    """Which sessions a report counts, in words: ``in the archive``, or ``started 2025-03-01 to
    2025-03-07, technician "kim", containing "disk"`` (the header of the HTML page)."""
    parts = []
    if filters.since or filters.until:
        parts.append(
            f"started {filters.since} to {filters.until}"
            if filters.since and filters.until
            else (f"started on or after {filters.since}" if filters.since else f"started by {filters.until}")
        )
    for name, value in (("technician", filters.technician), ("device", filters.device)):
        if value:
            parts.append(f'{name} "{value}"')
    if filters.outcome:
        parts.append(
            "no outcome recorded"
            if filters.outcome == "none"
            else f"outcome {filters.outcome.replace('_', ' ')}"
        )
    if filters.platform:
        parts.append(f"platform {filters.platform}")
    if filters.min_score is not None or filters.max_score is not None:
        low = 0 if filters.min_score is None else filters.min_score
        high = 10 if filters.max_score is None else filters.max_score
        parts.append(f"score {low}–{high}")
    if filters.customer_lang:
        parts.append(f"customer language {filters.customer_lang}")
    if filters.escalated is not None:
        parts.append("escalated" if filters.escalated else "not escalated")
    if filters.followup_open is not None:
        parts.append("follow-up open" if filters.followup_open else "no open follow-up")
    if text.strip():
        parts.append(f'containing "{text.strip()}"')
    return ", ".join(parts) if parts else "in the archive"


def render_html(report: Report, charts: dict[str, bytes] | None = None) -> str:
    """A self-contained HTML page; *charts* maps names in CHARTS to PNG bytes, embedded as data URIs."""
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Valuezone review report {esc(report.made)}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}"
        "img{max-width:100%;display:block;margin:1em 0}</style></head><body>",
        "<h1>Session review</h1>",
        f"<p>{_count(report.sessions, 'session')} {esc(describe(report.filters, report.search))};"
        f" made {esc(report.made)}{' by ' + esc(report.prepared_by) if report.prepared_by else ''}.</p>",
        f"<p>CSAT: {percent(report.csat)} ({_count(report.surveys, 'survey')} answered; satisfied:"
        f" {SATISFIED}–10).</p>",
        "<h2>Response times</h2><ul>",
        f"<li>Median time to first response: {duration_text(report.median_first_response)}</li>",
        f"<li>Median time to resolution: {duration_text(report.median_resolution)}</li></ul>",
        "<h2>Recurring findings and tags</h2>",
    ]
    if report.recurring:
        parts.append("<ul>")
        for item in report.recurring:
            parts.append(f"<li>{esc(item.label)}: {item.sessions} sessions <small>({item.kind})</small></li>")
        parts.append("</ul>")
    else:
        parts.append("<p>Nothing was seen in more than one session.</p>")
    for name, title in CHARTS.items():
        png = (charts or {}).get(name)
        if png:
            data = base64.b64encode(png).decode("ascii")
            parts.append(f'<h2>{esc(title)}</h2><img alt="{esc(title)}" src="data:image/png;base64,{data}">')
    parts.append("<h2>Outcomes</h2><table><tr><th>Outcome</th><th>Sessions</th></tr>")
    parts += [f"<tr><td>{esc(k.replace('_', ' '))}</td><td>{v}</td></tr>" for k, v in report.outcomes.items()]
    parts.append("</table><h2>Scores</h2><table><tr><th>Score</th><th>Sessions</th></tr>")
    parts += [f"<tr><td>{score}</td><td>{count}</td></tr>" for score, count in report.scores.items() if count]
    parts.append("</table><h2>Customer comments</h2>")
    if report.comments:
        parts.append("<ul>")
        for comment in report.comments:
            score = "–" if comment.score is None else str(comment.score)
            parts.append(
                f"<li><b>{score}</b>: {esc(comment.comment)} <small>{esc(comment.folder)}</small></li>"
            )
        parts.append("</ul>")
    else:
        parts.append("<p>No comments.</p>")
    if report.failed:
        parts.append("<h2>Records that failed verification</h2>")
        parts.append("<p>Not counted above: each was changed after it was written, or is damaged.</p><ul>")
        parts += [f"<li>{esc(folder)}: {esc(problem)}</li>" for folder, problem in report.failed]
        parts.append("</ul>")
    parts.append("<h2>Open follow-ups</h2>")
    if report.followups:
        parts.append("<table><tr><th>Due</th><th>Device</th><th>Technician</th><th>Summary</th></tr>")
        for followup in report.followups:
            parts.append(
                f"<tr><td>{esc(followup.due or '–')}</td><td>{esc(followup.device)}</td>"
                f"<td>{esc(followup.technician)}</td><td>{esc(followup.summary)}</td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append("<p>None open.</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def save_page(page: str, out: Path) -> Path:
    """Write the report page to *out* whole or not at all (a half-written report never replaces one)."""
    out = Path(out)
    partial = out.with_name(f".{out.name}.partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(page, encoding="utf-8")
        os.replace(partial, out)
        return out
    except OSError as exc:
        with contextlib.suppress(OSError):  # the partial file, if there is one and a folder to hold it
            partial.unlink(missing_ok=True)
        raise ArchiveIndexError(
            f"The report cannot be written to {out} ({exc.strerror or exc}).",
            "Choose another file or folder, or free some space, and export again.",
            code="archive.report_unwritable",
            params={"path": out, "reason": exc.strerror or exc},
        ) from exc
