"""Another team's session, named by its id, through every operation that takes one (SQLite and PostgreSQL).

Jung (technician, busan) and a busan lead know or guess the id of Kim's session (seoul): they may not
read, verify, annotate, tag, close, hold or overwrite it, and the refusal reads exactly as it does for an
id that does not exist, so an answer cannot tell them that the session is there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sessions.relay.server import Relay
from sessions.team.database import SYSTEM
from sessions.team.protocol import TeamRefusal
from tests.team.test_server import a_record

READS = [
    ("record.get", {}),
    ("record.anchors", {}),
    ("record.verify", {}),
    ("note.add", {"text": "mine now"}),
    ("tag.add", {"tag": "mine"}),
    ("followup.close", {"note": "closed by someone else"}),
]
UNKNOWN = "0" * 32


async def _refusal(client, op: str, session_id: str, **fields: object) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    with pytest.raises(TeamRefusal) as refused:
        await client.request(op, session_id=session_id, **fields)
    return refused.value.reason, str(refused.value).replace(session_id, "<id>")


async def test_another_teams_session_id_opens_nothing_and_reads_as_unknown(
    team_relay: Relay, connect_as, tmp_path: Path
) -> None:
    kim, jung, lee = await connect_as("kim"), await connect_as("jung"), await connect_as("lee")
    kim_folder = a_record(tmp_path / "kim")
    session = (await kim.put_record(kim_folder))["session_id"]
    for op, fields in READS:
        assert await _refusal(jung, op, session, **fields) == await _refusal(jung, op, UNKNOWN, **fields), op
    with pytest.raises(TeamRefusal, match="Only admin may place or release a legal hold"):
        await lee.request("hold.set", session_id=session, hold=True, reason="mine")  # a lead of that team
    with pytest.raises(TeamRefusal, match="Only admin may read the audit table"):
        await jung.request("audit.list", session_id=session)
    for who in (jung, lee):
        with pytest.raises(TeamRefusal, match="Only admin may set retention"):
            await who.request("retention.set", team="seoul", days=1)

    # Pushing Kim's own record (copied from her laptop), with its cast or asking for the server's: refused.
    with pytest.raises(TeamRefusal, match="pushed by someone else"):
        await jung.put_record(kim_folder)
    with pytest.raises(TeamRefusal, match="is not on the server yet"):  # the server's cast is Kim's alone
        await jung.put_record(kim_folder, with_cast=False)
    # Jung's own record, sent without its cast under Kim's session id (the server would use Kim's cast):
    # read as an unknown session, as for an id nobody pushed; nothing of Kim's is used or named.
    own = a_record(tmp_path / "jung", n=4)
    files = {name: (own / name).read_bytes() for name in ("session.json", "events.jsonl")}
    answers = []
    for declared in (session, UNKNOWN):
        with pytest.raises(TeamRefusal) as refused:
            await jung.request_files("record.put", send=files, session_id=declared)
        answers.append(str(refused.value).replace(declared, "<id>"))
    assert answers[0] == answers[1] and "is not on the server yet" in answers[0], answers
    assert team_relay.team is not None
    with team_relay.team.database.tx(SYSTEM) as tx:
        row = tx.one("SELECT owner, teams FROM records WHERE session_id = ?", (session,))
        events = tx.rows(
            "SELECT count(*) FROM anchors a JOIN records r ON r.id = a.record WHERE r.session_id = ?",
            (session,),
        )
    assert row == ("kim@acme.example", "seoul") and events == [(1,)]  # nothing appended, no new anchor
    kim_copy = await lee.request("sessions")
    assert [row["session_id"] for row in kim_copy["rows"]] == [session]  # the seoul lead still sees it, alone


async def test_lists_and_reports_hold_nothing_of_another_team(connect_as, tmp_path: Path) -> None:
    """Every listing a technician or a lead may ask for, after the other team's admin set things up."""
    kim, choi = await connect_as("kim"), await connect_as("choi")
    session = (await kim.put_record(a_record(tmp_path / "kim")))["session_id"]
    await choi.request("retention.set", team="seoul", days=30)
    for name in ("jung", "lee"):
        client = await connect_as(name)
        answers = {
            "sessions": await client.request("sessions"),
            "search": await client.request("search", query="mdstat"),
            "report": await client.request("report"),
            "followups.list": await client.request("followups.list"),
            "languages": await client.request("languages"),
            "retention.list": await client.request("retention.list"),
        }
        if name == "lee":
            answers["campaign.list"] = await client.request("campaign.list")
        seen = str(answers)
        if name == "jung":  # busan: nothing of seoul's, not even its retention or who set it
            assert session not in seen, answers
            assert "seoul" not in seen and "choi@" not in seen, answers["retention.list"]
        else:  # seoul's lead: seoul's, and only that
            assert session in str(answers["sessions"]) and "busan" not in seen, answers
    with pytest.raises(TeamRefusal, match="Only hq or admin may list escalation bundles"):
        await (await connect_as("lee")).request("bundles.search", query="")
