"""kill -9 a relay: its agents come back on another relay with the same code; the technician resumes."""

from __future__ import annotations

import asyncio
import signal

from sessions import codes
from sessions.agent.events import AgentState, CodeIssued
from sessions.relay.client import JoinOptions
from sessions.relay.joined import CodeSession, JoinState, JoinStatus
from sessions.ssh.target import Target
from tests.cluster.processes import relays


async def _until(predicate, timeout: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


async def test_agent_keeps_its_code_when_its_relay_is_killed(
    tmp_path, technicians_file, deployment_key, sqlite_url, make_agent, tech_key, trust
) -> None:
    async with relays(tmp_path, technicians_file, sqlite_url, deployment_key, 2) as started:
        (doomed, doomed_port), (_survivor, survivor_port) = started
        run = await make_agent(doomed_port, survivor_port, grace=30.0)
        code = run.agent.code
        session = CodeSession(
            Target("127.0.0.1", survivor_port, "kim"), codes.display(code),
            JoinOptions(trust=trust, technician_key=tech_key, grace=30.0, backoff=(0.2, 1.0)),
        )  # fmt: skip
        states: list[JoinState] = []
        session.subscribe(lambda event: states.append(event.state) if isinstance(event, JoinStatus) else None)
        conn = await session.join()  # claimed on the survivor, carried to the doomed relay
        assert (await conn.run("echo before")).stdout == "before\n"

        doomed.send_signal(signal.SIGKILL)
        await doomed.wait()
        await _until(lambda: JoinState.RECONNECTING in states and session.state is JoinState.ACTIVE)
        assert session.conn is not None
        assert (await session.conn.run("echo after")).stdout == "after\n"
        assert run.agent.code == code  # the same code, on the other relay
        assert run.agent.state is AgentState.ACTIVE
        assert len(run.of(CodeIssued)) == 1  # never a new code shown to the customer
        await session.close()


async def test_waiting_code_survives_and_is_claimed_on_the_new_relay(
    tmp_path, technicians_file, deployment_key, sqlite_url, make_agent, tech_key, trust
) -> None:
    from sessions.relay.client import connect_by_code

    async with relays(tmp_path, technicians_file, sqlite_url, deployment_key, 2) as started:
        (doomed, doomed_port), (_survivor, survivor_port) = started
        run = await make_agent(doomed_port, survivor_port, grace=30.0)
        code = run.agent.code
        doomed.send_signal(signal.SIGKILL)
        await doomed.wait()
        await _until(lambda: run.agent.state is AgentState.WAITING and "relay_dropped" in str(run.events))
        conn = await connect_by_code(
            Target("127.0.0.1", survivor_port),
            codes.display(code),
            JoinOptions(technician_key=tech_key, trust=trust),
        )
        assert (await conn.run("echo claimed")).stdout == "claimed\n"
        conn.close()
