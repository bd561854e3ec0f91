"""Differential test: on generated inputs, our fast screen shows exactly what pyte's reference Screen shows.

The reference is ``pyte.Screen`` with its known bugs fixed in ``ReferenceScreen`` below (each fix says
what pyte does wrong), and with xterm's rules where pyte departs from them, each fix naming the rule
(background colour erase, erase keeping only the colours, pending wrap ended by every movement and erase,
DECSC/DECRC, origin mode, a wide character cut in half blanked in the current colours). Left out of the
corpus on purpose, because pyte is wrong there and our behaviour is tested on its own (test_model.py,
test_xterm_conformance.py): NFD Hangul and combining marks,
ESC E without LNM, CSI 3 J, SGR 2/8/21/4:n/58 and 105, DECOM, DECALN, DECSCNM/DECCOLM, HPA (pyte maps it
to the wrong byte), REP/SU/SD/CHT/CBT (missing), and DSR at the pending-wrap column.
"""

from __future__ import annotations

import copy
import itertools

import pyte
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyte import charsets as cs
from pyte import modes as mo
from pyte.screens import Char, Cursor, Savepoint, StaticDefaultDict
from wcwidth import wcwidth

from sessions.terminal import STUB, Style, TerminalScreen, TerminalStream

#: pyte's DEC special graphics follow the Linux console: arrows and a block on + , - . 0 and a shade for h.
#: The VT100 (and xterm) map 0x5f-0x7e only, with the newline symbol for h.
_DEC_GRAPHICS = "".join(
    chr(i) if 0x2B <= i <= 0x30 else "\u2424" if i == 0x68 else glyph for i, glyph in enumerate(cs.VT100_MAP)
)


def _row(default: Char) -> StaticDefaultDict:
    return StaticDefaultDict(default)


