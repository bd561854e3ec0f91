"""Real programs in a 120x40 pty: every byte they write while they are sent keys (vim: tests,
bench/data/real_vim.bin; less, top and vim otherwise: tests/terminal/test_rowwrites.py).

vim runs with no vimrc (``-u NONE``), syntax colours and line numbers, ``TERM=xterm-256color``, read-only
on a Python source file of this repository. After a second for its first screen, each key is sent 20 ms
after the one before; then ``:q!`` and what vim writes as it goes. Everything the pty gives back is kept,
byte for byte.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import termios
import time
from collections.abc import Iterable
from pathlib import Path

COLS, ROWS = 120, 40
#: The file vim shows: the terminal stream's own source (long, with every kind of syntax colour).
SOURCE = Path(__file__).resolve().parents[2] / "sessions" / "terminal" / "stream.py"
OPTIONS = ("-u", "NONE", "-i", "NONE", "-N", "-n", "-R", "-c", "syntax on", "-c", "set nu")


def capture_vim(keys: Iterable[bytes], home: Path, source: Path = SOURCE) -> bytes:
    """Run vim on *source* (``HOME`` = *home*), send each of *keys*, return every byte it wrote."""
    return capture(["vim", *OPTIONS, str(source)], [*keys, b":q!\r"], home)


def capture(argv: list[str], keys: Iterable[bytes], home: Path) -> bytes:
    """Run *argv* in a 120x40 pty (``HOME`` = *home*), send each of *keys* 20 ms apart after a second for
    its first screen, return every byte it wrote (until 0.3 s after the last key)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "LC_ALL": "C.UTF-8", "HOME": str(home)}
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    out = bytearray()

    def read_for(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if select.select([master], [], [], 0.01)[0]:
                try:
                    out.extend(os.read(master, 65536))
                except OSError:  # the program has gone
                    return

    try:
        read_for(1.0)
        for key in keys:
            os.write(master, key)
            read_for(0.02)
        read_for(0.3)
    finally:
        process.kill()
        process.wait(timeout=10)
        os.close(master)
    return bytes(out)
