"""Relay benchmark, one run: our relay vs OpenSSH jump hosts (echo latency, bulk), then scale.

    nice -n -15 python bench/relay.py [--quick] [--only compare|scale] [--pairs 50,100,200] [--pin]

Compare: nine paths, all driven by the OpenSSH client and ending at the same kind of target, interleaved
round by round (see PATHS): the issue's reference (a jump host straight to sshd), the same jump host with
the device linked by `ssh -R` (the hop count our relay has), our relay with that same stock `ssh -R`
device link (the relay alone against OpenSSH doing its job), our relay with the real agent splicing to
that sshd (`--forward-sshd`), our relay to the agent's own SSH server, the v1 path, and the fast paths:
the same ssh with `valuezone connect` as its ProxyCommand (the technician's own data leg, handed to ssh
by fd passing), to sshd, to the agent's server and to a stock `ssh -R` device. Ratios are taken
within the run. Scale: 1,000 idle agents (relay RSS), then active pairs at 10 keystrokes/s, each end a
stock OpenSSH client (bench/relay_load.py), with the relay's own CPU reported apart from the load's.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import relay_load  # noqa: E402
from console.commands.argtypes import count  # noqa: E402
from sessions import eventloop  # noqa: E402
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
    """`valuezone relay` in a subprocess; per-address customer limits off (every client is 127.0.0.1)."""

    def __init__(self, folder: Path, technicians: Path, cpus: str = "") -> None:
        pin = ["taskset", "-c", cpus] if cpus else []
        self.process = subprocess.Popen(
            [*pin, sys.executable, "-m", "console.cli", "relay", "--listen", "127.0.0.1:0",
             "--technicians", str(technicians), "--state-dir", tempfile.mkdtemp(prefix="relay", dir=folder),
             "--max-customers-per-address", "0", "--codes-per-minute", "0"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        assert self.process.stdout is not None
        self.port = 0
        for line in self.process.stdout:  # the port the system gave it, then its fingerprint
            if match := re.match(r"Valuezone relay listening on 127\.0\.0\.1:(\d+)", line):
                self.port = int(match.group(1))
            if line.startswith("Host key fingerprint"):
                break
        assert self.port, "the relay did not start"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


class Agents:
    """bench/relay_agents.py in a subprocess: *count* customers, each with a code (see its docstring)."""

    def __init__(
        self, relay_port: int, count: int, *, real: bool = False, forward_sshd: int | None = None,
        cpus: str = "", version: int = 2,
    ) -> None:  # fmt: skip
        extra = (["--real"] if real else []) + (["--forward-sshd", str(forward_sshd)] if forward_sshd else [])
        extra += ["--protocol", str(version)]
        pin = ["taskset", "-c", cpus] if cpus else []
        self.process = subprocess.Popen(
            [*pin, sys.executable, str(ROOT / "bench" / "relay_agents.py"), "--relay-port", str(relay_port),
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


def _ssh_config(folder: Path, relay_port: int, tech_key: Path, sshd, linked_port: int) -> Path:  # type: ignore[no-untyped-def]
    path = folder / "ssh_config"
    path.write_text(
        f"""Host relay
  HostName 127.0.0.1
  Port {relay_port}
  User kim
  IdentityFile {tech_key}
Host jump device
  HostName 127.0.0.1
  Port {sshd.port}
Host linked
  HostName 127.0.0.1
  Port {linked_port}
Host vz*
  IdentityFile {tech_key}
Host *
  User {sshd.user}
  IdentityFile {sshd.client_key}
  IdentitiesOnly yes
  BatchMode yes
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  LogLevel ERROR
  Ciphers aes128-gcm@openssh.com
