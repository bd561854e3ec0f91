"""Record verification bench: what verifying costs the archive index, and what hostile files cost verify.

    python -m bench.records                          # 2,000 sessions, ~200 MB of terminal text
    python -m bench.records --sessions 500 --size-mb 50

Prints ratios against references measured in the same run:
* indexing with verification / indexing that trusts session.json (what the index did before);
* verify's reading speed / `sha256sum` over the same files;
* peak memory of `valuezone verify` on an 8 GiB events.jsonl with no line feed / on a normal record, and
  the seconds it takes (bounded reads: it stops at the first 16 MiB line);
* seconds to refuse 100,000 levels of JSON nesting, and a named pipe (never blocks).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.review import line_pool, write_session
from console.commands.argtypes import count, megabytes
from sessions.archive import ArchiveIndex
from sessions.recording import iter_records
from sessions.recording.meta import read_meta
from sessions.recording.verify import VerifyReport

# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the (large) parent across fork and exec.
_PEAK = (
    "import sys, time\n"
    "from sessions.recording import verify\n"
    "began = time.perf_counter()\n"
    "report = verify(sys.argv[1])\n"
    "seconds = time.perf_counter() - began\n"
    "hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
    "print(hwm, seconds, report.ok)\n"
)


def _trusting_report(folder: Path, anchor: Any = None) -> VerifyReport:
    """What the index believed before verification: session.json's own count and hash."""
    meta = read_meta(folder)
    report = VerifyReport(folder, session_id=meta["session_id"])
    report.events, report.last_hash = meta["events"]["count"], meta["events"]["last_hash"]
    return report


def index_seconds(archive: Path, db: Path, *, verified: bool) -> float:
    import sessions.archive.index as index_module

    db.unlink(missing_ok=True)
    real = index_module.verify
    if not verified:
        index_module.verify = _trusting_report  # type: ignore[assignment]
    try:
        with ArchiveIndex(archive, db) as index:
            began = time.perf_counter()
            stats = index.update()
            seconds = time.perf_counter() - began
    finally:
        index_module.verify = real
    assert not stats.failed, stats.failed[:3]
    return seconds


def verify_vs_sha256sum(archive: Path) -> tuple[float, float, int]:
    from sessions.recording import verify

    folders = list(iter_records(archive))
    files = [str(f / name) for f in folders for name in ("events.jsonl", "terminal.cast", "session.json")]
    size = sum(os.path.getsize(name) for name in files)
    subprocess.run(["sha256sum", *files], capture_output=True, check=True)  # warm the page cache
    began = time.perf_counter()
    for chunk in range(0, len(files), 500):
        subprocess.run(["sha256sum", *files[chunk : chunk + 500]], capture_output=True, check=True)
    reference = time.perf_counter() - began
    began = time.perf_counter()
    assert all(verify(folder).ok for folder in folders)
    return time.perf_counter() - began, reference, size


def peak(folder: Path) -> tuple[int, float, bool]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, str(folder)], capture_output=True, text=True, timeout=600, env=env
    )
    kib, seconds, ok = done.stdout.split()
    return int(kib), float(seconds), ok == "True"


def hostile(base: Path, sample: Path) -> None:
    from sessions.recording import verify

    normal_kib, normal_s, _ok = peak(sample)
    huge = base / "huge"
    shutil.copytree(sample, huge)
    with (huge / "events.jsonl").open("r+b") as fh:
        fh.truncate(8 << 30)
    huge_kib, huge_s, ok = peak(huge)
    assert not ok
    print(
        f"8 GiB events.jsonl, no line feed: refused in {huge_s:.3f} s; peak memory {huge_kib / 1024:.0f} MiB "
        f"vs {normal_kib / 1024:.0f} MiB for a normal record (ratio {huge_kib / normal_kib:.2f}; "
        f"normal record verified in {normal_s:.3f} s)"
    )
    deep = base / "deep"
    shutil.copytree(sample, deep)
    (deep / "session.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    began = time.perf_counter()
    report = verify(deep)
    millis = (time.perf_counter() - began) * 1000
    print(f"100,000 levels of JSON: refused in {millis:.1f} ms: {report.summary()}")
    pipe = base / "pipe"
    shutil.copytree(sample, pipe)
    (pipe / "events.jsonl").unlink()
    os.mkfifo(pipe / "events.jsonl")
    began = time.perf_counter()
    report = verify(pipe)
    millis = (time.perf_counter() - began) * 1000
    print(f"events.jsonl as a FIFO: refused in {millis:.1f} ms: {report.summary()}")


SESSIONS = count(1, 1_000_000, unit="sessions")
SIZE_MB = megabytes(0.01, 65_536)
SEED = count(0, 4_294_967_295, unit="seed values")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sessions", type=SESSIONS, default=2000, help=f"records made ({SESSIONS.range_text}; default 2000)"
    )
    parser.add_argument(
        "--size-mb",
        type=SIZE_MB,
        default=200.0,
        help=f"terminal text in all ({SIZE_MB.range_text} MB; default 200)",
    )
    parser.add_argument("--seed", type=SEED, default=7, help=f"random seed ({SEED.range_text}; default 7)")
    return parser


def main() -> int:
    args = build_parser().parse_args()
    base = Path(tempfile.mkdtemp(prefix="vz-records-bench-"))
    archive, db = base / "archive", base / "index.sqlite3"
    rng = random.Random(args.seed)
    pool = line_pool(rng)
    try:
        per_session = int(args.size_mb * 1e6 / args.sessions)
        folders = [write_session(archive, rng, pool, n, per_session) for n in range(args.sessions)]
        print(f"{args.sessions} sessions, {args.size_mb:.0f} MB of terminal text")
        trusting, verified = [], []
        for _ in range(3):  # alternate, medians: the machine is shared
            trusting.append(index_seconds(archive, db, verified=False))
            verified.append(index_seconds(archive, db, verified=True))
        t, v = sorted(trusting)[1], sorted(verified)[1]
        print(f"index, trusting session.json: {t:.2f} s; verifying each first: {v:.2f} s (ratio {v / t:.2f})")
        seconds, reference, size = verify_vs_sha256sum(archive)
        print(
            f"verify all: {size / 1e6 / seconds:.0f} MB/s; sha256sum of the same files: "
            f"{size / 1e6 / reference:.0f} MB/s (ratio {reference / seconds:.2f} of sha256sum's speed)"
        )
        hostile(base, folders[0])
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
