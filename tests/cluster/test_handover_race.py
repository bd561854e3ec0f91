"""A technician resumes whatever the order of a code's hand-over and the technician's rejoin.

Each test widens one window the hand-over has, with real relays, a real agent and a real technician's
CodeSession on a shared SQLite database; only a delay is put into the relay (`monkeypatch`) so the race
happens every time instead of once in ten runs on a busy machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from typing import Any

import pytest

from sessions import codes
from sessions.agent.events import AgentState, CodeIssued
from sessions.relay import protocol
from sessions.relay.audit import read_audit
from sessions.relay.client import JoinOptions
from sessions.relay.customer import CustomerLink
from sessions.relay.joined import CodeSession, JoinState, JoinStatus
from sessions.relay.protocol import Reason
from sessions.relay.server import Relay
from sessions.ssh.target import Target
from tests.cluster.processes import start_relay


class ReplyHeld:
    """Holds back the relay's answer to a *returning* agent's forward request (the relay has linked the
    code to the agent's new link; the agent does not have its forward yet) until a technician's claim
    reached that link and was answered, or `hold` seconds passed. The window is the one between the
    relay's `_forward` returning and the agent's SSH library registering its listener."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, hold: float = 1.0) -> None:
        self.claimed = asyncio.Event()
        self.answered = asyncio.Event()
        self.held = 0
        forward, open_ = CustomerLink._forward, CustomerLink.open

        async def slow_forward(link: CustomerLink, host: str, port: int) -> Any:
            result = await forward(link, host, port)
            if link._hello.get("resume") and result is not False:
                self.held += 1
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.claimed.wait(), 10)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.answered.wait(), hold)
            return result

        async def watched_open(link: CustomerLink, *args: Any) -> None:
            resumed = bool(link._hello.get("resume"))
            if resumed:
                self.claimed.set()
            try:
                await open_(link, *args)
            finally:
                if resumed:
                    self.answered.set()

        monkeypatch.setattr(CustomerLink, "_forward", slow_forward)
        monkeypatch.setattr(CustomerLink, "open", watched_open)


class ClosingHeld:
    """Holds *relay*'s close() after it handed its codes over, until a claim reached it meanwhile (or 5 s
    passed): at "leave", while the deployment still has it as a live member (so a claim on another relay
    is carried to it); at "legs", after it left, before it drops its connections (a technician whose link
    to it is still up claims there)."""

    def __init__(self, relay: Relay, monkeypatch: pytest.MonkeyPatch, at: str) -> None:
        self.claims = 0
        claimed = asyncio.Event()
        claim = relay.claim
        held: Any = relay.cluster if at == "leave" else relay.legs
        name = "leave" if at == "leave" else "close"
        step = getattr(held, name)

        async def watched_claim(*args: Any, **kw: Any) -> Any:
            self.claims += 1
            try:
                return await claim(*args, **kw)
            finally:
                claimed.set()

        async def slow_step(*args: Any, **kw: Any) -> None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(claimed.wait(), 5)
            await step(*args, **kw)

        monkeypatch.setattr(relay, "claim", watched_claim)
        monkeypatch.setattr(held, name, slow_step)


