"""Relays of one deployment as separate `valuezone relay` processes, so a test can kill -9 one."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

from tests.relay.processes import LISTENING, line_matching

Process = asyncio.subprocess.Process


async def start_relay(
    tmp_path: Path, name: str, technicians: Path, db_url: str, host_key: Path, *args: str
) -> tuple[Process, int]:
    """One relay process on a port the system gives it (no race with other tests for a port picked
    beforehand), up and registered; returns (process, port)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "console.cli", "relay", "--listen", "127.0.0.1:0",
        "--technicians", str(technicians), "--state-dir", str(tmp_path / f"relay-{name}"),
        "--db", db_url, "--host-key", str(host_key), "--lease", "2", "--grace", "30", *args,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    seen: list[str] = []
    port = int((await line_matching(process.stdout, LISTENING, seen)).group(1))
    await line_matching(process.stdout, r"Cluster member [0-9a-f]+", seen)
    return process, port


@contextlib.asynccontextmanager
async def relays(
    tmp_path: Path, technicians: Path, db_url: str, host_key: Path, count: int
) -> AsyncIterator[list[tuple[Process, int]]]:
    started = [await start_relay(tmp_path, str(i), technicians, db_url, host_key) for i in range(count)]
    try:
        yield started
    finally:
        for process, _port in started:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(process.wait(), 15)
            if process.returncode is None:
                process.kill()
                await process.wait()