class ReferenceScreen(pyte.Screen):
    """pyte.Screen with fixes for bugs that are not a matter of taste, and for each rule where pyte
    departs from xterm (each says which; xterm's ctlseqs and source are the reference)."""

    def reset(self) -> None:
        super().reset()
        self.g1_charset = cs.LAT1_MAP  # xterm starts with US ASCII in G1 too (pyte: the console's graphics)
        self.saved: Savepoint | None = None

    def define_charset(self, code: str, mode: str) -> None:
        if code == "0" and mode == "(":
            self.g0_charset = _DEC_GRAPHICS
        elif code == "0" and mode == ")":
            self.g1_charset = _DEC_GRAPHICS
        else:
            super().define_charset(code, mode)

    def draw(self, data: str) -> None:
        # pyte writes a wide character at the last column half off-screen; terminals wrap it first.
        for char in data:
            if wcwidth(char) == 2 and self.cursor.x == self.columns - 1:
                if mo.DECAWM not in self.mode:
                    continue  # no room and no wrap: dropped
                self.cursor.x = self.columns
            super().draw(char)
            self._fix_halves()

    # --- xterm: a wide character that a write, an erase or an edit cuts in half becomes blanks in the
    # current colours (DamagedCells, then ClearInLine -> ClearCells: util.c, screen.c); pyte leaves the
    # other half as it was.
    def _fix_halves(self) -> None:
        line = self.buffer[self.cursor.y]
        for x in range(self.columns):
            char = line[x].data
            cut_head = char and wcwidth(char[0]) == 2 and (x + 1 >= self.columns or line[x + 1].data != "")
            lone_tail = char == "" and (
                x == 0 or not (line[x - 1].data and wcwidth(line[x - 1].data[0]) == 2)
            )
            if cut_head or lone_tail:
                line[x] = self._blank()

    # --- xterm: background colour erase. Blanked cells and lines take the current colours and no other
    # attribute (ClearCells and ScrnClearLines in screen.c); pyte keeps every attribute when erasing and
    # none when scrolling, inserting or deleting.
    def _blank(self) -> Char:
        return self.default_char._replace(fg=self.cursor.attrs.fg, bg=self.cursor.attrs.bg)

    def _fill(self, y: int, xs: range) -> None:
        line = self.buffer[y]
        for x in xs:
            line[x] = self._blank()
        self.dirty.add(y)

    # --- xterm: every cursor movement and every erase ends a pending wrap (ResetWrap in cursor.c and
    # util.c): the cursor is back on the last column. pyte keeps it beyond the last column.
    def _end_wrap(self) -> None:
        self.cursor.x = min(self.cursor.x, self.columns - 1)

    def erase_characters(self, count: int | None = None) -> None:
        self._end_wrap()
        self._fill(self.cursor.y, range(self.cursor.x, min(self.cursor.x + (count or 1), self.columns)))
        self._fix_halves()

    def erase_in_line(self, how: int = 0, private: bool = False) -> None:
        self._end_wrap()
        spans = {0: range(self.cursor.x, self.columns), 1: range(self.cursor.x + 1), 2: range(self.columns)}
        self._fill(self.cursor.y, spans.get(how, range(0)))
        self._fix_halves()

    def erase_in_display(self, how: int = 0, *args: object, **kwargs: object) -> None:
        # pyte also only erases cells that were ever written (its rows are sparse dicts).
        self._end_wrap()
        rows = {0: range(self.cursor.y + 1, self.lines), 1: range(self.cursor.y), 2: range(self.lines)}
        for y in rows.get(how, range(0)):
            self.buffer[y] = _row(self._blank())
            self.dirty.add(y)
        if how in (0, 1):
            self.erase_in_line(how)

    def insert_characters(self, count: int | None = None) -> None:
        # pyte keeps the cell pushed to column == columns, and a later DCH pulls it back on screen.
        self._end_wrap()
        count = min(count or 1, self.columns - self.cursor.x)
        line = self.buffer[self.cursor.y]
        for x in range(self.columns - 1, self.cursor.x - 1, -1):
            if x - count >= self.cursor.x:
                line[x] = line[x - count]
            else:
                line[x] = self._blank()
        self._fix_halves()
        self.dirty.add(self.cursor.y)

    def delete_characters(self, count: int | None = None) -> None:
        self._end_wrap()
        count = min(count or 1, self.columns - self.cursor.x)
        line = self.buffer[self.cursor.y]
        for x in range(self.cursor.x, self.columns):
            line[x] = line[x + count] if x + count < self.columns else self._blank()
        self._fix_halves()
        self.dirty.add(self.cursor.y)

    def _region(self) -> tuple[int, int]:
        top, bottom = self.margins or pyte.screens.Margins(0, self.lines - 1)
        return top, bottom

    def index(self) -> None:
        self._end_wrap()
        top, bottom = self._region()
        if self.cursor.y == bottom:
            for y in range(top, bottom):
                self.buffer[y] = self.buffer[y + 1]
            self.buffer[bottom] = _row(self._blank())
            self.dirty.update(range(self.lines))
        elif self.cursor.y < self.lines - 1:
            self.cursor.y += 1  # below the region too, as far as the last line (pyte: stops at the margin)

    def reverse_index(self) -> None:
        self._end_wrap()
        top, bottom = self._region()
        if self.cursor.y == top:
            for y in range(bottom, top, -1):
                self.buffer[y] = self.buffer[y - 1]
            self.buffer[top] = _row(self._blank())
            self.dirty.update(range(self.lines))
        elif self.cursor.y > 0:
            self.cursor.y -= 1  # above the region too (pyte: clamps to its top margin)

    def insert_lines(self, count: int | None = None) -> None:
        # pyte also leaves a line in place when the line that should move onto it was never written.
        top, bottom = self._region()
        if top <= self.cursor.y <= bottom:
            count = min(count or 1, bottom - self.cursor.y + 1)
            for y in range(bottom, self.cursor.y - 1, -1):
                self.buffer[y] = self.buffer[y - count] if y - count >= self.cursor.y else _row(self._blank())
            self.carriage_return()

    def delete_lines(self, count: int | None = None) -> None:
        top, bottom = self._region()
        if top <= self.cursor.y <= bottom:
            count = min(count or 1, bottom - self.cursor.y + 1)
            for y in range(self.cursor.y, bottom + 1):
                self.buffer[y] = self.buffer[y + count] if y + count <= bottom else _row(self._blank())
            self.carriage_return()

    def cursor_up(self, count: int | None = None) -> None:
        # Above the scrolling region pyte clamps to its top margin (moving the cursor down).
        self._end_wrap()
        top = self._region()[0] if self.cursor.y >= self._region()[0] else 0
        self.cursor.y = max(self.cursor.y - (count or 1), top)

    def cursor_down(self, count: int | None = None) -> None:
        # Below the scrolling region pyte clamps to its bottom margin (moving the cursor up).
        self._end_wrap()
        bottom = self._region()[1] if self.cursor.y <= self._region()[1] else self.lines - 1
        self.cursor.y = min(self.cursor.y + (count or 1), bottom)

    def cursor_to_line(self, line: int | None = None) -> None:
        self._end_wrap()
        super().cursor_to_line(line)

    def cursor_position(self, line: int | None = None, column: int | None = None) -> None:
        # xterm's CursorSet: in origin mode a position outside the region is clamped to it (pyte: ignored).
        top, bottom = self._region()
        y = (line or 1) - 1
        if mo.DECOM in self.mode:
            y = min(y + top, bottom)
        self.cursor.x, self.cursor.y = (column or 1) - 1, y
        self.ensure_hbounds()
        self.ensure_vbounds()

    # --- xterm's DECSC/DECRC (CursorSave/CursorRestore in cursor.c): one saved state, kept after a
    # restore; it holds the pending wrap, attributes, origin mode and charsets, not autowrap; nothing saved
    # restores home and defaults. pyte keeps a stack, pops it, turns origin mode only on, restores
    # autowrap and loses the pending wrap.
    def save_cursor(self) -> None:
        self.saved = Savepoint(
            copy.copy(self.cursor),
            self.g0_charset,
            self.g1_charset,
            self.charset,
            mo.DECOM in self.mode,
            False,
        )

    def restore_cursor(self) -> None:
        saved, hidden = self.saved, self.cursor.hidden  # cursor visibility (DECTCEM) is not saved
        if saved is None:
            self.reset_mode(mo.DECOM)
            self.cursor = Cursor(0, 0)
            self.g0_charset, self.g1_charset, self.charset = cs.LAT1_MAP, cs.LAT1_MAP, 0
        else:
            self.g0_charset, self.g1_charset, self.charset = saved.g0_charset, saved.g1_charset, saved.charset
            if saved.origin:
                self.mode.add(mo.DECOM)
            else:
                self.mode.discard(mo.DECOM)
            self.cursor = copy.copy(saved.cursor)
            self.cursor.y = min(self.cursor.y, self._region()[1] if saved.origin else self.lines - 1)
        self.cursor.hidden = hidden

    def set_margins(self, top: int | None = None, bottom: int | None = None) -> None:
        # A missing or 0 parameter means the screen edge (pyte keeps the current margin, and does not
        # home the cursor when both are missing).
        super().set_margins(top or 1, bottom or self.lines)