async def _resumed(session: CodeSession, states: list[JoinState], timeout: float = 30.0) -> None:
    """Until the session is back (ACTIVE after RECONNECTING) or closed; then it must be back."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not (JoinState.RECONNECTING in states and session.state in (JoinState.ACTIVE, JoinState.CLOSED)):
        assert asyncio.get_running_loop().time() < deadline, f"still {session.state.value}"
        await asyncio.sleep(0.02)
    assert session.state is JoinState.ACTIVE, session.closed_reason
    assert session.conn is not None and (await session.conn.run("echo kept")).stdout == "kept\n"


def _session(targets: tuple[Target, ...], code: str, tech_key: Any, trust: Any, **kw: Any) -> CodeSession:
    options = JoinOptions(trust=trust, technician_key=tech_key, grace=30.0, backoff=(0.2, 1.0), **kw)
    return CodeSession(targets, codes.display(code), options)


def _states(session: CodeSession) -> list[JoinState]:
    states: list[JoinState] = []
    session.subscribe(lambda event: states.append(event.state) if isinstance(event, JoinStatus) else None)
    return states


@pytest.mark.parametrize("data_leg", [True, False], ids=["technician's own leg", "claim channel"])
@pytest.mark.parametrize("technician_on", ["closing", "other"])
async def test_a_claim_before_the_returning_agent_has_its_forward_is_retried(
    make_relay, make_agent, sqlite_url, tech_key, trust, monkeypatch, technician_on, data_leg
) -> None:
    """The agent's relay stops; the agent adopts its code on the other relay; the technician's claim
    reaches the new link before the agent's SSH has its forward in place. It must not end the session."""
    closing = await make_relay(sqlite_url, "a", failure_limit=1)  # a retry counted would end it
    other = await make_relay(sqlite_url, "b", failure_limit=1)
    run = await make_agent(closing.port, other.port, grace=30.0)
    code = run.agent.code
    first = closing if technician_on == "closing" else other
    targets = (Target("127.0.0.1", first.port, "kim"), Target("127.0.0.1", other.port, "kim"))
    session = _session(targets, code, tech_key, trust, data_leg=data_leg)
    states = _states(session)
    await session.join()
    held = ReplyHeld(monkeypatch)

    await closing.close()
    await _resumed(session, states)
    assert held.held >= 1 and held.claimed.is_set()  # the race did happen
    assert run.agent.code == code and len(run.of(CodeIssued)) == 1
    assert run.agent.state is AgentState.ACTIVE
    await session.close()


async def test_an_older_agent_that_does_not_say_ready_is_retried_too(
    make_relay, make_agent, sqlite_url, tech_key, trust, monkeypatch
) -> None:
    """An agent from before the "ready" message: the relay cannot hold the claim for it, so the claim
    reaches it before its forward is there; its "No such listener" reaches the technician as
    "reconnecting", and the technician's next try finds the agent ready."""
    decode = protocol.decode

    def as_an_older_agent(line: str) -> dict[str, Any]:
        message = decode(line)
        message.pop("ready", None)  # the hello's promise
        return {"type": "unknown"} if message["type"] == "ready" else message

    monkeypatch.setattr(protocol, "decode", as_an_older_agent)
    closing = await make_relay(sqlite_url, "a", failure_limit=1)
    other = await make_relay(sqlite_url, "b", failure_limit=1)
    run = await make_agent(closing.port, other.port, grace=30.0)
    targets = (Target("127.0.0.1", closing.port, "kim"), Target("127.0.0.1", other.port, "kim"))
    session = _session(targets, run.agent.code, tech_key, trust)
    states = _states(session)
    await session.join()
    ReplyHeld(monkeypatch)

    await closing.close()
    await _resumed(session, states)
    refused = [e["reason"] for e in read_audit(other.audit.path) if e["event"] == "consent.refused"]
    assert refused and set(refused) == {Reason.RECONNECTING}  # the race did happen, and was retried
    assert len(run.of(CodeIssued)) == 1
    await session.close()


@pytest.mark.parametrize(
    ("technician_on", "at"),
    [("closing", "legs"), ("closing", "leave"), ("other", "leave")],
    ids=["on it, after it left", "on it, before it left", "carried to it, before it left"],
)
async def test_a_claim_on_the_relay_while_it_stops_is_retried(
    make_relay, make_agent, sqlite_url, tech_key, trust, monkeypatch, technician_on, at
) -> None:
    """The stopping relay handed its codes over but still takes claims: the technician's link to it is
    still up, or another relay carries the claim to it. "No session is waiting" would end the session
    (the code lives on); "reconnecting" counted, here or on the relay that carried it, would use up the
    technician's allowance (a limit of 1 here)."""
    closing = await make_relay(sqlite_url, "a", failure_limit=1)  # a retry counted would end it
    other = await make_relay(sqlite_url, "b", failure_limit=1)
    run = await make_agent(closing.port, other.port, grace=30.0)
    code = run.agent.code
    first = closing if technician_on == "closing" else other
    targets = (Target("127.0.0.1", first.port, "kim"), Target("127.0.0.1", other.port, "kim"))
    session = _session(targets, code, tech_key, trust)
    states = _states(session)
    await session.join()
    held = ClosingHeld(closing, monkeypatch, at)

    await closing.close()
    await _resumed(session, states)
    assert held.claims >= 1  # the race did happen
    assert run.agent.code == code and len(run.of(CodeIssued)) == 1
    await session.close()


