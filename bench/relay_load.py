"""Active pairs through the relay, with OpenSSH at both ends so the load generator costs little CPU.

Each pair: a stock customer `ssh -tt -R vz:22:127.0.0.1:ECHO support@relay` (consent answered `y` on its
terminal) and a technician `ssh -W vz<code>:22 relay` (what `ssh -J` runs underneath); the bench types one
byte on the technician's stdin and times its echo from a plain TCP echo server behind the customer. The
relay does exactly the work of a real session (two SSH channels bridged, every byte decrypted and
encrypted twice); the ends are OpenSSH (C), so the relay, not Python at the ends, is what is measured.
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

CODE_LINE = re.compile(rb"Session code: (\d{3}) (\d{3}) (\d{3})")
ASK_LINE = re.compile(rb"Allow\? \[y/N\]")


@dataclass
class Pair:
    customer: asyncio.subprocess.Process
    technician: asyncio.subprocess.Process


class _Echo(asyncio.Protocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport: asyncio.Transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.transport.write(data)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def config(folder: Path, relay_port: int, tech_key: Path) -> Path:
    path = folder / "load_ssh_config"
    path.write_text(
        f"""Host relay
  HostName 127.0.0.1
  Port {relay_port}
  User kim
  IdentityFile {tech_key}
Host vz*
  IdentityFile {tech_key}
Host *
  IdentitiesOnly yes
  BatchMode yes
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  LogLevel ERROR
  Ciphers aes128-gcm@openssh.com
"""
    )
    return path


async def _until(
    stream: asyncio.StreamReader, pattern: re.Pattern[bytes], seen: bytearray
) -> re.Match[bytes]:
    while not (match := pattern.search(seen)):
        chunk = await asyncio.wait_for(stream.read(4096), 60)
        if not chunk:
            raise RuntimeError(f"customer terminal ended: {bytes(seen)!r}")
        seen += chunk
    return match


async def open_pair(cfg: Path, relay_port: int, echo_port: int) -> Pair:
    pipe = asyncio.subprocess.PIPE
    customer = await asyncio.create_subprocess_exec(
        "ssh", "-F", str(cfg), "-tt", "-p", str(relay_port), "-R", f"vz:22:127.0.0.1:{echo_port}",
        "support@127.0.0.1", stdin=pipe, stdout=pipe, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert customer.stdin is not None and customer.stdout is not None
    seen = bytearray()
    code = "".join(group.decode() for group in (await _until(customer.stdout, CODE_LINE, seen)).groups())
    technician = await asyncio.create_subprocess_exec(
        "ssh", "-F", str(cfg), "-W", f"vz{code}:22", "relay", stdin=pipe, stdout=pipe
    )
    await _until(customer.stdout, ASK_LINE, seen)
    customer.stdin.write(b"y\r")
    assert technician.stdin is not None and technician.stdout is not None
    technician.stdin.write(b"k")  # sent once the channel is open; its echo says the pair works
    await asyncio.wait_for(technician.stdout.readexactly(1), 60)
    return Pair(customer, technician)


async def _type(pair: Pair, offset: float, seconds: float, rate: float, out: list[float]) -> None:
    stdin, stdout = pair.technician.stdin, pair.technician.stdout
    assert stdin is not None and stdout is not None
    await asyncio.sleep(offset)  # spread the pairs over the interval
    end = time.perf_counter() + seconds
    tick = time.perf_counter()
    while time.perf_counter() < end:
        start = time.perf_counter()
        stdin.write(b"k")
        await stdout.readexactly(1)
        out.append((time.perf_counter() - start) * 1000)
        tick += 1 / rate
        await asyncio.sleep(max(0.0, tick - time.perf_counter()))


@dataclass
class Level:
    pairs: int
    echoes: list[float]
    planned: int
    relay_cpu: float  # % of one core
    load_cpu: float  # % of one core: this process and its ssh children


async def run_levels(
    cfg: Path, relay_port: int, relay_pid: int, levels: list[int], seconds: float, rate: float = 10.0
) -> list[Level]:
    """Open max(levels) pairs, then type on the first N of them for each N in *levels*."""
    server = await asyncio.get_running_loop().create_server(_Echo, "127.0.0.1", 0)
    echo_port = server.sockets[0].getsockname()[1]
    gate = asyncio.Semaphore(4)  # one technician key may have 5 claims pending at once (failure_limit)

    async def opened() -> Pair:
        async with gate:
            return await open_pair(cfg, relay_port, echo_port)

    pairs = await asyncio.gather(*(opened() for _ in range(max(levels))))
    results = []
    try:
        for count in levels:
            chosen = pairs[:count]
            mine = [os.getpid(), *(p.pid for pair in chosen for p in (pair.customer, pair.technician))]
            relay0, load0, wall0 = cpu_seconds(relay_pid), sum(map(cpu_seconds, mine)), time.perf_counter()
            times: list[float] = []
            await asyncio.gather(
                *(_type(pair, i / count / rate, seconds, rate, times) for i, pair in enumerate(chosen))
            )
            wall = time.perf_counter() - wall0
            relay_cpu = (cpu_seconds(relay_pid) - relay0) / wall * 100
            load_cpu = (sum(map(cpu_seconds, mine)) - load0) / wall * 100
            results.append(Level(count, times, int(count * rate * seconds), relay_cpu, load_cpu))
    finally:
        for pair in pairs:
            for process in (pair.technician, pair.customer):
                if process.returncode is None:
                    process.kill()
        await asyncio.gather(*(p.wait() for pair in pairs for p in (pair.technician, pair.customer)))
        server.close()
    return results
