"""The technician's side takes the relays of one deployment: `A:2222,B:2222` (the first that answers),
one host key for all of them, and a session that resumes on another relay when its relay died."""

from __future__ import annotations

import asyncio
import signal

import pytest

from sessions import codes
from sessions.errors import CodeUnknownError, HostKeyChangedError, InvalidTargetError
from sessions.relay.client import JoinOptions, connect_by_code
from sessions.relay.joined import CodeSession, JoinState, JoinStatus
from sessions.relay.relays import parse_relays
from sessions.ssh.hostkeys import read_known_hosts
from sessions.ssh.target import Target
from tests.cluster.processes import relays
from tests.sshd import free_port, keygen


def test_a_relay_list_is_parsed_in_order() -> None:
    assert parse_relays(" r1.example.com:2222, r2.example.com:2223 ,,[::1]:2224") == (
        Target.parse("r1.example.com:2222"),
        Target.parse("r2.example.com:2223"),
        Target.parse("[::1]:2224"),
    )
    with pytest.raises(InvalidTargetError):
        parse_relays(" , ")


async def test_a_relay_that_is_down_passes_to_the_next(
    make_relay, make_agent, sqlite_url, tech_key, trust
) -> None:
    first = await make_relay(sqlite_url, "a")
    second = await make_relay(sqlite_url, "b")
    run = await make_agent(second.port)
    down = Target("127.0.0.1", free_port())  # the deployment's first address: nothing answers there
    listed = (down, Target("127.0.0.1", first.port), Target("127.0.0.1", second.port))
    conn = await connect_by_code(
        listed, codes.display(run.agent.code), JoinOptions(technician_key=tech_key, trust=trust)
    )
    assert (await conn.run("echo next")).stdout == "next\n"
    conn.close()
    await conn.wait_closed()
    # One known_hosts line for the deployment, under its first name, though another relay answered.
    names = [f"[127.0.0.1]:{relay.port}" for relay in listed]
    entries = [e for e in read_known_hosts(trust.known_hosts) if any(e.matches(name) for name in names)]
    assert len(entries) == 1 and entries[0].matches(names[0])
    assert entries[0].key.get_fingerprint("sha256") == first.fingerprint


async def test_a_relay_with_another_host_key_is_refused_as_a_changed_key(
    make_relay, make_agent, sqlite_url, tech_key, trust, tmp_path
) -> None:
    genuine = await make_relay(sqlite_url, "a")
    impostor = await make_relay(
        f"sqlite:///{tmp_path / 'impostor.sqlite3'}", "x", key=keygen(tmp_path / "x_key")
    )
    run = await make_agent(impostor.port)
    listed = (Target("127.0.0.1", genuine.port), Target("127.0.0.1", impostor.port))
    options = JoinOptions(technician_key=tech_key, trust=trust)
    with pytest.raises(CodeUnknownError):  # the genuine relay does not know that code; its key is kept
        await connect_by_code(listed, codes.display(run.agent.code), options)
    await genuine.close()  # the deployment's relay is down: the next address shows another key
    with pytest.raises(HostKeyChangedError) as caught:
        await connect_by_code(listed, codes.display(run.agent.code), options)
    assert caught.value.code == "hostkey.relay_changed"
    assert f"127.0.0.1:{impostor.port}" in str(caught.value)  # the relay that showed it
    assert not [e for e in _audit(impostor) if e == "claim.ok"]  # nothing was claimed there


def _audit(relay) -> list[str]:  # type: ignore[no-untyped-def]
    from sessions.relay.audit import read_audit

    return [event["event"] for event in read_audit(relay.audit.path)]


async def _until(predicate, timeout: float = 40.0) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


@pytest.mark.parametrize(
    ("killed", "data_leg"),
    [("technician's relay", True), ("technician's relay", False), ("both ends' relay", True)],
    ids=["technician's relay, own leg", "technician's relay, claim channel", "both ends' relay"],
)
async def test_the_session_resumes_on_another_relay_when_its_relay_dies(
    tmp_path, technicians_file, deployment_key, sqlite_url, make_agent, tech_key, trust, killed, data_leg
) -> None:
    async with relays(tmp_path, technicians_file, sqlite_url, deployment_key, 3) as started:
        ports = [port for _process, port in started]
        agent_relay = 0 if killed == "both ends' relay" else 2
        run = await make_agent(ports[agent_relay], *[p for p in ports if p != ports[agent_relay]], grace=30.0)
        listed = tuple(Target("127.0.0.1", port, "kim") for port in ports)
        options = JoinOptions(
            trust=trust, technician_key=tech_key, grace=30.0, backoff=(0.2, 1.0), data_leg=data_leg
        )
        session = CodeSession(listed, codes.display(run.agent.code), options)
        states: list[JoinState] = []
        session.subscribe(lambda event: states.append(event.state) if isinstance(event, JoinStatus) else None)
        await session.join()
        assert session.relay.port == ports[0] and session.conn is not None
        assert (await session.conn.run("echo before")).stdout == "before\n"

        started[0][0].send_signal(signal.SIGKILL)  # the relay the technician is on
        await started[0][0].wait()
        if data_leg and agent_relay != 0:
            # The session's bytes go from the technician's own leg to the agent's relay: the relay the
            # claim was made on is not on the path, and its death does not touch the session.
            assert (await session.conn.run("echo untouched")).stdout == "untouched\n"
            assert JoinState.RECONNECTING not in states
        else:
            await _until(lambda: JoinState.RECONNECTING in states and session.state is JoinState.ACTIVE)
            assert session.relay.port == ports[1]  # the next relay of the list
            assert session.conn is not None and (await session.conn.run("echo after")).stdout == "after\n"
        await session.close()


async def test_a_changed_host_key_while_resuming_ends_the_session_with_why(
    make_relay, make_agent, sqlite_url, tech_key, trust, tmp_path
) -> None:
    genuine = await make_relay(sqlite_url, "a")
    impostor = await make_relay(
        f"sqlite:///{tmp_path / 'impostor.sqlite3'}", "x", key=keygen(tmp_path / "x_key")
    )
    run = await make_agent(genuine.port)
    listed = (Target("127.0.0.1", genuine.port, "kim"), Target("127.0.0.1", impostor.port, "kim"))
    session = CodeSession(
        listed, codes.display(run.agent.code),
        JoinOptions(trust=trust, technician_key=tech_key, grace=30.0, backoff=(0.2, 1.0)),
    )  # fmt: skip
    await session.join()
    await genuine.close()  # the session drops; the next relay of the list shows another key
    reason = await asyncio.wait_for(session.wait_closed(), 30)
    assert session.state is JoinState.CLOSED
    assert "host key" in reason.lower() and f"127.0.0.1:{impostor.port}" in reason
