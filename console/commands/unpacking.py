"""`--max-unpacked-mb`: how large a received bundle may unpack to, for the commands that open one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from console.commands.argtypes import count

if TYPE_CHECKING:
    from sessions.escalation import Manifest

DEFAULT_MB = 1024  # as HQ's receiver (sessions/escalation/unpack.py)
UNPACKED_MB = count(1, 65_536, unit="MB")  # 64 GB: more is a typo, not a bundle


def add_unpack_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-unpacked-mb",
        "--max-unpacked",
        dest="max_unpacked_mb",
        type=UNPACKED_MB,
        default=DEFAULT_MB,
        metavar="MB",
        help=f"largest size a received bundle may unpack to ({UNPACKED_MB.range_text}; default {DEFAULT_MB}, "
        "as HQ's receiver)",
    )


def verify_received(path: Path, args: argparse.Namespace, *, extract_to: Path | None = None) -> Manifest:
    """Check (and extract) the bundle at *path* within `--max-unpacked-mb`; over it, say how to raise it."""
    from sessions.escalation import verify_bundle
    from sessions.escalation.unpack import TooLargeError, UnpackLimits

    limits = UnpackLimits(max_bytes=args.max_unpacked_mb << 20)
    try:
        return verify_bundle(path, extract_to=extract_to, limits=limits)
    except TooLargeError as exc:
        if f"{limits.max_members:,} files" in exc.message:  # too many files: no option raises that
            raise
        raise TooLargeError(
            exc.message,
            f"If you trust its sender, open it with a higher limit (now {args.max_unpacked_mb} MB), e.g. "
            f"--max-unpacked-mb {args.max_unpacked_mb * 4}; otherwise do not open it, and ask for a "
            "smaller bundle (lower log caps).",
        ) from exc
