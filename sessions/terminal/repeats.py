"""REP: what it repeats, and runs of REP with a character between (``x ESC [ 9999 b`` over and over).

REP repeats the graphic character right before it, as xterm's CASE_REP (charproc.c) does: ``sp->lastchar``
is set by a character drawn and reset by every other sequence (an SGR, a cursor movement, a REP), and a
combining character leaves it as the base character. So REP after anything but text repeats nothing
(``ends_in_text`` tells the stream), and after combining marks it repeats their base character without
them (``base_before``).

A run of REP units is a flood that fills rows fast. Each unit draws a character and repeats it up to the
end of the line (REP stops there, as in tmux). At the bottom of a whole-screen scrolling region with the
cursor at a pending wrap, a unit whose count reaches the end makes one new row of that character, and the
row before it runs on into it: the screen scrolls by one. A run of such units is done as one scroll by all
of them. The rows that go on to the scrollback are one shared row object per character (rows in the
scrollback are never changed), so a flood allocates next to nothing; those that would fall out of the
scrollback at once are only counted.
"""

from __future__ import annotations

from sessions.patterns import compile_pattern
from sessions.terminal.lines import Line
from sessions.terminal.screen import TerminalScreen
from sessions.terminal.style import Style
from sessions.terminal.width import ZERO_RE

#: Pattern of REP followed by (a printable ASCII character, REP) at least once.
REP_RUN = "\x1b\\[[0-9]{0,4}b(?:[\x20-\x7e]\x1b\\[[0-9]{0,4}b)+"
_UNIT_RE = compile_pattern("([\x20-\x7e]?)\x1b\\[([0-9]{0,4})b")
_RUN_START_RE = compile_pattern("\x1b\\[[0-9]{0,4}b[\x20-\x7e]")
_REP_RE = compile_pattern("\x1b\\[[0-9]*b")
#: An escape sequence as the stream's tokens end with one (CSI, or ESC and intermediates and a final).
_SEQUENCE_RE = compile_pattern("\x1b(?:\\[[\x20-\x3f]*[\x40-\x7e]|[\x20-\x2f]*[\x30-\x7e])")


def is_rep(token: str) -> bool:
    """Whether *token* is a REP, or a run of REP units."""
    return _REP_RE.fullmatch(token) is not None or _RUN_START_RE.match(token) is not None


def base_before(text: str) -> str | None:
    """The character REP repeats after *text* when it ends with zero-width ones (combining marks): the
    last one before them (xterm's sp->lastchar), or None when *text* ends with a plain character."""
    if text.isascii() or not ZERO_RE.fullmatch(text[-1]):
        return None
    base = ZERO_RE.sub("", text)
    return base[-1] if base else None


def ends_in_text(piece: str) -> bool:
    """Whether *piece* (text or a token of the stream) ends with a character drawn: what REP repeats."""
    if not piece:
        return False
    last = piece[-1]
    if last < " " or "\x7f" <= last <= "\x9f":
        return False
    esc = piece.rfind("\x1b")
    if esc < 0:
        return True
    found = _SEQUENCE_RE.match(piece, esc)
    return found is None or found.end() < len(piece)


def is_rep_run(token: str) -> bool:
    """Whether *token* is a run of REP units (what the stream's tokenizer makes of ``REP_RUN``)."""
    return _RUN_START_RE.match(token) is not None


def _row(cols: int, char: str, style: Style, wrapped: bool) -> Line:
    line = Line(cols, style)
    line.chars[:] = [char] * cols
    line.wrapped = wrapped
    return line


def repeat_run(screen: TerminalScreen, token: str, first: bool | str = True) -> None:
    """REP, then (character, REP) units, as drawing and repeating each would. *first*: what the first REP
    repeats (as ``TerminalStream._repeats`` says: the character left of the cursor, nothing, or this one)."""
    units = [(char, int(count) if count else 0) for char, count in _UNIT_RE.findall(token)]
    if first is True:
        screen.repeat_last(units[0][1])
    elif first:
        screen.repeat_last(units[0][1], first)
    i, n = 1, len(units)
    while i < n:
        j = i
        if _scrolls_a_row_each(screen):
            least = screen.cols - 1
            while j < n and units[j][1] >= least:
                j += 1
        if j > i:
            _new_rows(screen, [char for char, _count in units[i:j]])
            i = j
            continue
        char, count = units[i]
        screen.draw(char)
        screen.repeat_last(count)
        i += 1


def _scrolls_a_row_each(screen: TerminalScreen) -> bool:
    """Whether a unit that reaches the end of the line makes exactly one new row that scrolls the screen."""
    rows, cols = screen.rows, screen.cols
    return (
        screen.cursor_x >= cols >= 2
        and screen.cursor_y == rows - 1
        and screen.margins == (0, rows - 1)
        and screen.autowrap
        and not screen.insert_mode
        and screen.charset is None
        and not screen.alternate
    )


def _new_rows(screen: TerminalScreen, chars: list[str]) -> None:
    """Wrap into a new row full of each character of *chars* in turn, scrolling the screen by each."""
    cols, rows, style = screen.cols, screen.rows, screen.style
    history, buffer = screen.history, screen.buffer
    k = len(chars)
    buffer[-1].wrapped = True
    gone = min(k, rows)
    history.extend(buffer[:gone])
    to_history = max(0, k - rows)  # new rows that scroll on into the scrollback
    counted = max(0, to_history - history.limit)  # ... and out of it at once
    shared: dict[str, Line] = {}
    for char in chars[counted:to_history]:
        row = shared.get(char)
        if row is None:
            row = shared[char] = _row(cols, char, style, True)
        history.append(row)
    history.added += counted
    new = [_row(cols, char, style, True) for char in chars[to_history:]]
    new[-1].wrapped = False
    del buffer[:gone]
    buffer.extend(new)
    screen.cursor_x = cols
    screen.blank_style = None
    screen.dirty_all = True
