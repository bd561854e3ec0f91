"""What leads act on: team reports, and campaigns that follow up every session a recurring finding hit.

A campaign starts from a recurring finding's label ("md degraded on DSM 7.2"): every session the lead
may see with that finding (warn or fail) gets a `followup.opened` event (reason `campaign`, the campaign's
id and label) and a campaign line; closing the session's follow-up, on the server or on the
technician's machine and pushed, closes its line. The campaign is tracked until every line is closed.
"""

from __future__ import annotations

import re
from typing import Any

from sessions.team.access import require, visible
from sessions.team.appends import append_event
from sessions.team.context import Context, Operation, audit, bad_request, number, text
from sessions.team.database import Actor, Tx
from sessions.team.indexing import now_text
from sessions.team.protocol import TeamRefusal
from sessions.team.queries import filters_from_json, filters_to_json
from sessions.team.reports import team_report
from sessions.team.roles import Role

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LABEL = "CASE WHEN r.platform <> '' THEN f.summary || ' on ' || r.platform ELSE f.summary END"


def _date(request: dict[str, Any], name: str, *, default: str = "") -> str:
    value = text(request, name, default=default, limit=10)
    if value and not _DATE.match(value):
        raise bad_request(f"{name} must be a date written YYYY-MM-DD.")
    return value


