"""The team server over the relay: records verified on arrival, stored once, refused with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessions.recording import append_event
from sessions.team.protocol import TeamRefusal
from tests.archive.builders import build_record
from tests.archive.conftest import day

CHAT = {"id": "1", "from": "customer", "lang": "ko", "text": "디스크에서 소리가 나요"}
FINDING = {"check": "md", "target": "md0", "status": "warn", "summary": "md degraded", "evidence": []}


def a_record(archive: Path, n: int = 3, **kw: object) -> Path:
    return build_record(
        archive, day(n), output=[(1.0, "$ cat /proc/mdstat\r\nmd0 : active raid1 [U_]\r\n")],
        events=[(5.0, "chat.message", CHAT), (9.0, "diagnostics.finding", FINDING)],
        meta={"platform": "DSM 7.2"}, **kw,
    )  # fmt: skip


async def test_pushed_once_found_by_the_lead_hidden_from_another_team(connect_as, tmp_path: Path) -> None:
    folder = a_record(tmp_path / "archive")
    kim = await connect_as("kim")
    assert kim.member["role"] == "technician" and kim.member["teams"] == ["seoul"]
    first = await kim.put_record(folder)
    assert first["state"] == "stored" and first["count"] == 4
    again = await kim.put_record(folder)
    assert again["state"] == "same"
    session_id = first["session_id"]
    have = await kim.request(
        "record.have", items=[{"session_id": session_id, "count": 4, "hash": first["hash"]}]
    )
    assert have["items"] == [{"state": "same"}]

    lee = await connect_as("lee")
    hits = (await lee.request("search", query="디스크"))["hits"]
    assert [hit["session"] for hit in hits] == [session_id] and hits[0]["kind"] == "chat"
    jung = await connect_as("jung")
    assert (await jung.request("search", query="디스크"))["hits"] == []
    with pytest.raises(TeamRefusal, match=r"not on the team server, or you may not see it"):
        await jung.get_record(session_id, tmp_path / "copy")
    copy = await lee.get_record(session_id, tmp_path / "copy")
    assert (copy / "events.jsonl").read_bytes() == (folder / "events.jsonl").read_bytes()


async def test_a_changed_record_is_refused_with_a_reason(connect_as, tmp_path: Path) -> None:
    folder = a_record(tmp_path / "archive")
    text = (folder / "events.jsonl").read_text().replace("소리가", "소리는")
    (folder / "events.jsonl").write_text(text)
    kim = await connect_as("kim")
    with pytest.raises(TeamRefusal, match=r"does not verify \(events.jsonl:2: .*outbox") as caught:
        await kim.put_record(folder)
    assert caught.value.reason == "refused" and "valuezone verify" in caught.value.hint


async def test_later_annotations_extend_the_anchor_and_tampering_after_it_is_caught(
    connect_as, tmp_path: Path
) -> None:
    folder = a_record(tmp_path / "archive")
    kim = await connect_as("kim")
    await kim.put_record(folder)
    append_event(folder, "followup.closed", {"note": "disk replaced", "author": "kim"})
    extended = await kim.put_record(folder, with_cast=False)
    assert extended["state"] == "extended" and extended["count"] == 5
    lee = await connect_as("lee")
    assert (await lee.request("search", query="replaced"))["hits"][0]["kind"] == "note"

    # Now rewrite an anchored line and the whole chain after it: the record verifies on its own,
    # but the server's anchor catches it.
    lines = (folder / "events.jsonl").read_bytes().split(b"\n")[:-1]
    from tests.team.rewrite import rewrite_chain

    rewrite_chain(folder, lines, 1, lambda event: event["data"].update(text="nothing happened"))
    with pytest.raises(TeamRefusal, match=r"changed after the server anchored it.*line 4"):
        await kim.put_record(folder, with_cast=False)


async def test_customers_never_reach_the_team_server(team_relay, tmp_path: Path) -> None:
    import asyncssh

    async with asyncssh.connect(
        "127.0.0.1", team_relay.port, username="support", known_hosts=None, client_keys=None
    ) as conn:
        process = await conn.create_process(subsystem="valuezone-team", encoding=None)
        await process.wait()
        assert process.exit_status == 1  # the customer's channel: "only a session-code prompt here"
        assert await process.stdout.read() == b""  # no team answer, not even a hello


async def test_two_relays_share_one_database_and_a_list_of_them_serves(
    team_relay, db_url: str, tmp_path: Path, team_technicians: Path, people_keys: dict[str, Path]
) -> None:
    from sessions.relay.server import Relay, RelayConfig
    from sessions.ssh.hostkeys import HostKeyTrust
    from sessions.ssh.target import Target
    from sessions.team.client import TeamClient, server_targets
    from tests.sshd import free_port

    assert team_relay.team is not None
    database = team_relay.team.database
    shared = database.target if database.kind == "postgresql" else f"sqlite:{database.target}"
    other = await Relay.start(
        RelayConfig(
            technicians_file=team_technicians,
            state_dir=tmp_path / "second",
            db_url=shared,
            host_key_file=team_relay.config.state_dir / "host_ed25519",  # one deployment, one host key
        )
    )
    try:
        trust = HostKeyTrust(known_hosts=tmp_path / "kh", read_user_known_hosts=False, accept_new=True)
        folder = a_record(tmp_path / "archive")
        async with await TeamClient.connect(
            Target("127.0.0.1", team_relay.port, "kim"), trust=trust, technician_key=people_keys["kim"]
        ) as first:
            assert (await first.put_record(folder))["state"] == "stored"
        async with await TeamClient.connect(
            Target("127.0.0.1", other.port, "kim"), trust=trust, technician_key=people_keys["kim"]
        ) as second:
            assert (await second.put_record(folder))["state"] == "same"  # the other relay knows it
            assert len((await second.request("search", query="디스크"))["hits"]) == 1
        # The deployment as a list, its first relay down: the next one serves, under the first's name.
        listed = server_targets(f"127.0.0.1:{free_port()},kim@127.0.0.1:{other.port}")
        async with await TeamClient.connect(listed, trust=trust, technician_key=people_keys["kim"]) as third:
            assert third.server.port == other.port
            assert (await third.put_record(folder))["state"] == "same"
    finally:
        await other.close()


def test_a_team_server_list_gets_the_relay_port_where_none_is_given() -> None:
    from sessions.errors import InvalidTargetError
    from sessions.team.client import server_target, server_targets

    listed = server_targets("r1.example.com, r2.example.com:2300,[::1]")
    assert [(t.host, t.port) for t in listed] == [
        ("r1.example.com", 2222),
        ("r2.example.com", 2300),
        ("::1", 2222),
    ]
    assert server_target("r1.example.com,r2.example.com").host_port == "r1.example.com:2222"
    with pytest.raises(InvalidTargetError):
        server_targets(" , ")
