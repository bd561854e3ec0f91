"""Cursor motion, line feeds, scrolling, margins, tabs and DECSC/DECRC of the screen model, as in xterm.

Pending wrap: after a character is written in the last column the cursor stays "beyond" it
(``cursor_x == cols``) and the next character wraps first. Every cursor movement ends that state, as
xterm's ``ResetWrap`` in cursor.c does (CUU/CUD/CUF/CUB, CUP/HVP, VPA, LF/VT/FF, IND, RI, CR).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sessions.terminal.charsets import Charset
from sessions.terminal.lines import Line, Scrollback
from sessions.terminal.style import DEFAULT_STYLE, Style, erase_style

MAX_COLS = 1000
MAX_ROWS = 500


@dataclass(frozen=True, slots=True)
class Savepoint:
    """What DECSC saves (xterm's CursorSave in cursor.c): the cursor, its pending wrap, the attributes,
    origin mode and the character sets. Not autowrap (DECAWM), as in xterm."""

    x: int
    y: int
    wrap_pending: bool
    style: Style
    origin: bool
    designated: tuple[str, str]
    shifted: bool


#: What DECRC restores when nothing was saved: home, default attributes and character sets, origin off.
NOTHING_SAVED = Savepoint(0, 0, False, DEFAULT_STYLE, False, ("B", "B"), False)


def region(rows: int, top: int | None, bottom: int | None) -> tuple[int, int] | None:
    """The margins DECSTBM sets on a screen of *rows* (0-based, inclusive; missing or 0 means the screen
    edge), or None when it leaves them alone (a region of fewer than two rows)."""
    new_top = max(0, min((top or 1) - 1, rows - 1))
    new_bottom = max(0, min((bottom or rows) - 1, rows - 1))
    return (new_top, new_bottom) if new_bottom - new_top >= 1 else None


class MotionMixin:
    """Cursor, scrolling and margins over ``buffer``; mixed into ``TerminalScreen``."""

    buffer: list[Line]
    history: Scrollback
    cols: int
    rows: int
    cursor_x: int
    cursor_y: int
    style: Style
    margins: tuple[int, int]
    origin: bool
    newline_mode: bool
    tabstops: set[int]
    designated: tuple[str, str]
    shifted: bool
    charset: Charset
    dirty: set[int]
    dirty_all: bool
    saved_cursors: list[Savepoint | None]
    _main: list[Line] | None
    #: When not None, every row of ``buffer`` is blank (spaces, not running on) in this style and nothing
    #: was written since: erasing, inserting, deleting or scrolling in that style changes nothing.
    blank_style: Style | None
    _sorted_stops: list[int] | None

    if TYPE_CHECKING:

        def _select_charset(self) -> None: ...

    def _end_wrap(self) -> None:
        """Leave the pending-wrap state: the cursor goes back onto the last column."""
        if self.cursor_x >= self.cols:
            self.cursor_x = self.cols - 1

    # --- line feeds and scrolling ---------------------------------------------------------------
    def index(self) -> None:
        """IND (and LF, VT, FF): down one line; at the bottom margin, scroll the region up."""
        self._end_wrap()
        bottom = self.margins[1]
        if self.cursor_y == bottom:
            self.scroll_region_up(1)
        elif self.cursor_y < self.rows - 1:
            self.cursor_y += 1

    def index_many(self, count: int) -> None:
        """*count* INDs at once (a run of line feeds): down to the bottom margin, then the region scrolls
        by the rest, every line of it going through the scrollback as one IND at a time would send it."""
        self._end_wrap()
        y, bottom = self.cursor_y, self.margins[1]
        if y > bottom:
            self.cursor_y = min(y + count, self.rows - 1)
        elif y + count <= bottom:
            self.cursor_y = y + count
        else:
            self.cursor_y = bottom
            self.scroll_region_up(count - (bottom - y))

    def reverse_index(self) -> None:
        """RI: up one line; at the top margin, scroll the region down."""
        self.reverse_index_many(1)

    def reverse_index_many(self, count: int) -> None:
        """*count* RIs at once: up to the top margin, then the region scrolls down by the rest."""
        self._end_wrap()
        y, top = self.cursor_y, self.margins[0]
        if y < top:
            self.cursor_y = max(y - count, 0)
        elif y - count >= top:
            self.cursor_y = y - count
        else:
            self.cursor_y = top
            self.scroll_region_down(count - (y - top))

    def linefeed(self) -> None:
        self.index()
        if self.newline_mode:
            self.cursor_x = 0

    def carriage_return(self) -> None:
        self.cursor_x = 0

    def scroll_up(self, count: int | None = None) -> None:
        """SU: the scrolling region moves up by *count* lines, at most its height (xterm's xtermScroll
        clamps the amount: SU 9999 sends one region's worth of lines to the scrollback)."""
        top, bottom = self.margins
        self.scroll_region_up(min(count or 1, bottom - top + 1))

    def scroll_down(self, count: int | None = None) -> None:
        """SD: the scrolling region moves down, blank lines in the current colours appear at its top."""
        self.scroll_region_down(count or 1)

    def scroll_region_up(self, lines: int) -> None:
        """Move *lines* lines up through the scrolling region, one after the other: past its height the
        region is blank and the rest are blank lines. Lines leaving a region at the top of the main
        screen go to the scrollback. New lines take the current colours (background colour erase)."""
        top, bottom = self.margins
        height = bottom - top + 1
        shift = min(lines, height)
        blank = erase_style(self.style)
        buf = self.buffer
        history = self.history if top == 0 and self._main is None else None
        if self.blank_style is blank:  # every row is already such a blank: only the scrollback changes
            if history is not None:
                history.extend_blank(Line(self.cols, blank), lines)
            return
        cols = self.cols
        if history is not None:
            history.extend(buf[:shift])
            if lines > shift:
                history.extend_blank(Line(cols, blank), lines - shift)
            del buf[:shift]
        else:
            del buf[top : top + shift]
        buf[bottom - shift + 1 : bottom - shift + 1] = [Line(cols, blank) for _ in range(shift)]
        self.blank_style = blank if shift == height == self.rows else None
        self.dirty_all = True

    def scroll_region_down(self, lines: int) -> None:
        """Move the scrolling region down by *lines* (at most its height); blank lines come in at its top."""
        top, bottom = self.margins
        height = bottom - top + 1
        shift = min(lines, height)
        blank = erase_style(self.style)
        if self.blank_style is blank:
            return
        buf = self.buffer
        del buf[bottom - shift + 1 : bottom + 1]
        buf[top:top] = [Line(self.cols, blank) for _ in range(shift)]
        self.blank_style = blank if shift == height == self.rows else None
        self.dirty_all = True

    def set_margins(self, top: int | None = None, bottom: int | None = None, *, home: bool = True) -> None:
        """DECSTBM (1-based, inclusive; missing or 0 means the screen edge). The cursor goes home (not with
        *home* False: for a CUP that comes right after, which puts it elsewhere whatever it was)."""
        margins = region(self.rows, top, bottom)
        if margins is not None:
            self.margins = margins
            if home:
                self.cursor_position()

    # --- cursor ---------------------------------------------------------------------------------
    def _clamp_x(self) -> None:
        self.cursor_x = min(max(0, self.cursor_x), self.cols - 1)

    def _clamp_y(self) -> None:
        top, bottom = self.margins if self.origin else (0, self.rows - 1)
        self.cursor_y = min(max(top, self.cursor_y), bottom)

    def cursor_up(self, count: int | None = None) -> None:
        """CUU: stops at the top margin, or the top of the screen when above the region."""
        self._end_wrap()
        top = self.margins[0] if self.cursor_y >= self.margins[0] else 0
        self.cursor_y = max(self.cursor_y - min(count or 1, MAX_ROWS), top)

    def cursor_down(self, count: int | None = None) -> None:
        """CUD: stops at the bottom margin, or the bottom of the screen when below the region."""
        self._end_wrap()
        bottom = self.margins[1] if self.cursor_y <= self.margins[1] else self.rows - 1
        self.cursor_y = min(self.cursor_y + min(count or 1, MAX_ROWS), bottom)

    def cursor_up1(self, count: int | None = None) -> None:
        self.cursor_up(count)
        self.cursor_x = 0

    def cursor_down1(self, count: int | None = None) -> None:
        self.cursor_down(count)
        self.cursor_x = 0

    def cursor_back(self, count: int | None = None) -> None:
        self._end_wrap()
        self.cursor_x -= min(count or 1, MAX_COLS)
        self._clamp_x()

    def backspace(self) -> None:
        self.cursor_back()

    def cursor_forward(self, count: int | None = None) -> None:
        self.cursor_x += min(count or 1, MAX_COLS)
        self._clamp_x()

    def cursor_position(self, line: int | None = None, column: int | None = None) -> None:
        """CUP/HVP (1-based); in origin mode relative to the top margin and clamped to the region, as
        xterm's CursorSet does."""
        y = min(line or 1, MAX_ROWS) - 1
        if self.origin:
            top, bottom = self.margins
            self.cursor_y = min(max(top, y + top), bottom)
        else:
            self.cursor_y = min(max(0, y), self.rows - 1)
        self.cursor_x = min(max(0, min(column or 1, MAX_COLS) - 1), self.cols - 1)

    def cursor_to_column(self, column: int | None = None) -> None:
        """CHA/HPA."""
        self.cursor_x = min(column or 1, MAX_COLS) - 1
        self._clamp_x()

    def cursor_to_line(self, line: int | None = None) -> None:
        """VPA: like CUP for the line only."""
        self._end_wrap()
        self.cursor_y = min(line or 1, MAX_ROWS) - 1 + (self.margins[0] if self.origin else 0)
        self._clamp_y()

    def _stops(self) -> list[int]:
        if self._sorted_stops is None:
            self._sorted_stops = sorted(self.tabstops)
        return self._sorted_stops

    def tab(self) -> None:
        """HT: to the next tab stop, or the last column."""
        self.forward_tab(1)

    def forward_tab(self, count: int | None = None) -> None:
        """CHT (and a run of HT): *count* tab stops forward, the last column at most."""
        stops = self._stops()
        i = bisect_right(stops, self.cursor_x) + min(count or 1, MAX_COLS) - 1
        self.cursor_x = stops[i] if i < len(stops) else self.cols - 1

    def back_tab(self, count: int | None = None) -> None:
        """CBT: *count* tab stops back, the first column at most."""
        stops = self._stops()
        i = bisect_left(stops, min(self.cursor_x, self.cols - 1)) - min(count or 1, MAX_COLS)
        self.cursor_x = stops[i] if i >= 0 else 0

    def set_tab_stop(self) -> None:
        self.tabstops.add(min(self.cursor_x, self.cols - 1))
        self._sorted_stops = None

    def clear_tab_stop(self, how: int = 0) -> None:
        if how == 0:
            self.tabstops.discard(self.cursor_x)
        elif how == 3:
            self.tabstops = set()
        self._sorted_stops = None

    # --- DECSC / DECRC ----------------------------------------------------------------------------
    def _savepoint(self) -> Savepoint:
        x = self.cursor_x
        wrap = x >= self.cols
        return Savepoint(
            min(x, self.cols - 1), self.cursor_y, wrap, self.style, self.origin, self.designated, self.shifted
        )

    def save_cursor(self) -> None:
        """DECSC (and SCOSC): one saved state per screen; saving again replaces it."""
        self.saved_cursors[self._main is not None] = self._savepoint()

    def restore_cursor(self) -> None:
        """DECRC (and SCORC): back to the saved state, which stays saved (a second DECRC restores it
        again); origin mode is restored on or off; with nothing saved, home and defaults."""
        self._restore(self.saved_cursors[self._main is not None] or NOTHING_SAVED)

    def _restore(self, saved: Savepoint) -> None:
        self.style = saved.style
        self.origin = saved.origin
        self.designated, self.shifted = saved.designated, saved.shifted
        self._select_charset()
        bottom = self.margins[1] if saved.origin else self.rows - 1
        self.cursor_y = max(0, min(saved.y, bottom))
        self.cursor_x = self.cols if saved.wrap_pending else min(saved.x, self.cols - 1)
