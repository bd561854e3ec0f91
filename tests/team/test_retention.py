"""Retention per team, legal hold, one purge at a time across relays, every purge audited."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from sessions.recording import append_event
from sessions.relay.server import Relay
from sessions.team.database import SYSTEM
from sessions.team.protocol import TeamRefusal
from sessions.team.retention import purge, purge_lock
from tests.archive.builders import build_record
from tests.archive.conftest import day

NOW = datetime(2025, 6, 1, tzinfo=UTC)  # records are from March 2025: ~90 days old


async def test_retention_hold_and_an_audited_purge(team_relay: Relay, connect_as, tmp_path: Path) -> None:
    kim, jung = await connect_as("kim"), await connect_as("jung")
    seoul = [(await kim.put_record(build_record(tmp_path / "k", day(n))))["session_id"] for n in (3, 4, 5)]
    busan = (await jung.put_record(build_record(tmp_path / "j", day(3))))["session_id"]
    lee, choi = await connect_as("lee"), await connect_as("choi")
    with pytest.raises(TeamRefusal, match="Only admin may set retention; you are lead"):
        await lee.request("retention.set", team="seoul", days=30)
    await choi.request("retention.set", team="seoul", days=30)  # busan: not set, kept for ever
    with pytest.raises(TeamRefusal, match="needs a reason"):
        await choi.request("hold.set", session_id=seoul[0], hold=True)
    await choi.request("hold.set", session_id=seoul[0], hold=True, reason="case 2025-17")

    assert team_relay.team is not None
    database = team_relay.team.database
    result = purge(database, NOW)
    assert (result.purged, result.held, result.busy) == (2, 1, False)
    with database.tx(SYSTEM) as tx:
        left = {row[0] for row in tx.rows("SELECT session_id FROM records")}
        purged = tx.rows(
            "SELECT session_id, detail FROM audit WHERE action = 'record.purged' ORDER BY session_id"
        )
        docs = tx.rows(
            "SELECT count(*) FROM docs d LEFT JOIN records r ON r.id = d.record WHERE r.id IS NULL"
        )
    assert left == {seoul[0], busan}  # the held one and busan's stay
    assert [row[0] for row in purged] == sorted(seoul[1:]) and '"teams": "seoul"' in purged[0][1]
    assert docs == [(0,)]  # nothing of a purged record is left behind, search index included
    await choi.request("hold.set", session_id=seoul[0], hold=False)
    assert purge(database, NOW).purged == 1
    # A purged session is not taken again, even when its technician's copy changes later.
    have = await kim.request("record.have", items=[{"session_id": seoul[1], "count": 2, "hash": "x"}])
    assert have["items"] == [{"state": "purged"}]
    folder = next(p for p in (tmp_path / "k").rglob("session.json") if seoul[1] in p.read_text()).parent
    append_event(folder, "annotation", {"author": "kim", "text": "late note"})
    with pytest.raises(TeamRefusal, match=r"was purged from the team server on .* not taken again"):
        await kim.put_record(folder)
    audit = (await choi.request("audit.list"))["audit"]
    assert {"retention.set", "hold.placed", "hold.released", "record.purged"} <= {a["action"] for a in audit}


async def test_one_purge_at_a_time_across_relays(team_relay: Relay, connect_as, tmp_path: Path) -> None:
    kim, choi = await connect_as("kim"), await connect_as("choi")
    await kim.put_record(build_record(tmp_path / "k", day(3)))
    await choi.request("retention.set", team="seoul", days=1)
    assert team_relay.team is not None
    database = team_relay.team.database
    with purge_lock(database) as held:  # another relay's purge is running
        assert held
        assert purge(database, NOW).busy
        assert (await choi.request("purge.run"))["busy"]
    assert purge(database, NOW).purged == 1
