"""Archive index bench: generate N sessions (~SIZE of terminal text), index them, time queries vs ripgrep.

    python -m bench.review                       # 10,000 sessions, ~1 GB (the default)
    python -m bench.review --sessions 2000 --size-mb 200 --keep /tmp/vz-bench

Records are generated deterministically (seeded) in the record format, straight to disk. The reference is
a ripgrep scan (`rg -F -l`) of the same archive in the same run, warm cache, the median of a few scans.
Target: p95 query time <= 1/50 of the ripgrep scan.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from console.commands.argtypes import count, megabytes
from sessions.archive import ArchiveIndex, search
from sessions.recording import DeviceInfo, canonical, genesis, line_hash, record_folder
from sessions.recording.chain import event_line, ts_at
from sessions.recording.meta import new_meta, write_meta

_WORD_TEXT = (
    "mdadm smartctl dmesg btrfs scrub volume raid1 raid5 degraded rebuild sector reallocated pending "
    "temperature fan eth0 link down up timeout nfs smb share quota snapshot replication backup cron "
    "kernel ata exception error warning info firmware update reboot uptime load memory swap inode disk "
    "partition mount umount fsck journal checksum latency throughput packet dropped retry sata usb"
)
_KOREAN_TEXT = "디스크 백업 오류 네트워크 연결 속도 느려요 고장 소리 전원 재부팅 업데이트 확인 감사합니다"
WORDS = _WORD_TEXT.split()
KOREAN = _KOREAN_TEXT.split()
COMMANDS = (
    "cat /proc/mdstat", "dmesg | tail", "smartctl -a /dev/sda", "df -h", "btrfs scrub status /volume1",
    "ip addr", "uptime", "free -m", "mdadm --detail /dev/md0", "journalctl -xe",
)  # fmt: skip
PLATFORMS = ("DSM 7.2", "DSM 7.1", "QTS 5.1", "Debian 12")
TECHS = ("kim", "lee", "park", "choi", "jung")


def line_pool(rng: random.Random, size: int = 4000) -> list[str]:
    """Lines that look like device output: words, numbers, some colour codes."""
    pool = []
    for _ in range(size):
        words = rng.choices(WORDS, k=rng.randint(4, 12))
        text = " ".join(words) + f" {rng.randint(0, 99999)}"
        if rng.random() < 0.15:
            text = f"\x1b[1;31m{text}\x1b[0m"
        pool.append(text + "\r\n")
    return pool


def write_session(archive: Path, rng: random.Random, pool: list[str], number: int, chars: int) -> Path:
    """One finished record of about *chars* characters of terminal output."""
    started = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=37 * number)
    device = DeviceInfo(
        name=f"nas-{number % 700}", host=f"10.0.{number % 250}.{number % 200 + 1}", user="admin"
    )
    session_id = hashlib.sha256(f"bench-{number}".encode()).hexdigest()[:32]
    folder = record_folder(archive, started, device, session_id)
    folder.mkdir(parents=True)
    serial = f"SN{number:06d}X"
    header = {"version": 2, "width": 120, "height": 40, "timestamp": int(started.timestamp()),
              "env": {"TERM": "xterm-256color"}, "title": device.name}  # fmt: skip
    parts = [canonical(header) + b"\n"]
    t, size = 0.0, 0
    while size < chars:
        chunk = "".join(rng.choices(pool, k=rng.randint(5, 30)))
        if rng.random() < 0.05:
            chunk = f"admin@{device.name}:~$ {rng.choice(COMMANDS)} # disk {serial}\r\n" + chunk
        t += rng.random() * 3
        parts.append(canonical([round(t, 6), "o", chunk]) + b"\n")
        size += len(chunk)
    cast = b"".join(parts)
    (folder / "terminal.cast").write_bytes(cast)
    korean = " ".join(rng.choices(KOREAN, k=4))
    events: list[tuple[float, str, dict[str, Any]]] = [
        (0.0, "session.started", {"session_id": session_id, "technician": TECHS[number % 5]}),
        (2.0, "chat.message", {"id": "1", "from": "customer", "lang": "ko", "text": korean,
                               "translation": {"lang": "en", "text": "backup problem", "provider": "b"}}),
        (9.0, "chat.message", {"id": "2", "from": "technician", "lang": "en", "text": f"checking {serial}"}),
        (t / 2, "diagnostics.finding", {"check": "md", "target": "md0", "status": rng.choice(("ok", "warn")),
                                        "summary": "md degraded", "evidence": []}),
        (t, "outcome", {"outcome": rng.choice(("resolved", "not_resolved")), "summary": serial}),
        (t, "session.ended", {"outcome": None, "duration": t,
                              "cast": {"bytes": len(cast), "sha256": hashlib.sha256(cast).hexdigest()}}),
    ]  # fmt: skip
    lines, prev = [], genesis(session_id)
    for seq, (at, kind, data) in enumerate(events, 1):
        line = event_line(seq, ts_at(started, at), at, kind, data, prev)
        lines.append(line)
        prev = line_hash(line)
    (folder / "events.jsonl").write_bytes(b"".join(lines))
    meta = new_meta(session_id=session_id, technician=TECHS[number % 5], device=device, via="direct",
                    started=ts_at(started, 0), title=device.name, cols=120, rows=40,
                    genesis_hash=genesis(session_id))  # fmt: skip
    meta.update(ended=ts_at(started, t), duration=t, platform=rng.choice(PLATFORMS),
                events={"count": len(lines), "last_hash": prev})  # fmt: skip
    write_meta(folder, meta)
    return folder


def queries(rng: random.Random, sessions: int) -> list[str]:
    """What a lead types: a serial number, a command, Korean words, error words, a phrase."""
    found = [f"SN{rng.randrange(sessions):06d}X" for _ in range(15)]
    found += ["mdadm --detail", "btrfs scrub status", "smartctl", "journalctl"]
    found += ["디스크", "재부팅", "느려요 소리"]
    found += ["reallocated sector", "link down timeout", '"checksum latency"', "firmware reboot error"]
    return found


def ripgrep_seconds(archive: Path, needle: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(
            ["rg", "-F", "-l", "--no-messages", needle, str(archive)], capture_output=True, check=False
        )
        times.append(time.perf_counter() - began)
    return statistics.median(times)


SESSIONS = count(1, 10_000_000, unit="sessions")
SIZE_MB = megabytes(0.01, 1_048_576)
SEED = count(0, 4_294_967_295, unit="seed values")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sessions",
        type=SESSIONS,
        default=10_000,
        help=f"records made ({SESSIONS.range_text}; default 10000)",
    )
    parser.add_argument(
        "--size-mb",
        type=SIZE_MB,
        default=1024.0,
        help=f"total terminal text ({SIZE_MB.range_text} MB; default 1024)",
    )
    parser.add_argument(
        "--keep", type=Path, help="generate into (and keep) this folder instead of a temp one"
    )
    parser.add_argument("--seed", type=SEED, default=7, help=f"random seed ({SEED.range_text}; default 7)")
    return parser


def main() -> int:
    args = build_parser().parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="vz-review-bench-"))
    archive, db = base / "archive", base / "index.sqlite3"
    rng = random.Random(args.seed)
    pool = line_pool(rng)
    per_session = int(args.size_mb * 1e6 / args.sessions)
    try:
        if not archive.exists():
            began = time.perf_counter()
            for number in range(args.sessions):
                write_session(archive, rng, pool, number, per_session)
            print(f"generated {args.sessions} sessions in {time.perf_counter() - began:.1f} s")
        on_disk = sum(p.stat().st_size for p in archive.rglob("terminal.cast"))
        print(f"terminal.cast total: {on_disk / 1e6:.0f} MB")
        with ArchiveIndex(archive, db) as index:
            stats = index.update()
            print(f"index: {stats.added} added in {stats.seconds:.1f} s "
                  f"({on_disk / 1e6 / max(stats.seconds, 1e-9):.1f} MB/s)")  # fmt: skip
            began = time.perf_counter()
            index.optimize()
            print(
                f"optimize: {time.perf_counter() - began:.1f} s; index file {db.stat().st_size / 1e6:.0f} MB"
            )
            again = index.update()
            print(f"incremental update with nothing new: {again.seconds:.2f} s")
            asked = queries(random.Random(args.seed + 1), args.sessions)
            timings = []
            for query in asked:
                search(index, query, limit=50)  # warm
                began = time.perf_counter()
                for _ in range(5):
                    hits = search(index, query, limit=50)
                timings.append(((time.perf_counter() - began) / 5, query, len(hits)))
        timings.sort()
        values = [t for t, _q, _n in timings]
        p50, p95 = statistics.median(values), values[min(len(values) - 1, int(0.95 * len(values)))]
        for seconds, query, count in timings[-5:]:
            print(f"  slowest: {seconds * 1000:7.2f} ms  {count:3d} hits  {query}")
        ripgrep_seconds(archive, "SN000001X", runs=1)  # warm the page cache
        rg = statistics.median(
            ripgrep_seconds(archive, needle) for needle in ("SN000042X", "mdadm --detail", "재부팅")
        )
        print(f"queries: {len(values)}, p50 {p50 * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms")
        print(f"ripgrep scan of the same archive: {rg * 1000:.0f} ms (median)")
        print(
            f"p95 / ripgrep = 1/{rg / p95:.0f}  (target: 1/50 or better) -> "
            f"{'OK' if p95 * 50 <= rg else 'MISSED'}"
        )
        return 0 if p95 * 50 <= rg else 1
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
