"""Redraws of a full-screen program (vim, less) that a later redraw in the same read overwrites.

vim redraws its screen row by row (CUP to a row's first column, text and SGR, EL) and, between redraws,
scrolls a region (set the region, CUP, LF, reset it) and rewrites a row or the status line the same way.
A read holds several redraws; only the last is ever painted. A *redraw* here is a token of at least
``MIN_ROWS`` rows rewritten in place, each ending short of the last column: every row it names is
rewritten whole, whatever it held. The tokens before it in the same read are not run when nothing but
these comes between: rows rewritten in place (each on a row the redraw rewrites, and where a row too wide
may run on to: the rows below it, the whole region when it may scroll), scrolling steps (their region
within the rows the redraw rewrites), CUP, SGR and modes nothing else reads (cursor visibility, keys,
mouse, paste), none of it able to send a row to the scrollback (the alternate screen, or a region below
the top row). What they leave is the style after them (their SGR read back from the end), the margins
the last step sets, and those modes (each token once, in the order of its last time: each sets its modes
to values of its own); the redraw then puts the cursor where it ends.

Everything comes out exactly as running each token would have made it (tests/terminal/test_shortcuts.py).
"""

from __future__ import annotations

from itertools import compress, count, repeat
from operator import add
from typing import NamedTuple

from sessions.patterns import compile_pattern
from sessions.terminal.controls import Handler, scroll_step_regions
from sessions.terminal.deferred import ERASE_TO_END, SGR_RE, style_after
from sessions.terminal.motion import region
from sessions.terminal.plainlines import FEW_ROWS, is_positioned, text_width
from sessions.terminal.screen import TerminalScreen
from sessions.terminal.style import Style

#: Fewer rows than this are not a redraw (not worth looking back for; ``place`` measures them its own way).
MIN_ROWS = FEW_ROWS + 1
#: SGR, or a run of them (the stream's tokenizer makes one token of several one after the other).
_SGRS_RE = compile_pattern(f"(?:{SGR_RE.pattern})+")
#: CUP with at most two parameters (what the screen reads), HVP, or a run of them: they only move the cursor.
_CUP_RE = compile_pattern("(?:\x1b\\[[0-9]*(?:;[0-9]*)?[Hf])+")
#: The CUP that starts each row of rows rewritten in place (their text holds no other escape but SGR).
_ROW_RE = compile_pattern("\x1b\\[([0-9]{1,3});1H")
#: The CUP of a row after the first, with the EL before it (searched for as one string: fast).
_NEXT_ROW_RE = compile_pattern("\x1b\\[K\x1b\\[([0-9]{1,3});1H")
_SHORTEST_CUP = len("\x1b[1;1H")


class Skipped(NamedTuple):
    """What the tokens before a redraw leave: the style after them, the margins, the modes to set."""

    style: Style
    margins: tuple[int, int]
    modes: list[Handler]


def find_redraws(parts: list[str]) -> list[int]:
    """Indexes of the redraws among the tokens of a split (odd indexes: text, token, text, ...)."""
    ending = compress(count(1, 2), map(str.endswith, parts[1::2], repeat(ERASE_TO_END)))
    return [i for i in ending if _rows_at_least(parts[i], MIN_ROWS) and is_positioned(parts[i])]


def _rows_at_least(token: str, rows: int) -> bool:
    """Whether *token* holds at least *rows* ELs (found from the start: a long token is not scanned)."""
    at = -1
    for _ in range(rows):
        at = token.find(ERASE_TO_END, at + 1)
        if at < 0:
            return False
    return True


#: Kinds of token that may be skipped.
_STYLE, _CURSOR, _ROWS, _STEP, _MODE = range(1, 6)
#: Short tokens (a program repeats the same few) -> their kind (0: not skippable); bounded.
_KINDS: dict[str, int] = {}
#: (scrolling step, rows) -> the margins each DECSTBM of it sets (None: none; a program repeats the same few).
_STEPS: dict[tuple[str, int], tuple[tuple[int, int] | None, tuple[int, int] | None]] = {}
_MAX_KNOWN = 4096
_LONGEST_KNOWN = 64


def _kind(token: str, modes: dict[str, Handler]) -> int:
    kind = _KINDS.get(token)
    if kind is not None:
        return kind
    last = token[-1]
    if last == "m":
        kind = _STYLE if _SGRS_RE.fullmatch(token) else 0
    elif last in "Hf":
        kind = _CURSOR if _CUP_RE.fullmatch(token) else 0
    elif last == "K" and token.endswith(ERASE_TO_END) and is_positioned(token):
        return _ROWS  # long and never the same: not remembered
    elif last == "r":
        kind = _STEP if scroll_step_regions(token) is not None else 0
    else:  # a mode is one once compiled (when it first ran): not remembered
        return _MODE if token in modes else 0
    if len(token) <= _LONGEST_KNOWN:
        if len(_KINDS) >= _MAX_KNOWN:
            _KINDS.clear()
        _KINDS[token] = kind
    return kind


def first_skippable(parts: list[str], done: int, stop: int, modes: dict[str, Handler]) -> int | None:
    """The first token of the run of tokens that may be skipped right before token *stop* (with no text
    between them), not before index *done*; None when there is none."""
    i = stop - 2
    kinds = _KINDS
    while (
        i >= done
        and not parts[i + 1]
        and (kinds.get(parts[i]) or parts[i] in modes or _kind(parts[i], modes))
    ):
        i -= 2
    return i + 2 if i + 2 < stop else None


