"""Who sees what, as SQL the server adds to every query (the only guard on SQLite; on PostgreSQL the
row-level security policies in schema_pg.py enforce the same rules again inside the database).

* technician: their own records;
* lead: their own and their teams' (a record belongs to the teams its technician was in when pushing it);
* hq: their own and every escalated session;
* admin: everything.
"""

from __future__ import annotations

from typing import Any

from sessions.team.database import Actor
from sessions.team.protocol import TeamRefusal
from sessions.team.roles import Member, Role

#: Reads by these roles are written to the audit table (who looked at which session, when).
AUDITED = frozenset({Role.LEAD.value, Role.HQ.value, Role.ADMIN.value})


def actor_of(member: Member) -> Actor:
    return Actor(member.identity, member.role.value, member.teams)


def like_escape(text: str) -> str:
    """*text* for a LIKE pattern with ESCAPE '!'."""
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def teams_clause(column: str, teams: tuple[str, ...]) -> tuple[str, list[Any]]:
    """SQL true when the comma-separated *column* shares a team with *teams*."""
    if not teams:
        return "0 = 1", []
    parts = [f"(',' || {column} || ',') LIKE ? ESCAPE '!'" for _ in teams]
    return "(" + " OR ".join(parts) + ")", [f"%,{like_escape(team)},%" for team in teams]


def visible(actor: Actor, alias: str = "r", *, escalated: str = "") -> tuple[str, list[Any]]:
    """SQL (on records *alias*, or any table with owner and teams) for the records *actor* may see, and its
    parameters. *escalated*: the SQL saying a row's record was escalated (default: *alias*.escalated = 1)."""
    if actor.role in ("admin", "system"):
        return "1 = 1", []
    if actor.role == "technician":
        return f"{alias}.owner = ?", [actor.identity]
    if actor.role == "hq":
        return f"({alias}.owner = ? OR {escalated or alias + '.escalated = 1'})", [actor.identity]
    if actor.role == "lead":
        clause, args = teams_clause(f"{alias}.teams", actor.teams)
        return f"({alias}.owner = ? OR {clause})", [actor.identity, *args]
    return "0 = 1", []


def require(actor: Actor, *roles: Role, what: str) -> None:
    """TeamRefusal('forbidden') unless *actor* has one of *roles*."""
    if actor.role not in {role.value for role in roles}:
        names = " or ".join(role.value for role in roles)
        raise TeamRefusal(
            "forbidden",
            f"Only {names} may {what}; you are {actor.role}.",
            "Ask the relay's administrator to change your role in the technicians file.",
            code="team.forbidden_role",
            params={"names": names, "what": what, "role": actor.role},
        )
