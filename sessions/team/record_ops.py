"""Team-server operations on whole records: hello, what is already there, anchors, fetch, verify."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from sessions import __version__
from sessions.recording import verify
from sessions.recording.meta import CAST_FILE, EVENTS_FILE, SESSION_FILE
from sessions.team.context import Context, Operation, audit, bad_request, text
from sessions.team.database import SYSTEM
from sessions.team.indexing import load_files, write_folder
from sessions.team.ingest import anchors_of
from sessions.team.protocol import VERSION, TeamRefusal
from sessions.team.queries import find_record

HAVE_BATCH = 500


def not_found(session_id: str) -> TeamRefusal:
    return TeamRefusal(
        "not-found",
        f"Session {session_id} is not on the team server, or you may not see it.",
        "Check the session id; a lead sees their teams' sessions, hq escalated ones.",
        code="team.session_not_visible",
        params={"session_id": session_id},
    )


def op_hello(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    version = request.get("v", VERSION)
    if version != VERSION:
        raise TeamRefusal(
            "version",
            f"This relay speaks team protocol {VERSION}; the console speaks {version}.",
            "Update Valuezone on the older side.",
            code="team.version_mismatch",
            params={"VERSION": VERSION, "version": version},
        )
    return {
        "v": VERSION,
        "server": f"valuezone {__version__}",
        "database": ctx.database.kind,
        "member": ctx.member.to_json(),
        "limits": {"record_bytes": ctx.max_record, "have_batch": HAVE_BATCH},
    }


def op_have(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    """For each {session_id, count, hash}: missing, same (that head is anchored), behind, foreign, or
    purged (removed by retention: not to be sent again)."""
    items = request.get("items")
    if not isinstance(items, list) or len(items) > HAVE_BATCH:
        raise bad_request(f"'items' must be a list of at most {HAVE_BATCH} records.")
    answers = []
    with ctx.database.tx(SYSTEM) as tx:
        for item in items:
            session_id = text(item, "session_id", limit=64)
            row = tx.one("SELECT id, owner, cast_sha256 FROM records WHERE session_id = ?", (session_id,))
            if row is None:
                gone = tx.one("SELECT 1 FROM purged WHERE session_id = ?", (session_id,)) is not None
                answers.append({"state": "purged" if gone else "missing"})
                continue
            if row[1] != ctx.member.identity:
                answers.append({"state": "foreign"})
                continue
            anchors = {count: hashed for count, hashed, _at in anchors_of(tx, int(row[0]))}
            same = anchors.get(item.get("count")) == item.get("hash")
            answers.append({"state": "same"} if same else {"state": "behind", "cast_sha256": row[2]})
    return {"items": answers}


def op_anchors(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    session_id = text(request, "session_id", limit=64)
    with ctx.database.tx(ctx.actor) as tx:
        found = find_record(tx, ctx.actor, session_id)
        if found is None:
            raise not_found(session_id)
        anchors = anchors_of(tx, found[0])
    return {"anchors": [{"count": c, "hash": h, "at": at} for c, h, at in anchors]}


def op_get(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    """The server copy's three files (audited for leads, hq and admin)."""
    session_id = text(request, "session_id", limit=64)
    with ctx.database.tx(ctx.actor, write=ctx.audited) as tx:
        found = find_record(tx, ctx.actor, session_id)
        if found is None:
            raise not_found(session_id)
        files = load_files(tx, found[0], (SESSION_FILE, EVENTS_FILE, CAST_FILE))
        if ctx.audited:
            audit(tx, ctx.actor, "record.viewed", session_id, owner=found[1])
    return {"session_id": session_id, "_files": files}


def op_verify(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    """Verify the server's copy again, and list its anchors."""
    session_id = text(request, "session_id", limit=64)
    with ctx.database.tx(ctx.actor, write=ctx.audited) as tx:
        found = find_record(tx, ctx.actor, session_id)
        if found is None:
            raise not_found(session_id)
        files = load_files(tx, found[0], (SESSION_FILE, EVENTS_FILE, CAST_FILE))
        anchors = anchors_of(tx, found[0])
        if ctx.audited:
            audit(tx, ctx.actor, "record.verified", session_id, owner=found[1])
    with tempfile.TemporaryDirectory(prefix="vz-verify-") as tmp:
        report = verify(write_folder(files, Path(tmp)))
        lines = [line.replace(tmp + "/", "") for line in report.lines()]
    return {
        "ok_record": report.ok,
        "lines": lines,
        "anchors": [{"count": c, "hash": h, "at": at} for c, h, at in anchors],
    }


OPS: dict[str, Operation] = {
    "hello": op_hello,
    "record.have": op_have,
    "record.anchors": op_anchors,
    "record.get": op_get,
    "record.verify": op_verify,
}
