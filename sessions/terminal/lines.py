"""One row of cells, and the scrollback that keeps rows scrolled off the top of the screen."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator

from sessions.terminal.style import DEFAULT_STYLE, Style
from sessions.terminal.width import STUB

DEFAULT_SCROLLBACK = 10_000
MAX_SCROLLBACK = 1_000_000


class Line:
    """A row: one character string and one style per cell; ``wrapped`` when text ran on into the next row.

    A wide character occupies its cell and the next one, which holds ``STUB``. A cell may hold a base
    character followed by combining marks.
    """

    __slots__ = ("chars", "styles", "wrapped")

    def __init__(self, cols: int, style: Style = DEFAULT_STYLE) -> None:
        self.chars: list[str] = [" "] * cols
        self.styles: list[Style] = [style] * cols
        self.wrapped = False

    @property
    def text(self) -> str:
        """The row as text (wide characters once, trailing blanks kept)."""
        return "".join(self.chars).replace(STUB, "")

    def resize(self, cols: int) -> None:
        """Cut or pad the row to *cols* cells; a wide character cut in half becomes a blank."""
        have = len(self.chars)
        if cols < have:
            if cols and self.chars[cols] == STUB:
                self.chars[cols - 1] = " "
            del self.chars[cols:]
            del self.styles[cols:]
        elif cols > have:
            self.chars.extend([" "] * (cols - have))
            self.styles.extend([DEFAULT_STYLE] * (cols - have))

    def fix_wide_edges(self, start: int, end: int) -> None:
        """After cells [start, end) were overwritten, blank orphaned halves of wide characters."""
        chars = self.chars
        if 0 < start < len(chars) and chars[start] == STUB:
            chars[start - 1] = " "
        if end < len(chars) and chars[end] == STUB:
            chars[end] = " "


class Scrollback:
    """Rows that scrolled off the top, oldest first, at most ``limit`` of them."""

    __slots__ = ("_lines", "added")

    def __init__(self, limit: int = DEFAULT_SCROLLBACK) -> None:
        self._lines: deque[Line] = deque(maxlen=max(0, min(limit, MAX_SCROLLBACK)))
        #: Rows ever added (a view scrolled into history uses it to stay on the same text).
        self.added = 0

    @property
    def limit(self) -> int:
        return self._lines.maxlen or 0

    def append(self, line: Line) -> None:
        self._lines.append(line)
        self.added += 1

    def raw_append(self) -> Callable[[Line], None]:
        """The bare append of the underlying deque, for a hot loop that adds to ``added`` itself."""
        return self._lines.append

    def pop(self) -> Line:
        return self._lines.pop()

    def clear(self) -> None:
        self._lines.clear()

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, index: int) -> Line:
        return self._lines[index]

    def __iter__(self) -> Iterator[Line]:
        return iter(self._lines)
