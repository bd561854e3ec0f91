"""The screen model: cells, cursor, modes, scrolling regions, alternate screen and our own scrollback.

Method names and arguments follow pyte's listener interface (``draw``, ``cursor_position``, ...), so a
``pyte.Stream`` can drive this screen too; ``sessions.terminal.stream`` drives it faster. Editing
operations (erase, insert, delete) live in ``sessions.terminal.editing``.
"""

from __future__ import annotations

from collections.abc import Callable

from sessions.patterns import compile_pattern
from sessions.terminal.charsets import CHARSETS, Charset
from sessions.terminal.editing import EditingMixin
from sessions.terminal.lines import DEFAULT_SCROLLBACK, Line, Scrollback
from sessions.terminal.motion import MAX_COLS, MAX_ROWS, MotionMixin, Savepoint
from sessions.terminal.sgr import apply_sgr
from sessions.terminal.style import DEFAULT_STYLE, Style, erase_style
from sessions.terminal.titles import sanitize_title
from sessions.terminal.width import STUB, ZERO_RE, char_width, nfc, to_cells

#: Replies (DA, DSR) sent per ``begin_batch``; a flood of requests must not become a flood of answers.
MAX_REPLIES_PER_BATCH = 16


#: A run of characters that take no cell of their own.
_ZERO_RUN_RE = compile_pattern(f"(?:{ZERO_RE.pattern})+")
#: Without autowrap, more cells than this left at the margin are mostly written over each other.
_OVERWRITTEN_AT_MARGIN = 8


