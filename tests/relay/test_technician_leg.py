"""The technician's own data leg: the relay splices opaque inner SSH, and the inner SSH guards both ends.

A leg claim is answered on the claim channel with a data address, a one-time token and the agent's host
keys; the technician's client brings a plain TCP leg with that token. Every attack here must get
nothing: no shell, no inner login, no replay; the customer's consent and scope still apply; the agent
itself refuses any key but the consented technician's; a data port nobody can reach falls back to the
claim channel; silent connections to the data port are held by the login gate.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import socket
import sys
from pathlib import Path
from typing import Any

import asyncssh
import pytest

from sessions.agent.events import Activity, ConsentRequested
from sessions.errors import ConsentRefusedError, HostKeyChangedError, SessionClosedError
from sessions.relay import client as relay_client
from sessions.relay.client import JoinOptions, carrier, connect_by_code, connect_relay, open_code_channel
from sessions.relay.dataleg import LegReason
from sessions.relay.legclient import LEG_CLAIM_PORT
from sessions.relay.server import Relay
from sessions.ssh.target import Target
from tests.ports import held_port
from tests.relay.conftest import AgentRun, audited, until
from tests.relay.tamper import TamperProxy, raw_leg

ROOT = Path(__file__).resolve().parents[2]


async def _join(
    relay: Relay, code: str, tech_key: Path, trust: Any, **options: Any
) -> asyncssh.SSHClientConnection:
    return await connect_by_code(
        Target("127.0.0.1", relay.port, "kim"),
        code,
        JoinOptions(technician_key=tech_key, trust=trust, **options),
    )


def _technician_tokens(relay: Relay) -> list[str]:
    """Record the tokens handed to technicians (what an attacker on their path reads off the wire)."""
    assert relay.legs is not None
    seen: list[str] = []
    expect = relay.legs.expect

    def recording(code: str, claim: int, *, tls: bool = True) -> Any:
        token, arrived = expect(code, claim, tls=tls)
        if not tls:
            seen.append(token)
        return token, arrived

    relay.legs.expect = recording  # type: ignore[method-assign]
    return seen


# --- the path ---------------------------------------------------------------------------------------
async def test_the_console_joins_on_its_own_leg_and_the_relay_runs_no_ssh_for_it(
    legs, tech_key, trust
) -> None:
    make_relay, make_agent = legs
    relay = await make_relay()
    run = await make_agent(relay)
    conn = await _join(relay, run.agent.code, tech_key, trust)
    assert (await conn.run("echo on-my-own-leg")).stdout == "on-my-own-leg\n"
    (joined,) = audited(relay, "leg.joined")
    assert joined["code"] == run.agent.code and joined["address"] == "127.0.0.1"
    conn.close()
    await conn.wait_closed()
    await until(lambda: audited(relay, "session.ended"), "session.ended")
    ended = audited(relay, "session.ended")[0]
    assert ended["bytes_to_customer"] > 1000 and ended["bytes_to_technician"] > 1000
    assert audited(relay, "session.started")[0]["leg"] == "tls"  # and the agent's side on its TLS leg
    assert len(run.of(ConsentRequested)) == 1
    assert any("echo on-my-own-leg" in line for line in run.activity())


@pytest.mark.parametrize("reachable", [True, False], ids=["own-leg", "data-port-blocked"])
async def test_openssh_joins_through_valuezone_connect_with_the_agents_key_pinned(
    legs, tech_key, openssh, tmp_path, reachable
) -> None:
    """Stock ssh with `valuezone connect` as its ProxyCommand: the leg handed over by fd passing, or, with
    the data port blocked, the helper pumping the claim channel; the agent's key pinned either way."""
    make_relay, make_agent = legs
    with held_port() as closed:
        relay = await make_relay(**({} if reachable else {"data_public_port": closed}))
        run = await make_agent(relay)
        await _openssh_echo(relay, run, tech_key, openssh, tmp_path)
    assert bool(audited(relay, "leg.joined")) is reachable  # fd passing: the helper had already gone
    assert bool(audited(relay, "leg.channel")) is not reachable


async def test_valuezone_connect_takes_the_deployments_relay_list(legs, tech_key, openssh, tmp_path) -> None:
    """`--relay A,B`: the first relay is down, the next one answers, as for the console and diagnose."""
    make_relay, make_agent = legs
    relay = await make_relay()
    run = await make_agent(relay)
    with held_port() as down:
        await _openssh_echo(
            relay, run, tech_key, openssh, tmp_path, relays=f"127.0.0.1:{down},127.0.0.1:{relay.port}"
        )
    assert audited(relay, "leg.joined")


