"""The screen model: cells, cursor, modes, scrolling regions, alternate screen and our own scrollback.

Method names and arguments follow pyte's listener interface (``draw``, ``cursor_position``, ...), so a
``pyte.Stream`` can drive this screen too; ``sessions.terminal.stream`` drives it faster. Editing
operations (erase, insert, delete) live in ``sessions.terminal.editing``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sessions.terminal.charsets import CHARSETS, Charset
from sessions.terminal.editing import EditingMixin
from sessions.terminal.lines import DEFAULT_SCROLLBACK, Line, Scrollback
from sessions.terminal.style import DEFAULT_STYLE, Style, apply_sgr
from sessions.terminal.titles import sanitize_title
from sessions.terminal.width import STUB, char_width, nfc, to_cells

MAX_COLS = 1000
MAX_ROWS = 500
#: Replies (DA, DSR) sent per ``begin_batch``; a flood of requests must not become a flood of answers.
MAX_REPLIES_PER_BATCH = 16


@dataclass(slots=True)
class _Savepoint:
    x: int
    y: int
    style: Style
    origin: bool
    autowrap: bool
    designated: tuple[str, str]
    shifted: bool


class TerminalScreen(EditingMixin):
    """What the terminal shows: ``rows`` lines of ``cols`` cells, plus a scrollback of lines gone by.

    Args:
        cols: columns. rows: lines.
        scrollback: how many lines scrolled off the top are kept.
        on_reply: receives answers to device queries (DA, DSR) to write back to the remote.
        on_title: receives the window title, already sanitised.
        on_bell: called on BEL.
    """

    def __init__(
        self,
        cols: int = 80,
        rows: int = 24,
        *,
        scrollback: int = DEFAULT_SCROLLBACK,
        on_reply: Callable[[str], None] | None = None,
        on_title: Callable[[str], None] | None = None,
        on_bell: Callable[[], None] | None = None,
    ) -> None:
        self.cols = max(1, min(cols, MAX_COLS))
        self.rows = max(1, min(rows, MAX_ROWS))
        self.history = Scrollback(scrollback)
        self.on_reply = on_reply
        self.on_title = on_title
        self.on_bell = on_bell
        self.dirty: set[int] = set()
        self.dirty_all = True
        self._replies_left = MAX_REPLIES_PER_BATCH
        self.buffer: list[Line] = []
        self._main: list[Line] | None = None  # the main screen while the alternate one is shown
        self._main_cursor: _Savepoint | None = None
        self.reset()

    # --- state ----------------------------------------------------------------------------------
    def reset(self) -> None:
        """RIS: clear the screen, home the cursor, default modes; the scrollback stays."""
        self._main = None
        self._main_cursor = None
        self.buffer = [Line(self.cols) for _ in range(self.rows)]
        self.cursor_x = 0
        self.cursor_y = 0
        self.style = DEFAULT_STYLE
        self.cursor_hidden = False
        self.margins = (0, self.rows - 1)
        self.autowrap = True
        self.origin = False
        self.insert_mode = False
        self.newline_mode = False
        self.app_cursor_keys = False
        self.bracketed_paste = False
        self.reverse_video = False
        self.private_modes: set[int] = set()
        self.tabstops = set(range(8, self.cols, 8))
        self.savepoints: list[_Savepoint] = []
        self.title = ""
        self.icon_name = ""
        #: Character sets designated as G0 and G1 (final characters of SCS), and whether SO shifted G1 in.
        self.designated = ("B", "B")
        self.shifted = False
        #: The translation of the set in use (None: US ASCII, text is drawn as it is).
        self.charset: Charset = None
        self.dirty_all = True

    @property
    def alternate(self) -> bool:
        """Whether the alternate screen (full-screen programs) is shown."""
        return self._main is not None

    @property
    def display(self) -> list[str]:
        """The visible lines as text, like ``pyte.Screen.display``."""
        return [line.text for line in self.buffer]

    def take_dirty(self) -> set[int] | None:
        """Rows changed since the last call (None: all of them), and forget them."""
        rows = None if self.dirty_all else set(self.dirty)
        self.dirty.clear()
        self.dirty_all = False
        return rows

    def begin_batch(self) -> None:
        """Start a new allowance of replies; the stream calls it once per ``feed``."""
        self._replies_left = MAX_REPLIES_PER_BATCH

    def write_process_input(self, data: str) -> None:
        """Send a reply to the remote through ``on_reply`` (pyte's name), within the batch's allowance."""
        if self.on_reply is None or self._replies_left <= 0:
            return
        self._replies_left -= 1
        self.on_reply(data)

    def resize(self, rows: int | None = None, cols: int | None = None) -> None:
        """New size (pyte's argument order). Lines above the cursor that no longer fit are scrolled back."""
        rows = max(1, min(rows or self.rows, MAX_ROWS))
        cols = max(1, min(cols or self.cols, MAX_COLS))
        if (rows, cols) == (self.rows, self.cols):
            return
        for buf in (self.buffer, self._main):
            if buf is None:
                continue
            if rows < len(buf):
                overflow = len(buf) - rows
                from_top = max(0, min(overflow, self.cursor_y + 1 - rows)) if buf is self.buffer else overflow
                for _ in range(from_top):
                    line = buf.pop(0)
                    if buf is not self.buffer or self._main is None:
                        self.history.append(line)
                del buf[rows:]
                if buf is self.buffer:
                    self.cursor_y -= from_top
            while len(buf) < rows:
                buf.append(Line(cols))
            for line in buf:
                line.resize(cols)
        self.rows, self.cols = rows, cols
        self.margins = (0, rows - 1)
        new_stops = set(range(max(8, (self.cols // 8) * 8), cols, 8))
        self.tabstops = {t for t in self.tabstops if t < cols} | new_stops
        self.cursor_x = min(self.cursor_x, cols - 1)
        self.cursor_y = max(0, min(self.cursor_y, rows - 1))
        self.dirty_all = True

    # --- text -----------------------------------------------------------------------------------
    def draw(self, text: str) -> None:
        """Write printable text at the cursor (pyte's ``draw``); controls must not be in *text*."""
        if self.charset is not None:
            text = text.translate(self.charset)
        cells = to_cells(text) if text.isascii() else to_cells(nfc(text))
        if cells is None:
            self._draw_each(nfc(text))
            return
        self._write_cells(cells)

    def _draw_each(self, text: str) -> None:
        """Character by character: for text with combining marks or lone jamo."""
        for char in text:
            width = char_width(char)
            if width == 0:
                self._combine(char)
            else:
                self._write_cells(char if width == 1 else char + STUB)

    def _combine(self, mark: str) -> None:
        """Join a zero-width character to the cell before the cursor (also across feeds), composed."""
        x, y = self.cursor_x - 1, self.cursor_y
        if x < 0:
            if y == 0:
                return
            x, y = self.cols - 1, y - 1
        chars = self.buffer[y].chars
        if chars[x] == STUB and x > 0:
            x -= 1
        if len(chars[x]) < 16:  # a base with a bounded number of marks
            chars[x] = nfc(chars[x] + mark)
        self.dirty.add(y)

    def _write_cells(self, cells: str | list[str]) -> None:
        """Write laid-out cells at the cursor, wrapping at the margin; a wide char never straddles it."""
        n = len(cells)
        i = 0
        cols = self.cols
        style = self.style
        while i < n:
            x = self.cursor_x
            if x >= cols:
                if self.autowrap:
                    self.buffer[self.cursor_y].wrapped = True
                    self.cursor_x = x = 0
                    self.index()
                else:
                    x = max(0, cols - (2 if i + 1 < n and cells[i + 1] == STUB else 1))
            k = min(n - i, cols - x)
            if i + k < n and cells[i + k] == STUB:  # the wide character would be cut at the margin
                k -= 1
                if k == 0:
                    if x == 0 or not self.autowrap:  # it can never fit: dropped
                        i += 2
                    else:
                        self.cursor_x = cols
                    continue
            if self.insert_mode:
                self.insert_characters(k)
            line = self.buffer[self.cursor_y]
            end = x + k
            line.fix_wide_edges(x, end)
            line.chars[x:end] = cells[i : i + k]
            line.styles[x:end] = [style] * k
            self.dirty.add(self.cursor_y)
            i += k
            self.cursor_x = end
            if i < n and end < cols:  # stopped before a wide char that did not fit
                if self.autowrap:
                    self.cursor_x = cols  # wrap before it
                else:
                    i += 2  # no room and no wrap: dropped

    def repeat_last(self, count: int | None = None) -> None:
        """REP: draw the character left of the cursor again, at most a screenful of times."""
        x = min(self.cursor_x, self.cols) - 1
        chars = self.buffer[self.cursor_y].chars
        if x > 0 and chars[x] == STUB:
            x -= 1
        if x >= 0 and chars[x] != STUB:
            self.draw(chars[x] * max(1, min(count or 1, self.cols * self.rows)))

    # --- line feeds and scrolling ---------------------------------------------------------------
    def index(self) -> None:
        """Down one line; at the bottom margin, scroll the region up."""
        bottom = self.margins[1]
        if self.cursor_y == bottom:
            self.scroll_up(1)
        elif self.cursor_y < self.rows - 1:
            self.cursor_y = min(self.cursor_y + 1, bottom if self.cursor_y < bottom else self.rows - 1)

    def reverse_index(self) -> None:
        """Up one line; at the top margin, scroll the region down."""
        top, _bottom = self.margins
        if self.cursor_y == top:
            self.scroll_down(1)
        elif self.cursor_y > 0:
            self.cursor_y -= 1

    def linefeed(self) -> None:
        self.index()
        if self.newline_mode:
            self.cursor_x = 0

    def carriage_return(self) -> None:
        self.cursor_x = 0

    def scroll_up(self, count: int | None = None) -> None:
        """SU: the scrolling region moves up; lines leaving a full-screen region go to the scrollback."""
        top, bottom = self.margins
        count = max(1, min(count or 1, bottom - top + 1))
        buf = self.buffer
        cols = self.cols
        if count == 1 and top == 0 and bottom == self.rows - 1 and self._main is None:
            self.history.append(buf.pop(0))
            buf.append(Line(cols))
        elif top == 0 and self._main is None:
            history = self.history
            for _ in range(count):
                history.append(buf.pop(0))
                buf.insert(bottom, Line(cols))
        else:
            del buf[top : top + count]
            buf[bottom - count + 1 : bottom - count + 1] = [Line(cols) for _ in range(count)]
        self.dirty_all = True

    def scroll_down(self, count: int | None = None) -> None:
        """SD: the scrolling region moves down, blank lines appear at its top."""
        top, bottom = self.margins
        count = max(1, min(count or 1, bottom - top + 1))
        buf = self.buffer
        del buf[bottom - count + 1 : bottom + 1]
        buf[top:top] = [Line(self.cols) for _ in range(count)]
        self.dirty_all = True

    def set_margins(self, top: int | None = None, bottom: int | None = None) -> None:
        """DECSTBM (1-based, inclusive; missing or 0 means the screen edge). The cursor goes home."""
        new_top = max(0, min((top or 1) - 1, self.rows - 1))
        new_bottom = max(0, min((bottom or self.rows) - 1, self.rows - 1))
        if new_bottom - new_top >= 1:
            self.margins = (new_top, new_bottom)
            self.cursor_position()

    # --- cursor ---------------------------------------------------------------------------------
    def _clamp_x(self) -> None:
        self.cursor_x = min(max(0, self.cursor_x), self.cols - 1)

    def _clamp_y(self, use_margins: bool = False) -> None:
        top, bottom = self.margins if (use_margins or self.origin) else (0, self.rows - 1)
        self.cursor_y = min(max(top, self.cursor_y), bottom)

    def cursor_up(self, count: int | None = None) -> None:
        top = self.margins[0] if self.cursor_y >= self.margins[0] else 0
        self.cursor_y = max(self.cursor_y - min(count or 1, MAX_ROWS), top)

    def cursor_down(self, count: int | None = None) -> None:
        bottom = self.margins[1] if self.cursor_y <= self.margins[1] else self.rows - 1
        self.cursor_y = min(self.cursor_y + min(count or 1, MAX_ROWS), bottom)

    def cursor_up1(self, count: int | None = None) -> None:
        self.cursor_up(count)
        self.cursor_x = 0

    def cursor_down1(self, count: int | None = None) -> None:
        self.cursor_down(count)
        self.cursor_x = 0

    def cursor_back(self, count: int | None = None) -> None:
        if self.cursor_x >= self.cols:
            self.cursor_x = self.cols - 1
        self.cursor_x -= min(count or 1, MAX_COLS)
        self._clamp_x()

    def backspace(self) -> None:
        self.cursor_back()

    def cursor_forward(self, count: int | None = None) -> None:
        self.cursor_x += min(count or 1, MAX_COLS)
        self._clamp_x()

    def cursor_position(self, line: int | None = None, column: int | None = None) -> None:
        """CUP (1-based); relative to the top margin in origin mode, where it cannot leave the region."""
        x = min(column or 1, MAX_COLS) - 1
        y = min(line or 1, MAX_ROWS) - 1
        if self.origin:
            y += self.margins[0]
            if not self.margins[0] <= y <= self.margins[1]:
                return
        self.cursor_x, self.cursor_y = x, y
        self._clamp_x()
        self._clamp_y()

    def cursor_to_column(self, column: int | None = None) -> None:
        self.cursor_x = min(column or 1, MAX_COLS) - 1
        self._clamp_x()

    def cursor_to_line(self, line: int | None = None) -> None:
        self.cursor_y = min(line or 1, MAX_ROWS) - 1 + (self.margins[0] if self.origin else 0)
        self._clamp_y()

    def tab(self) -> None:
        """HT: to the next tab stop, or the last column."""
        stops = [s for s in self.tabstops if s > self.cursor_x]
        self.cursor_x = min(stops) if stops else self.cols - 1

    def forward_tab(self, count: int | None = None) -> None:
        """CHT: *count* tab stops forward."""
        for _ in range(max(1, min(count or 1, self.cols))):
            self.tab()

    def back_tab(self, count: int | None = None) -> None:
        """CBT: *count* tab stops back."""
        for _ in range(max(1, min(count or 1, self.cols))):
            stops = [s for s in self.tabstops if s < self.cursor_x]
            self.cursor_x = max(stops) if stops else 0

    def set_tab_stop(self) -> None:
        self.tabstops.add(self.cursor_x)

    def clear_tab_stop(self, how: int = 0) -> None:
        if how == 0:
            self.tabstops.discard(self.cursor_x)
        elif how == 3:
            self.tabstops = set()

    def save_cursor(self) -> None:
        if len(self.savepoints) < 32:
            self.savepoints.append(
                _Savepoint(
                    self.cursor_x,
                    self.cursor_y,
                    self.style,
                    self.origin,
                    self.autowrap,
                    self.designated,
                    self.shifted,
                )
            )

    def restore_cursor(self) -> None:
        if not self.savepoints:
            self.origin = False
            self.cursor_position()
            return
        saved = self.savepoints.pop()
        self.cursor_x, self.cursor_y, self.style = saved.x, saved.y, saved.style
        self.designated, self.shifted = saved.designated, saved.shifted
        self._select_charset()
        self.origin = self.origin or saved.origin
        self.autowrap = self.autowrap or saved.autowrap
        self._clamp_x()
        self._clamp_y(use_margins=True)

    # --- attributes, modes, reports -------------------------------------------------------------
    def select_graphic_rendition(self, *attrs: int, private: bool = False) -> None:
        if not private:
            self.style = apply_sgr(self.style, list(attrs[:64]))

    def set_mode(self, *modes: int, private: bool = False) -> None:
        self._set_modes(modes, private, True)

    def reset_mode(self, *modes: int, private: bool = False) -> None:
        self._set_modes(modes, private, False)

    def _set_modes(self, modes: tuple[int, ...], private: bool, on: bool) -> None:
        for mode in modes[:16]:
            if not private:
                if mode == 4:
                    self.insert_mode = on
                elif mode == 20:
                    self.newline_mode = on
                continue
            self.private_modes.discard(mode)
            if on:
                self.private_modes.add(mode)
            if mode == 1:
                self.app_cursor_keys = on
            elif mode == 5:
                self.reverse_video = on
                self.dirty_all = True
            elif mode == 6:
                self.origin = on
                self.cursor_position()
            elif mode == 7:
                self.autowrap = on
            elif mode == 25:
                self.cursor_hidden = not on
            elif mode == 2004:
                self.bracketed_paste = on
            elif mode in (47, 1047, 1049):
                self._switch_screen(on, save_cursor=mode == 1049)

    def _switch_screen(self, alternate: bool, *, save_cursor: bool) -> None:
        """Enter or leave the alternate screen, which never adds to the scrollback."""
        if alternate and self._main is None:
            if save_cursor:
                self._main_cursor = _Savepoint(
                    self.cursor_x, self.cursor_y, self.style, self.origin, True, self.designated, self.shifted
                )
            self._main = self.buffer
            self.buffer = [Line(self.cols) for _ in range(self.rows)]
        elif not alternate and self._main is not None:
            self.buffer = self._main
            self._main = None
            if save_cursor and self._main_cursor is not None:
                saved = self._main_cursor
                self.cursor_x, self.cursor_y, self.style = saved.x, saved.y, saved.style
                self.designated, self.shifted = saved.designated, saved.shifted
                self._select_charset()
                self._clamp_x()
                self._clamp_y()
            self._main_cursor = None
        self.dirty_all = True

    def report_device_attributes(
        self, mode: int = 0, *, private: bool = False, secondary: bool = False
    ) -> None:
        if mode != 0 or private:
            return
        self.write_process_input("\x1b[>0;10;1c" if secondary else "\x1b[?6c")

    def report_device_status(self, mode: int = 0, *, private: bool = False) -> None:
        if mode == 5:
            self.write_process_input("\x1b[0n")
        elif mode == 6:
            y = self.cursor_y + 1 - (self.margins[0] if self.origin else 0)
            self.write_process_input(f"\x1b[{y};{min(self.cursor_x, self.cols - 1) + 1}R")

    def set_title(self, param: str) -> None:
        self.title = sanitize_title(param)
        if self.on_title is not None:
            self.on_title(self.title)

    def set_icon_name(self, param: str) -> None:
        self.icon_name = sanitize_title(param)

    def bell(self, *args: object) -> None:
        if self.on_bell is not None:
            self.on_bell()

    def shift_in(self) -> None:
        """SI: draw with G0."""
        self.shifted = False
        self._select_charset()

    def shift_out(self) -> None:
        """SO: draw with G1."""
        self.shifted = True
        self._select_charset()

    def define_charset(self, code: str, mode: str) -> None:
        """SCS: designate the set *code* ("B" US ASCII, "0" DEC special graphics, "A" UK) as G0 (*mode*
        "(") or G1 (")"). Unknown sets and G2/G3 are ignored. Unlike pyte (and like xterm) this works in
        UTF-8 too: ncurses draws its borders this way."""
        if code not in CHARSETS or mode not in "()":
            return
        g0, g1 = self.designated
        self.designated = (code, g1) if mode == "(" else (g0, code)
        self._select_charset()

    def _select_charset(self) -> None:
        self.charset = CHARSETS[self.designated[1 if self.shifted else 0]]

    def debug(self, *args: object, **kwargs: object) -> None:
        """Unknown sequences are dropped."""