def op_report(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    """The team report; over the sessions the sessions list shows for ``filters`` and ``query`` when
    given (``since`` alone: every session started on or after it)."""
    since = _date(request, "since")
    query = text(request, "query", default="", limit=1000)
    filters = filters_from_json(request.get("filters"))
    with ctx.database.tx(ctx.actor, write=ctx.audited) as tx:
        report = team_report(tx, ctx.actor, since, filters=filters, text=query)
        if ctx.audited:
            audit(
                tx,
                ctx.actor,
                "report.exported",
                since=since,
                filters=filters_to_json(filters),
                query=query,
                sessions=report["report"]["sessions"],
            )
    return report


def affected(tx: Tx, actor: Actor, label: str, since: str = "") -> list[dict[str, Any]]:
    """Every session *actor* may see whose warn/fail finding carries *label*, oldest first."""
    seen, args = visible(actor)
    rows = tx.rows(
        "SELECT DISTINCT r.id, r.session_id, r.started, r.technician, r.device_name, r.device_host, "
        "r.followup_open FROM records r JOIN findings f ON f.record = r.id "
        f"WHERE f.status IN ('warn', 'fail') AND {_LABEL} = ? AND r.started >= ? AND {seen} "
        "ORDER BY r.started",
        [label, since, *args],
    )
    names = ("record_id", "session_id", "started", "technician", "device", "host", "followup_open")
    return [dict(zip(names, row, strict=True)) for row in rows]


def op_campaign_preview(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    require(ctx.actor, Role.LEAD, Role.ADMIN, what="start campaigns")
    label = text(request, "label", limit=500)
    with ctx.database.tx(ctx.actor, write=True) as tx:
        sessions = affected(tx, ctx.actor, label, _date(request, "since"))
        audit(tx, ctx.actor, "campaign.previewed", label=label, sessions=[s["session_id"] for s in sessions])
    devices = sorted({(s["device"], s["host"]) for s in sessions})
    return {"label": label, "sessions": sessions, "devices": [{"device": d, "host": h} for d, h in devices]}


def op_campaign_open(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    """Open a follow-up on every affected session at once."""
    require(ctx.actor, Role.LEAD, Role.ADMIN, what="start campaigns")
    label = text(request, "label", limit=500)
    due = _date(request, "due")
    if not due:
        raise bad_request("A campaign needs a due date (YYYY-MM-DD).")
    note = text(request, "note", default="", limit=2000)
    stamp = now_text()
    with ctx.database.tx(ctx.actor, write=True) as tx:
        sessions = affected(tx, ctx.actor, label, _date(request, "since"))
        if not sessions:
            raise TeamRefusal(
                "not-found",
                f"No session you may see has the finding {label!r}.",
                "Check the label.",
                code="team.finding_unknown",
                params={"label": label},
            )
        row = tx.one(
            "INSERT INTO campaigns(label, created, created_by, teams, due, note) VALUES (?, ?, ?, ?, ?, ?) "
            "RETURNING id",
            (label, stamp, ctx.actor.identity, ",".join(ctx.actor.teams), due, note),
        )
        assert row is not None
        campaign = int(row[0])
        for session in sessions:
            if tx.kind == "postgresql":
                tx.one("SELECT id FROM records WHERE id = ? FOR UPDATE", (session["record_id"],))
            data = {"due": due, "reason": "campaign", "campaign": campaign, "label": label,
                    "author": ctx.member.name, "note": note}  # fmt: skip
            append_event(tx, session["record_id"], "followup.opened", data)
            tx.run(
                "INSERT INTO campaign_members(campaign, record, opened) VALUES (?, ?, ?)",
                (campaign, session["record_id"], stamp),
            )
        audit(tx, ctx.actor, "campaign.opened", label=label, campaign=campaign, sessions=len(sessions))
    return {"campaign": campaign, "sessions": len(sessions)}


def _campaigns_visible(actor: Actor) -> tuple[str, list[Any]]:
    if actor.role in ("admin", "system"):
        return "1 = 1", []
    from sessions.team.access import teams_clause

    clause, args = teams_clause("c.teams", actor.teams)
    return f"(c.created_by = ? OR {clause})", [actor.identity, *args]


def op_campaign_list(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    require(ctx.actor, Role.LEAD, Role.ADMIN, what="follow campaigns")
    where, args = _campaigns_visible(ctx.actor)
    with ctx.database.tx(ctx.actor) as tx:
        rows = tx.rows(
            "SELECT c.id, c.label, c.created, c.created_by, c.due, c.note, "
            "(SELECT count(*) FROM campaign_members m WHERE m.campaign = c.id), "
            "(SELECT count(*) FROM campaign_members m WHERE m.campaign = c.id AND m.closed IS NOT NULL) "
            f"FROM campaigns c WHERE {where} ORDER BY c.created DESC",
            args,
        )
    names = ("id", "label", "created", "created_by", "due", "note", "sessions", "closed")
    return {"campaigns": [dict(zip(names, row, strict=True)) for row in rows]}


def op_campaign_show(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    require(ctx.actor, Role.LEAD, Role.ADMIN, what="follow campaigns")
    campaign = number(request, "campaign", low=1)
    where, args = _campaigns_visible(ctx.actor)
    seen, seen_args = visible(ctx.actor)
    with ctx.database.tx(ctx.actor, write=True) as tx:
        head = tx.one(
            f"SELECT c.id, c.label, c.due FROM campaigns c WHERE c.id = ? AND {where}", [campaign, *args]
        )
        if head is None:
            raise TeamRefusal(
                "not-found",
                f"Campaign {campaign} does not exist or is not yours to see.",
                code="team.campaign_unknown",
                params={"campaign": campaign},
            )
        rows = tx.rows(
            "SELECT r.session_id, r.started, r.technician, r.device_name, r.device_host, m.opened, m.closed, "
            "m.closed_by, m.note FROM campaign_members m JOIN records r ON r.id = m.record "
            f"WHERE m.campaign = ? AND {seen} ORDER BY m.closed IS NOT NULL, r.started",
            [campaign, *seen_args],
        )
        audit(tx, ctx.actor, "campaign.viewed", campaign=campaign, sessions=[row[0] for row in rows])
    names = ("session_id", "started", "technician", "device", "host", "opened", "closed", "closed_by", "note")
    members = [dict(zip(names, row, strict=True)) for row in rows]
    closed = sum(1 for m in members if m["closed"])
    return {"campaign": head[0], "label": head[1], "due": head[2], "members": members, "closed": closed}


OPS: dict[str, Operation] = {
    "report": op_report,
    "campaign.preview": op_campaign_preview,
    "campaign.open": op_campaign_open,
    "campaign.list": op_campaign_list,
    "campaign.show": op_campaign_show,
}
