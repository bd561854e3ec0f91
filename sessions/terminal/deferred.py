"""Rows kept as the text that drew them, laid out into cells only when someone looks at them.

A flood of log output scrolls thousands of rows through the screen that are never painted. When complete
lines hold nothing but printable text and SGR (no zero-width characters) and start on a blank row at the
bottom of a full-screen scrolling region, the stream keeps each line's text (``PlainRows``) and where it
wraps. A row's cells are computed, exactly as drawing would have made them, when the row is painted or
read (``Line.chars``); the style each line starts with is worked out then too, from the last SGR reset
before it.
"""

from __future__ import annotations

import re

from sessions.terminal.style import DEFAULT_STYLE, Style, is_reset_sgr, style_after_sgr
from sessions.terminal.width import STUB, nfc, to_cells

#: An SGR sequence as a plain line may hold it.
SGR_RE = re.compile("\x1b\\[[0-9;:]*m")
_SGR_SPLIT_RE = re.compile("(\x1b\\[[0-9;:]*m)")


def style_after(
    style: Style, texts: list[str], stop: int | None = None, lines: int | None = None
) -> Style | None:
    """The style after the SGR sequences in ``texts[:stop]`` when it starts as *style*, read back from the
    last one that resets it. None if *lines* are given and none of that many lines before *stop* resets it.
    """
    stop = len(texts) if stop is None else stop
    first = 0 if lines is None else max(0, stop - lines)
    tokens: list[str] = []
    for i in range(stop - 1, first - 1, -1):
        text = texts[i]
        if "\x1b" not in text:
            continue
        found = SGR_RE.findall(text)
        for k in range(len(found) - 1, -1, -1):
            if is_reset_sgr(found[k]):
                tokens[:0] = found[k:]
                style = DEFAULT_STYLE  # whatever it was: the reset token makes it so
                break
        else:
            tokens[:0] = found
            continue
        break
    else:
        if first > 0:
            return None
    for token in tokens:
        style = style_after_sgr(style, token)
    return style


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

    __slots__ = ("_starts", "cols", "style", "texts")

    def __init__(self, texts: list[str], style: Style, cols: int) -> None:
        self.texts = texts
        self.style = style
        self.cols = cols
        self._starts: list[Style] | None = None

    def start_style(self, index: int) -> Style:
        """The style in effect at the start of line *index*: read back to the last SGR reset a few lines
        before it, or (when there is none) from the styles of all lines, worked out once."""
        if self._starts is None:
            found = style_after(self.style, self.texts, index, lines=8)
            if found is not None:
                return found
            starts = []
            style = self.style
            for text in self.texts:
                starts.append(style)
                if "\x1b" in text:
                    for token in SGR_RE.findall(text):
                        style = style_after_sgr(style, token)
            self._starts = starts
        return self._starts[index]

    def cells(self, index: int, start: int = 0, end: int | None = None) -> tuple[list[str], list[Style]]:
        """Characters and styles of cells [start, end) of line *index*, padded with blanks to the width."""
        style = self.start_style(index)
        chars: list[str] = []
        styles: list[Style] = []
        for i, part in enumerate(_SGR_SPLIT_RE.split(self.texts[index])):
            if i % 2:
                style = style_after_sgr(style, part)
            elif part:
                cells = to_cells(nfc(part))
                assert cells is not None, "lines with zero-width characters are drawn, never deferred"
                chars.extend(cells)
                styles.extend([style] * len(cells))
        if start or end is not None:
            chars, styles = chars[start:end], styles[start:end]
        pad = self.cols - len(chars)
        if pad > 0:
            chars.extend([" "] * pad)
            styles.extend([DEFAULT_STYLE] * pad)
        return chars, styles
