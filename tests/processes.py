"""Processes on this machine, as the tests look for them."""

from __future__ import annotations

import contextlib
from pathlib import Path


def running(argv: list[str]) -> bool:
    """Whether a process with exactly this command line runs now (read from /proc)."""
    want = ("\0".join(argv) + "\0").encode()
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if entry.name.isdigit() and (entry / "cmdline").read_bytes() == want:
                return True
    return False
