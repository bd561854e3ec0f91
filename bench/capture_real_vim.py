"""Captures what real vim sends to a 120x40 terminal into bench/data/real_vim.bin (the "real vim" stream).

Run: ``python bench/capture_real_vim.py`` (needs vim; the bench itself does not). vim 9 as
tests/terminal/realvim.py runs it (no vimrc, syntax colours and line numbers, ``TERM=xterm-256color``, a
120x40 pty) on a Python source file of this repository: it pages down and up (Ctrl-F, Ctrl-B), scrolls
half pages (Ctrl-D, Ctrl-U) and single lines (j, k, Ctrl-E, Ctrl-Y), searches (``/self`` then n), splits
the window and scrolls the lower one, jumps to the end and back (G, gg), then quits. Keys are sent 20 ms
apart and everything the pty gives back is kept, byte for byte.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.terminal.realvim import capture_vim

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "data" / "real_vim.bin"

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


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="vz-vim-") as home:
        data = capture_vim(KEYS, Path(home))
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_bytes(data)
    print(f"{OUT.relative_to(ROOT)}: {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