def skip_before(
    screen: TerminalScreen,
    parts: list[str],
    start: int,
    stop: int,
    rewritten: set[int],
    modes: dict[str, Handler],
) -> Skipped | None:
    """What tokens ``parts[start:stop]`` (all skippable, see ``first_skippable``) leave, when the rows
    *rewritten* whole right after them are all they can touch; None when they may touch another."""
    if screen.origin or screen.insert_mode or screen.charset is not None:
        return None
    rows = screen.rows
    alternate = screen.alternate
    margins = screen.margins
    calls: dict[str, Handler] = {}  # in the order of each one's last time
    lo, hi = min(rewritten), max(rewritten)
    if len(rewritten) != hi - lo + 1:  # not one block of rows: only rows rewritten in place and modes
        lo, hi = rows, -1
    tokens = parts[start:stop:2]
    for token in tokens:
        last = token[-1]
        if last == "m":
            continue
        if last == "K":
            if not _rows_within(screen, token, margins, rewritten, hi):
                return None
        elif last == "r":
            scrolled, after = _step_margins(token, rows)
            scrolled = scrolled or margins
            if not (alternate or scrolled[0] > 0) or scrolled[0] < lo or scrolled[1] > hi:
                return None
            margins = after or scrolled
        elif last not in "Hf":
            call = modes.get(token)
            if call is None:  # the table of compiled tokens started over
                return None
            calls.pop(token, None)  # each sets its modes to values of its own: its last time decides
            calls[token] = call
    # The style after them, read back from the end (no other kind of token holds an SGR).
    return Skipped(style_after(screen.style, tokens), margins, list(calls.values()))


def _step_margins(token: str, rows: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The margins the two DECSTBMs of a scrolling step set on a screen of *rows* (None: left alone)."""
    found = _STEPS.get((token, rows))
    if found is None:
        regions = scroll_step_regions(token)
        assert regions is not None, "first_skippable lets only scrolling steps through"
        found = (region(rows, *regions[0]), region(rows, *regions[1]))
        if len(_STEPS) >= _MAX_KNOWN:
            _STEPS.clear()
        _STEPS[(token, rows)] = found
    return found


def _rows_within(
    screen: TerminalScreen, token: str, margins: tuple[int, int], rewritten: set[int], hi: int
) -> bool:
    """Whether rows rewritten in place (*token*) touch only rows in *rewritten* (rows up to *hi* when
    they are one block, else -1): their own, and where one too wide may run on to (an upper bound of its
    cells from its length, measured when that is not enough)."""
    rows, cols = screen.rows, screen.cols
    pieces = token.split(ERASE_TO_END)
    pieces.pop()
    ascii = token.isascii()
    per_char = 1 if ascii else 2  # cells a character may take
    per_row = cols if ascii else max(1, cols - 1)  # cells a row takes at least (a wide character moves on)
    limit = min(hi, margins[1]) if screen.autowrap else rows  # runs on to no row past this: fine
    if len(pieces) <= FEW_ROWS:  # a scrolling step's new row, the status line: one by one
        for piece in pieces:
            y = min(max(int(piece[2 : piece.index(";")]), 1), rows) - 1  # "ESC [ N ; 1 H" starts each
            if y not in rewritten:
                return False
            below = ((len(piece) - _SHORTEST_CUP) * per_char - 1) // per_row  # rows it may run on to
            if y + below > limit and not _row_within(screen, y, below, piece, per_row, margins, rewritten):
                return False
        return True
    ys = [int(piece[2 : piece.index(";")]) - 1 for piece in pieces]
    if min(ys) < 0 or max(ys) >= rows:
        ys = [min(max(y, 0), rows - 1) for y in ys]
    if not rewritten.issuperset(ys):
        return False
    bounds = [((len(piece) - _SHORTEST_CUP) * per_char - 1) // per_row for piece in pieces]
    if max(map(add, ys, bounds)) <= limit:
        return True  # each runs on within the block, and none past the bottom margin (no scrolling)
    return all(
        y + below <= limit or _row_within(screen, y, below, piece, per_row, margins, rewritten)
        for y, piece, below in zip(ys, pieces, bounds, strict=True)
    )


def _row_within(
    screen: TerminalScreen,
    y: int,
    below: int,
    piece: str,
    per_row: int,
    margins: tuple[int, int],
    rewritten: set[int],
) -> bool:
    """Whether a row rewritten in place from row *y* (*piece*: its CUP and text) that may run on to *below*
    rows touches only rows in *rewritten*; measured when the bound is not enough."""
    if below <= 0 or not screen.autowrap or _runs_within(screen, y, below, margins, rewritten):
        return True
    cells = text_width(piece.partition("H")[2])
    return _runs_within(screen, y, (cells - 1) // per_row, margins, rewritten)


def _runs_within(
    screen: TerminalScreen, y: int, below: int, margins: tuple[int, int], rewritten: set[int]
) -> bool:
    """Whether a row written from row *y* that runs on to *below* rows after it touches only rows in
    *rewritten* (the whole region when it scrolls it, never a row sent to the scrollback)."""
    top, bottom = margins
    if not below:
        return y in rewritten
    if y <= bottom < y + below:  # it scrolls the region
        return (screen.alternate or top > 0) and rewritten.issuperset(range(min(y, top), bottom + 1))
    return rewritten.issuperset(range(y, min(y + below, screen.rows - 1) + 1))


def rows_placed(screen: TerminalScreen, token: str) -> set[int]:
    """The rows (0-based) that rows rewritten in place (*token*) go to."""
    rows = screen.rows
    first = _ROW_RE.match(token)
    assert first is not None, "rows rewritten in place start with their CUP"
    # Every other row starts right after the EL of the one before (a row's text holds no EL).
    numbers = set(map(int, [first.group(1), *_NEXT_ROW_RE.findall(token)]))
    if min(numbers) < 1 or max(numbers) > rows:
        numbers = {min(max(number, 1), rows) for number in numbers}
    return {number - 1 for number in numbers}
