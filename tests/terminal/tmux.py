"""A live tmux as a second reference: bytes fed to a detached pane, its cells read back with capture-pane.

tmux runs with its own socket (``-S``, in the test's folder) and no configuration. Each screen is a new
session of the given size whose pane runs ``cat`` on the bytes with output post-processing off (so LF
stays LF), then sets the pane title to a marker: once tmux shows that title it has parsed everything
before it. capture-pane -e gives each row as text with SGR; those rows are drawn onto one of our own
screens to compare cells (text and SGR only, which the differential test against pyte covers). Blank
cells at the end of a row are not captured: cases that check their background end the row with a
character.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from sessions.terminal import TerminalScreen, TerminalStream

TMUX = shutil.which("tmux")
_counter = itertools.count()


@dataclass(frozen=True)
class Capture:
    """What tmux shows: the rows as cells on one of our screens, and the cursor (x may equal cols: wrap)."""

    screen: TerminalScreen
    cursor: tuple[int, int]


class Tmux:
    """One tmux server for a test session; ``run`` feeds bytes to a fresh pane and captures it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.socket = str(folder / "tmux.sock")  # in the test's folder: nothing left in /tmp/tmux-<uid>
        self.env = {**os.environ, "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"}
        self.env.pop("TMUX", None)
        self._tmux("-f", "/dev/null", "new-session", "-d", "-s", "idle", "sleep 3600")

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            [TMUX or "tmux", "-S", self.socket, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=20,
        )
        if done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def run(self, data: bytes, cols: int, rows: int) -> Capture:
        n = next(_counter)
        path = self.folder / f"case{n}.bin"
        marker = f"vz-done-{n}"
        path.write_bytes(data + f"\x1b]2;{marker}\x07".encode())
        name = f"case{n}"
        command = f"stty -opost; cat {path}; sleep 3600"
        self._tmux("new-session", "-d", "-s", name, "-x", str(cols), "-y", str(rows), command)
        try:
            deadline = time.monotonic() + 10
            while self._tmux("display", "-p", "-t", name, "#{pane_title}").strip() != marker:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"tmux did not finish drawing case {n}")
                time.sleep(0.02)
            lines = self._tmux("capture-pane", "-p", "-e", "-N", "-t", name).split("\n")[:rows]
            x, y = self._tmux("display", "-p", "-t", name, "#{cursor_x},#{cursor_y}").strip().split(",")
        finally:
            self._tmux("kill-session", "-t", name)
        screen = TerminalScreen(cols, rows)
        stream = TerminalStream(screen)
        for row, line in enumerate(lines):  # capture-pane -e carries the SGR state from row to row
            stream.feed_text(f"\x1b[{row + 1};1H{line}")
        return Capture(screen, (int(x), int(y)))

    def close(self) -> None:
        subprocess.run([TMUX or "tmux", "-S", self.socket, "kill-server"], env=self.env, capture_output=True)
