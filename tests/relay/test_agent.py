"""The agent's own rules: scopes, the activity feed, chat both ways, reconnecting, --forward-sshd."""

from __future__ import annotations

import asyncio

import asyncssh
import pytest

from sessions.agent.events import AgentState, ChatReceived, CodeIssued, ConsentRequested, StateChanged
from sessions.chat.link import ChatLink
from sessions.chat.message import ChatMessage
from sessions.errors import SessionClosedError
from sessions.relay.audit import read_audit
from sessions.relay.client import JoinOptions, connect_by_code, connect_relay, open_code_channel
from sessions.relay.joined import CodeSession, Gap, JoinState, JoinStatus, Rejoined
from sessions.relay.protocol import Reason


async def _wait_for(predicate, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


async def test_diagnostics_scope(make_agent, relay_target, tech_key, trust, tmp_path) -> None:
    run = await make_agent(scope="diagnostics")
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    ok = await conn.run("echo diag-ok")
    assert (ok.exit_status, ok.stdout) == (0, "diag-ok\n")
    refused = await conn.run("rm -rf /tmp/nothing-here")
    assert refused.exit_status == 126 and "Not allowed in a diagnostics session" in refused.stderr
    with pytest.raises(asyncssh.ChannelOpenError, match="PTY"):
        await conn.run(term_type="xterm")  # no terminal in this scope
    shell = await conn.run()  # and a shell without one is refused with a sentence
    assert shell.exit_status == 1 and "no shell" in shell.stderr
    readable = tmp_path / "log.txt"
    readable.write_text("kernel: ok\n")
    async with conn.start_sftp_client() as sftp:
        async with sftp.open(str(readable)) as handle:
            assert await handle.read() == "kernel: ok\n"
        with pytest.raises(asyncssh.SFTPPermissionDenied):
            await sftp.open(str(tmp_path / "new.txt"), "w")
        with pytest.raises(asyncssh.SFTPPermissionDenied):
            await sftp.remove(str(readable))
    assert readable.exists()
    conn.close()
    feed = run.activity()
    assert "Technician ran: echo diag-ok" in feed
    assert "Technician was refused: rm -rf /tmp/nothing-here (not one of the listed health checks)" in feed
    assert "Technician asked for a shell (refused: checks only)" in feed
    assert run.of(ConsentRequested)[0].scope_label == "checks only"
    assert run.of(ConsentRequested)[0].lines[1].startswith("Checks only: the technician can run the listed")


async def test_chat_both_ways(make_agent, relay_target, tech_key, trust) -> None:
    run = await make_agent(lang="ko")
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    received: list[ChatMessage] = []
    link = await ChatLink.open(conn, on_message=received.append)
    await _wait_for(lambda: run.agent.chats)
    hello = ChatMessage("technician", "I will check your disks now.", "en").with_translation(
        "ko", "지금 디스크를 확인하겠습니다.", "google"
    )
    await link.send(hello)
    await _wait_for(lambda: run.of(ChatReceived))
    got = run.of(ChatReceived)[0].message
    assert (
        got.id == hello.id
        and got.shown_text("ko") == "지금 디스크를 확인하겠습니다."
        and got.text == hello.text
    )
    sent = await run.agent.send_chat("디스크 3번에서 소리가 나요")
    await _wait_for(lambda: received)
    assert received[0].text == "디스크 3번에서 소리가 나요" and received[0].lang == "ko"
    assert received[0].sender == "customer" and received[0].id == sent.id
    await run.agent.end()
    await asyncio.wait_for(link.wait_closed(), 5)
    with pytest.raises(SessionClosedError):
        await link.send(hello)


async def test_agent_reconnects_and_keeps_its_code(relay, make_agent, relay_target, tech_key, trust) -> None:
    run = await make_agent()
    code = run.agent.code
    session = CodeSession(
        relay_target, code, JoinOptions(trust=trust, technician_key=tech_key, backoff=(0.1, 0.5))
    )
    states: list[JoinStatus] = []
    gaps: list[Gap] = []
    reconnected: list[asyncssh.SSHClientConnection] = []
    session.subscribe(lambda e: states.append(e) if isinstance(e, JoinStatus) else None)
    session.subscribe(lambda e: gaps.append(e) if isinstance(e, Gap) else None)
    session.subscribe(lambda e: reconnected.append(e.conn) if isinstance(e, Rejoined) else None)
    conn = await session.join()
    assert (await conn.run("echo before")).stdout == "before\n"
    run.agent._link.conn.abort()  # the customer's network drops
    await _wait_for(lambda: reconnected, 15)
    assert run.agent.code == code and run.agent.state is AgentState.ACTIVE
    assert JoinState.RECONNECTING in [s.state for s in states]
    assert states[-1].state is JoinState.ACTIVE and "***" in states[-1].code
    assert gaps and gaps[0].seconds >= 0
    assert (await reconnected[0].run("echo after")).stdout == "after\n"
    changes = [(e.old, e.new) for e in run.of(StateChanged)]
    assert (AgentState.ACTIVE, AgentState.RECONNECTING) in changes
    assert (AgentState.RECONNECTING, AgentState.ACTIVE) in changes
    assert len(run.of(CodeIssued)) == 1
    assert any(e["event"] == "customer.resumed" for e in read_audit(relay.audit.path))
    await run.agent.end()
    reason = await asyncio.wait_for(session.wait_closed(), 10)
    assert reason.startswith(Reason.ENDED)


async def test_waiting_agent_reconnects_with_the_same_code(make_agent, relay_target, tech_key, trust) -> None:
    run = await make_agent()
    code = run.agent.code
    run.agent._link.conn.abort()
    await _wait_for(lambda: len(run.of(CodeIssued)) == 2)
    assert run.of(CodeIssued)[1].resumed and run.agent.code == code
    conn = await connect_by_code(relay_target, code, JoinOptions(technician_key=tech_key, trust=trust))
    assert (await conn.run("echo resumed")).stdout == "resumed\n"
    conn.close()


async def test_forward_sshd(make_agent, relay_target, tech_key, trust, sshd) -> None:
    run = await make_agent(forward_sshd=sshd.port)
    relay_conn = await connect_relay(relay_target, trust=trust, technician_key=tech_key)
    tunnel = await open_code_channel(relay_conn, run.agent.code)
    inner = await asyncssh.connect(
        "vz" + run.agent.code,
        tunnel=tunnel,
        username=sshd.user,
        client_keys=[str(sshd.client_key)],
        known_hosts=None,
    )
    assert (await inner.run("echo real-sshd")).stdout == "real-sshd\n"
    inner.close()
    relay_conn.close()
    assert "Technician connected to this device's SSH server" in run.activity()
    assert (
        "this device's SSH server, which asks them for a password or key"
        in run.of(ConsentRequested)[0].question
    )


async def test_status_values_hold_no_full_code(make_agent, relay_target, tech_key, trust) -> None:
    run = await make_agent()
    session = CodeSession(relay_target, run.agent.code, JoinOptions(trust=trust, technician_key=tech_key))
    states: list[JoinStatus] = []
    session.subscribe(lambda e: states.append(e) if isinstance(e, JoinStatus) else None)
    await session.join()
    await session.close()
    assert states and all(run.agent.code not in repr(s) for s in states)
    assert states[-1].state is JoinState.CLOSED
