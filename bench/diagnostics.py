"""Linux profile over one asyncssh connection vs the same commands one by one over an OpenSSH ControlMaster.

Run: python bench/diagnostics.py [--rounds N] [--test-sshd]. Both sides talk to the same real sshd on
loopback, in the same run; both connections are made before timing starts. The sshd runs with Debian's
stock session settings (PAM, MaxSessions 10, the sftp-server program; tests/sshd.py STOCK) unless
--test-sshd asks for the lighter test config. Plain files the runner reads over SFTP (`cat /proc/…`) are
run as those same `cat` commands on the reference side. Prints the medians and their ratio (target <= 0.5).
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

# isort: off
import sessions  # noqa: F401  (before asyncssh: it quiets asyncssh's one known import-time warning)
import asyncssh
# isort: on

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from console.commands.argtypes import count
from sessions.diagnostics import DiagnosticsRunner, load_profile
from tests.sshd import Sshd, run_sshd


async def ours(runner: DiagnosticsRunner) -> tuple[float, list[str]]:
    """One run of the whole profile: its time, and every command it ran (for the reference side)."""
    started = time.perf_counter()
    results = await runner.run_all()
    elapsed = time.perf_counter() - started
    return elapsed, [r.command for result in results for r in result.results]


class Reference:
    """The same commands, one after another, each an `ssh` process multiplexed over one ControlMaster."""

    def __init__(self, sshd: Sshd, folder: Path) -> None:
        known = folder / "known_hosts"
        known.write_text(sshd.known_hosts_line())
        self.base = [
            "ssh", "-p", str(sshd.port), "-i", str(sshd.client_key), "-o", f"UserKnownHostsFile={known}",
            "-o", "BatchMode=yes", "-o", f"ControlPath={folder / 'cm.sock'}", "-o", "LogLevel=ERROR",
        ]  # fmt: skip
        self.target = f"{sshd.user}@{sshd.host}"
        master = [*self.base, "-o", "ControlMaster=yes", "-o", "ControlPersist=120", "-fN", self.target]
        subprocess.run(master, check=True)

    def run(self, commands: list[str]) -> float:
        started = time.perf_counter()
        for command in commands:
            subprocess.run([*self.base, self.target, command], capture_output=True, check=False)
        return time.perf_counter() - started

    def close(self) -> None:
        subprocess.run([*self.base, "-O", "exit", self.target], capture_output=True, check=False)


async def bench(sshd: Sshd, rounds: int, folder: Path) -> tuple[list[float], list[float], list[str]]:
    """Rounds alternate between the two sides, so a change in the machine's load hits both alike."""
    async with asyncssh.connect(
        sshd.host, port=sshd.port, username=sshd.user, client_keys=[str(sshd.client_key)], known_hosts=None
    ) as conn:
        runner = DiagnosticsRunner(conn, load_profile("linux"))
        reference = Reference(sshd, folder)
        try:
            our_times, ref_times, commands = [], [], []
            for _ in range(rounds):
                elapsed, commands = await ours(runner)
                our_times.append(elapsed)
                ref_times.append(reference.run(commands))
        finally:
            reference.close()
    return our_times, ref_times, commands


ROUNDS = count(1, 1_000, unit="rounds")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--rounds", type=ROUNDS, default=5, help=f"runs of each side ({ROUNDS.range_text}; default 5)"
    )
    parser.add_argument("--test-sshd", action="store_true", help="the tests' sshd config, not Debian's")
    return parser


def main() -> int:
    args = build_parser().parse_args()
    with tempfile.TemporaryDirectory() as tmp, run_sshd(Path(tmp) / "sshd", stock=not args.test_sshd) as sshd:
        our_times, ref_times, commands = asyncio.run(bench(sshd, args.rounds, Path(tmp)))
    ours_median, ref_median = statistics.median(our_times), statistics.median(ref_times)
    ratio = ours_median / ref_median
    files = sum(c.startswith("cat /") for c in commands)
    config = "the tests' config" if args.test_sshd else "Debian stock (PAM, MaxSessions 10, sftp-server)"
    print(f"sshd: {config}")
    print(f"commands per run: {len(commands)} ({files} of them plain files, read by the runner over SFTP)")
    print("ms: ours", [round(t * 1000) for t in our_times], "ref", [round(t * 1000) for t in ref_times])
    print(f"valuezone runner (one asyncssh connection, concurrent channels): {ours_median * 1000:.0f} ms")
    print(f"OpenSSH ControlMaster, one command after another:              {ref_median * 1000:.0f} ms")
    print(f"ratio of medians: {ratio:.2f} (target <= 0.5) -> {'OK' if ratio <= 0.5 else 'MISSED'}")
    return 0 if ratio <= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
