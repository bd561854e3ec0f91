"""Escalation benchmark: bundle build with redaction vs `tar czf`, SFTP collection vs OpenSSH `sftp`.

Run: python bench/escalation.py [--mb 200] [--sftp-mb 100]. Logs are generated once into a temp folder;
both sides of each ratio run in the same process run, on the same files, against the same loopback sshd.
Targets (issue 6): build ≥ 0.8× tar czf; collection ≥ 1.0× sftp.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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


def bench_build(logs: Path, work: Path, size: int) -> float:
    tar_s = timed(
        lambda: subprocess.run(["tar", "czf", str(work / "ref.tgz"), "-C", str(logs), "."], check=True)
    )
    consent = Consent(True, "bench", "bench", "hq", ())
    ours_s = timed(lambda: build_bundle(BundleRequest(logs_dir=logs), work / "ours.tar.gz", consent))
    tar_rate, ours_rate = size / MB / tar_s, size / MB / ours_s
    print(f"build:   tar czf {tar_rate:6.1f} MB/s   valuezone (redact+gzip) {ours_rate:6.1f} MB/s   "
          f"ratio {ours_rate / tar_rate:.2f}  (target >= 0.80)")  # fmt: skip
    return ours_rate / tar_rate


def bench_sftp(files: list[Path], work: Path, size: int) -> float:
    with run_sshd(work / "sshd") as sshd:
        known = work / "known_hosts"
        known.write_text(sshd.known_hosts_line())
        batch = work / "batch"
        batch.write_text("".join(f'get "{p}" "{work / "ref"}/"\n' for p in files))
        (work / "ref").mkdir()
        cmd = ["sftp", "-q", "-b", str(batch), "-i", str(sshd.client_key), "-P", str(sshd.port),
               "-o", f"UserKnownHostsFile={known}", "-o", "BatchMode=yes",
               f"{sshd.user}@{sshd.host}"]  # fmt: skip
        ref_s = timed(lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL))
        trust = HostKeyTrust(known_hosts=known, read_user_known_hosts=False)
        target = Target(sshd.host, sshd.port, sshd.user, sshd.client_key)
        spec = LogSpec("bench", tuple(str(p) for p in files))
        limits = CollectLimits(per_file=1 << 40, total=1 << 40)

        async def collect() -> None:
            async with await connect(target, trust=trust) as conn:
                await collect_logs(conn, spec, work / "ours", limits=limits)

        ours_s = timed(lambda: asyncio.run(collect()))
    ref_rate, ours_rate = size / MB / ref_s, size / MB / ours_s
    print(f"collect: OpenSSH sftp {ref_rate:6.1f} MB/s   valuezone (asyncssh) {ours_rate:6.1f} MB/s   "
          f"ratio {ours_rate / ref_rate:.2f}  (target >= 1.00)")  # fmt: skip
    return ours_rate / ref_rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=200, help="size of the generated logs for the build")
    parser.add_argument("--sftp-mb", type=int, default=100, help="how much of them to collect over SFTP")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vz-bench-") as tmp:
        work = Path(tmp)
        logs = work / "logs"
        files = generate(logs, args.mb)
        size = sum(p.stat().st_size for p in files)
        print(f"generated {size / MB:.0f} MB in {len(files)} files")
        build_ratio = bench_build(logs, work, size)
        count = max(1, len(files) * args.sftp_mb // args.mb)
        sftp_ratio = bench_sftp(files[:count], work, sum(p.stat().st_size for p in files[:count]))
    ok = build_ratio >= 0.8 and sftp_ratio >= 1.0
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