class TerminalScreen(EditingMixin, MotionMixin):
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
        self.reset()

    # --- state ----------------------------------------------------------------------------------
    def reset(self) -> None:
        """RIS: clear the screen, home the cursor, default modes; the scrollback stays."""
        self._main = None
        self._spare: list[Line] | None = None  # an untouched alternate screen, kept for the next switch
        self.buffer = [Line(self.cols) for _ in range(self.rows)]
        self.blank_style: Style | None = DEFAULT_STYLE
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
        self._sorted_stops: list[int] | None = None
        #: DECSC's one saved cursor for the main screen and one for the alternate screen (xterm's sc[2]);
        #: 1049 uses the main screen's.
        self.saved_cursors: list[Savepoint | None] = [None, None]
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

    @property
    def may_reply(self) -> bool:
        """Whether a reply would be sent now (someone listens, the batch's allowance is not used up)."""
        return self.on_reply is not None and self._replies_left > 0

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
        self._sorted_stops = None
        self.blank_style = None
        self._spare = None
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
        """Character by character: for text with combining marks or lone jamo (a run of zero-width
        characters joins its cell at once)."""
        i, n = 0, len(text)
        while i < n:
            char = text[i]
            width = char_width(char)
            if width == 0:
                end = _ZERO_RUN_RE.match(text, i).end()  # type: ignore[union-attr]  # (char is one)
                self._combine(text[i:end])
                i = end
                continue
            self._write_cells(char if width == 1 else char + STUB)
            i += 1

    def _combine(self, marks: str) -> None:
        """Join zero-width characters to the cell before the cursor (also across feeds), composed one after
        the other while the cell holds fewer than 16 characters (a flood of them costs no more). In the
        first column there is none (a line feed or CR came between): they are dropped, as tmux does; they
        never join the row above."""
        x, y = self.cursor_x - 1, self.cursor_y
        if x < 0:
            return
        chars = self.buffer[y].chars
        if chars[x] == STUB and x > 0:
            x -= 1
        cell = chars[x]
        for mark in marks:
            if len(cell) >= 16:  # a base with a bounded number of marks
                break
            cell = nfc(cell + mark)
        if cell is not chars[x]:
            chars[x] = cell
            self.blank_style = None
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
                    self.blank_style = None
                    self.cursor_x = x = 0
                    self.index()
                else:
                    if n - i > _OVERWRITTEN_AT_MARGIN and cols >= 2 and not self.insert_mode:
                        i = self._skip_overwritten(cells, i)
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
            self.blank_style = None
            line.fix_wide_edges(x, end, style)
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

    def _skip_overwritten(self, cells: str | list[str], i: int) -> int:
        """Without autowrap, at the margin: every cell from *i* is written over the last one or two. Write
        them up to the first wide character (the only one that can blank the cell before those two: a
        wide character cut in half there) and go on from the last two characters, which decide those two
        cells (a narrow one after a wide one blanks the wide one's first half); what comes between would
        change nothing. Returns where to go on from."""
        n = len(cells)
        last = n - 2 if cells[n - 1] == STUB else n - 1  # where the last character starts
        before = last - 2 if cells[last - 1] == STUB else last - 1  # and the one before it
        first_wide = cells.index(STUB, i + 1) + 1 if STUB in cells[i + 1 :] else i + 1  # ... its end
        if first_wide >= before:
            return i
        self._write_cells(cells[i:first_wide])  # (the cursor stays at the margin)
        return before

    def repeat_last(self, count: int | None = None, char: str | None = None) -> None:
        """REP: draw the character left of the cursor again (or *char*: the base character of combining marks
        the stream saw), as many times as fit before the end of the line (tmux's bound; xterm would go on
        wrapping: a count of 9999 is an attack, not a drawing). The stream calls it only right after text
        (repeats.py)."""
        x, cols = self.cursor_x, self.cols
        if char is not None:  # the base character of combining marks (the stream worked it out)
            times = min(count or 1, (cols - min(x, cols)) // max(1, char_width(char)))
            if times > 0:
                self.draw(char * times)
            return
        line = self.buffer[self.cursor_y]
        chars = line.chars
        left = (x if x < cols else cols) - 1
        if left > 0 and chars[left] == STUB:
            left -= 1
        if left < 0 or chars[left] == STUB:
            return
        times = count or 1
        if (left + 1 < cols and chars[left + 1] == STUB) or self.insert_mode:  # wide, or inserting: drawn
            times = min(times, (cols - x) // (2 if chars[left + 1 : left + 2] == [STUB] else 1))
            if times > 0:
                self.draw(chars[left] * times)
            return
        if times > cols - x:
            times = cols - x
        if times > 0:  # the character is already translated: written as it is
            end = x + times
            chars[x:end] = [chars[left]] * times
            line.styles[x:end] = [self.style] * times
            if end < cols and chars[end] == STUB:
                chars[end] = " "
                line.styles[end] = erase_style(self.style)
            self.blank_style = None
            self.dirty.add(self.cursor_y)
            self.cursor_x = end

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
        """Enter or leave the alternate screen, which never adds to the scrollback. It starts blank in the
        current colours; one left untouched is kept for the next time (switching back and forth in a loop
        costs nothing)."""
        if alternate and self._main is None:
            if save_cursor:
                self.save_cursor()  # into the main screen's slot, as xterm's 1049 does
            blank = erase_style(self.style)
            spare, self._spare = self._spare, None
            if spare is None or spare[0].styles[0] is not blank:
                spare = [Line(self.cols, blank) for _ in range(self.rows)]
            self._main = self.buffer
            self.buffer = spare
            self.blank_style = blank
        elif not alternate and self._main is not None:
            if self.blank_style is not None and self.blank_style is self.buffer[0].styles[0]:
                self._spare = self.buffer
            self.buffer = self._main
            self._main = None
            self.blank_style = None
            if save_cursor:
                self.restore_cursor()
        self.dirty_all = True

    def report_device_attributes(
        self, mode: int = 0, *, private: bool = False, secondary: bool = False
    ) -> None:
        if mode != 0 or private:
            return
        self.write_process_input("\x1b[>0;10;1c" if secondary else "\x1b[?6c")

    def report_device_status(self, mode: int = 0, *, private: bool = False) -> None:
        if not self.may_reply:  # (a flood of requests: nothing to work out)
            return
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
