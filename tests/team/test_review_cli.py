"""`valuezone review search|report|verify --server`: the team's records from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from sessions.recording import append_event
from sessions.relay.server import Relay
from tests.team.rewrite import rewrite_chain
from tests.team.test_cli import _run
from tests.team.test_server import a_record


async def test_search_report_and_verify_against_the_server(
    team_relay: Relay, connect_as, people_keys: dict[str, Path], tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    folders = [a_record(archive, n) for n in (3, 4, 5)]
    kim = await connect_as("kim")
    for folder in folders:
        await kim.put_record(folder)
    server = ["--server", f"127.0.0.1:{team_relay.port}", "-i", str(people_keys["lee"]), "--accept-new"]

    code, out, err = await _run("review", "search", *server, "디스크", "--json")
    assert code == 0, err
    hits = json.loads(out)
    assert len(hits) == 3 and {hit["kind"] for hit in hits} == {"chat"}
    code, out, err = await _run("review", "search", str(archive), "디스크", *server)
    assert code == 2 and "no ARCHIVE" in err

    report = tmp_path / "report.html"
    code, out, err = await _run("review", "report", *server, "--html", str(report))
    assert code == 0, err
    page = report.read_text()
    assert "3 sessions" in out and "md degraded on DSM 7.2: 3 sessions" in page
    assert "Per technician" in page and "Kim Minsu" in page and "data:image/png;base64," in page

    kim_server = [*server[:2], "-i", str(people_keys["kim"]), "--accept-new"]
    code, out, err = await _run("review", "verify", str(folders[0]), *kim_server)
    assert code == 0 and "matches the 1 head(s) the team server anchored" in out, err
    session_id = json.loads((folders[0] / "session.json").read_text())["session_id"]
    code, out, err = await _run("review", "verify", session_id, *kim_server)
    assert code == 0 and "server copy: OK: 4 events" in out and "anchored" in out, err

    append_event(folders[0], "annotation", {"author": "kim", "text": "checked"})
    lines = (folders[0] / "events.jsonl").read_bytes().split(b"\n")[:-1]
    rewrite_chain(folders[0], lines, 2, lambda event: event["data"].update(summary="all fine"))
    code, out, err = await _run("review", "verify", str(folders[0]), *kim_server)
    assert code == 1 and "changed after the server anchored it" in err and "line 4" in err
