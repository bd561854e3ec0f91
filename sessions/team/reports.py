"""Team reports on the server: the review report over the team's sessions, and what a lead acts on.

Besides the archive's report (outcomes, recurring findings, scores, comments, response times, open
follow-ups), per technician, per team and per platform/firmware: sessions, resolved share, CSAT, median
time to first response and to resolution, open follow-ups; open follow-ups by age. Computed over the
sessions the asking member may see (a lead: their teams).

CSAT is the share of answered surveys scoring 8–10 out of 10.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from sessions.archive.reports import OUTCOMES, Comment, FollowUp, Report, recurring_items
from sessions.archive.search import Filters
from sessions.team.database import Actor, Tx
from sessions.team.queries import filters_from_json, selection

SATISFIED = 8
AGE_BUCKETS = ((2, "0–2 days"), (7, "3–7 days"), (30, "8–30 days"), (None, "over 30 days"))


@dataclass(slots=True)
class Group:
    """One line of a per-technician, per-team or per-platform table."""

    name: str
    sessions: int = 0
    resolved: int = 0
    scores: list[int] = field(default_factory=list)
    first_responses: list[float] = field(default_factory=list)
    resolutions: list[float] = field(default_factory=list)
    open_followups: int = 0

    def add(self, row: dict[str, Any]) -> None:
        self.sessions += 1
        self.resolved += row["outcome"] in ("resolved", "workaround")
        if isinstance(row["score"], int):
            self.scores.append(row["score"])
        if row["first_response"] is not None:
            self.first_responses.append(row["first_response"])
        if row["resolution"] is not None:
            self.resolutions.append(row["resolution"])
        self.open_followups += bool(row["followup_open"])

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "sessions": self.sessions,
            "resolved": self.resolved,
            "surveys": len(self.scores),
            "csat": csat(self.scores),
            "mean_score": round(statistics.fmean(self.scores), 2) if self.scores else None,
            "median_first_response": _median(self.first_responses),
            "median_resolution": _median(self.resolutions),
            "open_followups": self.open_followups,
        }


def csat(scores: list[int]) -> float | None:
    """Share (0–1) of answered surveys scoring SATISFIED or more; None without surveys."""
    return round(sum(score >= SATISFIED for score in scores) / len(scores), 4) if scores else None


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


_COLUMNS = (
    "id", "session_id", "started", "technician", "owner_name", "teams", "device_name", "platform", "outcome",
    "score", "comment", "first_response", "resolution", "followup_open", "followup_due", "summary",
)  # fmt: skip


def team_report(
    tx: Tx,
    actor: Actor,
    since: str = "",
    today: date | None = None,
    *,
    filters: Filters | None = None,
    text: str = "",
) -> dict[str, Any]:
    """The report over the sessions *actor* may see that the sessions list shows for *filters* and the
    words *text* (*since*, YYYY-MM-DD: sessions started on or after it, when *filters* names no date)."""
    filters = filters or Filters()
    if since and not filters.since:
        filters = replace(filters, since=since)
    where, args = selection(tx, actor, filters, text)
    rows = [
        dict(zip(_COLUMNS, row, strict=True))
        for row in tx.rows(
            f"SELECT {', '.join('r.' + c for c in _COLUMNS)} FROM records r WHERE {where} ORDER BY r.started",
            args,
        )
    ]
    findings = tx.rows(
        "SELECT f.check_name, f.summary, r.platform, r.session_id "
        "FROM findings f JOIN records r ON r.id = f.record "
        f"WHERE f.status IN ('warn', 'fail') AND {where}",
        args,
    )
    tags = tx.rows(
        f"SELECT t.tag, r.session_id FROM tags t JOIN records r ON r.id = t.record WHERE {where}", args
    )
    base = replace(_base_report(rows, findings, tags, filters.since), filters=filters, search=text.strip())
    return {
        "report": report_to_json(base),
        "technicians": _groups(rows, lambda row: [row["owner_name"] or row["technician"]]),
        "teams": _groups(
            rows, lambda row: (row["teams"] or "").split(",") if row["teams"] else ["(no team)"]
        ),
        "platforms": _groups(rows, lambda row: [row["platform"] or "(unknown)"]),
        "families": _groups(rows, lambda row: [(row["platform"] or "(unknown)").split(" ")[0]]),
        "csat": csat([row["score"] for row in rows if isinstance(row["score"], int)]),
        "followups_by_age": _by_age(rows, today or datetime.now(UTC).date()),
    }


def _base_report(rows: list[dict[str, Any]], findings: list[Any], tags: list[Any], since: str) -> Report:
    outcomes = {name: 0 for name in OUTCOMES}
    scores = {score: 0 for score in range(11)}
    for row in rows:
        if row["outcome"] in outcomes:
            outcomes[row["outcome"]] += 1
        if isinstance(row["score"], int) and 0 <= row["score"] <= 10:
            scores[row["score"]] += 1
    followups = [
        FollowUp(row["session_id"], row["started"], row["technician"], row["device_name"],
                 row["followup_due"] or "", row["summary"])
        for row in sorted(rows, key=lambda r: (r["followup_due"] or "9999", r["started"]))
        if row["followup_open"]
    ]  # fmt: skip
    return Report(
        since=since,
        made=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        sessions=len(rows),
        outcomes=outcomes,
        recurring=recurring_items([tuple(f) for f in findings], [tuple(t) for t in tags]),  # type: ignore[misc]
        followups=tuple(followups),
        scores=scores,
        comments=tuple(
            Comment(row["score"], row["comment"], row["session_id"]) for row in rows if row["comment"]
        ),
        median_first_response=_median([r["first_response"] for r in rows if r["first_response"] is not None]),
        median_resolution=_median([r["resolution"] for r in rows if r["resolution"] is not None]),
    )


def _groups(rows: list[dict[str, Any]], keys: Any) -> list[dict[str, Any]]:
    groups: dict[str, Group] = {}
    for row in rows:
        for key in keys(row):
            groups.setdefault(key, Group(key)).add(row)
    return [group.to_json() for group in sorted(groups.values(), key=lambda g: (-g.sessions, g.name))]


def _by_age(rows: list[dict[str, Any]], today: date) -> list[dict[str, Any]]:
    """Open follow-ups by days since their session started."""
    counts = {label: 0 for _limit, label in AGE_BUCKETS}
    for row in rows:
        if not row["followup_open"]:
            continue
        age = (today - date.fromisoformat(row["started"][:10])).days
        label = next(label for limit, label in AGE_BUCKETS if limit is None or age <= limit)
        counts[label] += 1
    return [{"age": label, "open": count} for label, count in counts.items()]


def report_to_json(report: Report) -> dict[str, Any]:
    data = asdict(report)
    data["scores"] = {str(k): v for k, v in report.scores.items()}
    return data


def report_from_json(data: dict[str, Any]) -> Report:
    from sessions.archive.reports import Recurring

    return Report(
        since=data["since"],
        made=data["made"],
        sessions=int(data["sessions"]),
        outcomes=dict(data["outcomes"]),
        recurring=tuple(
            Recurring(r["kind"], r["label"], r["sessions"], tuple(r["folders"])) for r in data["recurring"]
        ),
        followups=tuple(FollowUp(**f) for f in data["followups"]),
        scores={int(k): int(v) for k, v in data["scores"].items()},
        comments=tuple(Comment(**c) for c in data["comments"]),
        median_first_response=data["median_first_response"],
        median_resolution=data["median_resolution"],
        failed=tuple((str(a), str(b)) for a, b in data.get("failed") or ()),
        prepared_by=str(data.get("prepared_by") or ""),
        filters=filters_from_json(data.get("filters")),
        search=str(data.get("search") or ""),
    )
