"""Editing operations of the screen model: erase, insert and delete characters and lines (counts clamped).

Cells and lines they blank take the current colours and nothing else (xterm's ClearCells and
ScrnClearLines in screen.c keep FG_COLOR and BG_COLOR: "background colour erase"). Each ends a pending
wrap first (xterm's ResetWrap), so at the last column they act on the last cell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sessions.terminal.lines import Line, Scrollback
from sessions.terminal.style import DEFAULT_STYLE, Style, erase_style


class EditingMixin:
    """ECH, EL, ED, ICH, DCH, IL, DL and DECALN over ``buffer``; mixed into ``TerminalScreen``."""

    buffer: list[Line]
    history: Scrollback
    cols: int
    rows: int
    cursor_x: int
    cursor_y: int
    style: Style
    margins: tuple[int, int]
    dirty: set[int]
    dirty_all: bool
    origin: bool
    blank_style: Style | None

    if TYPE_CHECKING:

        def _end_wrap(self) -> None: ...

    def _all_blank(self) -> bool:
        """Whether every cell already is a blank in the current colours (then erasing, inserting and
        deleting change nothing: a flood of them costs no more than one)."""
        return self.blank_style is erase_style(self.style)

    def _fill(self, y: int, start: int, end: int) -> None:
        """Blank cells [start, end) of row *y* in the current colours."""
        end = min(end, self.cols)
        if start >= end or self._all_blank():
            return
        self.blank_style = None
        line = self.buffer[y]
        blank = erase_style(self.style)
        if end == self.cols:  # (what the row held needs no laying out: a row kept as writes stays so)
            if start:
                line.write_later((start, self.style, 1))
            else:
                line.replace_cells([" "] * end, [blank] * end)
        else:
            line.fix_wide_edges(start, end, self.style)
            line.chars[start:end] = [" "] * (end - start)
            line.styles[start:end] = [blank] * (end - start)
        self.dirty.add(y)

    def erase_characters(self, count: int | None = None) -> None:
        """ECH: blank *count* cells from the cursor; the cursor stays, the row no longer runs on."""
        self._end_wrap()
        x = self.cursor_x
        self._fill(self.cursor_y, x, x + min(count or 1, self.cols))
        self.buffer[self.cursor_y].wrapped = False

    def erase_in_line(self, how: int = 0, private: bool = False) -> None:
        """EL: 0 cursor to end, 1 start to cursor (inclusive), 2 the whole line."""
        self._end_wrap()
        x = self.cursor_x
        line = self.buffer[self.cursor_y]
        if how == 0 and line.written_start() == x:  # kept as text, written over up to here: all it held goes
            line.end_written(self.cols, erase_style(self.style))
            self.blank_style = None
            self.dirty.add(self.cursor_y)
        elif how == 0:
            self._fill(self.cursor_y, x, self.cols)
        elif how == 1:
            self._fill(self.cursor_y, 0, x + 1)
        elif how == 2:
            self._fill(self.cursor_y, 0, self.cols)
        if how in (0, 2):
            self.buffer[self.cursor_y].wrapped = False

    def erase_in_display(self, how: int = 0, *args: object, **kwargs: object) -> None:
        """ED: 0 cursor to end, 1 start to cursor, 2 the whole screen, 3 the scrollback (as xterm)."""
        if how == 3:
            self.history.clear()
            self.dirty_all = True
            return
        self._end_wrap()
        if self._all_blank():
            return
        whole = how == 2 or (how == 0 and self.cursor_x == self.cursor_y == 0)
        if how == 0:
            rows = range(self.cursor_y + 1, self.rows)
        elif how == 1:
            rows = range(self.cursor_y)
        elif how == 2:
            rows = range(self.rows)
        else:
            return
        for y in rows:
            self._fill(y, 0, self.cols)
            self.buffer[y].wrapped = False
        if how in (0, 1):
            self.erase_in_line(how)
        if whole:
            self.blank_style = erase_style(self.style)

    def insert_characters(self, count: int | None = None) -> None:
        """ICH: insert blanks at the cursor, pushing the rest of the line right (off the edge)."""
        self._end_wrap()
        x = self.cursor_x
        count = min(count or 1, self.cols - x)
        if count <= 0 or self._all_blank():
            return
        self.blank_style = None
        line = self.buffer[self.cursor_y]
        line.fix_wide_edges(x, x, self.style)
        line.chars[x:x] = [" "] * count
        line.styles[x:x] = [erase_style(self.style)] * count
        line.resize(self.cols, erase_style(self.style))
        self.dirty.add(self.cursor_y)

    def delete_characters(self, count: int | None = None) -> None:
        """DCH: delete cells at the cursor, pulling the rest of the line left; blanks in the current
        colours come in at the right; the row no longer runs on."""
        self._end_wrap()
        x = self.cursor_x
        count = min(count or 1, self.cols - x)
        if count <= 0 or self._all_blank():
            return
        self.blank_style = None
        line = self.buffer[self.cursor_y]
        line.fix_wide_edges(x, x + count, self.style)
        del line.chars[x : x + count]
        del line.styles[x : x + count]
        line.chars.extend([" "] * count)
        line.styles.extend([erase_style(self.style)] * count)
        line.wrapped = False
        self.dirty.add(self.cursor_y)

    def insert_lines(self, count: int | None = None) -> None:
        """IL: insert blank lines at the cursor inside the scrolling region; the cursor goes to column 0."""
        top, bottom = self.margins
        y = self.cursor_y
        if not top <= y <= bottom:
            return
        self.cursor_x = 0
        if self._all_blank():
            return
        self.blank_style = None
        count = min(count or 1, bottom - y + 1)
        blank = erase_style(self.style)
        del self.buffer[bottom - count + 1 : bottom + 1]
        self.buffer[y:y] = [Line(self.cols, blank) for _ in range(count)]
        self.dirty_all = True

    def delete_lines(self, count: int | None = None) -> None:
        """DL: delete lines at the cursor inside the scrolling region; blank lines come in at its bottom."""
        top, bottom = self.margins
        y = self.cursor_y
        if not top <= y <= bottom:
            return
        self.cursor_x = 0
        if self._all_blank():
            return
        self.blank_style = None
        count = min(count or 1, bottom - y + 1)
        blank = erase_style(self.style)
        del self.buffer[y : y + count]
        self.buffer[bottom - count + 1 : bottom - count + 1] = [Line(self.cols, blank) for _ in range(count)]
        self.dirty_all = True

    def alignment_display(self) -> None:
        """DECALN: fill the screen with E in default attributes; margins, origin mode and the current
        attributes are reset and the cursor goes home (xterm's CASE_DECALN in charproc.c)."""
        self.origin = False
        self.style = DEFAULT_STYLE
        self.blank_style = None
        self.margins = (0, self.rows - 1)
        self.cursor_x = self.cursor_y = 0
        for line in self.buffer:
            line.chars[:] = ["E"] * self.cols
            line.styles[:] = [DEFAULT_STYLE] * self.cols
            line.wrapped = False
        self.dirty_all = True
