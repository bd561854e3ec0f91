"""The team report as one self-contained HTML page: the review report, then the tables a lead acts on."""

from __future__ import annotations

import html
from typing import Any

from sessions.archive.reports import duration_text, render_html
from sessions.team.reports import report_from_json

_TABLES = (
    ("technicians", "Per technician"),
    ("teams", "Per team"),
    ("families", "Per platform"),
    ("platforms", "Per platform and firmware"),
)


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f} %"


def _table(title: str, groups: list[dict[str, Any]]) -> str:
    esc = html.escape
    rows = [
        f"<h2>{esc(title)}</h2><table><tr><th>Name</th><th>Sessions</th><th>Resolved</th><th>CSAT</th>"
        "<th>Mean score</th><th>First response (median)</th><th>Resolution (median)</th>"
        "<th>Open follow-ups</th></tr>"
    ]
    for group in groups:
        score = "–" if group["mean_score"] is None else f"{group['mean_score']:.1f}"
        rows.append(
            f"<tr><td>{esc(group['name'])}</td><td>{group['sessions']}</td><td>{group['resolved']}</td>"
            f"<td>{percent(group['csat'])} ({group['surveys']})</td><td>{score}</td>"
            f"<td>{duration_text(group['median_first_response'])}</td>"
            f"<td>{duration_text(group['median_resolution'])}</td><td>{group['open_followups']}</td></tr>"
        )
    rows.append("</table>")
    return "".join(rows)


def render_team_html(team: dict[str, Any], charts: dict[str, bytes] | None = None) -> str:
    """The page for a team report (`team_report`'s JSON); *charts* as for the archive's report."""
    page = render_html(report_from_json(team["report"]), charts)
    parts = [
        "<h1>Team</h1>",
        f"<p>CSAT (surveys scoring 8–10): <b>{percent(team.get('csat'))}</b></p>",
        "<h2>Open follow-ups by age</h2><table><tr><th>Since the session</th><th>Open</th></tr>",
        *(f"<tr><td>{html.escape(b['age'])}</td><td>{b['open']}</td></tr>" for b in team["followups_by_age"]),
        "</table>",
        *(_table(title, team.get(key) or []) for key, title in _TABLES),
    ]
    page = page.replace("<h1>Session review</h1>", "<h1>Team review</h1>", 1)
    return page.replace("</body></html>", "".join(parts) + "</body></html>")
