"""Weekly-meeting reports over the index: recurring findings and tags, follow-ups, scores, response times."""

from __future__ import annotations

import base64
import html
import statistics
from dataclasses import dataclass
from datetime import UTC, datetime

from sessions.archive.index import ArchiveIndex

OUTCOMES = ("resolved", "workaround", "escalated", "not_resolved")
#: Chart images the HTML export embeds when given, in this order, with these titles.
CHARTS = {
    "scores": "Score distribution",
    "outcomes": "Outcomes",
    "recurring": "Recurring findings and tags",
}


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
    """Everything the report shows; ``since`` is '' for the whole archive."""

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


def build_report(index: ArchiveIndex, since: str = "") -> Report:
    """The report over sessions started on or after *since* (YYYY-MM-DD), or all of them."""
    with index.lock:
        conn = index.conn
        rows = conn.execute(
            "SELECT outcome, score, comment, folder, first_response, resolution FROM records "
            "WHERE started >= ? AND integrity = 'intact' ORDER BY started",
            (since,),
        ).fetchall()
        findings = conn.execute(
            "SELECT f.check_name, f.summary, r.platform, r.folder "
            "FROM findings f JOIN records r ON r.id = f.record "
            "WHERE r.started >= ? AND f.status IN ('warn', 'fail') AND r.integrity = 'intact'",
            (since,),
        ).fetchall()
        tags = conn.execute(
            "SELECT t.tag, r.folder FROM tags t JOIN records r ON r.id = t.record "
            "WHERE r.started >= ? AND r.integrity = 'intact'",
            (since,),
        ).fetchall()
        followups = conn.execute(
            "SELECT folder, started, technician, device_name, coalesce(followup_due, ''), summary "
            "FROM records "
            "WHERE followup_open = 1 AND integrity = 'intact' "
            "ORDER BY coalesce(followup_due, '9999'), started"
        ).fetchall()
        failed = conn.execute(
            "SELECT folder, problem FROM records WHERE integrity <> 'intact' AND started >= ? "
            "ORDER BY folder",
            (since,),
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
        since=since,
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
        f"<p>{report.sessions} sessions {'since ' + esc(report.since) if report.since else 'in the archive'};"
        f" made {esc(report.made)}.</p>",
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