def _normalise(cells: list[list[tuple]]) -> list[list[tuple]]:
    """Blank broken halves of wide characters (pyte leaves them when one half is overwritten)."""
    out = []
    for row in cells:
        row = list(row)
        for x, cell in enumerate(row):
            char = cell[0]
            head = bool(char) and wcwidth(char[0]) == 2
            if head and (x + 1 >= len(row) or row[x + 1][0] != ""):
                row[x] = (" ", *cell[1:])
            if char == "" and (x == 0 or not (row[x - 1][0] and wcwidth(row[x - 1][0][0]) == 2)):
                row[x] = (" ", *cell[1:])
        out.append(row)
    return out


def pyte_view(screen: pyte.Screen) -> tuple:
    cells = [[tuple(screen.buffer[y][x]) for x in range(screen.columns)] for y in range(screen.lines)]
    return _normalise(cells), (screen.cursor.x, screen.cursor.y), screen.cursor.hidden


def _pyte_fields(style: Style) -> tuple:
    """The fields pyte's Char has after its data: the first eight, underline as a flag."""
    return (style.fg, style.bg, style.bold, style.italics, bool(style.underline), *style[5:8])


def our_view(screen: TerminalScreen) -> tuple:
    cells = [
        [("" if c == STUB else c, *_pyte_fields(s)) for c, s in zip(line.chars, line.styles, strict=True)]
        for line in screen.buffer
    ]
    return _normalise(cells), (screen.cursor_x, screen.cursor_y), screen.cursor_hidden


