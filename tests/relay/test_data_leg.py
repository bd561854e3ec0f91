"""Protocol v2's data leg, attacked from the path between relay and agent (and technician and relay).

The leg is TLS pinned through the SSH control channel, opened with a one-time token per claim. Every
attack here must fail closed with a clear message: no shell, no claim, no replay; the customer's
consent and scope still apply; old agents and old relays keep the v1 path.
"""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path
from typing import Any

import asyncssh
import pytest

from sessions.agent.events import Activity, ConsentRequested
from sessions.errors import ConnectError, SessionClosedError
from sessions.relay.client import JoinOptions, connect_by_code, connect_relay, open_code_channel
from sessions.relay.dataleg import LegReason
from sessions.relay.server import Relay
from sessions.ssh.target import Target
from tests.ports import held_port
from tests.relay.conftest import MakeAgent, MakeRelay, audited, until
from tests.relay.tamper import TamperProxy, raw_leg


@pytest.fixture
def legs(legs: tuple[MakeRelay, MakeAgent]) -> tuple[MakeRelay, MakeAgent]:
    """The shared legs (conftest.py), with agents that try to reach a lost relay for 2 s only."""
    make_relay, make_agent = legs
    return make_relay, functools.partial(make_agent, grace=2.0)


def _tokens(relay: Relay) -> list[str]:
    """Record every data-leg token the relay hands out (what a thief would want)."""
    assert relay.legs is not None
    seen: list[str] = []
    expect = relay.legs.expect

    def recording(code: str, claim: int, *, tls: bool = True) -> Any:
        token, arrived = expect(code, claim, tls=tls)
        if tls:  # the agent's (a technician's own leg has its tests in test_technician_leg.py)
            seen.append(token)
        return token, arrived

    relay.legs.expect = recording  # type: ignore[method-assign]
    return seen


async def _join(relay: Relay, code: str, tech_key: Path, trust: Any) -> asyncssh.SSHClientConnection:
    return await connect_by_code(
        Target("127.0.0.1", relay.port, "kim"), code, JoinOptions(technician_key=tech_key, trust=trust)
    )


# --- the path itself --------------------------------------------------------------------------------
async def test_the_session_runs_on_the_data_leg_and_is_counted(legs, tech_key, trust) -> None:
    make_relay, make_agent = legs
    relay = await make_relay()
    run = await make_agent(relay)
    assert run.agent._link is not None and run.agent._link.leg is not None
    conn = await _join(relay, run.agent.code, tech_key, trust)
    assert (await conn.run("echo over-the-leg")).stdout == "over-the-leg\n"
    conn.close()
    await conn.wait_closed()
    await until(lambda: audited(relay, "session.ended"), "session.ended")
    assert audited(relay, "session.started")[0]["leg"] == "tls"
    ended = audited(relay, "session.ended")[0]
    assert ended["bytes_to_customer"] > 1000 and ended["bytes_to_technician"] > 1000
    assert any("echo over-the-leg" in line for line in run.activity())  # the customer's feed still sees it


async def test_an_old_agent_keeps_the_v1_path(legs, tech_key, trust) -> None:
    make_relay, make_agent = legs
    relay = await make_relay()
    run = await make_agent(relay, data_leg=False)  # speaks hello v=1, as agents before the data leg
    assert run.agent._link is not None and run.agent._link.leg is None
    conn = await _join(relay, run.agent.code, tech_key, trust)
    assert (await conn.run("echo old-agent")).stdout == "old-agent\n"
    conn.close()
    assert audited(relay, "session.started")[0]["leg"] == "ssh"


async def test_a_new_agent_with_an_old_relay_keeps_the_v1_path(legs, tech_key, trust) -> None:
    make_relay, make_agent = legs
    relay = await make_relay(data_leg=False)  # answers welcome v=1, offers no leg
    run = await make_agent(relay)
    assert run.agent._link is not None and run.agent._link.leg is None
    conn = await _join(relay, run.agent.code, tech_key, trust)
    assert (await conn.run("echo old-relay")).stdout == "old-relay\n"
    conn.close()
    assert audited(relay, "session.started")[0]["leg"] == "ssh"


async def test_scope_and_consent_still_apply_on_the_leg(legs, tech_key, trust) -> None:
    make_relay, make_agent = legs
    relay = await make_relay()
    tokens = _tokens(relay)
    run = await make_agent(relay, scope="diagnostics")
    conn = await _join(relay, run.agent.code, tech_key, trust)
    assert (await conn.run("echo diag-ok")).stdout == "diag-ok\n"
    refused = await conn.run("cat /etc/passwd")
    assert refused.exit_status == 126 and "Not allowed" in str(refused.stderr)
    conn.close()
    declining = await make_agent(relay, auto_consent=False, consent_timeout=0.5)
    with pytest.raises(Exception, match="did not answer"):
        await _join(relay, declining.agent.code, tech_key, trust)
    # the token of the unanswered claim opens nothing afterwards
    assert relay.legs is not None
    answer = await raw_leg(relay.legs.port, b"VZLEG1 " + tokens[-1].encode() + b"\n")
    assert answer == f"refused {LegReason.UNKNOWN}\n".encode()


