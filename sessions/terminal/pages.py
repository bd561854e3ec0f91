"""Pages overwritten in the same read are not drawn (real vim, less, man: a page is a clear and its rows).

vim pages with ``ESC [ H ESC [ 2 J`` (CUP home, erase the whole screen) and then draws the page: rows
joined by CR LF, many short SGR and text pieces, CUF over blanks, rows rewritten in place (CUP, text, EL),
DECSTBM and line feeds to scroll part of the screen. Paging fast, a read holds several pages. On the
alternate screen (nothing reaches the scrollback there), what comes before the last clear of a read can
only change cells the clear erases, the cursor the clear puts home, the style, the margins and a few
modes: when every token of it is such a token (``kind``), none of it is drawn. What it leaves is the style
after it (its SGR read back from the end), and its DECSTBMs, scrolling steps and modes nothing else reads
(cursor visibility, keys, mouse, paste) are run in order. Anything else before the clear (a report, a
title, a saved cursor, a character set, a bell, a mode the screen keeps) ends the run of what is skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress

from sessions.patterns import compile_pattern
from sessions.terminal.cellruns import is_cell_run
from sessions.terminal.controls import Handler, scroll_step_regions
from sessions.terminal.deferred import ERASE_TO_END
from sessions.terminal.plainlines import is_positioned
from sessions.terminal.writes import is_written

#: CUP home and erase the whole screen: one token of the stream's tokenizer.
CLEAR = "\x1b[H\x1b[2J"
#: Kinds of token before a clear (0: not skippable): skipped (cursor, cells, SGR), run (margins, modes).
SKIPPED, RUN = 1, 2
_MOVES_RE = compile_pattern(
    "(?:\x1b\\[[0-9;]*[Hf]|\x1b\\[[0-2]?[JK]|\x1b\\[[0-9]{0,4}[A-FGLMPSTX@IZabde`]|[\r\n\x08\x0b\x0c]|\x1b[DEM])+"
)
_SGR_RE = compile_pattern(
    "(?:\x1b\\[[0-9;:]*m)+|\x1b\\[\\?[0-9;]*m"
)  # SGR, a run of them (ESC [ ? 4 m: ignored)
_MARGINS_RE = compile_pattern("\x1b\\[[0-9;]*r")
_PRIVATE_MODE_RE = compile_pattern("\x1b\\[\\?[0-9;]*[hl]")
_KINDS: dict[str, int] = {}
_MAX_KNOWN = 4096
_LONGEST_KNOWN = 64


def kind(token: str, modes: dict[str, Handler], compile_token: Callable[[str], Handler]) -> int:
    """What a token before a clear on the alternate screen does: ``SKIPPED``, ``RUN`` or 0 (it may change
    something else). *modes*: the tokens that set modes nothing else reads (filled as tokens are compiled,
    by *compile_token*: a private mode not seen yet is compiled to find out)."""
    if token in modes:  # (not remembered: the table may start over)
        return RUN
    if _PRIVATE_MODE_RE.fullmatch(token):
        compile_token(token)
        return RUN if token in modes else 0
    found = _KINDS.get(token)
    if found is not None:
        return found
    if _SGR_RE.fullmatch(token) or _MOVES_RE.fullmatch(token):
        found = SKIPPED
    elif _MARGINS_RE.fullmatch(token) or scroll_step_regions(token) is not None:
        found = RUN
    elif _draws_rows(token):  # long and never the same: not remembered
        return SKIPPED
    else:
        found = 0
    if len(token) <= _LONGEST_KNOWN:
        if len(_KINDS) >= _MAX_KNOWN:
            _KINDS.clear()
        _KINDS[token] = found
    return found


def _draws_rows(token: str) -> bool:
    """CR LF and plain lines, rows rewritten in place or written at positions, a colour per cell: text, SGR,
    CUF, CUP, EL (CR LF among them may scroll: only cells and the cursor change)."""
    return (
        token[:2] == "\r\n"
        or (token.endswith(ERASE_TO_END) and is_positioned(token))
        or is_written(token)
        or is_cell_run(token)
    )


def skippable(
    parts: list[str], modes: dict[str, Handler], compile_token: Callable[[str], Handler]
) -> list[tuple[int, int]]:
    """Spans ``parts[start:stop]`` of a split (text, token, text, ...) that a clear at *stop* overwrites,
    when on the alternate screen, in order: the last clear's first, then before the token that ended it,
    the last clear before that, and so on (an empty span where nothing before a clear may be skipped)."""
    clears = list(compress(range(len(parts)), map(CLEAR.__eq__, parts)))
    spans = []
    known = _KINDS  # (a token remembered there is no mode: looked up first)
    while clears:
        stop = clears.pop()
        start = stop
        while start > 1 and (known.get(parts[start - 2]) or kind(parts[start - 2], modes, compile_token)):
            start -= 2
        spans.append((start, stop))
        while clears and clears[-1] >= start:  # (clears inside the span are skipped with it)
            clears.pop()
    spans.reverse()
    return spans
