"""What every team-server operation gets: the database, who asked, and helpers to read a request safely."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sessions.team.access import AUDITED, actor_of
from sessions.team.database import Actor, Database, Tx
from sessions.team.indexing import now_text
from sessions.team.protocol import MAX_RECORD, TeamRefusal
from sessions.team.roles import Member


@dataclass(frozen=True, slots=True)
class Context:
    """One request: the database, the member behind the key, and the actor transactions run for."""

    database: Database
    member: Member
    max_record: int = MAX_RECORD

    @property
    def actor(self) -> Actor:
        return actor_of(self.member)

    @property
    def audited(self) -> bool:
        return self.actor.role in AUDITED


Operation = Callable[[Context, dict[str, Any]], dict[str, Any]]


def bad_request(message: str) -> TeamRefusal:
    return TeamRefusal(
        "bad-request",
        message,
        "Update Valuezone on this machine; the server may be newer.",
        code="team.bad_request",
    )


def text(request: dict[str, Any], name: str, *, default: str | None = None, limit: int = 10_000) -> str:
    value = request.get(name, default)
    if not isinstance(value, str) or len(value) > limit:
        raise bad_request(f"The request's {name!r} must be text of at most {limit} characters.")
    return value


def number(
    request: dict[str, Any], name: str, *, default: int | None = None, low: int = 0, high: int = 10**9
) -> int:
    value = request.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise bad_request(f"The request's {name!r} must be a whole number from {low} to {high}.")
    return value


def audit(tx: Tx, actor: Actor, action: str, session_id: str = "", **detail: Any) -> None:
    """One line of the audit table, written in the caller's transaction (no action without its line)."""
    tx.run(
        "INSERT INTO audit(at, actor, role, action, session_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
        (now_text(), actor.identity, actor.role, action, session_id,
         json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else ""),
    )  # fmt: skip
