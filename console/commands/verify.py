"""`valuezone verify RECORD_DIR`: check a session record and name the first bad line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="check a session record (cast, hash-chained events, session.json, seal signature)",
        description="Check a record folder. Exits 0 when intact, 1 naming the first bad file and line.",
    )
    parser.add_argument("record_dir", metavar="RECORD_DIR", type=Path, help="the folder of one session")
    add_options(parser)
    parser.set_defaults(func=run)


def add_options(parser: argparse.ArgumentParser) -> None:
    """--index, --signers and --seal-message (shared with `review verify`)."""
    parser.add_argument(
        "--index",
        metavar="INDEX",
        type=Path,
        help="compare with the anchor this archive index kept when it first indexed the record",
    )
    parser.add_argument(
        "--signers",
        metavar="FILE",
        type=Path,
        help="technician keys (authorized_keys format, e.g. the relay's technicians file): a sealed "
        "record must be signed by one of them",
    )
    parser.add_argument(
        "--seal-message",
        action="store_true",
        help="print the text seal.sig signs (for `ssh-keygen -Y verify -n valuezone-record`) and exit",
    )


def run(args: argparse.Namespace) -> int:
    """Print the report; errors go to stderr as ``<file>:<line>: <what is wrong>``."""
    return print_report(args.record_dir, index=args.index, signers=args.signers, message=args.seal_message)


def print_report(
    record_dir: Path, *, index: Path | None = None, signers: Path | None = None, message: bool = False
) -> int:
    """Verify *record_dir*, print the result, return the exit code (0 intact). Reused by `review verify`."""
    from sessions.errors import RecordError
    from sessions.recording.verify import verify

    try:
        anchored = _anchor(record_dir, index)
        known = _signers(signers)
    except RecordError as exc:
        print(f"valuezone: {exc}", file=sys.stderr)
        return 2
    report = verify(record_dir, anchored.anchor if anchored else None, known)
    if message:
        return _print_message(report)
    for line in report.lines():
        stream = sys.stdout if report.ok or line.startswith("note: ") else sys.stderr
        print(line, file=stream)
    if report.ok and index is not None:
        if anchored is None:
            print(f"note: {index} holds no anchor for this record (not indexed yet).")
        else:
            anchor = anchored.anchor
            print(f"note: holds the chain anchored when {anchor.source}: {anchor.count} events.")
    return 0 if report.ok else 1


def _anchor(record_dir: Path, index: Path | None) -> Any:
    if index is None:
        return None
    from sessions.archive.anchors import read_anchor
    from sessions.errors import RecordError

    if not index.is_file():
        hint = "Pass the archive index file, or leave --index out."
        raise RecordError(f"The index {index} does not exist.", hint)
    return read_anchor(index, record_dir)


def _signers(path: Path | None) -> dict[str, str] | None:
    if path is None:
        return None
    from sessions.errors import RecordError
    from sessions.recording.seal import key_fingerprints

    try:
        known = key_fingerprints(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordError(f"The signers file {path} cannot be read ({exc}).") from exc
    if not known:
        raise RecordError(f"The signers file {path} lists no public key.", "Use authorized_keys format.")
    return known


def _print_message(report: Any) -> int:
    from sessions.recording.seal import seal_message

    if not report.sealed_at:  # a chain that fails still has its message: ssh-keygen judges it on its own
        print(report.summary() if not report.ok else "The record has no sealed end.", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(seal_message(report.session_id, report.sealed_at, report.sealed_hash))
    return 0
