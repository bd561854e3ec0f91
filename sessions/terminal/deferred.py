"""Rows kept as the text that drew them, laid out into cells only when someone looks at them.

A flood of log output scrolls thousands of rows through the screen that are never painted. When complete
lines hold nothing but printable text and SGR (no zero-width characters) and start on a blank row at the
bottom of a full-screen scrolling region, the stream keeps each line's text (``PlainRows``) and where it
wraps. A row's cells are computed, exactly as drawing would have made them, when the row is painted or
read (``Line.chars``); the style each line starts with is worked out then too, from the last SGR reset
before it.
"""

from __future__ import annotations

from sessions.patterns import compile_pattern
from sessions.terminal.sgr import style_after_sgr
from sessions.terminal.style import DEFAULT_STYLE, Style, erase_style
from sessions.terminal.width import SPACING_RUN, STUB, nfc, to_cells

#: An SGR sequence as a plain line may hold it.
SGR_RE = compile_pattern("\x1b\\[[0-9;:]*m")
#: The text of a plain line for the tokenizers (maybe empty): ASCII text, SGR sequences, other printable
#: characters that take one or two cells. Written as the "unrolled loop" (runs of ASCII between the others):
#: an alternation tried at every piece, or the class of every spacing character checked for ASCII text,
#: made cutting a vim redraw two to three times slower.
PLAIN_TEXT = f"[\x20-\x7e]*+(?:(?:\x1b\\[[0-9;:]*+m|{SPACING_RUN})[\x20-\x7e]*+)*+"
#: EL (erase to the end of the line), with which a plain line may end.
ERASE_TO_END = "\x1b[K"
_SGR_SPLIT_RE = compile_pattern("(\x1b\\[[0-9;:]*m)")


#: SGR token -> the fields of a style it sets whatever they were (a bit per field): every SGR parameter sets
#: its fields to a value of its own (none toggles), so the style after many tokens takes each field from
#: the last token that sets it. Found by applying the token to two styles that differ in every field.
_SETS: dict[str, int] = {}
_EVERY_FIELD = (1 << len(Style._fields)) - 1
_PROBES = (DEFAULT_STYLE, Style("probe", "probe", True, True, 99, True, True, True, True, True, "probe"))


def _fields_set(token: str) -> int:
    found = _SETS.get(token)
    if found is None:
        one, other = (style_after_sgr(probe, token) for probe in _PROBES)
        found = sum(1 << i for i, (a, b) in enumerate(zip(one, other, strict=True)) if a == b)
        if len(_SETS) >= 4096:
            _SETS.clear()
        _SETS[token] = found
    return found


def _deciding(texts: list[str], first: int, stop: int) -> tuple[bool, list[str]]:
    """The SGR tokens of ``texts[first:stop]`` that decide the style after them (for each field, the last
    one that sets it), in order; and whether they set every field (the style before does not matter)."""
    tokens: list[str] = []
    covered = 0
    for i in range(stop - 1, first - 1, -1):
        text = texts[i]
        if "\x1b" not in text:
            continue
        for token in reversed(SGR_RE.findall(text)):
            fields = _SETS.get(token)
            if fields is None:
                fields = _fields_set(token)
            if fields & ~covered:
                tokens.append(token)
                covered |= fields
                if covered == _EVERY_FIELD:
                    tokens.reverse()
                    return True, tokens
    tokens.reverse()
    return False, tokens


def _apply(style: Style, tokens: list[str]) -> Style:
    for token in tokens:
        style = style_after_sgr(style, token)
    return style


def style_after(style: Style, texts: list[str], stop: int | None = None) -> Style:
    """The style after the SGR sequences in ``texts[:stop]`` when it starts as *style*, read back from the
    end: only the tokens that set a field no later one sets are applied."""
    _every, tokens = _deciding(texts, 0, len(texts) if stop is None else stop)
    return _apply(style, tokens)


