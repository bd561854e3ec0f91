"""Team-server operations for review: search, the sessions list, follow-ups, notes and tags.

Reads by leads, hq and admins are written to the audit table in the same transaction, so nothing is
shown that was not recorded as seen.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sessions.team.appends import append_event
from sessions.team.context import Context, Operation, audit, bad_request, number, text
from sessions.team.database import Tx
from sessions.team.queries import (
    filters_from_json,
    filters_to_json,
    find_record,
    hit_to_json,
    languages,
    open_followups,
    row_to_json,
    search,
    session_rows,
)
from sessions.team.record_ops import not_found


def op_search(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    query = text(request, "query", limit=1000)
    limit = number(request, "limit", default=50, low=1, high=1000)
    filters = filters_from_json(request.get("filters"))
    with ctx.database.tx(ctx.actor, write=ctx.audited) as tx:
        hits = search(tx, ctx.actor, query, limit=limit, filters=filters)
        if ctx.audited:
            found = sorted({hit.session_id for hit in hits})
            audit(tx, ctx.actor, "search", query=query, filters=filters_to_json(filters), sessions=found)
    return {"hits": [hit_to_json(hit) for hit in hits]}


def op_sessions(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    query = text(request, "query", default="", limit=1000)
    filters = filters_from_json(request.get("filters"))
    with ctx.database.tx(ctx.actor, write=ctx.audited) as tx:
        rows = session_rows(tx, ctx.actor, filters, text=query)
        if ctx.audited:
            audit(
                tx,
                ctx.actor,
                "sessions.listed",
                query=query,
                filters=filters_to_json(filters),
                count=len(rows),
            )
    return {"rows": [row_to_json(row) for row in rows]}


def op_languages(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    with ctx.database.tx(ctx.actor) as tx:
        return {"languages": languages(tx, ctx.actor), "platforms": languages(tx, ctx.actor, "platform")}


def op_followups(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    with ctx.database.tx(ctx.actor, write=ctx.audited) as tx:
        rows = open_followups(tx, ctx.actor)
        if ctx.audited:
            audit(tx, ctx.actor, "followups.listed", count=len(rows))
    return {"followups": [asdict(row) for row in rows]}


def lock_record(tx: Tx, ctx: Context, session_id: str) -> tuple[int, str]:
    """(id, owner) of a session the actor may see, locked for an append; TeamRefusal when not."""
    found = find_record(tx, ctx.actor, session_id)
    if found is None:
        raise not_found(session_id)
    if tx.kind == "postgresql":
        tx.one("SELECT id FROM records WHERE id = ? FOR UPDATE", (found[0],))
    return found


def op_close_followup(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    session_id = text(request, "session_id", limit=64)
    note = text(request, "note", limit=10_000).strip()
    if not note:
        raise bad_request("Closing a follow-up needs a note (what was done).")
    with ctx.database.tx(ctx.actor, write=True) as tx:
        record_id, owner = lock_record(tx, ctx, session_id)
        append_event(tx, record_id, "followup.closed", {"note": note, "author": ctx.member.name})
        audit(tx, ctx.actor, "followup.closed", session_id, owner=owner)
    return {"session_id": session_id}


def op_note(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    """A lead's note ({text, t?}) or tag ({tag}) on a session, appended to the server's copy."""
    session_id = text(request, "session_id", limit=64)
    data: dict[str, Any]
    if request.get("op") == "tag.add":
        kind, data = "tag", {"author": ctx.member.name, "tag": text(request, "tag", limit=100).strip()}
        if not data["tag"]:
            raise bad_request("A tag needs a word.")
    else:
        kind, data = "annotation", {"author": ctx.member.name, "text": text(request, "text", limit=10_000)}
        at = request.get("t")
        if isinstance(at, (int, float)) and not isinstance(at, bool) and at >= 0:
            data["at"] = float(at)
    with ctx.database.tx(ctx.actor, write=True) as tx:
        record_id, owner = lock_record(tx, ctx, session_id)
        append_event(tx, record_id, kind, data)
        audit(tx, ctx.actor, f"{kind}.added", session_id, owner=owner)
    return {"session_id": session_id}


OPS: dict[str, Operation] = {
    "search": op_search,
    "sessions": op_sessions,
    "languages": op_languages,
    "followups.list": op_followups,
    "followup.close": op_close_followup,
    "note.add": op_note,
    "tag.add": op_note,
}