"""
    )
    return path


class ReverseLink:
    """The stock-OpenSSH way to do what the relay does: the device links out with `ssh -R` to the jump
    host, and the technician jumps to the forwarded port. Same hops as our relay path, all in C."""

    def __init__(self, config: Path, port: int, sshd_port: int) -> None:
        self.port = port
        self.process = subprocess.Popen(
            ["ssh", "-F", str(config), "-N", "-o", "ExitOnForwardFailure=yes",
             "-R", f"{self.port}:127.0.0.1:{sshd_port}", "jump"],
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 1):
                return
            time.sleep(0.05)
        raise RuntimeError("the ssh -R link did not come up")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


class StockCustomer:
    """A customer with no agent: stock OpenSSH `ssh -tt -R vz:22:…:SSHD support@relay`, consent typed `y`.
    With it, the technician's path crosses our relay and then OpenSSH's own `ssh -R` client: exactly the
    jump+R path with our relay in the jump host's place, so the two compare the relay alone."""

    def __init__(self, config: Path, relay_port: int, sshd_port: int) -> None:
        self.process = subprocess.Popen(
            ["ssh", "-F", str(config), "-tt", "-p", str(relay_port), "-R", f"vz:22:127.0.0.1:{sshd_port}",
             "support@127.0.0.1"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0,
        )  # fmt: skip
        assert self.process.stdout is not None
        seen = b""
        while not (match := relay_load.CODE_LINE.search(seen)):
            chunk = self.process.stdout.read(4096)
            if not chunk:
                raise RuntimeError(f"the stock customer got no code: {seen!r}")
            seen += chunk
        self.code = b"".join(match.groups()).decode()
        threading.Thread(target=self._consent, daemon=True).start()

    def _consent(self) -> None:
        """Answer the relay's question once it is asked, then keep the terminal drained."""
        assert self.process.stdout is not None and self.process.stdin is not None
        seen = b""
        while b"Allow?" not in seen:
            chunk = self.process.stdout.read(4096)
            if not chunk:
                return
            seen += chunk
        self.process.stdin.write(b"y\r")
        with open(os.devnull, "wb") as sink:  # keep the terminal drained until the customer is stopped
            shutil.copyfileobj(self.process.stdout, sink)

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(10)


def _echo_latency(argv: list[str], samples: int, warmup: int = 50) -> list[float]:
    """Round-trip times (ms) of one byte through `ssh … cat`, over pipes (the first *warmup* dropped)."""
    process = subprocess.Popen(
        [*argv, "cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0
    )
    assert process.stdin is not None and process.stdout is not None
    times = []
    for index in range(samples + warmup):
        start = time.perf_counter()
        process.stdin.write(b"k")
        if process.stdout.read(1) != b"k":
            process.kill()
            error = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"echo broke after {index} keystrokes on {argv[-1]}: {error.strip()}")
        if index >= warmup:
            times.append((time.perf_counter() - start) * 1000)
        time.sleep(0.002)
    process.stdin.close()
    process.wait(10)
    return times


def _bulk_mb_s(argv: list[str]) -> float:
    """MB/s of 100 MB from the device, timed from the first byte (connection set-up is not throughput)."""
    process = subprocess.Popen(
        [*argv, f"head -c {BULK} /dev/zero"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None
    first = process.stdout.read(1)
    start = time.perf_counter()
    got = len(first)
    while chunk := process.stdout.read(1 << 20):
        got += len(chunk)
    elapsed = time.perf_counter() - start
    if process.wait(30) != 0 or got != BULK:
        error = process.stderr.read().decode(errors="replace") if process.stderr else ""
        raise RuntimeError(f"bulk failed on {argv[-1]} ({got} bytes): {error.strip()}")
    return (BULK - 1) / elapsed / 1e6


PATHS = {
    "jump": "OpenSSH ssh -J through an sshd jump host straight to the device's sshd (the issue's reference)",
    "jump+R": "OpenSSH jump host, device linked by ssh -R (our hop count: tech→jump→device link→sshd)",
    "relay+R": "ssh -J through our relay, device linked by stock OpenSSH ssh -R (jump+R, our relay as jump)",
    "relay": "ssh -J through our relay, real agent --forward-sshd, to the same sshd (data leg, v2)",
    "inner": "ssh -J through our relay to the real agent's own SSH server (no sshd; data leg, v2)",
    "relay-v1": "as relay, the agent speaking protocol v1 (every byte on its SSH link: the old path)",
    "fast": "ssh with ProxyCommand `valuezone connect` (fd passed): the technician's own leg, relay splices "
    "it to the agent's TLS leg, agent --forward-sshd to the same sshd",
    "fast-in": "as fast, to the real agent's own SSH server",
    "fast+R": "as fast, the device linked by stock ssh -R (the relay splices the leg to that SSH channel)",
}


def compare(folder: Path, technicians: Path, tech_key: Path, sshd, samples: int, rounds: int) -> None:  # type: ignore[no-untyped-def]
    """Echo latency and bulk over the PATHS, interleaved so machine load hits all alike."""
    per_path = rounds * 2 + 1  # an echo and a bulk run per round, plus a warm-up
    relay = Relay(folder, technicians)
    forward = inner = old = linked = fast_forward = fast_inner = None
    customers: list[StockCustomer] = []
    try:
        forward = Agents(relay.port, per_path, real=True, forward_sshd=sshd.port)
        inner = Agents(relay.port, per_path, real=True)
        old = Agents(relay.port, per_path, real=True, forward_sshd=sshd.port, version=1)
        linked_port = free_port()
        config = _ssh_config(folder, relay.port, tech_key, sshd, linked_port)
        linked = ReverseLink(config, linked_port, sshd.port)

        def stock_code() -> str:
            customers.append(StockCustomer(config, relay.port, sshd.port))
            return customers[-1].code

        fast_forward = Agents(relay.port, per_path, real=True, forward_sshd=sshd.port)
        fast_inner = Agents(relay.port, per_path, real=True)
        codes = {"relay": forward.codes, "inner": inner.codes, "relay-v1": old.codes,
                 "fast": fast_forward.codes, "fast-in": fast_inner.codes}  # fmt: skip
        latency, bulk = _compare_rounds(
            config, sshd.user, relay.port, tech_key, codes, stock_code, samples, rounds
        )
    finally:
        processes: tuple[Any, ...] = (
            *customers,
            linked,
            forward,
            inner,
            old,
            fast_forward,
            fast_inner,
            relay,
        )
        for process in processes:
            if process is not None:
                process.stop()
    _print_comparison(latency, bulk, samples * rounds)


def _compare_rounds(
    config: Path,
    user: str,
    relay_port: int,
    tech_key: Path,
    codes: dict[str, list[str]],
    stock_code: Callable[[], str],
    samples: int,
    rounds: int,
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    ssh = ["ssh", "-F", str(config), "-J"]
    helper = f"{sys.executable} -m console.cli connect --relay 127.0.0.1:{relay_port} --key {tech_key}"
    proxy = [
        "ssh",
        "-F",
        str(config),
        "-o",
        f"ProxyCommand={helper} --accept-new %h",
        "-o",
        "ProxyUseFdpass=yes",
    ]
    pinned = f"KnownHostsCommand={sys.executable} -m console.cli connect --known-hosts %H"
    # the customer's keys as the claim's answer named them (a stock ssh -R device sends none: not checked)
    fast = [*proxy, "-o", "StrictHostKeyChecking=yes", "-o", pinned]
    argv = {
        "jump": lambda: [*ssh, "jump", "device"],
        "jump+R": lambda: [*ssh, "jump", "linked"],
        "relay+R": lambda: [*ssh, "relay", f"{user}@vz{stock_code()}"],
        "relay": lambda: [*ssh, "relay", f"{user}@vz{codes['relay'].pop()}"],
        "inner": lambda: [*ssh, "relay", f"anyone@vz{codes['inner'].pop()}"],
        "relay-v1": lambda: [*ssh, "relay", f"{user}@vz{codes['relay-v1'].pop()}"],
        "fast": lambda: [*fast, f"{user}@vz{codes['fast'].pop()}"],
        "fast-in": lambda: [*fast, f"anyone@vz{codes['fast-in'].pop()}"],
        "fast+R": lambda: [*proxy, f"{user}@vz{stock_code()}"],
    }
    latency: dict[str, list[float]] = {name: [] for name in PATHS}
    bulk: dict[str, list[float]] = {name: [] for name in PATHS}
    for name in PATHS:  # warm-up: first use of each path (page cache, first key exchange) not counted
        _echo_latency(argv[name](), 20, warmup=0)
    for _ in range(rounds):
        for name in PATHS:
            latency[name] += _echo_latency(argv[name](), samples)
        for name in PATHS:
            bulk[name].append(_bulk_mb_s(argv[name]()))
    return latency, bulk


def _print_comparison(latency: dict[str, list[float]], bulk: dict[str, list[float]], count: int) -> None:
    for name, text in PATHS.items():
        print(f"  {name:7} {text}")
    print(f"echo, {count} keystrokes per path (ms):   " + "".join(f"{n:>9}" for n in PATHS))
    for label, q in (("p50", 0.5), ("p90", 0.9), ("p99", 0.99)):
        print(f"  {label:38}" + "".join(f"{_pct(latency[n], q):9.3f}" for n in PATHS))
    for label, q in (("p50", 0.5), ("p99", 0.99)):
        at = {name: _pct(values, q) for name, values in latency.items()}
        ratio = {name: at[name] / at["jump"] for name in at}
        same = {name: at[name] / at["jump+R"] for name in at}
        print(f"echo {label}: relay/jump {ratio['relay']:.2f}x, inner/jump {ratio['inner']:.2f}x "
              f"(target <= 1.2x); OpenSSH's own cost of the outbound link, jump+R/jump "
              f"{ratio['jump+R']:.2f}x; the relay alone, relay+R/jump+R {same['relay+R']:.2f}x; "
              f"relay/jump+R {same['relay']:.2f}x, inner/jump+R {same['inner']:.2f}x (target <= 1.0x); "
              f"old path relay-v1/jump {ratio['relay-v1']:.2f}x, "
              f"relay-v1/jump+R {same['relay-v1']:.2f}x")  # fmt: skip
    for label, q in (("p50", 0.5), ("p99", 0.99)):
        at = {name: _pct(values, q) for name, values in latency.items()}
        print(f"echo {label}, fast path: fast/jump+R {at['fast'] / at['jump+R']:.2f}x (target <= 1.0x), "
              f"fast/jump {at['fast'] / at['jump']:.2f}x (target <= 1.5x); fast-in/jump+R "
              f"{at['fast-in'] / at['jump+R']:.2f}x; fast+R/jump+R {at['fast+R'] / at['jump+R']:.2f}x; "
              f"fast/relay {at['fast'] / at['relay']:.2f}x")  # fmt: skip
    median = {name: statistics.median(values) for name, values in bulk.items()}
    print("bulk 100 MB (MB/s, median):             " + "".join(f"{median[n]:9.0f}" for n in PATHS))
    ratio = {name: median[name] / median["jump"] for name in median}
    same = {name: median[name] / median["jump+R"] for name in median}
    print(f"bulk: relay/jump {ratio['relay']:.2f}x, inner/jump {ratio['inner']:.2f}x (target >= 0.8x); "
          f"relay+R/jump+R {same['relay+R']:.2f}x, relay/jump+R {same['relay']:.2f}x, "
          f"inner/jump+R {same['inner']:.2f}x; old path relay-v1/jump {ratio['relay-v1']:.2f}x, "
          f"relay-v1/jump+R {same['relay-v1']:.2f}x")  # fmt: skip
    print(f"bulk, fast path: fast/jump+R {same['fast']:.2f}x (target >= 0.9x), "
          f"fast/jump {ratio['fast']:.2f}x, "
          f"fast-in/jump+R {same['fast-in']:.2f}x, fast+R/jump+R {same['fast+R']:.2f}x")  # fmt: skip


def scale(folder: Path, technicians: Path, tech_key: Path, idle: int, levels: list[int], seconds: float,
          pin: bool) -> None:  # fmt: skip
    """*idle* light agents linked (RSS), then active pairs typing at 10 keystrokes/s (bench/relay_load.py)."""
    relay = Relay(folder, technicians, cpus="0" if pin else "")
    if pin:  # the load (this process, its ssh children, the idle agents) on the other core
        os.sched_setaffinity(0, {1})
    base = _rss_mb(relay.process.pid)
    start = time.perf_counter()
    agents = Agents(relay.port, idle)
    took = time.perf_counter() - start
    try:
        time.sleep(1)
        rss = _rss_mb(relay.process.pid)
        print(f"idle agents: {len(agents.codes)} linked in {took:.1f} s; relay RSS {rss:.0f} MB "
              f"(empty {base:.0f} MB; target < 300 MB)")  # fmt: skip
        cfg = relay_load.config(folder, relay.port, tech_key)
        load = os.getloadavg()[0]
        results = eventloop.run(relay_load.run_levels(cfg, relay.port, relay.process.pid, levels, seconds))
        where = "relay pinned to CPU 0, load generator to CPU 1" if pin else "unpinned"
        print(f"active pairs at 10 keystrokes/s, {seconds:.0f} s each ({where}; load before {load:.1f}):")
        best = 0
        for level in results:
            p99 = _pct(level.echoes, 0.99)
            best = level.pairs if p99 < 50 and len(level.echoes) >= 0.95 * level.planned else best
            print(f"  {level.pairs:4} pairs: {len(level.echoes)} echoes (of {level.planned} planned), "
                  f"p50 {_pct(level.echoes, 0.5):.2f} ms, p99 {p99:.2f} ms (target < 50 ms); "
                  f"relay CPU {level.relay_cpu:.0f}% of a core, load {level.load_cpu:.0f}%")  # fmt: skip
        print(f"  most pairs with p99 < 50 ms: {best or 'none of those tried'}; relay RSS "
              f"{_rss_mb(relay.process.pid):.0f} MB; machine load now {os.getloadavg()[0]:.1f}")  # fmt: skip
    finally:
        agents.stop()
        relay.stop()


PAIRS = count(1, 100_000, unit="pairs")


def pair_levels(text: str) -> list[int]:
    """Active-pair levels written 50,100,200: each one a count of PAIRS."""
    return [PAIRS(level) for level in text.split(",")]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer samples and agents (a smoke run)")
    parser.add_argument("--only", choices=("compare", "scale"), help="run one half only")
    parser.add_argument(
        "--pairs",
        type=pair_levels,
        help=f"active-pair levels to try, e.g. 50,100,200, each {PAIRS.range_text} (default 200, quick 20)",
    )
    parser.add_argument("--pin", action="store_true", help="relay on CPU 0, everything else on CPU 1")
    return parser


def main() -> None:
    args = build_parser().parse_args()
    samples, rounds, idle, levels, seconds = (
        (100, 1, 100, [20], 3) if args.quick else (500, 3, 1000, [200], 10)
    )
    if args.pairs:
        levels = args.pairs
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # `valuezone connect` (the fast paths' ProxyCommand) keeps the relay's key and the pins here
        # (ssh starts it through bash, which reads ~/.bashrc when stdin is a socket: this machine's pyenv
        # rehash there waits for a lock other users hold)
        os.environ.update(
            VALUEZONE_HOME=str(folder / "vzhome"), PYTHONPATH=str(ROOT), PYENV_REHASH_TIMEOUT="1"
        )
        tech_key = keygen(folder / "tech")
        kind, blob = (folder / "tech.pub").read_text().split()[:2]
        technicians = folder / "technicians"
        technicians.write_text(f"{kind} {blob} Bench Technician\n")
        print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; relay and agents on "
              f"{eventloop.loop_name()}")  # fmt: skip
        if args.only != "scale":
            with run_sshd(folder / "sshd") as sshd:
                compare(folder, technicians, tech_key, sshd, samples, rounds)
        if args.only != "compare":
            scale(folder, technicians, tech_key, idle, levels, seconds, args.pin)


if __name__ == "__main__":
    main()