# --- attacks on the relay ↔ agent leg --------------------------------------------------------------
async def test_a_leg_port_stranger_without_a_token_gets_nothing(legs) -> None:
    make_relay, _ = legs
    relay = await make_relay(leg_token_timeout=0.5)
    assert relay.legs is not None
    assert await raw_leg(relay.legs.port, b"") == f"refused {LegReason.NO_TOKEN}\n".encode()
    assert await raw_leg(relay.legs.port, b"SSH-2.0-OpenSSH_9.6\r\n") == (
        f"refused {LegReason.NOT_A_TOKEN}\n".encode()
    )
    assert await raw_leg(relay.legs.port, b"VZLEG1 guessed\n") == f"refused {LegReason.UNKNOWN}\n".encode()
    # without TLS the port takes only technicians' own legs, whose tokens are as unguessable
    plain = await raw_leg(relay.legs.port, b"VZLEG1 x\n", tls=False)
    assert plain == f"refused {LegReason.UNKNOWN}\n".encode()
    assert await raw_leg(relay.legs.port, b"\x16\x03\x01 not a ClientHello", tls=False, wait=4) == b""
    await until(lambda: len(audited(relay, "leg.refused")) >= 5, "five refusals in the audit log")
    reasons = [event["reason"] for event in audited(relay, "leg.refused")]
    assert LegReason.NO_TOKEN in reasons and LegReason.UNKNOWN in reasons
    assert any(reason.startswith(LegReason.TLS) for reason in reasons)
    assert not audited(relay, "session.started")


async def test_a_stolen_token_cannot_splice_a_second_connection_in(legs, tech_key, trust) -> None:
    make_relay, make_agent = legs
    relay = await make_relay()
    tokens = _tokens(relay)
    run = await make_agent(relay)
    conn = await _join(relay, run.agent.code, tech_key, trust)
    assert relay.legs is not None
    answer = await raw_leg(relay.legs.port, b"VZLEG1 " + tokens[0].encode() + b"\n")
    assert answer == f"refused {LegReason.USED}\n".encode()
    assert (await conn.run("echo still-mine")).stdout == "still-mine\n"  # the real session is untouched
    conn.close()
    assert len(audited(relay, "session.started")) == 1


async def test_a_replayed_leg_recording_is_refused(legs, tech_key, trust) -> None:
    make_relay, make_agent = legs
    proxy = TamperProxy()
    relay = await make_relay(proxy)
    run = await make_agent(relay)
    conn = await _join(relay, run.agent.code, tech_key, trust)
    assert (await conn.run("echo recorded")).stdout == "recorded\n"
    conn.close()
    await conn.wait_closed()
    recording = bytes(proxy.flows[0].up)
    assert b"VZLEG1" not in recording and b"recorded" not in recording  # the token never crossed in clear
    assert relay.legs is not None
    answer = await raw_leg(relay.legs.port, recording, tls=False, wait=4)
    assert b"ok\n" not in answer
    await until(
        lambda: any(e["reason"].startswith(LegReason.TLS) for e in audited(relay, "leg.refused")),
        "the replay refused in the audit log",
    )
    assert len(audited(relay, "session.started")) == 1


async def test_a_flipped_byte_in_the_leg_handshake_fails_closed(legs, tech_key, trust) -> None:
    make_relay, make_agent = legs
    relay = await make_relay(TamperProxy(flip_up=40))  # inside the TLS ClientHello
    run = await make_agent(relay)
    with pytest.raises(SessionClosedError, match="data connection to the relay failed") as caught:
        await _join(relay, run.agent.code, tech_key, trust)
    assert caught.value.code == "relay.leg_failed"
    assert "leg_failed" in [event.key for event in run.of(Activity)]  # the customer is told too
    await until(lambda: audited(relay, "leg.refused"), "the broken handshake in the audit log")
    assert not audited(relay, "session.started")


async def test_a_flipped_byte_mid_session_ends_it_and_runs_nothing(legs, tech_key, trust, tmp_path) -> None:
    make_relay, make_agent = legs
    proxy = TamperProxy()
    relay = await make_relay(proxy)
    run = await make_agent(relay)
    conn = await _join(relay, run.agent.code, tech_key, trust)
    marker = tmp_path / "tampered"
    proxy.flip_down = len(proxy.flows[0].down) + 30  # the next record from the technician to the agent
    with pytest.raises((asyncssh.Error, OSError)):
        await asyncio.wait_for(conn.run(f"touch {marker}"), 10)
    await conn.wait_closed()
    assert not marker.exists()
    await until(lambda: audited(relay, "session.ended"), "the session's end in the audit log")
    assert "technician_dropped" in [event.key for event in run.of(Activity)]


