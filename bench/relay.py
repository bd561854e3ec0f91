"""Relay benchmark, one run: our relay vs an OpenSSH jump host (echo latency, bulk), then scale.

    python bench/relay.py [--quick]

Prints each figure and its ratio to the reference measured in the same run. Bounded to a few minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncssh

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sessions import codes  # noqa: E402
from tests.sshd import free_port, keygen, run_sshd  # noqa: E402

BULK = 100 * 1024 * 1024


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Relay:
    """`valuezone relay` in a subprocess."""

    def __init__(self, folder: Path, technicians: Path) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "console.cli", "relay", "--listen", f"127.0.0.1:{self.port}",
             "--technicians", str(technicians), "--state-dir", str(folder / f"relay{self.port}")],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("Host key fingerprint"):
                break

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


class Agents:
    """bench/relay_agents.py in a subprocess: *count* customers, each with a code."""

    def __init__(self, relay_port: int, count: int, forward_sshd: int | None = None) -> None:
        extra = ["--forward-sshd", str(forward_sshd)] if forward_sshd else []
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / "relay_agents.py"), "--relay-port", str(relay_port),
             "--count", str(count), *extra],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )  # fmt: skip
        self.codes: list[str] = []
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.strip() == "ready":
                break
            self.codes.append(line.strip())

    def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _ssh_config(
    folder: Path, relay_port: int, tech_key: Path, device_key: Path, sshd_port: int, user: str
) -> Path:
    path = folder / "ssh_config"
    path.write_text(
        f"""Host relay
  HostName 127.0.0.1
  Port {relay_port}
  User kim
  IdentityFile {tech_key}
Host jump
  HostName 127.0.0.1
  Port {sshd_port}
  User {user}
  IdentityFile {device_key}
Host device
  HostName 127.0.0.1
  Port {sshd_port}
  User {user}
  IdentityFile {device_key}
Host vz*
  User {user}
  IdentityFile {device_key}
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