_SGR_CODES = [0, 1, 3, 4, 5, 7, 9, 22, 23, 24, 25, 27, 29, *range(30, 38), 39, *range(40, 48), 49]
_SGR_CODES += [*range(90, 98), 100, 101, 102, 103, 104, 106, 107]
_count = st.one_of(st.integers(0, 12), st.sampled_from([99, 9999, 99999999]))
_text = st.text(alphabet="abcXYZ 09가나한글中lqkjmxtuvwn", min_size=1, max_size=30)
_sgr = st.one_of(
    st.lists(st.sampled_from(_SGR_CODES), max_size=4).map(lambda p: f"\x1b[{';'.join(map(str, p))}m"),
    st.integers(0, 255).map(lambda n: f"\x1b[38;5;{n}m"),
    st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255)).map(
        lambda c: f"\x1b[48;2;{c[0]};{c[1]};{c[2]}m"
    ),
)
_csi = st.tuples(_count, st.sampled_from("ABCDEFGdaeXP@LM")).map(lambda p: f"\x1b[{p[0]}{p[1]}")
_erase = st.tuples(st.sampled_from([0, 1, 2]), st.sampled_from("JK")).map(lambda p: f"\x1b[{p[0]}{p[1]}")
_cup = st.tuples(_count, _count).map(lambda p: f"\x1b[{p[0]};{p[1]}H")
_margins = st.one_of(
    st.tuples(st.integers(0, 9), st.integers(0, 9)).map(lambda p: f"\x1b[{p[0]};{p[1]}r"), st.just("\x1b[r")
)
_simple = st.sampled_from(
    [
        *["\r", "\n", "\r\n", "\b", "\t", "\x1b7", "\x1b8", "\x1bD", "\x1bM", "\x1bH", "\x1b[g", "\x1b[3g"],
        *["\x1b[?7l", "\x1b[?7h", "\x1b[4h", "\x1b[4l", "\x1b[?25l", "\x1b[?25h", "\x1b[20h", "\x1b[20l"],
        "\x1bc",
        *["\x1b(0", "\x1b(B", "\x1b)0", "\x1b)B", "\x0e", "\x0f"],
    ]
)
_op = st.one_of(_text, _text, _text, _sgr, _csi, _erase, _cup, _margins, _simple)


def _reference(data: str, cols: int, rows: int) -> ReferenceScreen:
    reference = ReferenceScreen(cols, rows)
    stream = pyte.Stream(reference)
    stream.use_utf8 = False  # pyte ignores SCS, SO and SI in UTF-8 mode; xterm (and ncurses) use them
    stream.feed(data)
    return reference


