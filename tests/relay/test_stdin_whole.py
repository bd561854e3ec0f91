"""Nothing is lost on the way through a session: a command's stdin, its stdout, a paste into the shell.

The stdin tests make a command read slowly (`sleep` first), so the pipe to it is full while the rest
of the input and the channel's EOF arrive: the moment asyncssh's pipe redirection used to close the
pipe with the last 32 KiB packets unwritten (sessions/agent/stdinpipe.py says why).
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from pathlib import Path

import pytest

from sessions.relay.client import JoinOptions, connect_by_code

KIB = 1024
MIB = 1024 * KIB


async def _join(make_agent, relay_target, tech_key, trust, **options):
    run = await make_agent(**options)
    return await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )


@pytest.mark.parametrize("size", [1 * MIB, 6 * MIB], ids=["1MiB-within-window", "6MiB-beyond-window"])
@pytest.mark.parametrize("data_leg", [True, False], ids=["data-leg", "no-data-leg"])
async def test_a_slow_reader_gets_every_byte_sent_before_eof(
    make_agent, relay_target, tech_key, trust, data_leg, size
) -> None:
    conn = await _join(make_agent, relay_target, tech_key, trust, data_leg=data_leg)
    payload = os.urandom(size)
    try:
        result = await conn.run("sleep 0.5; sha256sum", input=payload, encoding=None)
        assert result.exit_status == 0, result.stderr
        assert result.stdout.split()[0].decode() == hashlib.sha256(payload).hexdigest()
        counted = await conn.run("sleep 0.3; wc -c", input=payload, encoding=None)
        assert int(counted.stdout) == size
    finally:
        conn.close()
        await conn.wait_closed()


async def test_a_command_that_stops_reading_ends_and_the_rest_of_its_input_is_dropped(
    make_agent, relay_target, tech_key, trust
) -> None:
    conn = await _join(make_agent, relay_target, tech_key, trust)
    try:
        result = await asyncio.wait_for(conn.run("head -c 10", input=b"y" * (8 * MIB), encoding=None), 30)
        assert result.exit_status == 0 and result.stdout == b"y" * 10
        after = await conn.run("wc -c", input=b"z" * MIB, encoding=None)  # the connection still works
        assert int(after.stdout) == MIB
    finally:
        conn.close()
        await conn.wait_closed()


@pytest.mark.parametrize("data_leg", [True, False], ids=["data-leg", "no-data-leg"])
async def test_16_mib_of_output_arrive_whole(
    make_agent, relay_target, tech_key, trust, tmp_path: Path, data_leg
) -> None:
    source = tmp_path / "big.bin"
    source.write_bytes(os.urandom(16 * MIB))
    conn = await _join(make_agent, relay_target, tech_key, trust, data_leg=data_leg)
    try:
        result = await conn.run(f"cat {source}", encoding=None)
        assert result.exit_status == 0
        assert len(result.stdout) == 16 * MIB and result.stdout == source.read_bytes()
    finally:
        conn.close()
        await conn.wait_closed()


async def test_a_large_paste_into_the_shell_arrives_whole(make_agent, relay_target, tech_key, trust) -> None:
    """1 MiB typed at once into a terminal (raw mode, no echo) reaches the program reading it."""
    conn = await _join(make_agent, relay_target, tech_key, trust)
    payload = os.urandom(MIB // 2).hex().encode()  # printable: nothing the terminal would act on
    try:
        shell = await conn.create_process(
            f"stty raw -echo; echo ready; head -c {len(payload)} | sha256sum",
            term_type="xterm",
            encoding=None,
        )
        seen = b""
        while b"ready" not in seen:
            seen += await asyncio.wait_for(shell.stdout.read(4096), 10)
        shell.stdin.write(payload)
        output = await asyncio.wait_for(shell.stdout.read(-1), 60)
        assert hashlib.sha256(payload).hexdigest().encode() in output, output[-200:]
    finally:
        conn.close()
        await conn.wait_closed()
