"""Attacks on the relay's authentication: an attacker holding only a listed technician's public key.

Each test sends the hostile sequence named in its docstring, with a real client on loopback, and checks
that no state from the unproven attempt survives: the attacker cannot claim a code, cannot use up that
technician's failed-claim allowance, and cannot re-join a session the technician left.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import asyncssh
import paramiko
import pytest

from sessions import codes
from sessions.agent.events import ConsentRequested
from sessions.errors import AuthenticationError
from sessions.relay.audit import read_audit
from sessions.relay.client import JoinOptions, connect_by_code, connect_relay, open_code_channel
from sessions.relay.protocol import Reason
from sessions.relay.server import Relay
from tests.relay.hostile import (
    ForgedKeyPair,
    ParamikoForgedKey,
    in_thread,
    paramiko_auth_none_again,
    paramiko_open_code,
    paramiko_transport,
    read_private,
    read_public,
    scripted_connect,
)


def _unknown_code(number: int) -> str:
    body = f"9{number:07d}"
    return body + codes.damm_digit(body)


def _fingerprint(key: Path) -> str:
    return read_public(key).get_fingerprint("sha256")


def _technician_events(relay: Relay) -> list[dict]:
    return [e for e in read_audit(relay.audit.path) if e["event"] == "technician.connected"]


async def _query_then_support(
    relay: Relay, tech_key: Path, stranger_key: Path
) -> asyncssh.SSHClientConnection:
    """none(kim) → publickey query (no signature) naming Kim's key as kim → a request as `support`."""
    steps = [
        ("kim", ForgedKeyPair(read_public(tech_key))),
        ("support", asyncssh.load_keypairs([read_private(stranger_key)])[0]),
    ]
    return await scripted_connect(relay.port, "kim", steps)


async def test_a_queried_key_is_not_bound_to_a_customer_login(
    relay: Relay, make_agent, tech_key, stranger_key
) -> None:
    """Sequence: none(kim) → publickey query(kim, Kim's key) → PK_OK → publickey(support, own key)."""
    run = await make_agent()
    conn = await _query_then_support(relay, tech_key, stranger_key)
    with pytest.raises(asyncssh.ChannelOpenError, match=Reason.NOT_TECHNICIAN):
        await conn.open_connection(codes.wire(run.agent.code), 22)
    conn.close()
    assert not run.of(ConsentRequested)
    assert not _technician_events(relay)
    assert not [e for e in read_audit(relay.audit.path) if e["event"].startswith("claim")]


async def test_a_failed_signature_is_not_bound_to_a_customer_login(
    relay: Relay, make_agent, tech_key, stranger_key
) -> None:
    """Sequence (paramiko, public API): publickey(kim, Kim's key blob, signature by another key) → failure
    → none(support) → success as a customer → direct-tcpip to the live code."""
    run = await make_agent()
    transport = await in_thread(paramiko_transport, relay.port)
    try:
        with pytest.raises(paramiko.AuthenticationException):
            await in_thread(transport.auth_publickey, "kim", ParamikoForgedKey(stranger_key, tech_key))
        await in_thread(paramiko_auth_none_again, transport, "support")
        assert transport.is_authenticated()
        with pytest.raises(paramiko.ChannelException) as refused:
            await in_thread(paramiko_open_code, transport, run.agent.code)
        assert refused.value.code == asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED
    finally:
        transport.close()
    assert not run.of(ConsentRequested)
    assert not _technician_events(relay)
    assert not [e for e in read_audit(relay.audit.path) if e["event"].startswith("claim")]


async def test_a_failed_signature_then_support_in_asyncssh(
    relay: Relay, make_agent, tech_key, stranger_key
) -> None:
    """Sequence (asyncssh): query(kim, Kim's key) → PK_OK → signed request with the wrong key → failure →
    publickey(support, own key) → success as a customer."""
    run = await make_agent()
    steps = [
        ("kim", ForgedKeyPair(read_public(tech_key), sign_with=read_private(stranger_key))),
        ("support", asyncssh.load_keypairs([read_private(stranger_key)])[0]),
    ]
    conn = await scripted_connect(relay.port, "kim", steps)
    with pytest.raises(asyncssh.ChannelOpenError, match=Reason.NOT_TECHNICIAN):
        await conn.open_connection(codes.wire(run.agent.code), 22)
    conn.close()
    assert not run.of(ConsentRequested)


