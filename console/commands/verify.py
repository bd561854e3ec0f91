"""`valuezone verify RECORD_DIR`: check a session record and name the first bad line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="check a session record (cast, hash-chained events, session.json)",
        description="Check a record folder. Exits 0 when intact, 1 naming the first bad file and line.",
    )
    parser.add_argument("record_dir", metavar="RECORD_DIR", type=Path, help="the folder of one session")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the report; errors go to stderr as ``<file>:<line>: <what is wrong>``."""
    return print_report(args.record_dir)


def print_report(record_dir: Path) -> int:
    """Verify *record_dir*, print the result, return the exit code (0 intact). Reused by `review verify`."""
    from sessions.recording.verify import verify

    report = verify(record_dir)
    for line in report.lines():
        stream = sys.stdout if report.ok or line.startswith("note: ") else sys.stderr
        print(line, file=stream)
    return 0 if report.ok else 1
