"""Writes kept on a row until someone reads its cells: text with SGR and CUF from a column, EL from a column.

A full-screen program writes a row many times before anyone paints it (a page, a held key). Each write
is noted on the row in order (``RowWrites``) and applied, exactly as drawing would have done it, when the
row's cells are first read (``Line.chars``); a row replaced whole or scrolled out of a region in the
meantime is never laid out. Only writes that end short of the last column are noted (no wrap, no clamp),
so each write's effect depends on nothing but the cells it lands on.
"""

from __future__ import annotations

from sessions.patterns import compile_pattern
from sessions.terminal.deferred import recent_style, style_after
from sessions.terminal.sgr import style_after_sgr
from sessions.terminal.style import Style, erase_style
from sessions.terminal.width import STUB, layout

#: CUP (two parameters), CR LF and EL: what moves the cursor or erases between the pieces of text of a token
#: of rows written at positions (writes.py).
CUP = "\x1b\\[[0-9]{1,3};[0-9]{1,3}H"
MOVES_RE = compile_pattern(f"({CUP}|\r\n|\x1b\\[K)")
#: SGR and CUF in a written text (what is between them is printable text without zero-width characters).
PIECES_RE = compile_pattern("(\x1b\\[[0-9;:]*m|\x1b\\[[0-9]{0,3}C)")
#: Writes a row keeps before they are applied (a row rewritten over and over without being read).
MAX_WRITES = 32
#: Pieces a style is read back over before the styles of all a token's pieces are worked out at once.
_READ_BACK = 16


class Written:
    """One token of rows written at positions: its pieces (text at even indexes, moves at odd ones), cut when
    a row first needs them, and the style each piece from *base* on starts in, from *style* (the style at
    piece *base*; the pieces may be given, cut already)."""

    __slots__ = ("_base", "_pieces", "_starts", "style", "token")

    def __init__(self, token: str, style: Style, pieces: list[str] | None = None, base: int = 0) -> None:
        self.token = token
        self.style = style
        self._pieces = pieces
        self._base = base
        self._starts: list[Style] | None = None  # the styles of pieces base, base + 1, ... worked out so far

    def pieces(self) -> list[str]:
        if self._pieces is None:
            self._pieces = MOVES_RE.split(self.token)
        return self._pieces

    def start(self, index: int) -> Style:
        """The style piece *index* (at least the base) starts in: read back from there when the pieces just
        before it decide it (a program resets its colours every few pieces) or the base is near; else worked
        out forward from the base, as far as asked and remembered (never a token's length per row)."""
        pieces, base, starts = self.pieces(), self._base, self._starts
        if starts is None:
            found = recent_style(self.style, pieces, index, _READ_BACK, base)
            if found is not None:
                return found
            starts = self._starts = [self.style]
        while len(starts) <= index - base:
            at = base + len(starts) - 1
            text = pieces[at]
            starts.append(style_after(starts[-1], [text]) if at % 2 == 0 and "m" in text else starts[-1])
        return starts[index - base]


#: One write: (column, what, index). *what* is the ``Written`` token with the index of a piece of text (even)
#: or of an EL (odd); or the style of the moment for EL from the column.
Write = tuple[int, Written | Style, int]


def _is_text(write: Write) -> bool:
    return write[1].__class__ is Written and write[2] % 2 == 0


def cuf_count(parameter: str) -> int:
    """The cells a CUF with this parameter moves over (none or 0 is one)."""
    return int(parameter or 1) or 1


def fix_edges(
    chars: list[str], styles: list[Style], start: int, end: int, style: Style, end_style: Style | None = None
) -> None:
    """After cells [start, end) of a row are overwritten while *style* was current (*end_style* at the end,
    if it changed), blank the orphaned halves of wide characters in its colours only, as xterm's WriteText
    and ClearRight blank a wide character they cut (ClearInLine -> ClearCells, util.c and screen.c)."""
    if 0 < start < len(chars) and chars[start] == STUB:
        chars[start - 1] = " "
        styles[start - 1] = erase_style(style)
    if end < len(chars) and chars[end] == STUB:
        chars[end] = " "
        styles[end] = erase_style(style if end_style is None else end_style)


class RowWrites:
    """The writes noted on one row, oldest first."""

    __slots__ = ("writes",)

    def __init__(self, write: Write) -> None:
        self.writes = [write]

    def add(self, write: Write) -> bool:
        """Note *write*; False when the row has noted enough (apply them first). An EL from a column makes
        the ELs noted from there on and the text noted right of it irrelevant (text from that very column
        may have blanked the half of a wide character before it: it stays)."""
        writes = self.writes
        x = write[0]
        if write[2] % 2 or write[1].__class__ is not Written:  # EL
            if x == 0:
                writes.clear()
            else:
                writes[:] = [w for w in writes if w[0] < x or (w[0] == x and _is_text(w))]
        if len(writes) >= MAX_WRITES:
            return False
        writes.append(write)
        return True

    def apply(self, chars: list[str], styles: list[Style]) -> None:
        """Apply the writes, in order, to a row's cells (in place)."""
        cols = len(chars)
        for x, what, index in self.writes:
            if what.__class__ is Written:
                style = what.start(index)  # type: ignore[union-attr]
                if index % 2 == 0:
                    _draw(chars, styles, x, what.pieces()[index], style)  # type: ignore[union-attr]
                    continue
            else:
                style = what  # type: ignore[assignment]
            blank = erase_style(style)  # EL: blanks in the colours of the moment
            fix_edges(chars, styles, x, cols, style)
            chars[x:] = [" "] * (cols - x)
            styles[x:] = [blank] * (cols - x)


def _draw(chars: list[str], styles: list[Style], x: int, text: str, style: Style) -> None:
    """Text with SGR and CUF from column *x*, as drawing it would."""
    for i, piece in enumerate(PIECES_RE.split(text)):
        if i % 2:
            if piece[-1] == "m":
                style = style_after_sgr(style, piece)
            else:
                x += cuf_count(piece[2:-1])
        elif piece:
            cells = piece if piece.isascii() else layout(piece) or ""
            end = x + len(cells)
            fix_edges(chars, styles, x, end, style)
            chars[x:end] = cells  # type: ignore[assignment]  # (one character per cell)
            styles[x:end] = [style] * (end - x)
            x = end
