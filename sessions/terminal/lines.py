"""One row of cells, and the scrollback that keeps rows scrolled off the top of the screen."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from itertools import repeat

from sessions.terminal.deferred import PlainRows
from sessions.terminal.rowwrites import RowWrites, Write, fix_edges
from sessions.terminal.style import DEFAULT_STYLE, Style, erase_style
from sessions.terminal.width import STUB

DEFAULT_SCROLLBACK = 10_000
MAX_SCROLLBACK = 1_000_000


class Line:
    """A row: one character string and one style per cell; ``wrapped`` when text ran on into the next row.

    A wide character occupies its cell and the next one, which holds ``STUB``. A cell may hold a base
    character followed by combining marks. A row made by ``deferred`` keeps the text that drew it until
    its cells are first asked for; writes noted by ``write_later`` are applied then too.
    """

    __slots__ = ("_chars", "_deferred", "_styles", "wrapped")

    def __init__(self, cols: int, style: Style = DEFAULT_STYLE) -> None:
        self._chars: list[str] = [" "] * cols
        self._styles: list[Style] = [style] * cols
        self._deferred: tuple[PlainRows, int, int, int | None] | RowWrites | None = None
        self.wrapped = False

    @classmethod
    def deferred(cls, rows: PlainRows, index: int, start: int = 0, end: int | None = None) -> Line:
        """Cells [start, end) of line *index* of *rows* (all of it by default), laid out on first use."""
        line = cls.__new__(cls)
        line._deferred = (rows, index, start, end)
        line.wrapped = False
        return line

    def write_later(self, write: Write) -> None:
        """Note a write (rowwrites.py) to apply when the cells are first asked for."""
        deferred = self._deferred
        if deferred.__class__ is RowWrites:
            if deferred.add(write):  # type: ignore[union-attr]
                return
            self._lay_out()
        elif deferred is not None:
            self._lay_out()
        self._deferred = RowWrites(write)

    def _lay_out(self) -> None:
        deferred = self._deferred
        if deferred.__class__ is RowWrites:
            self._deferred = None
            deferred.apply(self._chars, self._styles)  # type: ignore[union-attr]
            return
        rows, index, start, end = deferred  # type: ignore[misc]
        chars, styles = rows.cells(index, start, end)
        try:  # cells written over the start of the row while it was kept as text (see write_start)
            prefix, prefix_styles = self._chars, self._styles
        except AttributeError:
            pass
        else:
            n = len(prefix)
            chars[:n], styles[:n] = prefix, prefix_styles
            if 0 < n < len(chars) and chars[n] == STUB:  # the wide character cut in half at the end
                chars[n] = " "
                styles[n] = erase_style(prefix_styles[n - 1])
        self._chars, self._styles, self._deferred = chars, styles, None

    def written_start(self) -> int | None:
        """How many cells from the start of a row kept as text were written over it (None: laid out)."""
        if self._deferred is None or self._deferred.__class__ is RowWrites:
            return None
        try:
            return len(self._chars)
        except AttributeError:
            return 0

    def write_start(self, x: int, chars: list[str], styles: list[Style], cols: int) -> None:
        """Narrow cells written at *x* of a row kept as text whose first *x* cells were written over it
        (``written_start() == x``): kept and laid over it when it is laid out, as the rest of the row may
        be written before anyone looks; once the row is written to its end (*cols*), it is just those."""
        if x:
            chars = self._chars + chars
            styles = self._styles + styles
        self._chars, self._styles = chars, styles
        if len(chars) == cols:
            self._deferred = None

    def end_written(self, cols: int, blank: Style) -> None:
        """Erase a row kept as text from where the cells written over its start end (``written_start``):
        those cells, then blanks in *blank*; what it held is never laid out."""
        try:
            chars, styles = self._chars, self._styles
        except AttributeError:
            chars, styles = [], []
        pad = cols - len(chars)
        self.replace_cells(chars + [" "] * pad, styles + [blank] * pad)

    @property
    def chars(self) -> list[str]:
        """One string per cell (mutable in place)."""
        if self._deferred is not None:
            self._lay_out()
        return self._chars

    @property
    def styles(self) -> list[Style]:
        """One style per cell (mutable in place)."""
        if self._deferred is not None:
            self._lay_out()
        return self._styles

    def replace_cells(self, chars: list[str], styles: list[Style]) -> None:
        """Every cell at once (a row rewritten whole: what it held, laid out or not, no longer matters)."""
        self._chars, self._styles, self._deferred = chars, styles, None

    def is_blank(self, style: Style = DEFAULT_STYLE) -> bool:
        """Whether every cell is a blank in *style* and the row does not run on."""
        chars, styles = self.chars, self.styles
        n = len(chars)
        return not self.wrapped and chars.count(" ") == n and styles.count(style) == n

    @property
    def text(self) -> str:
        """The row as text (wide characters once, trailing blanks kept)."""
        return "".join(self.chars).replace(STUB, "")

    def resize(self, cols: int, blank: Style | None = None) -> None:
        """Cut or pad the row to *cols* cells; a wide character cut in half becomes a blank (in *blank*,
        if given)."""
        have = len(self.chars)
        if cols < have:
            if cols and self.chars[cols] == STUB:
                self.chars[cols - 1] = " "
                if blank is not None:
                    self.styles[cols - 1] = blank
            del self.chars[cols:]
            del self.styles[cols:]
        elif cols > have:
            self.chars.extend([" "] * (cols - have))
            self.styles.extend([DEFAULT_STYLE] * (cols - have))

    def fix_wide_edges(self, start: int, end: int, style: Style, end_style: Style | None = None) -> None:
        """After cells [start, end) were overwritten while *style* was current (*end_style* at the end, if
        it changed), blank orphaned halves of wide characters in the colours of the moment."""
        fix_edges(self.chars, self.styles, start, end, style, end_style)


class Scrollback:
    """Rows that scrolled off the top, oldest first, at most ``limit`` of them.

    Rows in the scrollback are never changed, so one blank row object may stand for many.
    """

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

    def extend(self, lines: list[Line]) -> None:
        self._lines.extend(lines)
        self.added += len(lines)

    def extend_blank(self, line: Line, count: int) -> None:
        """*count* copies of the blank row *line* (one object; only as many as can be kept are added)."""
        self._lines.extend(repeat(line, min(count, self.limit)))
        self.added += count

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
