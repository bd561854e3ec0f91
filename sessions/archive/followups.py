"""The follow-up queue: sessions whose problem is not solved yet, and closing one with a note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sessions.archive.index import ArchiveIndex
from sessions.recording import append_event


@dataclass(frozen=True, slots=True)
class OpenFollowUp:
    """One open follow-up as the queue shows it; ``folder`` is relative to the archive."""

    folder: str
    started: str
    device: str
    technician: str
    due: str  # YYYY-MM-DD, '' when unknown
    outcome: str
    comment: str
    summary: str
    score: int | None

    def overdue(self, today: date | None = None) -> bool:
        return bool(self.due) and self.due < (today or date.today()).isoformat()


def open_followups(index: ArchiveIndex) -> list[OpenFollowUp]:
    """Every open follow-up in the index, the earliest due first (an unknown due date last)."""
    with index.lock:
        rows = index.conn.execute(
            "SELECT folder, started, device_name, technician, coalesce(followup_due, ''), "
            "coalesce(outcome, ''), comment, summary, score FROM records WHERE followup_open = 1 "
            "ORDER BY coalesce(followup_due, '9999'), started"
        ).fetchall()
    return [OpenFollowUp(*row) for row in rows]


def close_followup(folder: Path, note: str, author: str) -> dict[str, Any]:
    """Append `followup.closed` {note, author} to the record (the chain stays valid); returns the event."""
    return append_event(folder, "followup.closed", {"note": note.strip(), "author": author})