async def test_a_queried_key_does_not_carry_over_to_another_user_name(
    relay: Relay, tech_key, stranger_key
) -> None:
    """Sequence: query(kim, Kim's key) → PK_OK → publickey(lee, own unlisted key, signed): refused."""
    steps = [
        ("kim", ForgedKeyPair(read_public(tech_key))),
        ("lee", asyncssh.load_keypairs([read_private(stranger_key)])[0]),
    ]
    with pytest.raises(asyncssh.PermissionDenied):
        await scripted_connect(relay.port, "kim", steps)
    assert not _technician_events(relay)


async def test_the_attacker_cannot_burn_the_technicians_failed_claim_allowance(
    relay: Relay, make_agent, relay_target, tech_key, stranger_key, trust
) -> None:
    """The query-then-support attacker opens direct-tcpip to ten wrong codes; Kim can still join."""
    run = await make_agent()
    conn = await _query_then_support(relay, tech_key, stranger_key)
    for number in range(10):
        with pytest.raises(asyncssh.ChannelOpenError, match=Reason.NOT_TECHNICIAN):
            await conn.open_connection(codes.wire(_unknown_code(number)), 22)
    conn.close()
    assert not relay.limiter.blocked(f"key:{_fingerprint(tech_key)}")
    inner = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    assert (await inner.run("echo kim-still-gets-in")).stdout == "kim-still-gets-in\n"
    inner.close()


async def test_the_attacker_cannot_rejoin_a_session_the_technician_left(
    relay: Relay, make_agent, relay_target, tech_key, stranger_key, trust
) -> None:
    """Kim joins (the customer says yes) and her link drops; the public-key-only attacker claims the code."""
    run = await make_agent()
    relay_conn = await connect_relay(relay_target, trust=trust, technician_key=tech_key)
    options = JoinOptions(trust=trust, technician_key=tech_key, data_leg=False)  # the session on the link
    inner = await connect_by_code(relay_target, run.agent.code, options, relay_conn=relay_conn)
    assert (await inner.run("echo kim")).stdout == "kim\n"
    relay_conn.abort()  # Kim's network drops: the session stays active, waiting for her
    await asyncio.wait_for(inner.wait_closed(), 10)
    asked = len(run.of(ConsentRequested))
    conn = await _query_then_support(relay, tech_key, stranger_key)
    with pytest.raises(asyncssh.ChannelOpenError, match=Reason.NOT_TECHNICIAN):
        await conn.open_connection(codes.wire(run.agent.code), 22)
    conn.close()
    assert len(run.of(ConsentRequested)) == asked
    claims = [e for e in read_audit(relay.audit.path) if e["event"] == "claim.ok"]
    assert len(claims) == 1


async def test_a_technician_key_proves_itself_after_a_query(
    relay: Relay, make_agent, tech_key, trust, relay_target
) -> None:
    """The honest sequence still works: query(kim, Kim's key) → PK_OK → signed by Kim's key → claim."""
    run = await make_agent()
    steps = [("kim", asyncssh.load_keypairs([read_private(tech_key)])[0])]
    conn = await scripted_connect(relay.port, "kim", steps)
    events = _technician_events(relay)
    assert [e["key"] for e in events] == [_fingerprint(tech_key)]
    conn.close()
    inner = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    inner.close()


async def test_a_removed_technician_cannot_claim_on_a_connection_opened_before(
    relay: Relay, make_agent, relay_target, tech_key, trust
) -> None:
    """Revoking is deleting the line: a relay connection Kim opened earlier can no longer claim."""
    run = await make_agent()
    relay_conn = await connect_relay(relay_target, trust=trust, technician_key=tech_key)
    path = relay.config.technicians_file
    path.write_text("# Kim left the company\n")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a change the relay sees
    with pytest.raises(AuthenticationError, match="no longer listed"):
        await open_code_channel(relay_conn, run.agent.code)
    relay_conn.close()
    assert not run.of(ConsentRequested)