async def test_after_a_kill_a_claim_before_the_agent_has_its_forward_is_retried(
    tmp_path,
    technicians_file,
    deployment_key,
    sqlite_url,
    make_relay,
    make_agent,
    tech_key,
    trust,
    monkeypatch,
) -> None:
    """The agent's relay is killed (a process, kill -9); the agent adopts its code on the survivor after
    the lease; the technician, on the survivor, claims before the agent has its forward there."""
    doomed, doomed_port = await start_relay(tmp_path, "doomed", technicians_file, sqlite_url, deployment_key)
    try:
        survivor = await make_relay(sqlite_url, "survivor", failure_limit=1)
        run = await make_agent(doomed_port, survivor.port, grace=30.0)
        code = run.agent.code
        session = _session((Target("127.0.0.1", survivor.port, "kim"),), code, tech_key, trust)
        states = _states(session)
        await session.join()  # claimed on the survivor, carried to the doomed relay
        held = ReplyHeld(monkeypatch)

        doomed.send_signal(signal.SIGKILL)
        await doomed.wait()
        await _resumed(session, states)
        assert held.held >= 1 and held.claimed.is_set()
        assert run.agent.code == code and len(run.of(CodeIssued)) == 1
        await session.close()
    finally:
        if doomed.returncode is None:
            doomed.kill()
            await doomed.wait()


async def test_the_technicians_relay_stopping_alone_is_a_resume_without_a_hand_over(
    make_relay, make_agent, sqlite_url, tech_key, trust
) -> None:
    """The sibling without a hand-over: the agent stays linked to its relay; the technician's relay,
    which carried the claim (the session's bytes crossed it), stops. The technician resumes on the
    agent's relay; the code never moved."""
    closing = await make_relay(sqlite_url, "a", failure_limit=1)
    staying = await make_relay(sqlite_url, "b", failure_limit=1)
    run = await make_agent(staying.port, grace=30.0)
    targets = (Target("127.0.0.1", closing.port, "kim"), Target("127.0.0.1", staying.port, "kim"))
    session = _session(targets, run.agent.code, tech_key, trust, data_leg=False)
    states = _states(session)
    await session.join()

    await closing.close()
    await _resumed(session, states)
    assert run.agent.state is AgentState.ACTIVE and len(run.of(CodeIssued)) == 1
    await session.close()


async def test_on_one_relay_a_claim_before_the_agent_is_back_with_its_forward_is_retried(
    make_relay, make_agent, sqlite_url, tech_key, trust, monkeypatch
) -> None:
    """The same window without a cluster's hand-over: the agent's link to its only relay drops and comes
    back to it; the technician's rejoin reaches the new link before the agent has its forward."""
    relay = await make_relay(sqlite_url, "one", failure_limit=1)
    run = await make_agent(relay.port, grace=30.0)
    session = _session((Target("127.0.0.1", relay.port, "kim"),), run.agent.code, tech_key, trust)
    states = _states(session)
    await session.join()
    held = ReplyHeld(monkeypatch)

    pairing = relay.book.get(run.agent.code)
    assert pairing is not None and isinstance(pairing.customer, CustomerLink)
    pairing.customer.drop()  # the link lost: the agent comes back with its resume token
    await _resumed(session, states)
    assert held.held >= 1 and held.claimed.is_set()
    assert len(run.of(CodeIssued)) == 1
    await session.close()
