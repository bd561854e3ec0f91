"""What the technician sends to a command run without a terminal, shown to the customer line by line.

`ssh … sh` runs a shell whose commands arrive on its standard input, not in the exec request, so the
feed's "Technician ran: sh" alone would hide everything after it. Every line sent is shown as the
activity line "Technician typed into sh: …" (controls made visible). Bounded, so a file
piped in (`cat > file`) or a flood cannot bury the feed or the agent's memory:

- a character repeated ``RUN`` times or more is shown once with its count (``⟨5,000 × ␠⟩``), so padding
  cannot push a command out of sight or make a line too long to show;
- of a line with more than ``HEAD_RUNS + TAIL_RUNS`` runs (not padding: varied text), its start and its
  end are shown and the bytes between are counted (``⟨12,345 bytes not shown⟩``); past ``READ_WHOLE``
  bytes a line is only counted;
- after ``SHOWN`` lines, or once ``BUDGET`` bytes were looked at character by character (about 0.3 s
  of the agent's loop a MiB: a file piped in must not hold up the customer's /end), one line says that
  the rest is counted, not shown, and when the input ends the count is given ("… 4,801 more lines
  (48,046 bytes) …"), so a real command after a flood of padding cannot pass unnoticed.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from sessions.visible import visible

ActivityFn = Callable[..., None]  # activity(key, **values): a line of the feed (sessions.agent.catalogue)

SHOWN = 200  # lines shown one by one per command
RUN = 8  # a character repeated this often or more is shown once with its count: ⟨5,000 × ␠⟩
HEAD_RUNS, TAIL_RUNS = 400, 200  # runs kept of a line's start and of its end
READ_WHOLE = 256 << 10  # bytes of one line looked at character by character; the rest only counted
BUDGET = 1 << 20  # bytes of one command's input looked at character by character; then lines are counted


class _Line:
    """One line as it arrives, kept as runs of one character (padding costs nothing, hides nothing)."""

    def __init__(self, limit: int = READ_WHOLE) -> None:
        self.limit = limit  # bytes looked at
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
        self.head: list[list[Any]] = []  # [character, count]
        self.tail: deque[list[Any]] = deque()
        self.size = 0  # bytes of the line
        self.read = 0  # bytes looked at
        self.dropped = 0  # bytes between head and tail that are not kept
        self.uncounted = 0  # bytes past READ_WHOLE: only counted

    def add(self, data: bytes) -> None:
        self.size += len(data)
        take = data[: max(0, self.limit - self.read)]
        self.read += len(take)
        self.uncounted += len(data) - len(take)
        for char in self.decoder.decode(take):
            self._char(char)

    def _char(self, char: str) -> None:
        runs = self.tail if len(self.head) >= HEAD_RUNS else self.head
        if runs and runs[-1][0] == char:
            runs[-1][1] += 1
            return
        runs.append([char, 1])
        if len(self.tail) > TAIL_RUNS:
            gone, count = self.tail.popleft()
            self.dropped += count * len(gone.encode("utf-8", "surrogateescape"))

    def text(self) -> str:
        """The line as shown: every character visible, runs counted, what was not kept said in bytes."""
        for char in self.decoder.decode(b"", final=True):
            self._char(char)
        shown = _runs(self.head)
        if self.dropped:
            shown += f" ⟨{self.dropped:,} bytes not shown⟩ "
        shown += _runs(self.tail)
        if self.uncounted:
            shown += f" ⟨{self.uncounted:,} more bytes not shown⟩"
        return shown


def shown(text: str) -> str:
    """*text* (a command, a path) as the feed shows it: controls visible, each run of one character
    repeated RUN times or more shown once with its count, so padding cannot push the rest out of sight."""
    runs: list[list[Any]] = []
    for char in text:
        if runs and runs[-1][0] == char:
            runs[-1][1] += 1
        else:
            runs.append([char, 1])
    return _runs(runs)


def _runs(runs: Iterable[list[Any]]) -> str:
    """Runs of RUN or more as ``⟨5,000 × ␠⟩`` (a blank character named, not shown blank); others as is."""
    parts = []
    for char, count in runs:
        if count < RUN:
            parts.append(visible(char) * count)
        elif char == " ":
            parts.append(f"⟨{count:,} × ␠⟩")
        elif unicodedata.category(char) == "Zs":
            parts.append(f"⟨{count:,} × U+{ord(char):04X}⟩")
        else:
            parts.append(f"⟨{count:,} × {visible(char)}⟩")
    return "".join(parts)


class InputFeed:
    """Splits the bytes sent to *command* into lines and reports them through *activity*."""

    def __init__(self, command: str, activity: ActivityFn) -> None:
        self.command = command
        self.activity = activity
        self.shown = 0
        self.more_lines = 0
        self.more_bytes = 0
        self.line: _Line | None = None  # the line arriving (None: counted only, or none yet)
        self.counted = 0  # bytes of the line arriving once SHOWN lines were shown
        self.inspected = 0  # bytes looked at character by character (BUDGET)
        self.counting = False  # SHOWN lines shown or BUDGET spent: lines are only counted
        self.ended = False

    def data(self, data: bytes) -> None:
        """Bytes the technician sent (before any goes to the command)."""
        start = 0
        while not self.ended:
            if self.counting:  # one pass in C, however many lines
                lines = data.count(b"\n", start)
                if lines:
                    last = data.rindex(b"\n")
                    self.more_lines += lines
                    self.more_bytes += self.counted + last + 1 - start
                    self.counted = 0
                    start = last + 1
                self.counted += len(data) - start
                return
            end = data.find(b"\n", start)
            if end < 0:
                self._add(data[start:])
                return
            self._add(data[start:end])
            self._line(with_feed=True)
            start = end + 1

    def end(self) -> None:
        """The input ended (EOF) or the channel closed: the last line and the count, once."""
        if self.ended:
            return
        if self.line is not None or self.counted:
            self._line(with_feed=False)
        self.ended = True
        if self.more_lines:
            self.activity(
                "input_more", command=self.command, lines=f"{self.more_lines:,}", bytes=f"{self.more_bytes:,}"
            )

    def _add(self, part: bytes) -> None:
        if self.line is None:
            self.line = _Line(min(READ_WHOLE, BUDGET - self.inspected))
        self.line.add(part)

    def _line(self, *, with_feed: bool) -> None:
        if self.counting:  # the last line, without a line feed, at the end
            self.more_lines += 1
            self.more_bytes += self.counted
        else:
            line = self.line or _Line(0)
            self.shown += 1
            self.inspected += line.read
            self.activity("typed_input", command=self.command, line=line.text())
            if self.shown >= SHOWN or self.inspected >= BUDGET:
                self.counting = True
                self.activity("input_counted", command=self.command, limit=str(self.shown))
        self.line = None
        self.counted = 0
