"""Retention and legal hold: records older than their teams keep them are purged; held records never are.

A team's retention is a number of days (or none: kept for ever). A record belongs to the teams its
technician was in when pushing it and is kept as long as any of them wants it; a record of no team
follows the `*` setting (none: kept). A record on legal hold is never purged. One purge runs at a time
across every relay sharing the database (a PostgreSQL advisory lock; on SQLite, a lock file), and every
purged record is written to the audit table.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sessions.team.access import require
from sessions.team.context import Context, Operation, audit, bad_request, number, text
from sessions.team.database import SYSTEM, Database
from sessions.team.indexing import now_text
from sessions.team.migrations import PURGE_LOCK
from sessions.team.protocol import TeamRefusal
from sessions.team.roles import Role

NO_TEAM = "*"
BATCH = 200


@dataclass(frozen=True, slots=True)
class PurgeResult:
    """What one purge did: `busy` when another relay was purging (nothing done then)."""

    purged: int
    held: int
    busy: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"purged": self.purged, "held": self.held, "busy": self.busy}


@contextlib.contextmanager
def purge_lock(database: Database) -> Iterator[bool]:
    """True while this process holds the one purge lock of *database*; False when another holds it."""
    if database.kind == "postgresql":
        with database.connection() as conn:
            got = conn.execute("SELECT pg_try_advisory_lock(%s)", (PURGE_LOCK,)).fetchone()[0]
            conn.commit()
            try:
                yield bool(got)
            finally:
                if got:
                    conn.execute("SELECT pg_advisory_unlock(%s)", (PURGE_LOCK,))
                    conn.commit()
        return
    fd = os.open(f"{database.target}.purge-lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def _keep_until(teams: str, started: str, days: dict[str, int | None]) -> datetime | None:
    """When a record may go (None: kept for ever)."""
    names = [team for team in teams.split(",") if team] or [NO_TEAM]
    start = datetime.fromisoformat(started.removesuffix("Z") + "+00:00")
    limits = [days.get(name) for name in names]
    if any(limit is None for limit in limits):
        return None
    return start + timedelta(days=max(limit for limit in limits if limit is not None))


def purge(database: Database, now: datetime | None = None) -> PurgeResult:
    """Delete every record past its retention that is not on legal hold; audited record by record."""
    now = now or datetime.now(UTC)
    with purge_lock(database) as mine:
        if not mine:
            return PurgeResult(0, 0, busy=True)
        with database.tx(SYSTEM) as tx:
            days = {team: limit for team, limit in tx.rows("SELECT team, retention_days FROM team_settings")}
            if not any(limit is not None for limit in days.values()):
                return PurgeResult(0, 0)
            shortest = min(limit for limit in days.values() if limit is not None)
            oldest = (now - timedelta(days=shortest)).strftime("%Y-%m-%dT%H:%M:%S")
            rows = tx.rows(
                "SELECT id, session_id, owner, teams, started, legal_hold FROM records WHERE started < ?",
                (oldest,),
            )
        expired = [
            row for row in rows if (until := _keep_until(row[3], row[4], days)) is not None and until < now
        ]
        held = [row for row in expired if row[5]]
        doomed = [row for row in expired if not row[5]]
        for start in range(0, len(doomed), BATCH):
            _delete(database, doomed[start : start + BATCH])
    return PurgeResult(len(doomed), len(held))


def _delete(database: Database, rows: list[tuple[Any, ...]]) -> None:
    with database.tx(SYSTEM, write=True) as tx:
        for record_id, session_id, owner, teams, started, _hold in rows:
            if tx.run("DELETE FROM records WHERE id = ? AND legal_hold = 0", (record_id,)):
                tx.run(
                    "INSERT INTO purged(session_id, at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    (session_id, now_text()),
                )
                audit(tx, SYSTEM, "record.purged", session_id, owner=owner, teams=teams, started=started)


# --- operations (admin) ---------------------------------------------------------------------------------
def op_retention_set(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    require(ctx.actor, Role.ADMIN, what="set retention")
    team = text(request, "team", limit=64).strip().lower()
    days = request.get("days")
    if not team:
        raise bad_request("Name the team (or * for records of no team).")
    if days is not None:
        days = number(request, "days", low=1, high=100_000)
    with ctx.database.tx(ctx.actor, write=True) as tx:
        tx.run(
            "INSERT INTO team_settings(team, retention_days, updated, updated_by) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (team) DO UPDATE SET retention_days = excluded.retention_days, "
            "updated = excluded.updated, updated_by = excluded.updated_by",
            (team, days, now_text(), ctx.actor.identity),
        )
        audit(tx, ctx.actor, "retention.set", team=team, days=days)
    return {"team": team, "days": days}


def op_retention_list(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    """Every team's retention for an admin; anyone else sees only their own teams' (not another team's
    names, nor who set them)."""
    where, args = "", list(ctx.actor.teams)
    if ctx.actor.role != Role.ADMIN.value:
        where = f"WHERE team IN ({', '.join('?' for _ in args)})" if args else "WHERE 0 = 1"
    with ctx.database.tx(ctx.actor) as tx:
        rows = tx.rows(
            f"SELECT team, retention_days, updated, updated_by FROM team_settings {where} ORDER BY team",
            args if where.startswith("WHERE team") else [],
        )
    return {"teams": [dict(zip(("team", "days", "updated", "updated_by"), row, strict=True)) for row in rows]}


def op_hold(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    require(ctx.actor, Role.ADMIN, what="place or release a legal hold")
    session_id = text(request, "session_id", limit=64)
    hold = bool(request.get("hold", True))
    reason = text(request, "reason", default="", limit=500)
    if hold and not reason.strip():
        raise bad_request("A legal hold needs a reason (the matter or case it is for).")
    with ctx.database.tx(ctx.actor, write=True) as tx:
        changed = tx.run(
            "UPDATE records SET legal_hold = ?, hold_reason = ?, hold_by = ? WHERE session_id = ?",
            (int(hold), reason if hold else "", ctx.actor.identity if hold else "", session_id),
        )
        if not changed:
            raise TeamRefusal(
                "not-found",
                f"Session {session_id} is not on the team server.",
                code="team.session_unknown",
                params={"session_id": session_id},
            )
        audit(tx, ctx.actor, "hold.placed" if hold else "hold.released", session_id, reason=reason)
    return {"session_id": session_id, "hold": hold}


def op_purge(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    require(ctx.actor, Role.ADMIN, what="purge records")
    with ctx.database.tx(ctx.actor, write=True) as tx:
        audit(tx, ctx.actor, "purge.requested")
    return purge(ctx.database).to_json()


def op_audit(ctx: Context, request: dict[str, Any]) -> dict[str, Any]:
    """The newest audit lines (admin): who looked at or changed what, and when."""
    require(ctx.actor, Role.ADMIN, what="read the audit table")
    limit = number(request, "limit", default=200, low=1, high=10_000)
    session_id = text(request, "session_id", default="", limit=64)
    where, args = ("WHERE session_id = ?", [session_id]) if session_id else ("", [])
    with ctx.database.tx(ctx.actor) as tx:
        rows = tx.rows(
            f"SELECT at, actor, role, action, session_id, detail FROM audit {where} ORDER BY id DESC LIMIT ?",
            [*args, limit],
        )
    names = ("at", "actor", "role", "action", "session_id", "detail")
    return {"audit": [dict(zip(names, row, strict=True)) for row in rows]}


OPS: dict[str, Operation] = {
    "retention.set": op_retention_set,
    "retention.list": op_retention_list,
    "hold.set": op_hold,
    "purge.run": op_purge,
    "audit.list": op_audit,
}
