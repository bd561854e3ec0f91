"""Recording a session's ending: outcome, survey, follow-up due in working days, closing it with a note."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sessions.archive import open_index
from sessions.archive.followups import close_followup, open_followups
from sessions.ending import ClosedRecord, Ending, add_working_days, record_ending
from sessions.recording import DeviceInfo, Recorder, open_record, verify


def test_working_days_skip_the_weekend() -> None:
    thursday = date(2025, 3, 6)
    assert add_working_days(thursday, 2) == date(2025, 3, 10)  # Friday, then Monday
    assert add_working_days(date(2025, 3, 8), 1) == date(2025, 3, 10)  # from a Saturday
    assert add_working_days(thursday, 0) == thursday


def test_followup_only_when_not_solved() -> None:
    assert Ending("not_resolved", "").followup_reason() == "not_resolved"
    assert (
        Ending("resolved", "", {"via": "agent", "solved": False}).followup_reason() == "customer_not_solved"
    )
    assert Ending("workaround", "", {"via": "phone", "solved": True}).followup_reason() == ""
    assert Ending("escalated", "").followup_reason() == ""
    with pytest.raises(ValueError):
        Ending("fixed-ish", "")


def _recorder(archive: Path, name: str) -> Recorder:
    return Recorder.create(archive, technician="kim", device=DeviceInfo(name, "192.0.2.7"))


def test_live_and_closed_records_take_the_ending_and_the_queue_closes_it(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    live = _recorder(archive, "nas-live")
    survey = {"via": "agent", "solved": False, "score": 4, "comment": "느려요", "lang": "ko"}
    due = record_ending(live, Ending("resolved", "rebuilt md1", survey, "kim"), today=date(2025, 3, 6))
    assert due == "2025-03-10"
    live.close()
    ended = _recorder(archive, "nas-ended")
    ended.close()  # the customer ended it first; the technician records the outcome afterwards
    assert (
        record_ending(ClosedRecord(ended.folder), Ending("not_resolved", "no access", author="lee"))
        is not None
    )
    meta = json.loads((ended.folder / "session.json").read_text())
    assert meta["outcome"] == "not_resolved" and meta["summary"] == "no access"
    for folder in (live.folder, ended.folder):
        assert verify(folder).ok

    with open_index(archive, tmp_path / "index.sqlite3") as index:
        index.update()
        queue = open_followups(index)
        assert [row.device for row in queue] == ["nas-live", "nas-ended"]  # the earlier due date first
        assert queue[0].comment == "느려요" and queue[0].score == 4 and queue[0].outcome == "resolved"
        assert queue[0].overdue(date(2025, 3, 11)) and not queue[0].overdue(date(2025, 3, 10))
        close_followup(archive / queue[0].folder, "  called back, fine now ", "kim")
        index.update()
        assert [row.device for row in open_followups(index)] == ["nas-ended"]
    closed = [e for e in open_record(live.folder).events() if e["type"] == "followup.closed"]
    assert closed[0]["data"] == {"note": "called back, fine now", "author": "kim"}
    assert verify(live.folder).ok