def _compare(ops: list[str], cols: int, rows: int, splits: list[int]) -> None:
    data = "".join(ops)
    reference = _reference(data, cols, rows)
    ours = TerminalScreen(cols, rows)
    stream = TerminalStream(ours)
    cuts = sorted({0, len(data), *(s % (len(data) + 1) for s in splits)})
    for a, b in itertools.pairwise(cuts):
        stream.feed_text(data[a:b])
    assert our_view(ours) == pyte_view(reference), repr(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ops=st.lists(_op, min_size=1, max_size=40),
    cols=st.integers(3, 16),
    rows=st.integers(2, 7),
    splits=st.lists(st.integers(0, 10_000), max_size=4),
)
def test_generated_inputs_match_pyte(ops, cols, rows, splits):
    _compare(ops, cols, rows, splits)


CORPUS = {
    "colours": "\x1b[31mred\x1b[1;42mbold on green\x1b[0m \x1b[38;5;123m256\x1b[48;2;1;2;3mtrue\x1b[0m",
    "cursor motion": "abc\x1b[2;5Hx\x1b[Ay\x1b[3Bz\x1b[10Dw\x1b[2Cv\x1b[5Gu\x1b[4dt",
    "scrolling region": "1\r\n2\r\n3\r\n4\r\n5\x1b[2;4r\x1b[4;1H\n\nnew\x1bMrev\x1b[r",
    "wide chars": "한글 테스트 漢字 mixed 가나다라마바사아자차카타파하",
    "line wrap": "0123456789" * 5 + "\x1b[?7lnowrap0123456789\x1b[?7h",
    "erase": "abcdefghij\r\nklmnopqrst\x1b[1;5H\x1b[K\x1b[2;3H\x1b[1K\x1b[1;1H\x1b[J\x1b[44m\x1b[2J",
    "insert delete": "abcdefghij\x1b[1;3H\x1b[2@\x1b[3P\r\n1\r\n2\r\n3\x1b[2;1H\x1b[L\x1b[2M",
    "tabs": "a\tb\tc\x1b[3g\x1b[1;4H\x1bH\rx\ty",
    "line drawing": (
        "\x1b[2J\x1b[1;1H\x1b(0lqqqqqqqqwqqqqk\x1b(B\r\n"
        "\x1b(0x\x1b(B 한글OK \x1b(0x\x1b(B abc\x1b(0x\x1b(B\r\n"
        "\x1b)0\x0etqqqqqqqqnqqqqu\x0f\r\n\x0emqqqqqqqqvqqqqj\x0f done\r\n"
        "\x1b(0\x1b7\x1b(Bq\x1b8q\x1b(B\r\n" + "\x1b(0lqqk\r\nx  x\r\nmqqj\x1b(B\r\n" * 4
    ),
}


def test_corpus_matches_pyte():
    for name, data in CORPUS.items():
        for cols, rows in ((10, 4), (13, 6), (80, 24)):
            reference = _reference(data, cols, rows)
            ours = TerminalScreen(cols, rows)
            TerminalStream(ours).feed_text(data)
            assert our_view(ours) == pyte_view(reference), name


def _log_flood(lines: int) -> str:
    """Kernel-log-like lines (SGR resets, colours, Korean, long lines that wrap) that scroll the screen."""
    words = ["새 장치가 연결되었습니다", "eth0 link up", "디스크 검사", "I/O error, dev sda", "온도"]
    colours = ["\x1b[32m", "\x1b[1;33m", "\x1b[38;5;75m", "\x1b[38;2;255;128;0m", "\x1b[0;2m", "\x1b[m"]
    out = []
    for i in range(lines):
        text = words[i % len(words)] * (1 + i % 3)
        out.append(f"\x1b[0;2m[{i:5d}]\x1b[0m {colours[i % len(colours)]}{text}\x1b[0m \x1b[1mx\x1b[22m\r\n")
    return "".join(out)


def test_log_flood_with_scrolling_matches_pyte():
    """The scroll fast path (fresh lines, cached layouts, reset-SGR cache) changes speed only."""
    data = _log_flood(60)
    for cols, rows in ((17, 5), (40, 8), (80, 24)):
        for splits in ([], [1, 7, 100, 333], list(range(0, len(data), 97))):
            _compare([data], cols, rows, splits)
