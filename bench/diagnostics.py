"""Linux profile over one asyncssh connection vs the same commands one by one over an OpenSSH ControlMaster.

Run: python bench/diagnostics.py [--rounds N]. Both sides talk to the same real sshd on loopback, in the same
run; both connections are made before timing starts. Prints the medians and their ratio (target <= 0.5).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncssh

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sessions.diagnostics import DiagnosticsRunner, load_profile
from tests.sshd import Sshd, run_sshd


async def ours(sshd: Sshd, rounds: int) -> tuple[list[float], list[str]]:
    """Median-ready timings of the whole profile, and every command it ran (for the reference side)."""
    profile = load_profile("linux")
    async with asyncssh.connect(
        sshd.host, port=sshd.port, username=sshd.user, client_keys=[str(sshd.client_key)], known_hosts=None
    ) as conn:
        runner = DiagnosticsRunner(conn, profile)
        times: list[float] = []
        commands: list[str] = []
        for _ in range(rounds):
            started = time.perf_counter()
            results = await runner.run_all()
            times.append(time.perf_counter() - started)
            commands = [r.command for result in results for r in result.results]
    return times, commands


def reference(sshd: Sshd, commands: list[str], rounds: int, folder: Path) -> list[float]:
    """The same commands, one after another, each an `ssh` process multiplexed over one ControlMaster."""
    control = folder / "cm.sock"
    known = folder / "known_hosts"
    known.write_text(sshd.known_hosts_line())
    base = [
        "ssh", "-p", str(sshd.port), "-i", str(sshd.client_key), "-o", f"UserKnownHostsFile={known}",
        "-o", "BatchMode=yes", "-o", f"ControlPath={control}", "-o", "LogLevel=ERROR",
    ]  # fmt: skip
    target = f"{sshd.user}@{sshd.host}"
    subprocess.run([*base, "-o", "ControlMaster=yes", "-o", "ControlPersist=60", "-fN", target], check=True)
    try:
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            for command in commands:
                subprocess.run([*base, target, command], capture_output=True, check=False)
            times.append(time.perf_counter() - started)
        return times
    finally:
        subprocess.run([*base, "-O", "exit", target], capture_output=True, check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, run_sshd(Path(tmp) / "sshd") as sshd:
        our_times, commands = asyncio.run(ours(sshd, args.rounds))
        ref_times = reference(sshd, commands, args.rounds, Path(tmp))
    ours_median, ref_median = statistics.median(our_times), statistics.median(ref_times)
    ratio = ours_median / ref_median
    print(f"commands per run: {len(commands)}")
    print(f"valuezone runner (one asyncssh connection, concurrent channels): {ours_median * 1000:.0f} ms")
    print(f"OpenSSH ControlMaster, one command after another:              {ref_median * 1000:.0f} ms")
    print(f"ratio: {ratio:.2f} (target <= 0.5) -> {'OK' if ratio <= 0.5 else 'MISSED'}")
    return 0 if ratio <= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
