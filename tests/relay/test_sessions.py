"""Our agent, our relay and our technician client on loopback: the paths a session can take."""

from __future__ import annotations

import asyncio
import getpass
from pathlib import Path

import asyncssh
import pytest

from sessions import codes
from sessions.agent.events import AgentState, ConsentRequested, ConsentWithdrawn, Ended
from sessions.errors import (
    AuthenticationError,
    CodeTypoError,
    CodeUnknownError,
    ConsentRefusedError,
    RateLimitedError,
)
from sessions.relay.audit import read_audit
from sessions.relay.client import JoinOptions, connect_by_code, connect_relay
from sessions.relay.protocol import Reason, relay_reason
from sessions.relay.server import Relay
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from tests.relay.conftest import TECH_NAME


async def _join(
    relay_target: Target,
    code: str,
    tech_key: Path,
    trust: HostKeyTrust,
    relay_conn: asyncssh.SSHClientConnection | None = None,
) -> asyncssh.SSHClientConnection:
    options = JoinOptions(technician_key=tech_key, trust=trust)
    return await connect_by_code(relay_target, code, options, relay_conn=relay_conn)


async def _wait_for(predicate, timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


async def test_exec_shell_and_sftp(make_agent, relay_target, tech_key, trust, tmp_path) -> None:
    run = await make_agent()
    assert run.agent.state is AgentState.WAITING
    conn = await _join(relay_target, codes.display(run.agent.code), tech_key, trust)
    result = await conn.run("echo hello-from-agent; echo oops >&2; exit 3")
    assert (result.stdout, result.stderr, result.exit_status) == ("hello-from-agent\n", "oops\n", 3)
    async with conn.create_process(term_type="xterm", term_size=(100, 30)) as shell:
        shell.stdin.write("stty size; echo $((6*7)); exit\n")
        out = await asyncio.wait_for(shell.stdout.read(), 10)
    assert "30 100" in out and "42" in out
    probe = tmp_path / "probe.txt"
    probe.write_text("from the device")
    async with conn.start_sftp_client() as sftp, sftp.open(str(probe)) as handle:
        assert await handle.read() == "from the device"
    conn.close()
    await conn.wait_closed()
    feed = run.activity()
    assert "Technician ran: echo hello-from-agent; echo oops >&2; exit 3" in feed
    assert "Technician opened a shell" in feed
    assert "Technician is copying files (SFTP)" in feed
    assert any(line.startswith(f"Technician is reading {probe}") for line in feed)
    consent = run.of(ConsentRequested)[0]
    user = getpass.getuser()
    assert consent.question == (
        f"{TECH_NAME} wants to connect to this device.\n"
        f"Full access: the technician can run any command as {user} on this device."
    )
    assert (consent.scope, consent.scope_label) == ("full", "full access")


async def test_pipes_and_terminal_carry_everything(make_agent, relay_target, tech_key, trust) -> None:
    """Stdin with its EOF, a megabyte back, a resize mid-shell, and a closed channel stops its command."""
    run = await make_agent()
    conn = await _join(relay_target, codes.display(run.agent.code), tech_key, trust)
    result = await conn.run("cat; head -c 1048576 /dev/zero | tr '\\0' x; echo done >&2", input="typed\n")
    assert result.stdout == "typed\n" + "x" * 1048576
    assert (result.stderr, result.exit_status) == ("done\n", 0)
    async with conn.create_process(term_type="xterm", term_size=(80, 24)) as shell:
        shell.stdin.write("stty size\n")
        seen = ""
        while "24 80" not in seen:
            seen += await asyncio.wait_for(shell.stdout.read(1024), 10)
        shell.change_terminal_size(120, 40)
        shell.stdin.write("stty size; exit\n")
        out = await asyncio.wait_for(shell.stdout.read(), 10)
    assert "40 120" in out
    process = await conn.create_process("echo $$; exec sleep 60")
    pid = int(await asyncio.wait_for(process.stdout.readline(), 10))
    process.close()
    await _wait_for(lambda: not Path(f"/proc/{pid}").exists() or "Z" in _state(pid), timeout=10)
    conn.close()
    await conn.wait_closed()


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


async def test_typo_never_reaches_the_relay(relay: Relay, make_agent, relay_target, tech_key, trust) -> None:
    run = await make_agent()
    code = run.agent.code
    wrong = code[:8] + str((int(code[8]) + 1) % 10)
    with pytest.raises(CodeTypoError):
        await _join(relay_target, wrong, tech_key, trust)
    assert not [e for e in read_audit(relay.audit.path) if e["event"].startswith("claim")]


async def test_unknown_code(relay_target, tech_key, trust) -> None:
    body = "12345678"
    with pytest.raises(CodeUnknownError, match="No session is waiting"):
        await _join(relay_target, body + codes.damm_digit(body), tech_key, trust)


async def test_expired_code(relay_config, tmp_path, tech_key, trust) -> None:
    from dataclasses import replace

    from sessions.agent.core import Agent, AgentConfig

    relay = await Relay.start(replace(relay_config, code_ttl=0.3))
    try:
        agent = Agent(
            AgentConfig(Target("127.0.0.1", relay.port), state_dir=tmp_path / "a", auto_consent=True)
        )
        ended = asyncio.Event()
        agent.subscribe(lambda e: isinstance(e, Ended) and ended.set())
        await agent.start()
        code = agent.code
        await asyncio.sleep(0.5)
        with pytest.raises(CodeUnknownError, match="expired"):
            await _join(Target("127.0.0.1", relay.port, "kim"), code, tech_key, trust)
        await asyncio.wait_for(ended.wait(), 5)
    finally:
        await relay.close()


async def test_used_code_and_technician_end(make_agent, relay_target, tech_key, trust) -> None:
    run = await make_agent()
    conn = await _join(relay_target, run.agent.code, tech_key, trust)
    conn.close()
    await conn.wait_closed()
    assert await asyncio.wait_for(run.agent.wait_ended(), 5) == f"{TECH_NAME} ended the session."
    with pytest.raises(CodeUnknownError, match="already been used"):
        await _join(relay_target, run.agent.code, tech_key, trust)


async def test_second_technician_is_refused(
    make_agent, relay_target, tech_key, trust, relay: Relay, tmp_path
) -> None:
    from tests.sshd import keygen

    other = keygen(tmp_path / "lee_ed25519")
    kind, blob = Path(f"{other}.pub").read_text().split()[:2]
    with relay.config.technicians_file.open("a") as fh:
        fh.write(f"{kind} {blob} Lee Jiwoo\n")
    run = await make_agent()
    conn = await _join(relay_target, run.agent.code, tech_key, trust)
    with pytest.raises(CodeUnknownError, match="Another technician"):
        await _join(relay_target, run.agent.code, other, trust)
    conn.close()


async def test_rate_limit(relay: Relay, make_agent, relay_target, tech_key, trust) -> None:
    run = await make_agent()
    relay_conn = await connect_relay(relay_target, trust=trust, technician_key=tech_key)
    for number in range(5):
        body = f"9999999{number}"
        with pytest.raises(CodeUnknownError):
            await _join(relay_target, body + codes.damm_digit(body), tech_key, trust, relay_conn=relay_conn)
    with pytest.raises(RateLimitedError, match="Too many refused claims") as info:
        await _join(relay_target, run.agent.code, tech_key, trust, relay_conn=relay_conn)
    assert relay_reason(info.value) == Reason.RATE_LIMITED
    relay_conn.close()
    refusals = [e["reason"] for e in read_audit(relay.audit.path) if e["event"] == "claim.refused"]
    assert refusals == [Reason.UNKNOWN] * 5 + [Reason.RATE_LIMITED]


async def test_unknown_technician_key(make_agent, relay_target, stranger_key, trust) -> None:
    run = await make_agent()
    with pytest.raises(AuthenticationError):
        await _join(relay_target, run.agent.code, stranger_key, trust)


async def test_customer_declines(make_agent, relay_target, tech_key, trust) -> None:
    run = await make_agent(auto_consent=False)
    run.agent.subscribe(lambda e: isinstance(e, ConsentRequested) and e.answer.set_result(False))
    with pytest.raises(ConsentRefusedError, match="The customer declined"):
        await _join(relay_target, run.agent.code, tech_key, trust)
    assert run.agent.state is AgentState.WAITING
    run.agent.events._callbacks.pop()  # the customer changes their mind: this time they say yes
    run.agent.subscribe(lambda e: isinstance(e, ConsentRequested) and e.answer.set_result(True))
    conn = await _join(relay_target, run.agent.code, tech_key, trust)
    assert (await conn.run("echo second-try")).stdout == "second-try\n"
    conn.close()


async def test_no_answer(make_agent, relay_target, tech_key, trust) -> None:
    run = await make_agent(auto_consent=False, consent_timeout=0.5)
    with pytest.raises(ConsentRefusedError, match="did not answer"):
        await _join(relay_target, run.agent.code, tech_key, trust)
    assert run.of(ConsentWithdrawn)


async def test_customer_ends_mid_session(relay: Relay, make_agent, relay_target, tech_key, trust) -> None:
    run = await make_agent()
    conn = await _join(relay_target, run.agent.code, tech_key, trust)
    process = await conn.create_process("sleep 30")
    await run.agent.end()
    await asyncio.wait_for(conn.wait_closed(), 5)
    await asyncio.wait_for(process.wait_closed(), 5)
    with pytest.raises(Exception) as info:
        await _join(relay_target, run.agent.code, tech_key, trust)
    assert relay_reason(info.value) == Reason.ENDED
    events = [e["event"] for e in read_audit(relay.audit.path)]
    for name in (
        "code.issued",
        "claim.ok",
        "consent.given",
        "session.started",
        "session.closed",
        "session.ended",
    ):
        assert name in events, name


async def test_relay_is_not_an_open_proxy(relay: Relay, sshd, relay_target, tech_key, trust) -> None:
    relay_conn = await connect_relay(relay_target, trust=trust, technician_key=tech_key)
    for host, port in (("127.0.0.1", sshd.port), ("localhost", 22), ("vz", 22)):
        with pytest.raises(asyncssh.ChannelOpenError, match="not an open proxy"):
            await relay_conn.open_connection(host, port)
    relay_conn.close()
    customer = await asyncssh.connect("127.0.0.1", relay.port, username="support", known_hosts=None)
    with pytest.raises(asyncssh.ChannelOpenError, match="Only technicians"):
        await customer.open_connection("127.0.0.1", sshd.port)
    customer.close()


async def test_audit_log(relay: Relay, make_agent, relay_target, tech_key, trust) -> None:
    run = await make_agent()
    conn = await _join(relay_target, run.agent.code, tech_key, trust)
    await conn.run("head -c 5000 /dev/zero")
    conn.close()
    await asyncio.wait_for(run.agent.wait_ended(), 5)
    await _wait_for(lambda: any(e["event"] == "session.ended" for e in read_audit(relay.audit.path)))
    events = read_audit(relay.audit.path)
    issued = next(e for e in events if e["event"] == "code.issued")
    assert issued["code"] == run.agent.code and issued["agent"] is True
    claim = next(e for e in events if e["event"] == "claim.ok")
    assert claim["technician"] == TECH_NAME and claim["key"].startswith("SHA256:")
    ended = next(e for e in events if e["event"] == "session.ended")
    assert ended["bytes_to_technician"] > 5000 and ended["bytes_to_customer"] > 0
    assert all(e["ts"].endswith("Z") for e in events)
    assert relay.audit.path.stat().st_mode & 0o777 == 0o600
