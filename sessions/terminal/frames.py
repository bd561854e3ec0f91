"""Frames of a full-screen program (``top``, a dashboard) that the next frame in the same read overwrites.

``top`` rewrites its whole screen from home every refresh: ``ESC [ H``, rows of text and SGR joined by
CR LF, each ended by EL, then ED. A 32 KiB read holds several such frames, and only the last one is ever
painted. A frame here is what lies between two homes (``ESC [ H``) of one read when it is nothing but plain
rows (printable text without zero-width characters, SGR, maybe EL at the end of a row) joined by CR LF,
maybe ending in ED; no row wider than the screen. Such a frame is *covered* by the next one when every row
it touches is rewritten whole by the next: a row of the next frame that ends in EL or fills the row
exactly, or a row its ED erases. A covered frame is skipped: what it leaves behind (the style after it,
the rows it no longer lets run on) is applied, nothing is drawn. The screen must be one where the frame
cannot scroll (it ends above the bottom margin) and draws as written (no origin or insert mode, no
character set translation).

Everything comes out exactly as drawing each frame would have made it (tests/terminal/test_shortcuts.py).
"""

from __future__ import annotations

from itertools import accumulate, pairwise, repeat
from typing import NamedTuple

from sessions.patterns import compile_pattern
from sessions.terminal.deferred import ERASE_TO_END, PLAIN_TEXT, SGR_RE
from sessions.terminal.screen import TerminalScreen
from sessions.terminal.sgr import style_after_sgr
from sessions.terminal.width import nfc, to_cells

HOME = "\x1b[H"
_ERASE_BELOW = "\x1b[J"
_ROW = f"{PLAIN_TEXT}(?:\x1b\\[K)?+"
#: A frame after its home: plain rows joined by CR LF, maybe ED.
_FRAME_RE = compile_pattern(f"(?:{_ROW}\r\n)*+{_ROW}(?:\x1b\\[J)?+")
#: An SGR parameter string that resets every attribute (``ESC [ m``, ``ESC [ 0 m``).
_RESETS = frozenset(["\x1b[m", "\x1b[0m"])
#: More homes than this in one read: frames too small to be worth looking at (a flood of clear screens).
MAX_FRAMES = 256


class Frame(NamedTuple):
    """What a frame touches and what it rewrites whole.

    last: the row it ends on (it starts on row 0). erases_below: it ends in ED. clears: rows it stops
    from running on (EL, ED). full: every row but the last is rewritten whole; last_full: the last too.
    """

    text: str  # after the home
    last: int
    erases_below: bool
    clears: range | list[int]
    full: bool
    last_full: bool


def _width(row: str) -> int:
    if "\x1b" in row:
        row = SGR_RE.sub("", row)
    return len(row) if row.isascii() else len(to_cells(nfc(row)) or "")


def read_frame(body: str, cols: int) -> Frame | None:
    """The frame that *body* follows a home with (up to the next home), or None when it is not one."""
    if _FRAME_RE.fullmatch(body) is None:
        return None
    text = body
    erases_below = body.endswith(_ERASE_BELOW)
    if erases_below:
        body = body[:-3]
    rows = body.split("\r\n")
    last = len(rows) - 1
    if (
        body.isascii()
        and all(map(str.endswith, rows, repeat(ERASE_TO_END)))
        and max(map(len, rows)) <= cols + 3
    ):  # every row ends in EL and fits (top): all rewritten whole
        return Frame(text, last, erases_below, range(last + 1), True, True)
    clears = []
    full = True
    row_full = True
    for y, row in enumerate(rows):
        erased = row.endswith(ERASE_TO_END)
        if erased:
            clears.append(y)
            if len(row) - 3 <= cols and row.isascii():
                row_full = True
                continue
            width = _width(row[:-3])
        else:
            width = len(row) if "\x1b" not in row and row.isascii() else _width(row)
        if width > cols:
            return None  # it would wrap
        row_full = erased or width == cols
        if not row_full and y < last:
            full = False
    return Frame(text, last, erases_below, clears, full, row_full)


def covers(after: Frame, before: Frame) -> bool:
    """Whether *after*, drawn right after *before*, rewrites every row *before* touched."""
    if not after.full:
        return False
    if after.erases_below:
        return True
    if before.erases_below:
        return False
    return before.last < after.last or (before.last == after.last and after.last_full)


def can_skip(screen: TerminalScreen, frame: Frame, after: Frame) -> bool:
    """Whether the screen draws both frames as written, without scrolling."""
    return (
        not screen.origin
        and not screen.insert_mode
        and screen.charset is None
        and max(frame.last, after.last) <= screen.margins[1]
    )


def skip(screen: TerminalScreen, frame: Frame) -> None:
    """Leave behind what *frame* would have, but what the next frame rewrites: the style after it, and
    the rows it stops from running on (EL, and ED from its last row down)."""
    buffer = screen.buffer
    for y in frame.clears:
        buffer[y].wrapped = False
    if frame.erases_below:
        for y in range(frame.last, screen.rows):
            buffer[y].wrapped = False
    if "\x1b[" in frame.text:
        style = screen.style
        tokens = SGR_RE.findall(frame.text)
        for i in range(len(tokens) - 1, -1, -1):
            if tokens[i] in _RESETS:
                del tokens[:i]
                break
        for token in tokens:
            style = style_after_sgr(style, token)
        screen.style = style
    screen.blank_style = None
    screen.dirty_all = True


def frame_spans(data: str, cols: int) -> list[tuple[int, Frame, Frame]]:
    """(start, frame, next frame) for every frame of *data* covered by the next one; the frame runs from
    *start* to where the next begins."""
    pieces = data.split(HOME)
    if not 4 <= len(pieces) <= MAX_FRAMES:  # the first piece is what comes before the first home
        return []
    starts = list(accumulate([len(piece) + 3 for piece in pieces], initial=-3))[1:-1]
    frames = [read_frame(piece, cols) for piece in pieces[1:-1]]
    return [
        (starts[i], frame, after)
        for i, (frame, after) in enumerate(pairwise(frames))
        if frame is not None and after is not None and covers(after, frame)
    ]
