"""Relays sharing a database act as one: codes unique across them, claims carried to the holder, one audit."""

from __future__ import annotations

import asyncio

import asyncssh
import pytest

from sessions import codes
from sessions.errors import CodeUnknownError
from sessions.relay.client import JoinOptions, connect_by_code
from sessions.relay.protocol import Reason, relay_reason
from sessions.ssh.target import Target


async def test_claim_on_any_relay_reaches_the_agent(make_relay, make_agent, db_url, tech_key, trust) -> None:
    first = await make_relay(db_url, "a")
    second = await make_relay(db_url, "b")
    assert first.fingerprint == second.fingerprint
    run = await make_agent(first.port)
    conn = await connect_by_code(
        Target("127.0.0.1", second.port),
        codes.display(run.agent.code),
        JoinOptions(technician_key=tech_key, trust=trust),
    )
    result = await conn.run("echo through-two-relays")
    assert result.stdout == "through-two-relays\n"
    conn.close()
    await conn.wait_closed()
    assert first.cluster is not None and second.cluster is not None
    members = await asyncio.to_thread(first.cluster.registry.members)
    assert {m[0] for m in members} == {first.cluster.member, second.cluster.member}
    await asyncio.sleep(0.5)  # the audit batches reach the table
    events = await asyncio.to_thread(first.cluster.registry.read_audit)
    seen = {(event["relay"], event["event"]) for event in events}
    assert (second.cluster.member, "forward.started") in seen
    assert (first.cluster.member, "claim.ok") in seen and (first.cluster.member, "code.issued") in seen


async def test_codes_are_unique_across_relays(make_relay, sqlite_url) -> None:
    first = await make_relay(sqlite_url, "a")
    second = await make_relay(sqlite_url, "b")
    assert first.cluster is not None and second.cluster is not None
    pairing = first.book.issue(object())
    assert await first.cluster.take_code(pairing.code, pairing.resume_token, pairing.issued_at)
    # The same code drawn on another relay is refused while the first holds it.
    assert not await second.cluster.take_code(pairing.code, "other-token", pairing.issued_at)
    holder = await second.cluster.holder(pairing.code)
    assert holder is not None and holder.relay == first.cluster.member and holder.peer


async def test_unknown_code_is_refused_on_every_relay(
    make_relay, make_agent, sqlite_url, tech_key, trust
) -> None:
    await make_relay(sqlite_url, "a")
    second = await make_relay(sqlite_url, "b")
    code = codes.new_code()
    with pytest.raises(CodeUnknownError) as caught:
        await connect_by_code(
            Target("127.0.0.1", second.port),
            codes.display(code),
            JoinOptions(technician_key=tech_key, trust=trust),
        )
    assert relay_reason(caught.value) == Reason.UNKNOWN


async def test_foreign_host_key_cannot_join(make_relay, sqlite_url, tmp_path) -> None:
    from sessions.cluster.registry import ClusterError
    from tests.sshd import keygen

    await make_relay(sqlite_url, "a")
    other = keygen(tmp_path / "other_ed25519")
    with pytest.raises(ClusterError, match="must present one host key"):
        await make_relay(sqlite_url, "b", key=other)


async def test_outsider_cannot_pose_as_a_relay(make_relay, sqlite_url, stranger_key, make_agent) -> None:
    relay = await make_relay(sqlite_url, "a")
    run = await make_agent(relay.port)
    with pytest.raises(asyncssh.PermissionDenied):
        await asyncssh.connect(
            "127.0.0.1", relay.port, username="valuezone-peer", client_keys=[str(stranger_key)],
            known_hosts=None, agent_path=None, config=[],
        )  # fmt: skip
    assert run.agent.code
