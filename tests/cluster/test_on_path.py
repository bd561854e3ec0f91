"""An attacker on the path (agent ⇄ relay, relay ⇄ relay) flips, replays or splices bytes: nothing opens."""

from __future__ import annotations

import asyncio
import json

import asyncssh
import pytest

from sessions import codes
from sessions.agent.events import ConsentRequested
from sessions.errors import SupportError
from sessions.relay import protocol
from sessions.relay.audit import read_audit
from sessions.relay.client import JoinOptions, connect_by_code
from sessions.relay.protocol import Reason, relay_reason
from sessions.ssh.target import Target
from tests.cluster.tamper import TamperProxy, replay


def _events(relay, name: str) -> list[dict]:
    return [event for event in read_audit(relay.audit.path) if event["event"] == name]


async def _claim(
    port: int, code: str, tech_key, trust, *, data_leg: bool = True
) -> asyncssh.SSHClientConnection:
    return await connect_by_code(
        Target("127.0.0.1", port),
        codes.display(code),
        JoinOptions(technician_key=tech_key, trust=trust, timeout=10, data_leg=data_leg),
    )


async def test_flipped_bytes_on_the_agent_leg_end_the_link(
    make_relay, make_agent, sqlite_url, tech_key, trust
):
    relay = await make_relay(sqlite_url, "a")
    proxy = await TamperProxy(relay.port).start()
    run = await make_agent(proxy.port, grace=2.0)
    proxy.flip = True
    with pytest.raises(SupportError):
        await _claim(relay.port, run.agent.code, tech_key, trust)
    reason = await asyncio.wait_for(run.agent.wait_ended(), 30)
    assert reason == run.agent.texts.text("ended.link_lost")
    assert proxy.flipped and not run.of(ConsentRequested)
    assert not _events(relay, "session.started")
    await proxy.close()


async def test_replayed_and_spliced_agent_streams_get_no_code(make_relay, make_agent, sqlite_url):
    relay = await make_relay(sqlite_url, "a")
    proxy = await TamperProxy(relay.port).start()
    for _ in range(2):
        run = await make_agent(proxy.port)
        await run.agent.end()
    await asyncio.sleep(0.2)
    issued = len(_events(relay, "code.issued"))
    assert issued == 2 and len(proxy.streams) == 2
    first, second = (bytes(stream) for stream in proxy.streams)
    half = min(len(first), len(second)) // 2
    for stream in (first, second, first[:half] + second[half:]):
        answer = await replay(relay.port, stream)
        assert answer.startswith(b"SSH-2.0-Valuezone_relay")  # it spoke, then dropped the stream
    await asyncio.sleep(0.2)
    assert len(_events(relay, "code.issued")) == issued and len(relay.book) == 0
    await proxy.close()


async def test_tampered_peer_link_carries_no_claim(make_relay, make_agent, sqlite_url, tech_key, trust):
    proxy = await TamperProxy(0).start()
    holder = await make_relay(sqlite_url, "a", advertise=f"127.0.0.1:{proxy.port}")
    proxy.target = holder.port
    other = await make_relay(sqlite_url, "b")
    run = await make_agent(holder.port)
    proxy.flip = True
    with pytest.raises(SupportError) as caught:
        await _claim(other.port, run.agent.code, tech_key, trust)
    assert relay_reason(caught.value) == Reason.PEER_UNREACHABLE
    assert "could not be reached safely" in str(caught.value)
    assert not run.of(ConsentRequested) and not _events(holder, "claim.ok")
    await proxy.close()


async def test_peer_link_tampered_mid_session_fails_closed(
    make_relay, make_agent, sqlite_url, tech_key, trust
):
    proxy = await TamperProxy(0).start()
    holder = await make_relay(sqlite_url, "a", advertise=f"127.0.0.1:{proxy.port}")
    proxy.target = holder.port
    other = await make_relay(sqlite_url, "b")
    run = await make_agent(holder.port)
    # the session through the peer link (as `ssh -J` has it: a technician's own leg goes to the holder)
    conn = await _claim(other.port, run.agent.code, tech_key, trust, data_leg=False)
    assert (await conn.run("echo ok")).stdout == "ok\n"
    proxy.flip = True
    with pytest.raises((asyncssh.Error, OSError)):
        await asyncio.wait_for(conn.run("echo after-tamper"), 20)
    assert "Technician ran: echo after-tamper" not in run.activity()
    await proxy.close()


