"""Closing relays of a deployment closes their peer links and every connection, with nothing left open."""

from __future__ import annotations

import asyncio
import gc
import warnings

import pytest

from sessions import codes
from sessions.relay.client import JoinOptions, connect_by_code
from sessions.ssh.target import Target


@pytest.mark.parametrize("data_leg", [True, False], ids=["technician's own leg", "claim channel"])
async def test_closing_relays_closes_peer_links_and_carried_sessions(
    make_relay, make_agent, sqlite_url, tech_key, trust, data_leg
) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        holder = await make_relay(sqlite_url, "a")
        carrier = await make_relay(sqlite_url, "b")
        run = await make_agent(holder.port)
        inner = await connect_by_code(
            Target("127.0.0.1", carrier.port), codes.display(run.agent.code),
            JoinOptions(technician_key=tech_key, trust=trust, data_leg=data_leg),
        )  # fmt: skip
        assert (await inner.run("echo carried")).stdout == "carried\n"
        assert len(holder.connections) == 2  # the agent and the carrier's peer link

        await carrier.close()  # its outbound peer link and the technician's connection
        if data_leg:  # the session's bytes go to the holder's data port: the carrier was only asked
            assert (await inner.run("echo still")).stdout == "still\n"
            await holder.close()
            await asyncio.wait_for(inner.wait_closed(), 10)
        else:  # the session's bytes crossed the carrier
            await asyncio.wait_for(inner.wait_closed(), 10)
            await holder.close()
        assert not holder.connections and not carrier.connections
        await run.agent.end()
        del holder, carrier, inner
        gc.collect()
    leaks = [w for w in caught if issubclass(w.category, ResourceWarning)]
    assert not leaks, [str(w.message) for w in leaks]


async def test_a_relay_stopped_while_others_run_hands_its_codes_over(
    make_relay, make_agent, sqlite_url, tech_key, trust
) -> None:
    from sessions.agent.events import AgentState, CodeIssued
    from sessions.relay.joined import CodeSession, JoinState, JoinStatus

    stopping = await make_relay(sqlite_url, "a")
    staying = await make_relay(sqlite_url, "b")
    run = await make_agent(stopping.port, staying.port, grace=30.0)
    code = run.agent.code
    listed = (Target("127.0.0.1", stopping.port, "kim"), Target("127.0.0.1", staying.port, "kim"))
    options = JoinOptions(trust=trust, technician_key=tech_key, grace=30.0, backoff=(0.2, 1.0))
    session = CodeSession(listed, codes.display(code), options)
    states: list[JoinState] = []
    session.subscribe(lambda event: states.append(event.state) if isinstance(event, JoinStatus) else None)
    await session.join()

    await stopping.close()  # an upgrade: the customer keeps the code, the technician resumes
    deadline = asyncio.get_running_loop().time() + 30
    while not (JoinState.RECONNECTING in states and session.state is JoinState.ACTIVE):
        assert asyncio.get_running_loop().time() < deadline, "not resumed in time"
        await asyncio.sleep(0.05)
    assert session.conn is not None and (await session.conn.run("echo kept")).stdout == "kept\n"
    assert run.agent.code == code and len(run.of(CodeIssued)) == 1
    assert run.agent.state is AgentState.ACTIVE
    await session.close()
