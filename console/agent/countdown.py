"""The terminal agent's countdown: the code's time left, one line rewritten each second on a terminal.

On a TTY the last line is the countdown, rewritten in place every second (``\\r`` and erase-line,
written by us, never text from elsewhere); any other line printed meanwhile clears it first and draws
it again after. Without a TTY (a log, a pipe, a service) a new line once a minute instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from typing import TextIO

from sessions.agent.catalogue import Catalogue

ERASE_LINE = "\r\x1b[K"


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
        """Erase the countdown line (before another line is printed)."""
        if self._drawn:
            self.out.write(ERASE_LINE)
            self.out.flush()
            self._drawn = False

    def redraw(self) -> None:
        """Draw the countdown again under the line just printed (on a TTY, while running)."""
        if self.tty and self.running and self.deadline is not None:
            self.out.write(ERASE_LINE + self.texts.time_left(self.deadline - time.monotonic()))
            self.out.flush()
            self._drawn = True

    async def _run(self) -> None:
        assert self.deadline is not None
        while (left := self.deadline - time.monotonic()) > 0:
            if self.tty:
                self.redraw()
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
