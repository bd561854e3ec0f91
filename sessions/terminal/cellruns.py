"""Runs of one colour per cell (an image viewer's half blocks: ``ESC [ 38;2;r;g;b;48;2;r;g;b m ▀`` over
and over) written in one call.

A run is SGR and one character, at least twice. When every SGR of it sets both colours (24-bit or 256,
the plain ``;`` form) and the run fits on the cursor's line, each cell's style follows from its SGR alone
(the other attributes stay those before the run): the styles are interned by the SGR's parameter string,
so a colour that comes again costs one lookup, and the run is two slice assignments. Anything else is
drawn token by token. The characters are narrow ones that stay as they are when composed (ASCII, Latin,
punctuation, arrows, box drawing, blocks, shapes), so the run lays out one cell per character.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from sessions.patterns import compile_pattern
from sessions.terminal.screen import TerminalScreen
from sessions.terminal.sgr import fast_sgr
from sessions.terminal.style import Style, new_style
from sessions.terminal.width import STUB, char_width

#: Most interned styles kept (a photo has more colours than that; the table then starts over).
MAX_STYLES = 4096
_UNSET = "unset"


def _cell_chars() -> str:
    """A character class of the narrow characters that NFC leaves alone and that join nothing."""
    ranges = []
    for lo, hi in ((0x20, 0x7E), (0xA0, 0x24F), (0x2010, 0x2BFF)):
        start = None
        for code in range(lo, hi + 2):
            char = chr(code)
            ok = (
                code <= hi
                and char_width(char) == 1
                and unicodedata.normalize("NFC", char) == char
                and unicodedata.category(char)[0] not in "MC"
                and unicodedata.category(char) not in ("Zl", "Zp")
            )
            if ok and start is None:
                start = code
            elif not ok and start is not None:
                ranges.append((start, code - 1))
                start = None
    return "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]"


CELL_CHAR = _cell_chars()
#: An SGR of at least two parameters: one that sets both colours has them (an SGR of one parameter, as a
#: syntax-highlighted row's ``ESC [ m`` and ``ESC [ 31 m`` before a character or two, never does: such a
#: row is not taken for a run, to be drawn token by token again at a cost, as it was).
_SGR = "\x1b\\[[0-9]*;[0-9;]*m"
#: Pattern of a run: SGR and one character, at least twice.
CELL_RUN = f"{_SGR}{CELL_CHAR}(?:{_SGR}{CELL_CHAR})+"
_UNIT_RE = compile_pattern(f"\x1b\\[([0-9;]*)m({CELL_CHAR})")
_RUN_START_RE = compile_pattern(f"{_SGR}{CELL_CHAR}\x1b")


def is_cell_run(token: str) -> bool:
    """Whether *token* is such a run (what the stream's tokenizer makes of ``CELL_RUN``)."""
    return _RUN_START_RE.match(token) is not None


class CellRuns:
    """Writes cell runs on *screen*; *draw* draws text token by token (the stream's slow way)."""

    def __init__(self, screen: TerminalScreen, draw: Callable[[str], None]) -> None:
        self.screen = screen
        self._draw = draw
        self._styles: dict[str, Style] = {}  # SGR parameters -> style, for the attributes in _rest
        self._rest: tuple[object, ...] = ()

    def write(self, token: str) -> None:
        screen = self.screen
        units = _UNIT_RE.findall(token)
        x, end = screen.cursor_x, screen.cursor_x + len(units)
        if end > screen.cols or screen.insert_mode or screen.charset is not None:
            self._draw(token)
            return
        styles = self._styles_of(units)
        if styles is None:
            self._draw(token)
            return
        y = screen.cursor_y
        line = screen.buffer[y]
        written = line.written_start()
        if x == 0 and end == screen.cols:  # the whole row: what it held is not looked at
            line.replace_cells([char for _body, char in units], styles)
        elif written == x:  # the row is kept as text, written from its start up to here
            line.write_start(x, [char for _body, char in units], styles, screen.cols)
        else:
            chars = line.chars
            if (x and chars[x] == STUB) or (end < len(chars) and chars[end] == STUB):
                line.fix_wide_edges(x, end, styles[0], styles[-1])
            chars[x:end] = [char for _body, char in units]
            line.styles[x:end] = styles
        screen.cursor_x = end
        screen.style = styles[-1]
        screen.blank_style = None
        screen.dirty.add(y)

    def _styles_of(self, units: list[tuple[str, str]]) -> list[Style] | None:
        """The style of each unit, or None unless every SGR sets both colours (in the plain form)."""
        rest = self.screen.style[2:]
        if rest != self._rest:
            self._styles.clear()
            self._rest = rest
        known = self._styles
        styles = []
        base = None
        for body, _char in units:
            style = known.get(body)
            if style is None:
                if base is None:
                    base = new_style([_UNSET, _UNSET, *rest])
                style = fast_sgr(base, body)
                if style is None or style.fg is _UNSET or style.bg is _UNSET:
                    return None
                if len(known) >= MAX_STYLES:
                    known.clear()
                known[body] = style
            styles.append(style)
        return styles
