"""The terminal agent's `--mirror`: a technician's terminal turned into finished lines of plain text.

The device's output is never written to the customer's terminal as it is: it would act on it (move the
cursor over the agent's own lines, set the title, write the clipboard with OSC 52 …). It goes through
our emulator (sessions.terminal), and a row is printed once the cursor leaves it downwards, as the
text the technician's terminal shows there, every remaining control made visible. A full-screen program
(the alternate screen: top, vi) is announced, and mirrored the same way: a row is printed when a line
feed leaves it, unless that row showed the same text the last time it was printed, so a redraw of the
same screen prints nothing and a shell run on the alternate screen (`tput smcup`, to hide from this
view) is mirrored line by line like any other.

A row is taken when a line feed leaves it, so a line that is erased after it was finished stays
printed; a row the cursor comes back to (a `clear`, a redraw) is printed again when it is left again.
"""

from __future__ import annotations

from sessions.terminal import TerminalScreen, TerminalStream
from sessions.visible import visible

HISTORY = 5000  # rows kept: more than any one read of the terminal (64 KiB) can scroll


class LineMirror:
    """Feed it the terminal's bytes; it returns the rows that were finished, as plain text."""

    def __init__(self, cols: int = 80, rows: int = 24) -> None:
        self.screen = TerminalScreen(cols, rows, scrollback=HISTORY)
        self.stream = TerminalStream(self.screen)
        self.done = 0  # global row number: rows above it were printed
        self.fullscreen = False  # a full-screen program is on (the alternate screen)
        self.fullscreen_started = 0  # how many times one started: the caller says so once each time
        self.alternate_rows: dict[int, str] = {}  # alternate screen: the text last printed for each row

    def resize(self, cols: int, rows: int) -> None:
        self.screen.resize(rows, cols)
        self.done = min(self.done, self._cursor_row())

    def feed(self, data: bytes) -> list[str]:
        """Rows finished by *data* (each one line of text), or a None-free empty list."""
        finished: list[str] = []
        start = 0
        while start < len(data):  # a row at a time: a later erase in the same read cannot hide it
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end + 1
            if data[end - 1 : end] == b"\n":  # up to the line feed: on the alternate screen (even one
                self.stream.feed(data[start : end - 1])  # switched to in this read) the row it leaves
                finished += self._leave_alternate_row()
                self.stream.feed(b"\n")
            else:
                self.stream.feed(data[start:end])
            finished += self._take()
            start = end
        return finished

    def _leave_alternate_row(self) -> list[str]:
        """On the alternate screen, the row a line feed is about to leave, unless printed so already."""
        if not self.screen.alternate:
            return []
        self._take()  # notes the switch to the alternate screen, if this read made it
        row = self.screen.cursor_y
        text = visible(self.screen.buffer[row].text.rstrip())
        if not text or self.alternate_rows.get(row) == text:
            return []
        self.alternate_rows[row] = text
        return [text]

    def finish(self) -> list[str]:
        """The rows not yet printed when the terminal closes, trailing blank rows left out."""
        if self.screen.alternate:
            return []
        last = self._cursor_row() + 1
        rows = [self._text(row) for row in range(max(self.done, self._oldest()), last)]
        while rows and not rows[-1]:
            rows.pop()
        self.done = last
        return rows

    def _take(self) -> list[str]:
        changed = self.screen.take_dirty()
        if self.screen.alternate:
            if not self.fullscreen:
                self.fullscreen = True
                self.fullscreen_started += 1
                self.alternate_rows.clear()
            return []
        top = self.screen.history.added
        if self.fullscreen:  # back from a full-screen program: the main screen as it was
            self.fullscreen = False
            self.done = max(self.done, self._cursor_row())
        elif changed:  # a row printed before was written again (a clear, a redraw): it counts again
            self.done = min(self.done, top + min(changed))
        cursor = self._cursor_row()
        if cursor < self.done:
            self.done = cursor
            return []
        rows = [self._text(row) for row in range(max(self.done, self._oldest()), cursor)]
        self.done = cursor
        return rows

    def _cursor_row(self) -> int:
        return self.screen.history.added + self.screen.cursor_y

    def _oldest(self) -> int:
        return self.screen.history.added - len(self.screen.history)

    def _text(self, row: int) -> str:
        history = self.screen.history
        if row >= history.added:
            line = self.screen.buffer[row - history.added]
        else:
            line = history[row - self._oldest()]
        return visible(line.text.rstrip())