async def test_replayed_peer_stream_opens_nothing(make_relay, make_agent, sqlite_url, tech_key, trust):
    proxy = await TamperProxy(0).start()
    holder = await make_relay(sqlite_url, "a", advertise=f"127.0.0.1:{proxy.port}")
    proxy.target = holder.port
    other = await make_relay(sqlite_url, "b")
    run = await make_agent(holder.port)
    conn = await _claim(other.port, run.agent.code, tech_key, trust)
    assert (await conn.run("echo once")).stdout == "once\n"
    conn.close()
    await conn.wait_closed()
    assert len(proxy.streams) == 1
    answer = await replay(holder.port, bytes(proxy.streams[0]))
    assert answer.startswith(b"SSH-2.0-Valuezone_relay")
    await asyncio.sleep(0.2)
    assert len(_events(holder, "claim.ok")) == 1 and len(run.of(ConsentRequested)) == 1
    await proxy.close()


async def test_impostor_relay_gets_no_resume_token(make_relay, make_agent, sqlite_url, tmp_path) -> None:
    from tests.sshd import keygen

    genuine = await make_relay(sqlite_url, "a")
    impostor = await make_relay(
        f"sqlite:///{tmp_path / 'impostor.sqlite3'}", "x", key=keygen(tmp_path / "x_key")
    )
    run = await make_agent(genuine.port, impostor.port, grace=5.0)
    await genuine.close()  # stops listening; the network then drops the agent's link
    assert run.agent._link is not None
    run.agent._link.conn.abort()
    reason = await asyncio.wait_for(run.agent.wait_ended(), 30)
    assert reason == run.agent.texts.text("ended.relay_changed")  # the log says: a different host key
    assert not _events(impostor, "customer.resumed") and not _events(impostor, "code.issued")
    text = impostor.audit.path.read_text()
    assert run.agent.code not in text
    assert json.dumps(run.agent.code) not in text


async def _resume_as(port: int, code: str, token: str) -> str:
    """Log in as a customer claiming to come back with *code* and *token*; the code the relay hands out."""
    conn = await asyncssh.connect(
        "127.0.0.1", port, username="support", known_hosts=None, client_keys=None, agent_path=None, config=[]
    )
    try:
        writer, reader, _ = await conn.open_session(subsystem=protocol.CONTROL_SUBSYSTEM, encoding="utf-8")
        writer.write(
            protocol.encode("hello", v=protocol.PROTOCOL_VERSION, resume={"code": code, "token": token})
        )
        await reader.readline()  # welcome
        await conn.create_server(lambda host, port: None, protocol.FORWARD_HOST, protocol.FORWARD_PORT)
        return str(protocol.decode(await reader.readline())["code"])
    finally:
        conn.close()


async def test_a_guessed_or_replayed_resume_token_takes_no_code(
    make_relay, make_agent, sqlite_url, tech_key, trust
) -> None:
    holder = await make_relay(sqlite_url, "a")
    other = await make_relay(sqlite_url, "b")
    run = await make_agent(holder.port)
    code, token = run.agent.code, run.agent._link.token
    # The code is read aloud; the token never is: a guess on another relay gets a new code of its own.
    assert await _resume_as(other.port, code, "x" * len(token)) != code
    assert not _events(other, "code.adopted")
    conn = await _claim(other.port, code, tech_key, trust)  # the customer's code still reaches the customer
    assert (await conn.run("echo still-theirs")).stdout == "still-theirs\n"
    conn.close()
    await conn.wait_closed()
    # After the customer ends, even the real token (replayed) brings nothing back.
    await run.agent.end()
    await asyncio.sleep(0.3)
    assert await _resume_as(other.port, code, token) != code
    assert not _events(other, "code.adopted") and not _events(holder, "customer.resumed")
