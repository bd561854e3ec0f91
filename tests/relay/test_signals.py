"""The technician's signals and breaks reach the commands the agent runs as OpenSSH's sshd delivers them.

Real clients (asyncssh's `send_signal`, OpenSSH's `~B` escape) against a real agent through a real relay, and
the same requests against a real sshd where the answer is compared. The customer's feed names each signal.
"""

from __future__ import annotations

import asyncio
import itertools
import signal
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncssh
import pytest
from asyncssh.packet import UInt32

from sessions.agent.signals import ALLOWED, CommandControl, Refusal, exit_signal_name
from sessions.relay.client import JoinOptions, connect_by_code
from sessions.relay.server import Relay
from tests.processes import running
from tests.relay.test_stock_clients import _config

READY = "echo ready; sleep 60"  # for a break, which reaches nobody: no race with the signal
_NOT_ALLOWED = (
    "The technician's signal {name} was not sent (only HUP, INT, KILL, QUIT, TERM, USR1, USR2 are passed on)"
)
_NOTHING = "The technician's signal {name} was not sent: none of their commands is running on that channel"
TRAP = "trap 'echo got-HUP; exit 7' HUP; echo ready; while :; do sleep 1; done"


async def _joined(make_agent: Any, relay_target: Any, tech_key: Path, trust: Any, **options: Any) -> Any:
    run = await make_agent(**options)
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    return run, conn


@pytest.fixture
async def inner(make_agent, relay_target, tech_key, trust) -> AsyncIterator[Any]:  # type: ignore[no-untyped-def]
    """A full-scope agent and the technician's inner SSH connection to it."""
    run, conn = await _joined(make_agent, relay_target, tech_key, trust)
    yield run, conn
    conn.close()


@pytest.fixture
async def device(sshd, password_user) -> AsyncIterator[asyncssh.SSHClientConnection]:  # type: ignore[no-untyped-def]
    """A real OpenSSH sshd, to compare answers with; an ordinary account, since sshd signals only from a
    privilege-separated session (a root login's session runs in its monitor, which refuses signals)."""
    user, password = password_user
    conn = await asyncssh.connect(
        sshd.host, sshd.port, username=user, password=password, client_keys=None, known_hosts=None
    )
    yield conn
    conn.close()


_count = itertools.count(1)


def _sleep() -> str:
    """`sleep 60` with an argv of its own, so a test can wait until that very process runs.

    Not `echo ready; sleep 60`: a signal between the echo and the fork reaches the shell alone, which
    (dash, bash alike, under sshd too) acts on it only once its next child ends, a minute later.
    """
    return f"sleep 60.{next(_count):03d}"


async def _started(conn: asyncssh.SSHClientConnection, command: str, **options: Any) -> Any:
    """The command's process once it runs: a sleep is seen in /proc, a script prints 'ready'."""
    process = await conn.create_process(command, **options)
    if command.startswith("sleep "):
        for _ in range(300):
            if running(command.split()):
                return process
            await asyncio.sleep(0.05)
        raise AssertionError(f"{command} did not start")
    line = await asyncio.wait_for(process.stdout.readline(), 15)
    assert line.strip() == "ready", line
    return process


async def _ended(process: Any) -> asyncssh.SSHCompletedProcess:
    return await asyncio.wait_for(process.wait(), 15)


async def _killed_by(process: Any) -> str:
    """The name in the exit-signal the command ended with."""
    result = await _ended(process)
    assert result.exit_signal is not None, (result.exit_status, result.stderr)
    return result.exit_signal[0]


async def _feed(run: Any, text: str) -> None:
    for _ in range(100):
        if text in run.activity():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{text!r} not in the feed: {run.activity()}")


@pytest.mark.parametrize("name", ["INT", "TERM", "KILL"])
async def test_a_sleep_without_a_terminal_ends_on_the_technicians_signal(inner, device, name) -> None:  # type: ignore[no-untyped-def]
    run, conn = inner
    answers = []
    for server in (device, conn):
        process = await _started(server, command := _sleep())
        process.send_signal(name)
        answers.append(await _killed_by(process))
    assert answers == [name, name]  # the agent says it as sshd does: exit-signal
    await _feed(run, f"{name} sent to {command} (by the technician)")


async def test_a_trapping_script_sees_the_hang_up_and_exits_its_own_way(inner) -> None:  # type: ignore[no-untyped-def]
    run, conn = inner
    process = await _started(conn, TRAP)
    process.send_signal(signal.SIGHUP)  # asyncssh turns the number into RFC 4254's name, HUP
    result = await _ended(process)
    assert (result.exit_status, result.stdout) == (7, "got-HUP\n")
    await _feed(run, f"HUP sent to {TRAP} (by the technician)")


