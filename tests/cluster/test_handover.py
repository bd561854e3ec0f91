"""One live holder per code: an agent back with its resume token takes its code over only from a link
that no longer answers; a replayed token while the agent is linked gets a new code of its own."""

from __future__ import annotations

import asyncio

import pytest

from sessions import codes
from sessions.agent.events import AgentState, CodeIssued, ConsentRequested
from sessions.relay.audit import read_audit
from sessions.relay.client import JoinOptions
from sessions.relay.joined import CodeSession, JoinState, JoinStatus
from sessions.ssh.target import Target
from tests.cluster.blip import BlipProxy
from tests.cluster.test_on_path import _resume_as


def _events(relay, name: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return [event for event in read_audit(relay.audit.path) if event["event"] == name]


async def _until(predicate, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


async def _session(port: int, code: str, tech_key, trust) -> tuple[CodeSession, list[JoinState]]:  # type: ignore[no-untyped-def]
    session = CodeSession(
        Target("127.0.0.1", port, "kim"), codes.display(code),
        JoinOptions(trust=trust, technician_key=tech_key, grace=30.0, backoff=(0.2, 1.0)),
    )  # fmt: skip
    states: list[JoinState] = []
    session.subscribe(lambda event: states.append(event.state) if isinstance(event, JoinStatus) else None)
    await session.join()
    return session, states


@pytest.mark.parametrize("where", ["same relay", "other relay"])
async def test_a_replayed_token_while_the_agent_is_linked_takes_nothing(
    make_relay, make_agent, db_url, tech_key, trust, where
) -> None:
    holder = await make_relay(db_url, "a", resume_probe=1.0)
    other = await make_relay(db_url, "b", resume_probe=1.0)
    run = await make_agent(holder.port)
    code, token = run.agent.code, run.agent._link.token
    session, states = await _session(other.port, code, tech_key, trust)
    assert session.conn is not None and (await session.conn.run("echo before")).stdout == "before\n"
    asked = len(run.of(ConsentRequested))

    attacker = holder if where == "same relay" else other
    assert await _resume_as(attacker.port, code, token) != code  # a new code of its own
    assert session.conn is not None and (await session.conn.run("echo after")).stdout == "after\n"
    assert JoinState.RECONNECTING not in states  # the technician's session never moved
    assert run.agent.state is AgentState.ACTIVE and run.agent.code == code
    assert len(run.of(ConsentRequested)) == asked and len(run.of(CodeIssued)) == 1
    assert _events(holder, "code.kept") if where == "other relay" else _events(holder, "resume.refused")
    assert not _events(attacker, "code.adopted") and not _events(holder, "code.handed_over")
    await session.close()


async def test_a_blip_towards_one_relay_moves_the_code_to_another(
    make_relay, make_agent, sqlite_url, tech_key, trust
) -> None:
    holder = await make_relay(sqlite_url, "a", resume_probe=1.0)
    other = await make_relay(sqlite_url, "b", resume_probe=1.0)
    proxy = await BlipProxy(holder.port).start()
    run = await make_agent(proxy.port, other.port, grace=30.0)
    code = run.agent.code
    session, states = await _session(other.port, code, tech_key, trust)  # carried to the holder

    await proxy.blip()  # the agent's link drops; the holder's side of it goes silent, still open
    await _until(lambda: _events(other, "code.adopted") and session.state is JoinState.ACTIVE)
    assert JoinState.RECONNECTING in states
    assert session.conn is not None and (await session.conn.run("echo moved")).stdout == "moved\n"
    assert run.agent.code == code and len(run.of(CodeIssued)) == 1  # never a new code
    assert _events(holder, "customer.link_silent") and _events(holder, "code.handed_over")
    assert holder.book.get(code) is None  # one live holder: the other relay
    await session.close()
    await proxy.close()


async def test_a_blip_back_to_the_same_relay_resumes_there(
    make_relay, make_agent, sqlite_url, tech_key, trust
) -> None:
    relay = await make_relay(sqlite_url, "a", resume_probe=1.0)
    proxy = await BlipProxy(relay.port).start()
    run = await make_agent(proxy.port, grace=30.0)
    code = run.agent.code
    session, _states = await _session(relay.port, code, tech_key, trust)

    await proxy.blip(refuse_new=False)  # the agent comes back through the same proxy, to the same relay
    await _until(lambda: _events(relay, "customer.resumed") and session.state is JoinState.ACTIVE)
    assert session.conn is not None and (await session.conn.run("echo back")).stdout == "back\n"
    assert run.agent.code == code and len(run.of(CodeIssued)) == 1
    assert _events(relay, "customer.link_silent")
    await session.close()
    await proxy.close()


async def test_a_live_holder_that_cannot_be_asked_keeps_the_code_and_the_agent_retries(
    make_relay, make_agent, sqlite_url
) -> None:
    from tests.sshd import free_port

    # The holder's lease is live, but the address the other relays reach it on answers nobody.
    holder = await make_relay(sqlite_url, "a", resume_probe=1.0, advertise=f"127.0.0.1:{free_port()}")
    other = await make_relay(sqlite_url, "b", resume_probe=1.0)
    proxy = await BlipProxy(holder.port).start()
    run = await make_agent(proxy.port, other.port, grace=30.0)
    code = run.agent.code

    await proxy.blip()
    await _until(lambda: len(_events(other, "resume.deferred")) >= 2, 60)  # turned away; it tried again
    assert run.agent.code == code and len(run.of(CodeIssued)) == 1  # no new code for the customer
    assert run.agent.state is AgentState.RECONNECTING
    assert not _events(other, "code.issued") and not _events(other, "code.adopted")
    assert holder.book.get(code) is not None  # still the holder's
    await proxy.close()
