"""Bench: what counting a claim deployment-wide costs (issue 16), next to the lookup every claim made already.

    PYTHONPATH=. python3 bench/cluster_claims.py [--claims 500] [--db sqlite|postgresql] [--threads 3]

A claim on a relay of a cluster already asked the database who holds its code (`Registry.holder`, one
read transaction). Counting the technician key's claim in the database adds a write transaction when the
claim starts (`take_claim`: check and count, an advisory lock on PostgreSQL) and one in the background
when it is handed back (`refund_claim`). Printed: the time per claim of each, and the ratio to the lookup
measured in the same run, with --threads relays' worker threads claiming at once (distinct keys).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from console.commands.argtypes import count
from sessions import codes
from sessions.cluster.registry import Registry
from sessions.team.migrations import open_database


def _timed(threads: int, count: int, step: Callable[[int, int], None]) -> list[float]:
    """Per-call seconds of *step(thread, i)* run *count* times in each of *threads* threads at once."""
    times: list[float] = []
    lock = threading.Lock()

    def work(thread: int) -> None:
        mine = []
        for i in range(count):
            start = time.perf_counter()
            step(thread, i)
            mine.append(time.perf_counter() - start)
        with lock:
            times.extend(mine)

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return times


CLAIMS = count(1, 1_000_000, unit="claims")
THREADS = count(1, 256, unit="threads")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--claims", type=CLAIMS, default=500, help=f"claims per part ({CLAIMS.range_text}; default 500)"
    )
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument(
        "--threads",
        type=THREADS,
        default=3,
        help=f"threads claiming at once ({THREADS.range_text}; default 3)",
    )
    return parser


def main() -> None:
    args = build_parser().parse_args()
    with contextlib.ExitStack() as stack:
        base = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        url = f"sqlite:///{base / 'bench.sqlite3'}"
        if args.db == "postgresql":
            from tests.team.pgcluster import running_cluster

            url = stack.enter_context(running_cluster()).database("claims")
        database = open_database(url, base)
        stack.callback(database.close)
        registry = Registry(database, "bench", lease=60, grace=60)
        registry.join("127.0.0.1:1", "SHA256:bench")
        held = [codes.new_code() for _ in range(20)]
        for code in held:
            registry.take_code(code, "token", time.time())

        lookup = _timed(args.threads, args.claims, lambda t, i: registry.holder(held[i % len(held)]))

        taken: list[float] = []
        refunded: list[float] = []

        def split(thread: int, i: int) -> None:
            start = time.perf_counter()
            row = registry.take_claim(f"key:bench-{thread}", 1_000_000, 600)
            taken.append(time.perf_counter() - start)
            assert row is not None
            start = time.perf_counter()
            registry.refund_claim(row)
            refunded.append(time.perf_counter() - start)

        _timed(args.threads, args.claims, split)
        reference = statistics.median(lookup)
        print(f"{args.db}, {args.threads} threads × {args.claims} claims")
        for name, values in (
            ("holder lookup (before)", lookup),
            ("take_claim", taken),
            ("refund_claim", refunded),
        ):
            p50, p95 = statistics.median(values), statistics.quantiles(values, n=20)[18]
            ratio = p50 / reference
            print(f"  {name:24} p50 {p50 * 1000:6.2f} ms  p95 {p95 * 1000:6.2f} ms  ({ratio:.2f}× lookup)")


if __name__ == "__main__":
    main()