def style_after_tokens(style: Style, tokens: list[str]) -> Style:
    """The style after the SGR *tokens* (in order) when it starts as *style*: each distinct token counts
    once, where it comes last (an earlier one sets the same fields to the same values), and only those
    that set a field no later one sets are applied."""
    chosen: list[str] = []
    covered = 0
    for token in dict.fromkeys(reversed(tokens)):
        fields = _SETS.get(token)
        if fields is None:
            fields = _fields_set(token)
        if fields & ~covered:
            chosen.append(token)
            covered |= fields
            if covered == _EVERY_FIELD:
                break
    chosen.reverse()
    return _apply(style, chosen)


def recent_style(style: Style, texts: list[str], stop: int, lines: int, start: int = 0) -> Style | None:
    """Like ``style_after`` for ``texts[start:stop]``, but None unless the *lines* lines before *stop* set
    every field of it (an SGR reset does) or reach *start*."""
    first = max(start, stop - lines)
    every, tokens = _deciding(texts, first, stop)
    return _apply(style, tokens) if every or first == start else None


def row_breaks(text: str, cols: int) -> list[int]:
    """Cell offsets at which printable NFC *text* (no zero-width characters) wraps when drawn from column 0
    of *cols* (at least 2) with autowrap: every *cols* cells, one earlier where a wide character would be
    cut (it moves to the next row, leaving the last cell blank). Empty when it fits."""
    if text.isascii():
        return list(range(cols, len(text), cols))
    cells = to_cells(nfc(text)) or ""
    breaks = []
    start = 0
    while len(cells) - start > cols:
        end = start + cols
        if cells[end] == STUB:
            end -= 1
        breaks.append(end)
        start = end
    return breaks


class PlainRows:
    """Lines of printable text and SGR (no line ends), each drawn from column 0 on a blank row of *cols*.

    Args:
        texts: the lines as received. style: the style in effect before the first.
    """

    __slots__ = ("_asked", "_starts", "cols", "style", "texts")

    def __init__(self, texts: list[str], style: Style, cols: int) -> None:
        self.texts = texts
        self.style = style
        self.cols = cols
        self._starts: list[Style] | None = None
        self._asked = False

    def start_style(self, index: int) -> Style:
        """The style in effect at the start of line *index*. The first time (often the only one: a row that
        a read cut and wrote over) from the SGR of the lines before it when there are few; then read back
        to the last SGR reset a few lines before it, or from the styles of all lines, worked out once."""
        if self._starts is None:
            if not self._asked:
                self._asked = True
                if index <= 64:
                    return style_after_tokens(self.style, SGR_RE.findall("".join(self.texts[:index])))
            found = recent_style(self.style, self.texts, index, lines=8)
            if found is not None:
                return found
            starts = []
            style = self.style
            texts = self.texts
            for i, text in enumerate(texts):
                starts.append(style)
                if "\x1b" in text:  # the tokens of the line that decide a field, not all of them
                    style = _apply(style, _deciding(texts, i, i + 1)[1])
            self._starts = starts
        return self._starts[index]

    def cells(self, index: int, start: int = 0, end: int | None = None) -> tuple[list[str], list[Style]]:
        """Characters and styles of cells [start, end) of line *index*, padded with blanks to the width.
        A line that ends in EL (``ESC [ K``) had the rest of its last row erased in the colours of its end."""
        style = self.start_style(index)
        chars: list[str] = []
        styles: list[Style] = []
        text = self.texts[index]
        erased = text.endswith(ERASE_TO_END)
        for i, part in enumerate(_SGR_SPLIT_RE.split(text[:-3] if erased else text)):
            if i % 2:
                style = style_after_sgr(style, part)
            elif part:
                cells = to_cells(nfc(part))
                assert cells is not None, "lines with zero-width characters are drawn, never deferred"
                chars.extend(cells)
                styles.extend([style] * len(cells))
        # The row was made blank by the scroll before its first cell was written, in the colours of the
        # moment: those at the start of the line, or where it wrapped (background colour erase); EL at the
        # end of the line blanked the rest of its last row in the colours of the end.
        if erased and end is None:
            blank = erase_style(style)
        else:
            blank = erase_style(styles[start] if start else self.start_style(index))
        if start or end is not None:
            chars, styles = chars[start:end], styles[start:end]
        pad = self.cols - len(chars)
        if pad > 0:
            chars.extend([" "] * pad)
            styles.extend([blank] * pad)
        return chars, styles
