"""The terminal agent's countdown: the code's time left, one line rewritten each second on a terminal.

On a TTY the countdown is the line just above the cursor, rewritten in place every second (save the
cursor, up one line, erase it, write, restore the cursor: sequences written by us, never text from
elsewhere), so what the customer is typing on the cursor's line (`/end`) stays as it is. Any other line
printed meanwhile takes the countdown's place and the countdown is drawn again under it. Without a TTY
(a log, a pipe, a service) a new line once a minute instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from typing import TextIO

from sessions.agent.catalogue import Catalogue

ERASE_LINE = "\r\x1b[K"
UP = "\x1b[1A"
SAVE, RESTORE = "\x1b7", "\x1b8"  # DECSC / DECRC: the cursor and the customer's typing stay put


class TerminalCountdown:
    """Shows ``deadline - now`` while running; `clear()`/`redraw()` bracket every other printed line."""

    def __init__(self, out: TextIO, texts: Catalogue, *, tty: bool | None = None) -> None:
        self.out = out
        self.texts = texts
        self.tty = _is_tty(out) if tty is None else tty
        self.deadline: float | None = None
        self._task: asyncio.Task[None] | None = None
        self._drawn = False
        self._minutes_said: int | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self, deadline: float) -> None:
        """Count down to *deadline* (time.monotonic()); the minute already announced is not repeated."""
        self.stop()
        self.deadline = deadline
        self._minutes_said = math.ceil(max(0.0, deadline - time.monotonic()) / 60)
        self._task = asyncio.get_running_loop().create_task(self._run())

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.clear()

    def clear(self) -> None:
        """Go up to the countdown's line and erase it: the next line printed takes its place."""
        if self._drawn:
            self.out.write(UP + ERASE_LINE)
            self.out.flush()
            self._drawn = False

    def redraw(self) -> None:
        """Draw the countdown as a line of its own (on a TTY, while running); the cursor goes under it."""
        if self.tty and self.running and self.deadline is not None and not self._drawn:
            self.out.write(self._text() + "\r\n")
            self.out.flush()
            self._drawn = True

    def _tick(self) -> None:
        """Rewrite the countdown's line above the cursor, leaving the cursor (and any typing) where it is."""
        if not self._drawn:
            self.redraw()
            return
        self.out.write(SAVE + UP + ERASE_LINE + self._text() + RESTORE)
        self.out.flush()

    def _text(self) -> str:
        assert self.deadline is not None
        return self.texts.time_left(self.deadline - time.monotonic())

    async def _run(self) -> None:
        assert self.deadline is not None
        while (left := self.deadline - time.monotonic()) > 0:
            if self.tty:
                self._tick()
            else:
                minutes = math.ceil(left / 60)
                if minutes != self._minutes_said:
                    self._minutes_said = minutes
                    print(self.texts.text("countdown.minutes", n=minutes), file=self.out, flush=True)
            await asyncio.sleep(left % 1 or 1.0)  # wake on the second boundary
        self.clear()


def _is_tty(out: TextIO) -> bool:
    with contextlib.suppress(AttributeError, ValueError, OSError):
        return out.isatty()
    return False
