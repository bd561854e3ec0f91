"""Escalation benchmark: bundle build with redaction vs `tar czf`, SFTP collection vs OpenSSH `sftp`.

Run: python bench/escalation.py [--mb 200] [--sftp-mb 100] [--rounds 3]. Logs are generated once into a
temp folder; both sides of each ratio run in the same process run, alternating round by round, on the same
files, against the same loopback sshd (Debian's stock session settings: PAM, the sftp-server program).
Medians are compared. When asyncssh negotiates another cipher than OpenSSH's default, sftp is also timed
with asyncssh's cipher (`-c`), and the lower of the two ratios counts.
Targets (issue 6): build ≥ 0.8× tar czf; collection ≥ 1.0× sftp.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from console.commands.argtypes import count
from sessions.escalation import BundleRequest, CollectLimits, Consent, LogSpec, build_bundle, collect_logs
from sessions.ssh import HostKeyTrust, Target, connect
from tests.sshd import run_sshd

MB = 1 << 20
WORDS = [
    "kernel",
    "md0",
    "raid1",
    "sda1",
    "ata3",
    "smbd",
    "nmbd",
    "nfsd",
    "error",
    "ok",
    "warning",
    "volume",
    "scrub",
    "link",
    "up",
    "down",
    "eth0",
    "bond0",
]


def generate(folder: Path, total_mb: int, files: int = 20) -> list[Path]:
    """Syslog-like files (about total_mb in all), one secret line in 500."""
    rng = random.Random(6)
    pool = []
    for n in range(60_000):
        line = f"Mar  4 05:{n % 60:02d}:{n % 57:02d} nas {rng.choice(WORDS)}[{rng.randint(100, 9999)}]: "
        line += " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14)))
        if n % 500 == 0:
            line += f" password=Secret{n}x"
        pool.append(line + "\n")
    out = []
    per_file = total_mb * MB // files
    for index in range(files):
        path = folder / "var" / "log" / f"messages.{index}"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w") as fh:
            written = 0
            while written < per_file:
                block = "".join(rng.choices(pool, k=5000))
                fh.write(block)
                written += len(block)
        out.append(path)
    return out


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench_build(logs: Path, work: Path, size: int, rounds: int) -> float:
    consent = Consent(True, "bench", "bench", "hq", ())
    tar_times, our_times = [], []
    for n in range(rounds):  # alternating, so a change in the machine's load hits both alike
        tar = ["tar", "czf", str(work / f"ref{n}.tgz"), "-C", str(logs), "."]
        tar_times.append(timed(lambda: subprocess.run(tar, check=True)))  # noqa: B023
        out = work / f"ours{n}.tar.gz"
        our_times.append(timed(lambda: build_bundle(BundleRequest(logs_dir=logs), out, consent)))  # noqa: B023
        (work / f"ref{n}.tgz").unlink()
        out.unlink()
    tar_rate, ours_rate = size / MB / median(tar_times), size / MB / median(our_times)
    print(f"build:   tar czf {tar_rate:6.1f} MB/s   valuezone (redact+gzip) {ours_rate:6.1f} MB/s   "
          f"ratio {ours_rate / tar_rate:.2f}  (target >= 0.80)")  # fmt: skip
    print(f"         seconds: tar {_list(tar_times)}  ours {_list(our_times)}")
    return ours_rate / tar_rate


def _list(times: list[float]) -> str:
    return " ".join(f"{t:.2f}" for t in times)


def bench_sftp(files: list[Path], work: Path, size: int, rounds: int) -> float:
    with run_sshd(work / "sshd", stock=True) as sshd:
        known = work / "known_hosts"
        known.write_text(sshd.known_hosts_line())
        trust = HostKeyTrust(known_hosts=known, read_user_known_hosts=False)
        target = Target(sshd.host, sshd.port, sshd.user, sshd.client_key)
        spec = LogSpec("bench", tuple(str(p) for p in files))
        limits = CollectLimits(per_file=1 << 40, total=1 << 40)
        ref_dir = work / "ref"
        ref_dir.mkdir()
        batch = work / "batch"
        batch.write_text("".join(f'get "{p}" "{ref_dir}/"\n' for p in files))
        base = ["sftp", "-q", "-i", str(sshd.client_key), "-P", str(sshd.port),
                "-o", f"UserKnownHostsFile={known}", "-o", "BatchMode=yes"]  # fmt: skip
        login = f"{sshd.user}@{sshd.host}"
        cipher = _openssh_cipher(base, batch, login)
        ciphers: list[str] = []

        async def collect(dest: Path) -> None:
            async with await connect(target, trust=trust) as conn:
                ciphers.append(str(conn.get_extra_info("recv_cipher")))
                await collect_logs(conn, spec, dest, limits=limits)

        ref_times, same_times, our_times = [], [], []
        for n in range(rounds):  # alternating, so a change in the machine's load hits all alike
            ref = [*base, "-b", str(batch), login]
            ref_times.append(timed(lambda: subprocess.run(ref, check=True, stdout=subprocess.DEVNULL)))  # noqa: B023
            our_times.append(timed(lambda: asyncio.run(collect(work / f"ours{n}"))))  # noqa: B023
            if ciphers[-1] != cipher:  # OpenSSH with the cipher asyncssh chose: like with like
                same = [*base, "-c", ciphers[-1], "-b", str(batch), login]
                same_times.append(timed(lambda: subprocess.run(same, check=True, stdout=subprocess.DEVNULL)))  # noqa: B023
            shutil.rmtree(work / f"ours{n}")
    ref_rate, ours_rate = size / MB / median(ref_times), size / MB / median(our_times)
    print(f"collect: OpenSSH sftp {ref_rate:6.1f} MB/s   valuezone (asyncssh) {ours_rate:6.1f} MB/s   "
          f"ratio {ours_rate / ref_rate:.2f}  (target >= 1.00)")  # fmt: skip
    print(f"         ciphers: OpenSSH {cipher}, asyncssh {ciphers[-1]}; seconds: sftp {_list(ref_times)}  "
          f"ours {_list(our_times)}")  # fmt: skip
    ratio = ours_rate / ref_rate
    if same_times:
        same_rate = size / MB / median(same_times)
        print(f"         OpenSSH sftp -c {ciphers[-1]}: {same_rate:6.1f} MB/s ({_list(same_times)} s), "
              f"ratio {ours_rate / same_rate:.2f}")  # fmt: skip
        ratio = min(ratio, ours_rate / same_rate)
    return ratio


def _openssh_cipher(base: list[str], batch: Path, login: str) -> str:
    """The cipher OpenSSH's sftp negotiates with this sshd (from its -v log)."""
    quit_batch = batch.with_name("quit")
    quit_batch.write_text("quit\n")
    log = subprocess.run([*base, "-v", "-b", str(quit_batch), login], capture_output=True, text=True).stderr
    found = re.search(r"server->client cipher: (\S+)", log)
    return found.group(1) if found else "?"