async def test_a_signal_sshd_would_not_send_is_refused_with_the_reason(inner) -> None:  # type: ignore[no-untyped-def]
    run, conn = inner
    process = await _started(conn, _sleep())
    process.send_signal("STOP")  # a stopped command would hang the session: sshd does not send it either
    process.send_signal("NOT-A-SIGNAL")
    reason = await asyncio.wait_for(process.stderr.readline(), 15)
    assert reason == (
        "Signal STOP was not sent: only HUP, INT, KILL, QUIT, TERM, USR1, USR2 can be sent, "
        "as with OpenSSH's sshd.\r\n"
    )
    assert "NOT-A-SIGNAL was not sent" in await asyncio.wait_for(process.stderr.readline(), 15)
    await _feed(run, _NOT_ALLOWED.format(name="STOP"))
    process.send_signal("TERM")  # it was running all along
    assert await _killed_by(process) == "TERM"


async def test_a_break_without_a_terminal_is_answered_as_sshd_answers_it(inner, device) -> None:  # type: ignore[no-untyped-def]
    run, conn = inner
    answers = []
    for server in (device, conn):
        process = await _started(server, _sleep())
        answers.append(await process.channel._make_request(b"break", UInt32(500)))  # want_reply: the answer
        process.send_signal("INT")  # the command was not touched by the break: it still runs
        answers.append(await _killed_by(process))
    assert answers == [False, "INT", False, "INT"]
    await _feed(run, "The technician's break was not passed on (the command has no terminal)")


async def test_with_a_terminal_a_signal_request_reaches_the_command_too(inner, device) -> None:  # type: ignore[no-untyped-def]
    run, conn = inner
    answers = []
    for server in (device, conn):
        process = await _started(server, _sleep(), term_type="xterm")
        process.send_signal("INT")
        answers.append(await _killed_by(process))
        process = await _started(server, READY, term_type="xterm")
        answers.append(await process.channel._make_request(b"break", UInt32(500)))  # tcsendbreak: accepted
        process.send_signal("KILL")
        answers.append(await _killed_by(process))
    assert answers == ["INT", True, "KILL"] * 2
    await _feed(run, f"Break sent to the terminal of {READY} (by the technician)")


async def test_diagnostics_scope_signals_only_the_technicians_own_command(
    make_agent, relay_target, tech_key, trust
) -> None:  # type: ignore[no-untyped-def]
    bystander = subprocess.Popen(["sleep", "60"])  # the customer's own process, same user
    run, conn = await _joined(
        make_agent,
        relay_target,
        tech_key,
        trust,
        scope="diagnostics",
        allow=lambda c: c.startswith("sleep 60."),
    )
    try:
        process = await _started(conn, command := _sleep())
        process.send_signal("INT")  # a listed check the technician started: theirs to interrupt
        assert await _killed_by(process) == "INT"
        await _feed(run, f"INT sent to {command} (by the technician)")
        sftp = await conn.create_process(subsystem="sftp", encoding=None)  # runs no command of its own
        sftp.send_signal("KILL")
        await _feed(run, _NOTHING.format(name="KILL"))
        sftp.close()
        assert bystander.poll() is None  # nothing outside the command's process group was touched
    finally:
        conn.close()
        bystander.kill()
        bystander.wait()


async def test_openssh_sends_a_break_with_its_escape_on_a_terminal(
    make_agent, relay: Relay, sshd, openssh, tmp_path, tech_key
) -> None:  # type: ignore[no-untyped-def]
    run = await make_agent()
    config = _config(tmp_path, relay, tech_key, sshd.client_key)
    ssh = await asyncio.create_subprocess_exec(
        openssh, "-F", str(config), "-tt", "-J", "relay", f"anyone@vz{run.agent.code}", READY,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert ssh.stdin is not None and ssh.stdout is not None
    try:
        assert b"ready" in await asyncio.wait_for(ssh.stdout.readuntil(b"ready"), 30)
        ssh.stdin.write(b"\r~B")  # OpenSSH's escape: "send a BREAK to the remote system"
        await _feed(run, f"Break sent to the terminal of {READY} (by the technician)")
        ssh.stdin.write(b"\r~.")  # and disconnect: the command is hung up on, as with sshd
        await asyncio.wait_for(ssh.wait(), 30)
    finally:
        if ssh.returncode is None:
            ssh.kill()
            await ssh.wait()


def test_a_control_reaches_its_own_group_only_and_nobody_once_ended() -> None:
    own = subprocess.Popen(["sleep", "60"], start_new_session=True)
    other = subprocess.Popen(["sleep", "60"], start_new_session=True)
    control = CommandControl()
    assert control.signal("INT") is Refusal.NOTHING_RUNNING  # not started yet
    control.started("sleep 60", own.pid)
    assert control.signal("USR3") is Refusal.NOT_ALLOWED
    assert not control.send_break()  # no terminal
    assert control.signal("TERM") is None
    assert own.wait(15) == -signal.SIGTERM
    control.ended()
    assert control.signal("KILL") is Refusal.NOTHING_RUNNING
    assert other.poll() is None
    other.kill()
    other.wait()


def test_exit_signals_are_named_as_sshd_names_them() -> None:
    names = [exit_signal_name(n) for n in (signal.SIGINT, signal.SIGSEGV, signal.SIGWINCH)]
    assert names == ["INT", "SEGV", "SIG@openssh.com"]
    assert ALLOWED == ("HUP", "INT", "KILL", "QUIT", "TERM", "USR1", "USR2")  # session.c's name2sig