def _echo_latency(argv: list[str], samples: int) -> list[float]:
    """Round-trip times (ms) of one byte through `ssh … cat`, over pipes."""
    process = subprocess.Popen([*argv, "cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
    assert process.stdin is not None and process.stdout is not None
    times = []
    for index in range(samples + 20):
        start = time.perf_counter()
        process.stdin.write(b"k")
        if process.stdout.read(1) != b"k":
            raise RuntimeError("echo broke")
        if index >= 20:  # warm-up
            times.append((time.perf_counter() - start) * 1000)
        time.sleep(0.002)
    process.stdin.close()
    process.wait(10)
    return times


def _bulk_mb_s(argv: list[str]) -> float:
    start = time.perf_counter()
    out = subprocess.run([*argv, f"head -c {BULK} /dev/zero"], capture_output=True, check=True).stdout
    elapsed = time.perf_counter() - start
    assert len(out) == BULK, len(out)
    return BULK / elapsed / 1e6


def compare(folder: Path, technicians: Path, tech_key: Path, sshd, samples: int, rounds: int) -> None:
    relay = Relay(folder, technicians)
    agents = Agents(relay.port, rounds * 2 + 2, forward_sshd=sshd.port)
    config = _ssh_config(folder, relay.port, tech_key, sshd.client_key, sshd.port, sshd.user)
    reference = ["ssh", "-F", str(config), "-J", "jump", "device"]
    codes_left = list(agents.codes)
    try:
        ours = lambda: ["ssh", "-F", str(config), "-J", "relay", f"{sshd.user}@vz{codes_left.pop()}"]  # noqa: E731
        ref_lat: list[float] = []
        our_lat: list[float] = []
        ref_bulk: list[float] = []
        our_bulk: list[float] = []
        for _ in range(rounds):  # interleaved, so machine load hits both alike
            ref_lat += _echo_latency(reference, samples)
            our_lat += _echo_latency(ours(), samples)
            ref_bulk.append(_bulk_mb_s(reference))
            our_bulk.append(_bulk_mb_s(ours()))
        for name, ref, our in (("p50", 0.5, 0.5), ("p99", 0.99, 0.99)):
            r, o = _pct(ref_lat, ref), _pct(our_lat, our)
            print(
                f"echo {name}: relay {o:.3f} ms, OpenSSH jump {r:.3f} ms, ratio {o / r:.2f}x (target <= 1.2x)"
            )
        r, o = statistics.median(ref_bulk), statistics.median(our_bulk)
        print(
            f"bulk 100 MB: relay {o:.0f} MB/s, OpenSSH jump {r:.0f} MB/s, ratio {o / r:.2f}x (target >= 0.8x)"
        )
    finally:
        agents.stop()
        relay.stop()


async def _open_pair(port: int, key: asyncssh.SSHKey, code: str) -> tuple[object, object, object]:
    conn = await asyncssh.connect("127.0.0.1", port, username="kim", client_keys=[key], known_hosts=None)
    reader, writer = await conn.open_connection(codes.wire(code), 22)
    return conn, reader, writer


async def _type(pair: tuple, offset: float, seconds: float, rate: float, out: list[float]) -> None:
    conn, reader, writer = pair
    await asyncio.sleep(offset)  # spread the pairs over the interval
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        start = time.perf_counter()
        writer.write(b"k")
        await reader.readexactly(1)
        out.append((time.perf_counter() - start) * 1000)
        await asyncio.sleep(max(0.0, 1 / rate - (time.perf_counter() - start)))
    conn.close()


async def _active(port: int, key_path: Path, chosen: list[str], seconds: float) -> list[float]:
    """Open every pair first (key exchanges are not keystrokes), then type on all of them at once."""
    key = asyncssh.read_private_key(key_path)
    gate = asyncio.Semaphore(20)

    async def opened(code: str) -> tuple[object, object, object]:
        async with gate:
            return await _open_pair(port, key, code)

    pairs = await asyncio.gather(*(opened(code) for code in chosen))
    times: list[float] = []
    count = len(pairs)
    await asyncio.gather(
        *(_type(pair, i / count / 10.0, seconds, 10.0, times) for i, pair in enumerate(pairs))
    )
    return times


def scale(folder: Path, technicians: Path, tech_key: Path, idle: int, active: int, seconds: float) -> None:
    relay = Relay(folder, technicians)
    base = _rss_mb(relay.process.pid)
    start = time.perf_counter()
    agents = Agents(relay.port, idle)
    took = time.perf_counter() - start
    try:
        time.sleep(1)
        rss = _rss_mb(relay.process.pid)
        print(f"idle agents: {len(agents.codes)} linked in {took:.1f} s; relay RSS {rss:.0f} MB "
              f"(empty {base:.0f} MB; target < 300 MB)")  # fmt: skip
        cpu, wall, load = _cpu_seconds(relay.process.pid), time.perf_counter(), os.getloadavg()[0]
        times = asyncio.run(_active(relay.port, tech_key, agents.codes[:active], seconds))
        busy = (_cpu_seconds(relay.process.pid) - cpu) / (time.perf_counter() - wall) * 100
        print(f"active pairs: {active} at 10 keystrokes/s for {seconds:.0f} s, {len(times)} echoes "
              f"(of {int(active * 10 * seconds)} planned): p50 {_pct(times, 0.5):.2f} ms, "
              f"p99 {_pct(times, 0.99):.2f} ms (target p99 < 50 ms); relay CPU {busy:.0f}% of one core, "
              f"RSS {_rss_mb(relay.process.pid):.0f} MB; machine load {load:.1f}")  # fmt: skip
    finally:
        agents.stop()
        relay.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer samples and agents (a smoke run)")
    parser.add_argument("--only", choices=("compare", "scale"), help="run one half only")
    args = parser.parse_args()
    samples, rounds, idle, active, seconds = (100, 1, 100, 20, 3) if args.quick else (300, 3, 1000, 200, 10)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tech_key = keygen(folder / "tech")
        kind, blob = (folder / "tech.pub").read_text().split()[:2]
        technicians = folder / "technicians"
        technicians.write_text(f"{kind} {blob} Bench Technician\n")
        print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
        if args.only != "scale":
            with run_sshd(folder / "sshd") as sshd:
                compare(folder, technicians, tech_key, sshd, samples, rounds)
        if args.only != "compare":
            scale(folder, technicians, tech_key, idle, active, seconds)


if __name__ == "__main__":
    main()