LOGS_MB = count(1, 65_536, unit="MB")
ROUNDS = count(1, 100, unit="rounds")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--mb",
        type=LOGS_MB,
        default=200,
        help=f"size of the generated logs for the build ({LOGS_MB.range_text} MB; default 200)",
    )
    parser.add_argument(
        "--sftp-mb",
        type=LOGS_MB,
        default=100,
        help=f"how much of them to collect over SFTP ({LOGS_MB.range_text} MB; default 100)",
    )
    parser.add_argument(
        "--rounds",
        type=ROUNDS,
        default=3,
        help=f"runs of each side, medians compared ({ROUNDS.range_text}; default 3)",
    )
    return parser


def main() -> int:
    args = build_parser().parse_args()
    with tempfile.TemporaryDirectory(prefix="vz-bench-") as tmp:
        work = Path(tmp)
        logs = work / "logs"
        files = generate(logs, args.mb)
        size = sum(p.stat().st_size for p in files)
        print(f"generated {size / MB:.0f} MB in {len(files)} files")
        build_ratio = bench_build(logs, work, size, args.rounds)
        count = max(1, len(files) * args.sftp_mb // args.mb)
        chosen = files[:count]
        sftp_ratio = bench_sftp(chosen, work, sum(p.stat().st_size for p in chosen), args.rounds)
    ok = build_ratio >= 0.8 and sftp_ratio >= 1.0
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