async def test_openssh_pins_the_device_sshds_key_with_forward_sshd(
    legs, tech_key, openssh, tmp_path, sshd
) -> None:
    """With --forward-sshd the pinned keys are the device sshd's (the agent asked sshd for them)."""
    make_relay, make_agent = legs
    relay = await make_relay()
    run = await make_agent(relay, forward_sshd=sshd.port)
    await _openssh_echo(relay, run, tech_key, openssh, tmp_path, (sshd.user, sshd.client_key))
    assert audited(relay, "leg.joined")


async def _openssh_echo(
    relay: Relay,
    run: AgentRun,
    tech_key: Path,
    openssh: str,
    tmp_path: Path,
    login: tuple[str, Path] = ("kim", Path()),
    relays: str = "",
) -> None:
    user, identity = login[0], login[1] if login[1] != Path() else tech_key
    relays = relays or f"127.0.0.1:{relay.port}"
    helper = f"{sys.executable} -m console.cli connect --relay {relays} --key {tech_key}"
    helper += " --accept-new"
    config = tmp_path / "ssh_config"
    config.write_text(
        f"Host vz*\n  ProxyCommand {helper} %h\n  ProxyUseFdpass yes\n"
        f"  KnownHostsCommand {sys.executable} -m console.cli connect --known-hosts %H\n"
        f"  IdentityFile {identity}\n  IdentitiesOnly yes\n  BatchMode yes\n"
        "  StrictHostKeyChecking yes\n  UserKnownHostsFile /dev/null\n  GlobalKnownHostsFile /dev/null\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = await asyncio.create_subprocess_exec(
        openssh, "-F", str(config), f"{user}@vz{run.agent.code}", "echo via-openssh",
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env=env,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert (process.returncode, out) == (0, b"via-openssh\n"), err.decode()


async def test_a_relay_without_a_data_port_answers_a_leg_claim_with_the_session(
    legs, tech_key, trust
) -> None:
    make_relay, make_agent = legs
    relay = await make_relay(data_leg=False)
    run = await make_agent(relay)
    conn = await _join(relay, run.agent.code, tech_key, trust)
    assert (await conn.run("echo old-way")).stdout == "old-way\n"
    assert not audited(relay, "leg.joined") and len(run.of(ConsentRequested)) == 1


async def test_a_data_port_out_of_reach_keeps_the_session_on_the_same_claim(legs, tech_key, trust) -> None:
    make_relay, make_agent = legs
    with held_port() as closed:  # the relay names a port nobody answers on (a firewall)
        relay = await make_relay(data_public_port=closed)
        run = await make_agent(relay)
        conn = await _join(relay, run.agent.code, tech_key, trust)
        assert (await conn.run("echo on-the-channel")).stdout == "on-the-channel\n"
    assert audited(relay, "leg.channel") and not audited(relay, "leg.joined")
    assert len(run.of(ConsentRequested)) == 1  # one claim, one question


async def test_scope_and_consent_apply_on_the_technicians_leg(legs, tech_key, trust) -> None:
    make_relay, make_agent = legs
    relay = await make_relay()
    tokens = _technician_tokens(relay)
    run = await make_agent(relay, scope="diagnostics")
    conn = await _join(relay, run.agent.code, tech_key, trust)
    assert (await conn.run("echo diag-ok")).stdout == "diag-ok\n"
    refused = await conn.run("cat /etc/passwd")
    assert refused.exit_status == 126 and "Not allowed" in str(refused.stderr)
    conn.close()
    declining = await make_agent(relay, auto_consent=False, consent_timeout=0.5)
    with pytest.raises(ConsentRefusedError, match="did not answer"):
        await _join(relay, declining.agent.code, tech_key, trust)
    assert len(tokens) == 1  # no yes, no token


# --- attacks on the technician ↔ relay leg ----------------------------------------------------------
async def test_a_stranger_on_the_data_port_without_a_token_gets_nothing(legs) -> None:
    make_relay, _ = legs
    relay = await make_relay(leg_token_timeout=0.5)
    assert relay.legs is not None
    port = relay.legs.port
    assert (
        await raw_leg(port, b"GET / HTTP/1.0\r\n\r\n", tls=False)
        == f"refused {LegReason.NOT_A_TOKEN}\n".encode()
    )
    assert await raw_leg(port, b"VZLEG1 guessed\n", tls=False) == f"refused {LegReason.UNKNOWN}\n".encode()
    assert await raw_leg(port, b"VZLEG1 ", tls=False) == f"refused {LegReason.NO_TOKEN}\n".encode()
    await until(lambda: len(audited(relay, "leg.refused")) >= 3, "three refusals in the audit log")


async def test_a_stolen_token_used_first_gets_no_shell_and_the_technician_a_clear_error(
    legs, tech_key, stranger_key, trust, tmp_path, monkeypatch
) -> None:
    """Mallory reads the token off the technician's path and gets to the data port first."""
    make_relay, make_agent = legs
    relay = await make_relay()
    assert relay.legs is not None
    tokens = _technician_tokens(relay)
    run = await make_agent(relay)
    marker = tmp_path / "mallory-was-here"
    mallory: list[BaseException] = []
    real_open_leg = relay_client.open_leg

    async def raced(answer: Any, timeout: float) -> socket.socket:
        stolen = dataclasses.replace(answer, token=tokens[-1])
        sock = await real_open_leg(stolen, timeout)  # the token alone gets Mallory spliced to the agent...
        try:  # ...where the inner SSH wants the consented technician's key, which Mallory lacks
            inner = await asyncssh.connect(
                "vz", sock=sock, known_hosts=None, username="kim", client_keys=[str(stranger_key)],
                agent_path=None, config=[], preferred_auth="publickey,keyboard-interactive,password",
            )  # fmt: skip
            await inner.run(f"touch {marker}")
        except (asyncssh.Error, OSError) as exc:
            mallory.append(exc)
        return await real_open_leg(answer, timeout)

    monkeypatch.setattr(relay_client, "open_leg", raced)
    with pytest.raises(SessionClosedError, match=LegReason.USED) as caught:
        await _join(relay, run.agent.code, tech_key, trust)
    assert caught.value.code == "relay.technician_leg_refused"
    assert mallory and isinstance(mallory[0], asyncssh.PermissionDenied)
    assert not marker.exists()
    assert not any("touch" in line for line in run.activity())
    await until(lambda: "inner_refused" in [event.key for event in run.of(Activity)], "the customer told")
    assert run.agent.state.value != "ended"  # Mallory's hang-up is not the technician ending the session
    monkeypatch.undo()  # Mallory is gone from the path
    conn = await _join(relay, run.agent.code, tech_key, trust)  # Kim joins again (the customer is asked)
    assert (await conn.run("echo kim-again")).stdout == "kim-again\n"


async def test_a_replayed_recording_of_the_technicians_leg_opens_nothing(legs, tech_key, trust) -> None:
    make_relay, make_agent = legs
    proxy = TamperProxy()
    relay = await make_relay(proxy)
    run = await make_agent(relay)
    conn = await _join(relay, run.agent.code, tech_key, trust)
    assert (await conn.run("echo once")).stdout == "once\n"
    conn.close()
    await conn.wait_closed()
    assert relay.legs is not None
    technician = next(flow for flow in proxy.flows if flow.up.startswith(b"VZLEG1 "))
    answer = await raw_leg(relay.legs.port, bytes(technician.up), tls=False)
    assert answer == f"refused {LegReason.USED}\n".encode()
    assert len(audited(relay, "claim.ok")) == 1 and len(run.of(ConsentRequested)) == 1


async def test_a_flipped_byte_in_the_technicians_token_line_fails_closed(legs, tech_key, trust) -> None:
    make_relay, make_agent = legs
    proxy = TamperProxy(flip_up=12)
    proxy.flip_flow = 1  # the technician's leg (0 is the agent's)
    relay = await make_relay(proxy)
    run = await make_agent(relay)
    with pytest.raises(SessionClosedError, match=LegReason.UNKNOWN):
        await _join(relay, run.agent.code, tech_key, trust)
    await until(lambda: audited(relay, "leg.missing"), "the unclaimed leg given up")
    assert not audited(relay, "leg.joined")


async def test_a_flipped_byte_mid_session_on_the_technicians_leg_ends_it(
    legs, tech_key, trust, tmp_path
) -> None:
    make_relay, make_agent = legs
    proxy = TamperProxy()
    relay = await make_relay(proxy)
    run = await make_agent(relay)
    conn = await _join(relay, run.agent.code, tech_key, trust)
    assert (await conn.run("echo before")).stdout == "before\n"
    marker = tmp_path / "tampered"
    proxy.flip_flow = 1
    proxy.flip_up = len(proxy.flows[1].up) + 30  # inside the technician's next packet to the agent
    with pytest.raises((asyncssh.Error, OSError)):
        await asyncio.wait_for(conn.run(f"touch {marker}"), 10)
    await conn.wait_closed()
    assert not marker.exists()
    await until(lambda: audited(relay, "session.ended"), "the session's end in the audit log")


async def test_someone_posing_as_the_agent_on_the_technicians_leg_is_refused(legs, tech_key, trust) -> None:
    """Mallory, on the technician's path, answers the leg herself with an SSH server of her own behind."""
    make_relay, make_agent = legs
    tried: list[str] = []

    class Mallory(asyncssh.SSHServer):
        def begin_auth(self, username: str) -> bool:
            tried.append(username)
            return True

    mallory = await asyncssh.listen(
        "127.0.0.1",
        0,
        server_host_keys=[asyncssh.generate_private_key("ssh-ed25519")],
        server_factory=Mallory,
    )
    mallory_port = mallory.sockets[0].getsockname()[1]

    async def pump(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        while data := await source.read(65536):
            sink.write(data)
        sink.close()

    relay_port: list[int] = []

    async def answer_the_leg(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        first = await reader.readexactly(1)
        if first == b"\x16":  # the agent's TLS leg: Mallory lets it through to the relay
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", relay_port[0])
            up_writer.write(first)
        else:
            await reader.readline()  # the technician's token: Mallory has it now
            writer.write(b"ok\n")
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", mallory_port)
        await asyncio.gather(pump(reader, up_writer), pump(up_reader, writer), return_exceptions=True)

    fake = await asyncio.start_server(answer_the_leg, "127.0.0.1", 0)
    relay = await make_relay(data_public_port=fake.sockets[0].getsockname()[1])
    assert relay.legs is not None
    relay_port.append(relay.legs.port)
    run = await make_agent(relay)
    try:
        with pytest.raises(HostKeyChangedError) as caught:
            await _join(relay, run.agent.code, tech_key, trust)
    finally:
        fake.close()
        mallory.close()
    assert caught.value.code == "relay.inner_key_mismatch"
    assert not tried  # refused at the key exchange: not even a user name went to Mallory


# --- the agent checks the technician key itself ----------------------------------------------------
@pytest.mark.parametrize("port", [LEG_CLAIM_PORT, 22], ids=["own-leg", "claim-channel"])
async def test_the_agent_refuses_any_key_but_the_consented_technicians(
    legs, tech_key, stranger_key, trust, tmp_path, port
) -> None:
    """As a malicious relay would: the claim names Kim, the inner login offers another key."""
    make_relay, make_agent = legs
    relay = await make_relay()
    run = await make_agent(relay)
    relay_conn = await connect_relay(
        Target("127.0.0.1", relay.port, "kim"), trust=trust, technician_key=tech_key
    )
    marker = tmp_path / "not-kim"
    try:
        opened = await open_code_channel(relay_conn, run.agent.code, port=port)
        options = JoinOptions(technician_key=tech_key, trust=trust)
        tunnel, _ = await carrier("127.0.0.1", opened, options) if port == 0 else (opened, None)
        with pytest.raises(asyncssh.PermissionDenied):
            inner = await asyncssh.connect(
                "vz" + run.agent.code, tunnel=tunnel, known_hosts=None, username="kim",
                client_keys=[str(stranger_key)], agent_path=None, config=[],
                preferred_auth="publickey,keyboard-interactive,password",
            )  # fmt: skip
            await inner.run(f"touch {marker}")
    finally:
        relay_conn.close()
    assert not marker.exists()
    assert len(run.of(ConsentRequested)) == 1 and not any("touch" in line for line in run.activity())
    assert "technician" not in [event.key for event in run.of(Activity)]  # nobody "ended" the session


# --- the login gate holds the data port too -------------------------------------------------------
async def test_silent_connections_to_the_data_port_are_capped_per_address_and_timed_out(
    legs, tech_key, trust
) -> None:
    make_relay, make_agent = legs
    relay = await make_relay(max_unauthenticated_per_address=4, handshake_timeout=1.0)
    assert relay.legs is not None
    flood = [socket.create_connection(("127.0.0.1", relay.legs.port)) for _ in range(40)]
    try:
        await asyncio.sleep(0.3)
        assert relay.gate.waiting_from("127.0.0.1") <= 4  # the rest were closed at once: no fds held
        loop = asyncio.get_running_loop()
        for sock in flood:
            sock.setblocking(False)
        async with asyncio.timeout(10):  # every one of them is closed, by the cap or the deadline
            closed = [await loop.sock_recv(sock, 1) for sock in flood]
        assert closed == [b""] * len(flood)
    finally:
        for sock in flood:
            sock.close()
    assert relay.gate.waiting_from("127.0.0.1") == 0
    run = await make_agent(relay)  # real clients still get in
    conn = await _join(relay, run.agent.code, tech_key, trust)
    assert (await conn.run("echo still-open")).stdout == "still-open\n"