async def test_a_man_in_the_middle_on_the_leg_never_gets_the_token(legs, tech_key, trust, tmp_path) -> None:
    make_relay, make_agent = legs
    proxy = TamperProxy(mitm_state=tmp_path / "mallory")  # its own certificate, its own TLS to the relay
    relay = await make_relay(proxy)
    tokens = _tokens(relay)
    run = await make_agent(relay)
    with pytest.raises(SessionClosedError, match="different certificate"):
        await _join(relay, run.agent.code, tech_key, trust)
    assert not any(flow.up for flow in proxy.flows)  # the agent sent Mallory nothing after the handshake
    assert relay.legs is not None
    answer = await raw_leg(relay.legs.port, b"VZLEG1 " + tokens[0].encode() + b"\n")
    assert answer == f"refused {LegReason.UNKNOWN}\n".encode()  # given up with the claim
    assert not audited(relay, "session.started")


# --- the technician ↔ relay leg ---------------------------------------------------------------------
async def test_a_flipped_byte_between_technician_and_relay_fails_closed(legs, tech_key, trust) -> None:
    make_relay, make_agent = legs
    relay = await make_relay()
    run = await make_agent(relay)
    proxy = await TamperProxy().start()
    proxy.target = relay.port
    try:
        relay_conn = await connect_relay(
            Target("127.0.0.1", proxy.port, "kim"), trust=trust, technician_key=tech_key
        )
        proxy.flip_up = len(proxy.flows[0].up) + 20  # inside the encrypted packet that claims the code
        with pytest.raises(ConnectError, match="lost while joining"):
            await open_code_channel(relay_conn, run.agent.code)
    finally:
        await proxy.close()
    assert audited(relay, "technician.connected") and not audited(relay, "claim.ok")
    assert not [event for event in run.of(ConsentRequested)]  # nobody was asked, nothing was opened


async def test_a_leg_port_the_agent_cannot_reach_leaves_the_session_on_its_link(
    legs, tech_key, trust
) -> None:
    make_relay, make_agent = legs
    with held_port() as closed:  # a firewall in front of the data port: the connection is refused
        relay = await make_relay(data_public_port=closed)
        run = await make_agent(relay)
        conn = await _join(relay, run.agent.code, tech_key, trust)
        assert (await conn.run("echo on-the-link")).stdout == "on-the-link\n"
        conn.close()
    assert audited(relay, "session.started")[0]["leg"] == "ssh"
    assert "leg_failed" not in [event.key for event in run.of(Activity)]


@pytest.mark.parametrize("to_sshd", [False, True], ids=["inner-server", "forward-sshd"])
async def test_bulk_both_ways_over_the_leg(legs, tech_key, trust, sshd, to_sshd) -> None:
    make_relay, make_agent = legs
    relay = await make_relay()
    run = await make_agent(relay, forward_sshd=sshd.port if to_sshd else None)
    relay_conn = await connect_relay(
        Target("127.0.0.1", relay.port, "kim"), trust=trust, technician_key=tech_key
    )
    tunnel = await open_code_channel(relay_conn, run.agent.code)
    login = (
        {"username": sshd.user, "client_keys": [str(sshd.client_key)]}
        if to_sshd
        else {"client_keys": [str(tech_key)]}  # the agent takes only the consented technician's key
    )
    inner = await asyncssh.connect(
        "vz" + run.agent.code, tunnel=tunnel, known_hosts=None, agent_path=None, **login
    )
    size = 24 << 20
    down = await inner.run(f"head -c {size} /dev/zero", encoding=None)
    assert down.exit_status == 0 and isinstance(down.stdout, bytes) and len(down.stdout) == size
    up = await inner.run("wc -c", input=b"x" * size, encoding=None)
    assert isinstance(up.stdout, bytes) and up.stdout.strip() == str(size).encode()
    inner.close()
    relay_conn.close()
    await until(lambda: audited(relay, "session.ended"), "the session's end")
    ended = audited(relay, "session.ended")[0]
    assert ended["bytes_to_technician"] > size and ended["bytes_to_customer"] > size
    assert audited(relay, "session.started")[0]["leg"] == "tls"


async def test_what_sshd_says_before_the_leg_is_ready_reaches_the_technician(legs, tech_key, trust) -> None:
    """sshd speaks first (its banner), usually before the agent's leg is even open: nothing may be lost."""

    async def banner_first(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"SSH-2.0-banner-first\r\n")
        writer.write(await reader.readline())
        await writer.drain()

    device = await asyncio.start_server(banner_first, "127.0.0.1", 0)
    make_relay, make_agent = legs
    relay = await make_relay()
    run = await make_agent(relay, forward_sshd=device.sockets[0].getsockname()[1])
    relay_conn = await connect_relay(
        Target("127.0.0.1", relay.port, "kim"), trust=trust, technician_key=tech_key
    )
    try:
        reader, writer = await relay_conn.open_connection("vz" + run.agent.code, 22)
        assert await asyncio.wait_for(reader.readline(), 10) == b"SSH-2.0-banner-first\r\n"
        writer.write(b"echo\n")
        assert await asyncio.wait_for(reader.readline(), 10) == b"echo\n"
    finally:
        relay_conn.close()
        device.close()
    assert audited(relay, "session.started")[0]["leg"] == "tls"
