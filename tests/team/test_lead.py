"""What leads act on: team reports and a campaign from a recurring finding, tracked to closed."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessions.recording import append_event
from sessions.relay.server import Relay
from sessions.team.protocol import TeamRefusal
from tests.archive.builders import build_record
from tests.archive.conftest import day
from tests.team.test_cli import _run
from tests.team.test_server import FINDING

LABEL = "md degraded on DSM 7.2"


def _session(root: Path, n: int, score: int, *, platform: str = "DSM 7.2", outcome: str = "resolved") -> Path:
    events: list[tuple[float, str, dict[str, object]]] = [
        (5.0, "chat.message", {"id": "1", "from": "technician", "lang": "en", "text": "hello"}),
        (9.0, "diagnostics.finding", FINDING),
        (60.0, "outcome", {"outcome": outcome, "summary": "disk replaced"}),
        (61.0, "survey", {"solved": outcome == "resolved", "score": score, "comment": f"score {score}"}),
    ]
    if outcome == "not_resolved":
        events.append((62.0, "followup.opened", {"due": "2025-03-20"}))
    from sessions.recording import DeviceInfo

    device = DeviceInfo(name=f"nas-{n}", host=f"192.0.2.{n}", port=22, user="admin")
    return build_record(root, day(n), device=device, events=events, meta={"platform": platform})


async def test_team_report_and_a_campaign_tracked_to_closed(
    team_relay: Relay, connect_as, people_keys: dict[str, Path], tmp_path: Path
) -> None:
    kim, jung = await connect_as("kim"), await connect_as("jung")
    mine = [_session(tmp_path / "k", n, score) for n, score in ((3, 9), (4, 6), (5, 10))]
    mine.append(_session(tmp_path / "k", 6, 3, outcome="not_resolved"))
    for folder in mine:
        await kim.put_record(folder)
    await jung.put_record(_session(tmp_path / "j", 7, 10))  # busan: not lee's
    await kim.put_record(_session(tmp_path / "k", 8, 8, platform="QTS 5.1"))

    lee = await connect_as("lee")
    report = await lee.request("report")
    assert report["report"]["sessions"] == 5
    recurring = {item["label"]: item["sessions"] for item in report["report"]["recurring"]}
    assert recurring == {LABEL: 4}  # the QTS session's finding is another label; jung's is not lee's
    assert report["csat"] == 0.6  # 9, 10 and 8 of 9, 6, 10, 3, 8
    kim_row = next(row for row in report["technicians"] if row["name"] == "Kim Minsu <kim@acme.example>")
    assert (kim_row["sessions"], kim_row["surveys"], kim_row["open_followups"]) == (5, 5, 1)
    assert kim_row["median_first_response"] == 5.0 and kim_row["median_resolution"] == 60.0
    assert [row["name"] for row in report["teams"]] == ["seoul"]
    assert {row["name"] for row in report["platforms"]} == {"DSM 7.2", "QTS 5.1"}
    assert {row["name"] for row in report["families"]} == {"DSM", "QTS"}
    by_age = {row["age"]: row["open"] for row in report["followups_by_age"]}
    assert by_age == {"0–2 days": 0, "3–7 days": 0, "8–30 days": 0, "over 30 days": 1}  # opened 2025-03-06

    preview = await lee.request("campaign.preview", label=LABEL)
    assert len(preview["sessions"]) == 4 and len(preview["devices"]) == 4
    with pytest.raises(TeamRefusal, match="Only lead or admin may start campaigns"):
        await jung.request("campaign.preview", label=LABEL)
    opened = await lee.request("campaign.open", label=LABEL, due="2025-04-01", note="replace the batch")
    assert opened["sessions"] == 4
    queue = (await kim.request("followups.list"))["followups"]
    assert len(queue) == 4 and {f["due"] for f in queue} == {"2025-04-01"}

    # kim closes one on the server, and one on his own machine, then pushes: both close their lines.
    sessions = [s["session_id"] for s in preview["sessions"]]
    await kim.request("followup.close", session_id=sessions[0], note="customer swapped the disk")
    append_event(mine[1], "followup.closed", {"note": "called, replaced", "author": "kim"})
    pushed = await kim.put_record(mine[1], with_cast=False)
    assert pushed["state"] == "extended"
    shown = await lee.request("campaign.show", campaign=opened["campaign"])
    closed = {m["session_id"]: m["note"] for m in shown["members"] if m["closed"]}
    assert closed == {sessions[0]: "customer swapped the disk", sessions[1]: "called, replaced"}
    listed = (await lee.request("campaign.list"))["campaigns"]
    assert [(c["sessions"], c["closed"]) for c in listed] == [(4, 2)]

    # the server's copy of the merged record still verifies, its chain extended by the server
    check = await kim.request("record.verify", session_id=sessions[1])
    assert check["ok_record"], check["lines"]
    assert [a["count"] for a in check["anchors"]] == [6, 7]  # as pushed, then with the local closure

    server = ["--server", f"127.0.0.1:{team_relay.port}", "-i", str(people_keys["lee"]), "--accept-new"]
    code, out, err = await _run("review", "campaign", "show", str(opened["campaign"]), *server)
    assert code == 0 and "2/4 closed" in out and "customer swapped the disk" in out, err
