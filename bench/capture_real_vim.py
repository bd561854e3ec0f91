"""Captures what real vim sends to a 120x40 terminal into bench/data/real_vim.bin (the "real vim" stream).

Run: ``python bench/capture_real_vim.py`` (needs vim; the bench itself does not). vim 9 with no vimrc
(``-u NONE``), syntax colours and line numbers, ``TERM=xterm-256color``, in a 120x40 pty, on a Python
source file of this repository: it pages down and up (Ctrl-F, Ctrl-B), scrolls half pages (Ctrl-D, Ctrl-U)
and single lines (j, k, Ctrl-E, Ctrl-Y), searches (``/self`` then n), splits the window and scrolls the
lower one, jumps to the end and back (G, gg), then quits. Keys are sent 20 ms apart and everything the pty
gives back is kept, byte for byte.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "data" / "real_vim.bin"
SOURCE = ROOT / "sessions" / "terminal" / "stream.py"

KEYS = (
    [b"\x06"] * 8  # Ctrl-F: page down
    + [b"\x02"] * 4  # Ctrl-B: page up
    + [b"\x04"] * 10  # Ctrl-D: half page down
    + [b"\x15"] * 4  # Ctrl-U
    + [b"j"] * 60
    + [b"\x05"] * 20  # Ctrl-E: scroll a line
    + [b"k"] * 50
    + [b"\x19"] * 10  # Ctrl-Y
    + [b"/self\r"]
    + [b"n"] * 25
    + [b"gg", b":split\r"]
    + [b"\x06"] * 4
    + [b"j"] * 30
    + [b"\x04"] * 6
    + [b"\x17w"]
    + [b"\x06"] * 4
    + [b"j"] * 20
    + [b":only\r", b"G", b"gg"]
    + [b"\x06"] * 8
)


def capture(source: Path = SOURCE) -> bytes:
    """Run vim on *source* in a 120x40 pty, send KEYS, return every byte it wrote."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    home = tempfile.mkdtemp(prefix="vz-vim-")
    env = {**os.environ, "TERM": "xterm-256color", "LC_ALL": "C.UTF-8", "HOME": home}
    options = ["-u", "NONE", "-i", "NONE", "-N", "-n", "-R", "-c", "syntax on", "-c", "set nu"]
    process = subprocess.Popen(
        ["vim", *options, str(source)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    out = bytearray()

    def read_for(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if select.select([master], [], [], 0.01)[0]:
                try:
                    out.extend(os.read(master, 65536))
                except OSError:  # vim has gone
                    return

    try:
        read_for(1.0)
        for key in KEYS:
            os.write(master, key)
            read_for(0.02)
        os.write(master, b":q!\r")
        read_for(0.3)
    finally:
        process.kill()
        process.wait(timeout=10)
        os.close(master)
    return bytes(out)


def main() -> int:
    data = capture()
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_bytes(data)
    print(f"{OUT.relative_to(ROOT)}: {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
