"""Runs of complete plain lines (printable text and SGR, maybe EL, each ending in CR LF) put on the screen.

Most of what a log flood or a full-screen refresh writes is overwritten or scrolled away before anyone
looks at it. So rows are kept as the text that drew them (``Line.deferred``, laid out on first use):

- From a blank bottom row of the whole screen, lines scroll in as such rows (a log flood); rows that would
  fall out of the scrollback at once are only counted.
- Above the bottom, a line that replaces its whole row becomes such a row (``top`` rewriting its screen
  from the top, an image drawn row by row): it fills the row exactly, or it ends in EL short of the last
  column. Other lines are drawn.
- A row rewritten in place (CUP to its first column, text, EL: vim, less, htop) becomes such a row when
  its text ends short of the last column.

Everything comes out exactly as drawing each character would have made it (tests/terminal/test_deferred.py).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress, count, repeat
from operator import add, gt

from sessions.patterns import compile_pattern
from sessions.terminal.deferred import (
    ERASE_TO_END,
    PLAIN_TEXT,
    SGR_RE,
    PlainRows,
    row_breaks,
    style_after,
    style_after_tokens,
)
from sessions.terminal.lines import Line
from sessions.terminal.screen import TerminalScreen
from sessions.terminal.style import erase_style
from sessions.terminal.width import fits, nfc, to_cells

_UTF8, _PASS = "utf-8", "surrogatepass"
#: A row rewritten in place (CUP to row N, column 1; text; EL) with its SGR taken out: N, the cells it takes.
_BARE_ROW_RE = compile_pattern("\x1b\\[([0-9]{1,3});1H([^\x1b]*)\x1b\\[K")
#: A row rewritten in place, as vim and other full-screen programs do: CUP to its first column, printable
#: text and SGR, EL (``place`` keeps such rows as text).
POSITIONED = f"\x1b\\[[0-9]{{1,3}};1H(?!\x1b\\[K){PLAIN_TEXT}\x1b\\[K"
#: The first row of a token of such rows (each with something between CUP and EL; not CUP and EL alone).
#: The tokenizer tries these rows before rows written at positions (writes.py), so a token that starts
#: with one is one of these.
_POSITIONED_TOKEN_RE = compile_pattern(POSITIONED)
#: Up to this many rows of ASCII text in a token are measured row by row, their SGR found once for both the
#: widths and the style after them (vim's scrolling steps); more, in one pass over the whole token.
FEW_ROWS = 4


def is_positioned(token: str) -> bool:
    """Whether *token* is rows rewritten in place (what the stream's tokenizer makes of them)."""
    return _POSITIONED_TOKEN_RE.match(token) is not None


def text_width(text: str) -> int:
    """Cells a plain line takes (SGR and a final EL left out; it has no zero-width characters)."""
    text = text.removesuffix(ERASE_TO_END)
    if "\x1b" in text:
        text = SGR_RE.sub("", text)
    return len(text) if text.isascii() else len(to_cells(nfc(text)) or "")


class PlainLines:
    """Puts runs of plain lines on *screen*; *draw* draws text token by token (the stream's slow way)."""

    def __init__(self, screen: TerminalScreen, draw: Callable[[str], None]) -> None:
        self.screen = screen
        self._draw = draw
        self._measured: tuple[str, int, tuple[list[int], list[int], list[str]]] | None = None
        #: Whether rows were rewritten in place more than a few at once since the stream last looked for
        #: redraws in a read (it looks in reads after such rows only: a program that draws otherwise,
        #: real vim among them, pays nothing for the search).
        self.placed_many = True

    def take(self, token: str) -> None:
        """CR LF, then complete plain lines (each ending in CR LF)."""
        screen = self.screen
        screen.cursor_x = 0
        if token.count("\r\n") * 2 == len(token):  # empty lines only (`yes ""`): line feeds, at once
            screen.index_many(len(token) // 2)
            return
        screen.index()
        text = token[2:]
        while text:
            rows = screen.rows
            if screen.insert_mode or screen.charset:
                self._draw(text)
                return
            y, (top, bottom) = screen.cursor_y, screen.margins
            if (
                y == rows - 1
                and (top, bottom) == (0, rows - 1)
                and not screen.alternate
                and screen.cursor_x == 0
                and screen.buffer[y].is_blank(erase_style(screen.style))
            ):
                self._defer(text)
                return
            # Lines down to the row whose CR LF scrolls (the bottom margin) or stays (the last row).
            cut = -2
            for _ in range(max(1, (bottom if y <= bottom else rows - 1) - y)):
                cut = text.find("\r\n", cut + 2)
                if cut < 0 or cut + 2 == len(text):
                    break
            cut = len(text) if cut < 0 else cut + 2
            self._overwrite(text[:cut])
            text = text[cut:]

    def _overwrite(self, text: str) -> None:
        """Plain lines (each ending in CR LF) from column 0 of a row above the bottom margin: a line that
        replaces its whole row is kept as text, others are drawn."""
        screen = self.screen
        cols, buffer = screen.cols, screen.buffer
        bottom, rows = screen.margins[1], screen.rows
        last = min(bottom if screen.cursor_y <= bottom else rows, rows - 1)
        texts = text.split("\r\n")
        texts.pop()
        plain: PlainRows | None = None
        base = applied = 0  # texts[:applied] are in screen.style
        deferred = Line.deferred
        for i, line in enumerate(texts):
            y = screen.cursor_y
            if not screen.cursor_x and y < last:  # (the CR LF after the line on the last row would scroll)
                erased = line.endswith(ERASE_TO_END)
                if text_width(line[:-3]) < cols if erased else text_width(line) == cols:
                    if plain is None:  # the style before line i; the lines after it follow from it
                        plain, base = PlainRows(texts[i:], screen.style, cols), i
                    row = deferred(plain, i - base)
                    row.wrapped = not erased and buffer[y].wrapped  # writing keeps the flag, EL clears it
                    buffer[y] = row
                    screen.cursor_y = y + 1  # and x stays 0: the CR LF after the line
                    continue
            screen.style = style_after(screen.style, texts[applied:i])
            applied = i + 1
            self._draw(line + "\r\n")
        screen.style = style_after(screen.style, texts[applied:])
        if plain is not None:
            screen.blank_style = None
            screen.dirty_all = True

    def place(self, token: str) -> None:
        """Rows rewritten in place (CUP to row N column 1, plain text, EL, over and over): a row whose text
        ends short of the last column is kept as text, others are drawn."""
        screen = self.screen
        if screen.insert_mode or screen.charset or screen.origin:
            self._draw(token)
            return
        cols, buffer = screen.cols, screen.buffer
        if token.count(ERASE_TO_END) <= FEW_ROWS and token.isascii() and self._place_few(token):
            return
        ys, widths, texts = self.measure(token)
        self._measured = None
        self.placed_many = True
        if max(widths) < cols:  # every row is kept as text (vim, less)
            every = PlainRows(texts, screen.style, cols)
            for y, line in zip(ys, map(Line.deferred, repeat(every), range(len(ys))), strict=True):
                buffer[y] = line  # EL: the row no longer runs on
            screen.cursor_x, screen.cursor_y = widths[-1], ys[-1]
            screen.style = style_after(screen.style, texts)
            screen.blank_style = None
            screen.dirty_all = True
            return
        plain: PlainRows | None = None
        base = applied = 0  # texts[:applied] are in screen.style
        for i, (y, width) in enumerate(zip(ys, widths, strict=True)):
            if width < cols:
                if plain is None:  # the style before line i; the lines after it follow from it
                    plain, base = PlainRows(texts[i:], screen.style, cols), i
                buffer[y] = Line.deferred(plain, i - base)  # EL: the row no longer runs on
                screen.cursor_x, screen.cursor_y = width, y
                continue
            screen.style = style_after(screen.style, texts[applied:i])
            applied = i + 1
            self._draw(f"\x1b[{y + 1};1H{texts[i]}")
        screen.style = style_after(screen.style, texts[applied:])
        if plain is not None:
            screen.blank_style = None
            screen.dirty_all = True

    def measure(self, token: str) -> tuple[list[int], list[int], list[str]]:
        """The rows of *token* (rows rewritten in place): the row each goes to (0-based, clamped as CUP
        does), the cells each takes, each one's text (its SGR and EL, not its CUP). Remembered for the
        ``place`` of the same token that follows."""
        rows = self.screen.rows
        measured = self._measured
        if measured is not None and measured[0] is token and measured[1] == rows:
            return measured[2]
        # Each row is "ESC [ N ; 1", "H", its text (EL cannot occur in a row's text, nor H before the CUP's).
        heads = map(str.partition, token.split(ERASE_TO_END)[:-1], repeat("H"))
        texts = [head[2] + ERASE_TO_END for head in heads]
        # The line number and cells of each row: its text without SGR, from one pass over the whole token.
        found = _BARE_ROW_RE.findall(SGR_RE.sub("", token))
        numbers = [int(number) for number, _text in found]
        if numbers and min(numbers) >= 1 and max(numbers) <= rows:
            ys = [number - 1 for number in numbers]
        else:
            ys = [min(max(number, 1), rows) - 1 for number in numbers]
        widths = [len(text) if text.isascii() else len(to_cells(nfc(text)) or "") for _number, text in found]
        self._measured = (token, rows, (ys, widths, texts))
        return ys, widths, texts

    def _place_few(self, token: str) -> bool:
        """A few rows of ASCII text rewritten in place (a scrolling step's new row, the status line), each
        measured from its SGR tokens, found once for its width and the style after them: False (nothing
        done) when one does not end short of the last column."""
        screen = self.screen
        cols, rows, buffer = screen.cols, screen.rows, screen.buffer
        placed: list[tuple[int, str]] = []
        sgrs: list[str] = []
        width = 0
        for piece in token.split(ERASE_TO_END)[:-1]:
            head, _cup, text = piece.partition("H")  # "ESC [ N ; 1", "H", the row's text
            found = SGR_RE.findall(text)
            width = len(text) - len("".join(found))  # every character not in an SGR takes one cell
            if width >= cols:
                return False
            placed.append((min(max(int(head[2:-2]), 1), rows) - 1, text + ERASE_TO_END))
            sgrs += found
        every = PlainRows([text for _y, text in placed], screen.style, cols)
        deferred = Line.deferred
        for i, (y, _text) in enumerate(placed):
            buffer[y] = deferred(every, i)  # EL: the row no longer runs on
        screen.cursor_x, screen.cursor_y = width, placed[-1][0]
        screen.style = style_after_tokens(screen.style, sgrs)
        screen.blank_style = None
        screen.dirty_all = True
        return True

    def _defer(self, text: str) -> None:
        """Plain lines (each ending in CR LF) from a blank bottom row of the whole screen: kept as text and
        scrolled up. A line too wide without autowrap is drawn, and one whose EL comes at a pending wrap."""
        screen = self.screen
        cols = screen.cols
        texts = text.split("\r\n")
        texts.pop()
        # Upper bounds of the cells of each line (SGR and EL included), at C speed: the length of an ASCII
        # line; (characters + UTF-8 bytes) / 2 otherwise, since a wide character takes 3 or 4 bytes.
        if text.isascii():
            sizes, limit = map(len, texts), cols
        else:
            sizes = map(add, map(len, texts), map(len, text.encode(_UTF8, _PASS).split(b"\r\n")))
            limit = 2 * cols
        maybe_wide = list(compress(count(), map(gt, sizes, repeat(limit))))
        wraps: dict[int, list[int]] = {}
        drawn: list[int] = []
        wrap = screen.autowrap and cols >= 2
        for i in maybe_wide:
            line = texts[i]
            erased = line.endswith(ERASE_TO_END)
            if "\x1b" in line:
                line = SGR_RE.sub("", line.removesuffix(ERASE_TO_END))
            # A line that ends at the last column and then has EL is drawn: EL at the pending wrap
            # erases that cell.
            if fits(line, cols):
                if erased and text_width(line) == cols:
                    drawn.append(i)
                continue
            if not wrap:  # too wide, and no autowrap
                drawn.append(i)
                continue
            breaks = row_breaks(line, cols)
            if erased and text_width(line) - breaks[-1] == cols:
                drawn.append(i)
                continue
            wraps[i] = breaks
        start = 0
        for i in drawn:
            if i > start:
                self._push(texts[start:i], {k - start: v for k, v in wraps.items() if start <= k < i})
            self._draw(texts[i] + "\r\n")
            start = i + 1
        if start < len(texts):
            self._push(
                texts[start:] if start else texts, {k - start: v for k, v in wraps.items() if k >= start}
            )

    def _push(self, texts: list[str], wraps: dict[int, list[int]]) -> None:
        """Scroll *texts* in as deferred rows, as drawing each and CR LF at the bottom row would have.
        *wraps*: where the lines that wrap (by index) do so."""
        screen = self.screen
        cols, rows = screen.cols, screen.rows
        history = screen.history
        plain = PlainRows(texts, screen.style, cols)
        deferred = Line.deferred
        # Rows that would be pushed out of the scrollback at once are only counted.
        keep = rows - 1 + history.limit
        n = len(texts)
        if not wraps:
            total = n
            new = [deferred(plain, i) for i in range(max(0, n - keep), n)]
        else:
            new = []
            done = 0
            for i in sorted(wraps):
                new += [deferred(plain, k) for k in range(done, i)]
                start = 0
                for end in wraps[i]:
                    row = deferred(plain, i, start, end)
                    row.wrapped = True
                    new.append(row)
                    start = end
                new.append(deferred(plain, i, start))
                done = i + 1
            new += [deferred(plain, k) for k in range(done, n)]
            total = len(new)
            del new[: max(0, total - keep)]
        screen.style = style_after(screen.style, texts)
        screen.blank_style = None
        buffer = screen.buffer
        buffer.pop()  # the blank row the first line is drawn on
        buffer.extend(new)
        buffer.append(Line(cols, erase_style(screen.style)))
        cut = len(buffer) - rows
        history.extend(buffer[:cut])
        history.added += total - len(new)
        del buffer[:cut]
        screen.dirty_all = True
