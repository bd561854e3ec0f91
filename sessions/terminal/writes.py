"""Rows written at positions (CUP, then text, SGR, CUF, EL, CR LF, more CUPs) noted on the rows, not drawn.

vim draws a page, a scrolled-in line or a redraw of a split as: CUP to a row, the row's text in many short
SGR pieces with CUF over cells that already hold blanks, maybe CUP to where the text ends and EL, then
the next row. The stream's tokenizer takes such a run as one token (``WRITES``); each piece of text is
noted on its row (rowwrites.py) with the column and style it starts in, and laid out only when the row is
read, so rows a later write or scroll replaces cost a note, not a layout. Text that would reach the last
column (a wrap or a clamp) and CR LF at the bottom of a region are run the ordinary way.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sessions.patterns import compile_pattern
from sessions.terminal.deferred import ERASE_TO_END, SGR_RE, style_after
from sessions.terminal.rowwrites import CUP, MOVES_RE, PIECES_RE, Written, cuf_count
from sessions.terminal.screen import TerminalScreen
from sessions.terminal.style import Style
from sessions.terminal.width import SPACING_RUN, layout

_PIECE = f"(?:\x1b\\[(?:[0-9;:]*+m|[0-9]{{0,3}}C|[0-9]{{1,3}};[0-9]{{1,3}}H|K)|\r\n|{SPACING_RUN})"
#: What may follow the CUP a token starts with: text, SGR or CUF.
_FIRST = f"(?=[\x20-\x7e]|\x1b\\[[0-9;:]*m|\x1b\\[[0-9]{{0,3}}C|{SPACING_RUN})"
#: The token: a CUP with text, SGR or CUF right after it, then any of those, CUP, EL and CR LF (written as
#: an unrolled loop: runs of ASCII text between the other pieces).
WRITES = f"{CUP}{_FIRST}[\x20-\x7e]*+(?:{_PIECE}[\x20-\x7e]*+)*+"
#: How such a token starts (the tokenizer has matched the rest).
_START_RE = compile_pattern(CUP + _FIRST)
_CUF_RE = compile_pattern("\x1b\\[([0-9]{0,3})C")


def is_written(token: str) -> bool:
    """Whether *token* is rows written at positions (what the stream's tokenizer makes of them)."""
    return _START_RE.match(token) is not None


def _width(text: str) -> int | None:
    """Cells the cursor moves over writing *text* (text, SGR, CUF) from a column, unclamped, each piece of
    text between the sequences laid out on its own, as drawing does; None when one is not laid out as it
    stands (zero-width characters after composing)."""
    total = 0
    for i, piece in enumerate(PIECES_RE.split(text)):
        if i % 2:
            if piece[-1] == "C":
                total += cuf_count(piece[2:-1])
        elif piece:
            cells = piece if piece.isascii() else layout(piece)
            if cells is None:
                return None
            total += len(cells)
    return total


#: CUP token -> its row and column, at least 1 (a program puts the cursor on the same few places).
_CUPS: dict[str, tuple[int, int]] = {}


def _cup(token: str) -> tuple[int, int]:
    row, _, column = token[2:-1].partition(";")
    found = (max(1, int(row)), max(1, int(column)))
    if len(_CUPS) >= 4096:
        _CUPS.clear()
    _CUPS[token] = found
    return found


def _spaces(match: re.Match[str]) -> str:
    return " " * cuf_count(match[1])


def _style_after(style: Style, token: str) -> Style:
    """The style after the SGR of *token*: from its last reset on, when it has one."""
    if "m" not in token:
        return style
    at = max(token.rfind("\x1b[m"), token.rfind("\x1b[0m"))
    return style_after(style, [token[at:] if at >= 0 else token])


def write(
    screen: TerminalScreen, token: str, run: Callable[[str], None], draw: Callable[[str], None]
) -> None:
    """Note the writes of *token* on their rows and move the cursor and style as drawing would; what cannot
    be noted is given to *run* (the stream's ordinary way) with the screen in step, or all of it to *draw*
    (token by token) in insert mode, origin mode or with a character set."""
    if screen.insert_mode or screen.charset is not None or screen.origin:
        draw(token)
        return
    cols, rows, buffer = screen.cols, screen.rows, screen.buffer
    found = _CUPS.get(token[: token.index("H") + 1])
    if found is None:
        found = _cup(token[: token.index("H") + 1])
    x, y = min(found[1], cols) - 1, min(found[0], rows) - 1
    if buffer[y].written_start() == x:  # a row kept as text, written over from its start (a read cut it):
        screen.cursor_x, screen.cursor_y = x, y  # the ordinary way keeps it so
        run(token[token.index("H") + 1 :])
        return
    dirty_add = screen.dirty.add
    # The cells each piece moves over, from the token without SGR and CUF as blanks, cut at its moves (the
    # same places as the token itself: written lays that out when a row is read).
    bare = SGR_RE.sub("", token) if "m" in token else token
    if "C" in bare:
        bare = _CUF_RE.sub(_spaces, bare)
    cells = MOVES_RE.split(bare)
    written = Written(token, screen.style)
    screen.blank_style = None  # (unknown from here on: a hint, safe to drop)
    last = len(cells) - 1
    for i in range(0, last + 1, 2):
        text = cells[i]
        if text:
            if text.isascii():
                width: int | None = len(text)
            else:
                width = _width(written.pieces()[i])
            line = buffer[y]
            if width is not None and x + width < cols and line.written_start() != x:
                line.write_later((x, written, i))
                dirty_add(y)
                x += width
            else:  # (or a row kept as text written over from its start, as above)
                screen.cursor_x, screen.cursor_y = x, y
                screen.style = written.start(i)
                run(written.pieces()[i])
                x, y = screen.cursor_x, screen.cursor_y
                written = Written(token, screen.style, written.pieces(), i + 1)  # (on from the style it left)
        if i == last:
            break
        move = cells[i + 1]
        if move[-1] == "H":
            found = _CUPS.get(move)
            if found is None:
                found = _cup(move)
            y = min(found[0], rows) - 1
            x = min(found[1], cols) - 1
        elif move == ERASE_TO_END:
            if x >= cols:  # (a pending wrap a piece run the ordinary way left: EL ends it first)
                screen.cursor_x, screen.cursor_y, screen.style = x, y, written.start(i + 1)
                run(move)
                x, y = screen.cursor_x, screen.cursor_y
                continue
            buffer[y].write_later((x, written, i + 1))
            dirty_add(y)
            buffer[y].wrapped = False
        else:  # CR LF
            x = 0
            if y == screen.margins[1]:
                screen.cursor_x, screen.cursor_y = x, y
                screen.style = written.start(i + 1)
                run("".join(written.pieces()[i + 1 :]))  # (scrolling: a log after a CUP goes the way logs go)
                return
            if y < rows - 1:
                y += 1
    screen.cursor_x, screen.cursor_y = x, y
    screen.style = _style_after(written.style, token)
