"""Ending a session: the outcome, the customer's survey, and a follow-up when the problem is not solved.

Qt-free: the console gathers the answers (dialog, survey through the agent or by phone) and calls
`record_ending` before the session's recorder closes. Event shapes: docs/record-format.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Protocol

from sessions.recording import append_event, update_record_meta

OUTCOMES = ("resolved", "workaround", "escalated", "not_resolved")
# How the survey answer was obtained (the `via` of a `survey` event).
SURVEY_AGENT = "agent"  # the customer answered in the agent
SURVEY_PHONE = "phone"  # the technician typed what the customer said
SURVEY_NOT_ASKED = "not_asked"
SURVEY_UNANSWERED = "unanswered"  # asked through the agent, no answer (timeout, closed, stopped waiting)
DEFAULT_WORKING_DAYS = 2


class RecorderLike(Protocol):
    def event(self, type_: str, data: dict[str, Any] | None = None) -> dict[str, Any]: ...

    def update_meta(self, **fields: Any) -> None: ...


class ClosedRecord:
    """A finished record taking the ending afterwards (the customer ended the session first)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def event(self, type_: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
        return append_event(self.folder, type_, data or {})

    def update_meta(self, **fields: Any) -> None:
        update_record_meta(self.folder, **fields)


@dataclass(frozen=True, slots=True)
class Ending:
    """What the technician decided and what the customer said.

    ``survey`` is the `survey` event's data: ``via`` plus, when answered, ``solved``, ``score``,
    ``comment``, ``lang``; ``reason`` when unanswered.
    """

    outcome: str
    summary: str
    survey: dict[str, Any] = field(default_factory=lambda: {"via": SURVEY_NOT_ASKED})
    author: str = ""

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {OUTCOMES}, not {self.outcome!r}")

    @property
    def score(self) -> int | None:
        score = self.survey.get("score")
        return score if isinstance(score, int) and not isinstance(score, bool) else None

    def followup_reason(self) -> str:
        """Why a follow-up is due ('' when none is): not resolved, or the customer says not solved."""
        if self.outcome == "not_resolved":
            return "not_resolved"
        if self.survey.get("solved") is False:
            return "customer_not_solved"
        return ""


def add_working_days(start: date, days: int) -> date:
    """*days* working days (Monday to Friday) after *start*."""
    current, left = start, max(0, days)
    while left:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def record_ending(
    recorder: RecorderLike,
    ending: Ending,
    *,
    working_days: int = DEFAULT_WORKING_DAYS,
    today: date | None = None,
) -> str | None:
    """Write `outcome`, `survey` and (when due) `followup.opened`; set session.json's fields.

    Returns the follow-up's due date (YYYY-MM-DD) or None.
    """
    recorder.event("outcome", {"outcome": ending.outcome, "summary": ending.summary})
    recorder.event("survey", dict(ending.survey))
    recorder.update_meta(outcome=ending.outcome, survey_score=ending.score, summary=ending.summary)
    reason = ending.followup_reason()
    if not reason:
        return None
    due = add_working_days(today or date.today(), working_days).isoformat()
    recorder.event("followup.opened", {"due": due, "reason": reason, "author": ending.author})
    return due
