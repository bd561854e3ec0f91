"""`valuezone relay` and `valuezone agent` as separate processes, read line by line as a person reads them."""

from __future__ import annotations

import asyncio
import contextlib
import re
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

Process = asyncio.subprocess.Process
# What `valuezone relay --listen 127.0.0.1:0` prints first: the port the system gave it.
LISTENING = r"^Valuezone relay listening on 127\.0\.0\.1:(\d+)$"


async def line_matching(stream: asyncio.StreamReader | None, pattern: str, seen: list[str]) -> re.Match[str]:
    """Read lines until one matches *pattern* (20 s each); every line read is kept in *seen*."""
    assert stream is not None
    while True:
        raw = await asyncio.wait_for(stream.readline(), 20)
        if not raw:
            raise AssertionError(f"output ended before {pattern!r}: {seen}")
        seen.append(raw.decode())
        if match := re.search(pattern, seen[-1]):
            return match


async def _cli(*args: str) -> Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "console.cli", *args,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip


@contextlib.asynccontextmanager
async def relay_and_agents(
    tmp_path: Path, technicians_file: Path, *relay_args: str
) -> AsyncIterator[tuple[int, list[str], list[Process]]]:
    """A relay process on a loopback port it chose, up; yields (port, lines seen, agents to stop at end)."""
    relay = await start_relay(tmp_path / "relay", technicians_file, *relay_args)
    agents: list[Process] = []
    seen: list[str] = []
    try:
        port = int((await line_matching(relay.stdout, LISTENING, seen)).group(1))
        await line_matching(relay.stdout, r"^Audit log: ", seen)  # the last line it prints at start
        yield port, seen, agents
    finally:
        for process in (*agents, relay):
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(process.wait(), 10)


async def start_relay(state_dir: Path, technicians_file: Path, *args: str) -> Process:
    """`valuezone relay` on 127.0.0.1 port 0: the system picks a free port; the relay prints it."""
    return await _cli(
        "relay", "--listen", "127.0.0.1:0", "--technicians", str(technicians_file),
        "--state-dir", str(state_dir), *args,
    )  # fmt: skip


async def start_agent(port: int, state_dir: Path, agents: list[Process], *args: str) -> Process:
    """A terminal agent linking to the relay on *port* (stopped by relay_and_agents at the end)."""
    process = await _cli("agent", "--relay", f"127.0.0.1:{port}", "--state-dir", str(state_dir), *args)
    agents.append(process)
    return process
