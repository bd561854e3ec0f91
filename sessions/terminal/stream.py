"""Turns the byte stream from the remote into screen operations: a fast tokenizer, pyte's parser for the rest.

The common case (runs of printable text, SGR, CR/LF, cursor CSIs) is split out with one C-level regex
and dispatched directly; rare sequences (a CSI with controls inside it, ESC # 8) go through pyte's own
parser. Hostile input is bounded: incomplete sequences are held back only up to a limit, over-long
CSI parameter strings are dropped, every number is clamped, OSC 52 (clipboard) and other unknown OSCs
are dropped, titles are sanitised by the screen.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from operator import length_hint

from sessions.patterns import compile_pattern
from sessions.terminal.cellruns import CELL_RUN, CellRuns, is_cell_run
from sessions.terminal.controls import RESTORED, RESTORES, SAVE, Controls
from sessions.terminal.deferred import ERASE_TO_END, PLAIN_TEXT, style_after
from sessions.terminal.frames import HOME, can_skip, frame_spans, skip
from sessions.terminal.lines import Line
from sessions.terminal.pages import CLEAR, RUN, kind, skippable
from sessions.terminal.plainlines import POSITIONED, PlainLines, is_positioned
from sessions.terminal.redraws import find_redraws, first_skippable, rows_placed, skip_before
from sessions.terminal.repeats import REP_RUN, base_before, ends_in_text, is_rep, is_rep_run, repeat_run
from sessions.terminal.screen import MAX_COLS, TerminalScreen
from sessions.terminal.sgr import MAX_CSI_BODY, fast_sgr, is_reset_sgr
from sessions.terminal.style import Style, erase_style
from sessions.terminal.width import LAYOUTS, SPACING_RUN, STUB, layout
from sessions.terminal.writes import WRITES, is_written, write

#: Longest incomplete escape sequence held back between feeds before it is discarded as hostile.
MAX_PENDING = 64 * 1024

#: Runs that are dispatched as one call (see controls.py): line feeds and INDs, RIs, backspaces, tabs, ignored
#: controls, counted CSIs (their counts add up), and CUP followed by erasing (one unit a repeat cannot
#: change). Each alternative starts with a plain character (not a repeated group), or the regex engine could
#: no longer skip ahead to the characters a token can start with, and cutting text would be 6 times slower.
_LF = "(?:[\n\x0b\x0c]|\x1bD)"
_COUNTED_CSI = "\x1b\\[[0-9]{0,4}[A-FLMPST@IZae]"
#: vim's scrolling step: set the region, maybe an SGR, CUP into it, line feeds or RIs (maybe after CRs), reset
#: the region (one call, see controls.py). At most two parameters each (as DECSTBM and CUP take), a bounded
#: run of moves.
_MOVE = "(?:[\n\x0b\x0c]|\x1b[DM])"
_TWO_PARAMS = "[0-9]{0,4}(?:;[0-9]{0,4})?"
_SCROLL_STEP = (
    f"\x1b\\[{_TWO_PARAMS}r(?:\x1b\\[[0-9;]{{0,32}}m)?"
    f"\x1b\\[{_TWO_PARAMS}H(?:\r?{_MOVE}){{1,64}}\x1b\\[{_TWO_PARAMS}r"
)
#: Floods a hostile program may send, each a run: CUPs one after the other (only the last counts; not one
#: that rows written at positions or an erase follow: those tokens start with it), SGRs one after the other
#: (each field from the last that sets it), erases (ED, EL, ECH: they do not move the cursor, so one right
#: after the same one changes nothing), device queries (DSR, DA: answered up to the read's allowance).
_CUP_ANY = "\x1b\\[[0-9]{0,4}(?:;[0-9]{0,4})?[Hf]"
_NOT_STARTING = f"(?![\x20-\x7e]|\x1b\\[[0-9;:]*m|\x1b\\[[0-9]{{0,4}}[CJKX]|{SPACING_RUN})"
_SGR = "\x1b\\[[0-9;:]*m"
_ERASE = "\x1b\\[[0-9]{0,4}[JKX]"
_REQUEST = "\x1b\\[[?>]?[0-9;]{0,16}[nc]"
#: Pairs that undo each other, over and over: to the alternate screen and back (the same mode both ways),
#: saving the cursor and restoring it. The second time and after change nothing the first did not (the
#: cursor saved is the one restored, the alternate screen is left blank).
_PAIRS = {
    **{f"\x1b[?{mode}h\x1b[?{mode}l": (f"\x1b[?{mode}h", f"\x1b[?{mode}l") for mode in (1049, 1047, 47)},
    "\x1b7\x1b8": ("\x1b7", "\x1b8"),
    "\x1b[s\x1b[u": ("\x1b[s", "\x1b[u"),
}
_PAIR_UNITS = [re.escape(pair) for pair in _PAIRS]


def _twice(unit: str) -> str:
    """Pattern of *unit* (which starts with ESC) at least twice."""
    return f"{unit}(?:{unit})+"


_CUPS_RE = compile_pattern(_twice(_CUP_ANY))
_ERASES_RE = compile_pattern(_twice(_ERASE))
_REQUESTS_RE = compile_pattern(_twice(_REQUEST))
_PAIR_RUNS_RE = compile_pattern("|".join(map(_twice, _PAIR_UNITS)))
_ERASE_RE = compile_pattern(_ERASE)
_REQUEST_RE = compile_pattern(_REQUEST)
#: The runs above as one alternative of the tokenizer: it starts with the ESC they all start with and looks
#: at what ends the first sequence before trying any.
_CSI = "\x1b\\["
_FLOOD_RUNS = (
    "\x1b(?:\\[(?=[0-9;:?>]*[HfmncJKX]\x1b|[?s])(?:"
    + "|".join(
        [
            _twice(_CUP_ANY).removeprefix(_CSI) + _NOT_STARTING,
            *(
                _twice(unit).removeprefix(_CSI)
                for unit in (_SGR, _ERASE, _REQUEST, *_PAIR_UNITS)
                if unit.startswith(_CSI)
            ),
        ]
    )
    + ")|"
    + "|".join(_twice(unit)[1:] for unit in _PAIR_UNITS if not unit.startswith(_CSI))
    + ")"
)
_RUNS = (
    f"|{_SCROLL_STEP}"
    f"|{POSITIONED}(?:{POSITIONED})*"
    f"|{WRITES}"
    f"|[\n\x0b\x0c]{_LF}+|\x1bD{_LF}+"
    "|\x1bM(?:\x1bM)+"
    "|\x08\x08+|\t\t+"
    "|[\x00-\x06\x10-\x1a\x1c-\x1f\x7f-\x9f][\x00-\x06\x10-\x1a\x1c-\x1f\x7f-\x9f]+"  # ignored controls
    f"|{_COUNTED_CSI}(?:{_COUNTED_CSI})+"
    f"|{REP_RUN}"
    f"|{CELL_RUN}"
    "|\x1b\\[[0-9;]*[Hf](?:\x1b\\[[0-9]*[JKX])+"
    "|\x1b\\[[23]J(?:\x1b\\[[23]J){0,3}\x1b\\[[0-9;]*[Hf]"
)
_OTHER_TOKENS = (
    "|\x1b\\[[\x07-\x0d\x20-\x3f]*[\x40-\x7e]"  # CSI (pyte executes BEL..CR inside a CSI)
    "|\x1b[\\]P^_X][^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)"  # OSC, DCS, PM, APC, SOS up to their terminator
    "|\x1b[\x20-\x2f]+[\x30-\x7e]"  # ESC ( B, ESC # 8, ESC % G
    "|\x1b[^\x1b]"  # any other escape: two characters
    "|[\x00-\x1a\x1c-\x1f\x7f-\x9f]"  # one control character
    ")"
)
#: Tokens of the stream; text is what lies between them. The first kind is CR LF with the complete plain
#: lines after it (printable text without zero-width characters and SGR, maybe EL, each ending in CR LF),
#: which a log flood or a full-screen refresh is made of (see plainlines.py).
_TOKEN_RE = compile_pattern(f"(\r\n(?:{PLAIN_TEXT}(?:\x1b\\[K)?+\r\n)*+" + _RUNS + _OTHER_TOKENS)
#: The same with the flood runs, for a read that is a flood of short sequences (``TerminalStream.split``
#: looks at 512 characters of its start and middle: one more alternative for every read cost ~4 % of the
#: time vim's output takes).
_PROBE = 512
_FLOOD_TOKEN_RE = compile_pattern(
    f"(\r\n(?:{PLAIN_TEXT}(?:\x1b\\[K)?+\r\n)*+" + _RUNS + f"|{_FLOOD_RUNS}" + _OTHER_TOKENS
)

#: The same with CR LF on its own and no runs, for lines that have to be drawn one by one (and the reference
#: the tests of the runs compare with: every token on its own).
LITERAL_TOKEN_RE = compile_pattern("(\r\n" + _OTHER_TOKENS)
_INCOMPLETE_RE = compile_pattern("\x1b(?:\\[[\x07-\x0d\x20-\x3f]*|[\\]P^_X][^\x07\x1b\x9c]*|[\x20-\x2f]*)")
_OPEN_STRING_RE = compile_pattern("\x1b[\\]P^_X][^\x07\x1b\x9c]*")
_STRING_END_RE = compile_pattern("\x07|\x1b\\\\|\x9c")
_CSI_END_RE = compile_pattern("[\x40-\x7e]")


class TerminalStream:
    """Feeds a ``TerminalScreen``: ``feed(bytes)`` through one incremental UTF-8 decoder, or ``feed_text``."""

    #: How text is cut into tokens (``LITERAL_TOKEN_RE``: no runs, no plain lines kept as text).
    tokens: re.Pattern[str] = _TOKEN_RE

    def __init__(self, screen: TerminalScreen) -> None:
        self.screen = screen
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""
        self._skip: re.Pattern[str] | None = None
        self._sgr_styles: dict[tuple[int, str], tuple[Style, Style]] = {}
        #: SGR tokens that start with a reset (ESC [ 0 ; ... m, ESC [ m): the result is the same whatever the
        #: style before, so one lookup by the token alone does.
        self._reset_sgr: dict[str, Style] = {}
        self._controls = Controls(screen, self._crlf)
        self._plain = PlainLines(screen, self._draw_literally)
        self._cells = CellRuns(screen, self._draw_literally)
        #: What a REP at the start of the next run repeats (see ``_repeats``).
        self._drew_last: bool | str = False

    def feed(self, data: bytes) -> None:
        """Bytes from the remote; a character split across two feeds is decoded whole."""
        self.feed_text(self._decoder.decode(data))

    def feed_text(self, data: str) -> None:
        """Decoded text from the remote."""
        self.screen.begin_batch()
        if self._skip is not None:
            end = self._skip.search(data)
            if end is None:
                return
            data = data[end.end() :]
            self._skip = None
        if self._pending:
            data = self._pending + data
            self._pending = ""
        data = self._hold_incomplete_tail(data)
        if data:
            if self.tokens is not _TOKEN_RE:
                self._run(self.tokens.split(data))
                return
            if CLEAR in data and self.screen.alternate:
                data = self._skip_pages(data)
            if HOME in data:
                data = self._skip_frames(data)
            parts = self.split(data)
            redraws = None
            plain = self._plain
            if plain.placed_many and ERASE_TO_END in data:  # (a program that redraws so, seen lately)
                redraws = find_redraws(parts)
                plain.placed_many = bool(redraws)  # until it places many rows at once again
            if redraws:
                self._run_redraws(parts, redraws)
            else:
                self._run(parts)

    @staticmethod
    def split(data: str) -> list[str]:
        """Cut *data* into text, token, text, ...; a read whose start or middle holds more than a token per
        16 characters (a flood of short sequences, hostile or broken) is cut with the flood runs."""
        for at in (0, len(data) // 2):
            probe = _TOKEN_RE.split(data[at : at + _PROBE])
            if len(probe) > _PROBE // 8:
                return _FLOOD_TOKEN_RE.split(data)
            if len(data) <= _PROBE:
                return probe
        return _TOKEN_RE.split(data)

    def _skip_frames(self, data: str) -> str:
        """Draw *data* up to its last frame that the next one covers (frames.py), skipping covered frames;
        the rest is left to draw."""
        screen = self.screen
        done = 0
        for start, frame, after in frame_spans(data, screen.cols):
            if start > done:
                self._run(self.tokens.split(data[done:start]))
                done = start
            if start == done and can_skip(screen, frame, after):
                skip(screen, frame)
                done = start + 3 + len(frame.text)
        return data[done:]

    def _skip_pages(self, data: str) -> str:
        """Run *data* up to its last clear, skipping what each clear overwrites (pages.py): what is left to
        run (from the last clear on)."""
        at = data.rfind(CLEAR)
        parts = _TOKEN_RE.split(data[:at])  # (a cut before an ESC cuts no token)
        parts += [CLEAR, ""]
        modes, compile_token = self._controls.flags, self._controls.handler
        screen = self.screen
        done = 0
        for start, stop in skippable(parts, modes, compile_token):
            self._run_slice(parts, done, start)
            done = stop
            if not screen.alternate:  # (left by what ran)
                self._run_slice(parts, start, stop)
                continue
            before = screen.style
            for token in parts[start:stop:2]:
                if kind(token, modes, compile_token) == RUN:  # (a scrolling step may hold an SGR: set below)
                    call = modes.get(token)
                    (call or self._controls.handler(token))()
            screen.style = style_after(before, parts[start:stop])
        return data[at:]

    def _run_redraws(self, parts: list[str], redraws: list[int]) -> None:
        """Run a split, skipping what a later redraw in it overwrites (redraws.py): the longest runs of
        skippable tokens before a redraw are found from the end; each is skipped up to its last redraw,
        or the one before it (the last one may be cut short by the read)."""
        modes = self._controls.flags
        spans: list[tuple[int, list[int]]] = []  # (first skippable token, the redraws after it)
        k = len(redraws)
        while k:
            stop = redraws[k - 1]
            start = first_skippable(parts, 0, stop, modes)
            if start is None:
                k -= 1
                continue
            first = bisect_right(redraws, start, 0, k)
            spans.append((start, redraws[first:k]))
            k = first
        done = 0  # parts[:done] have run, or are skipped
        for start, stops in reversed(spans):
            self._run_slice(parts, done, start)
            done = start
            for stop in stops[:-3:-1]:
                if self._skip_before(parts, start, stop):
                    done = stop
                    break
        self._run_slice(parts, done, len(parts))

    def _skip_before(self, parts: list[str], start: int, stop: int) -> bool:
        """Skip tokens ``parts[start:stop]`` if the redraw at *stop* overwrites all they can change."""
        screen = self.screen
        redraw = parts[stop]
        skipped = skip_before(screen, parts, start, stop, rows_placed(screen, redraw), self._controls.flags)
        if skipped is None or max(self._plain.measure(redraw)[1]) >= screen.cols:
            return False  # (measured last: the redraw that follows needs it anyway)
        screen.style, screen.margins = skipped.style, skipped.margins
        for call in skipped.modes:
            call()
        return True

    def _run_slice(self, parts: list[str], start: int, stop: int) -> None:
        """Run ``parts[start:stop]`` (*stop* odd: a token's index, or the end); *start* may be a token's."""
        if start < stop:
            self._run(parts[start:stop] if start % 2 == 0 else ["", *parts[start:stop]])

    def _hold_incomplete_tail(self, data: str) -> str:
        """Keep an unfinished escape sequence at the end for the next feed (or skip it if it is too long)."""
        esc = data.rfind("\x1b")
        if esc < 0 or not _INCOMPLETE_RE.fullmatch(data, esc):
            return data
        if esc == len(data) - 1:  # maybe the ESC of an ST: is a string sequence open before it?
            opener = data.rfind("\x1b", 0, esc)
            if opener >= 0 and _OPEN_STRING_RE.fullmatch(data, opener, esc):
                esc = opener
        tail = data[esc:]
        if len(tail) <= MAX_PENDING:
            self._pending = tail
        else:
            self._skip = _CSI_END_RE if tail[1:2] == "[" else _STRING_END_RE
        return data[:esc]

    def _run(self, parts: list[str]) -> None:
        """Dispatch the pieces of a split: text, token, text, ... The hot cases are inlined: a run of text
        that fits on the cursor's line is written with two slice assignments, CR LF (scrolling included)
        and SGR are handled without a call. The cursor and style live in locals; they are written back
        before anything else runs.
        """
        parts.append(None)  # type: ignore[arg-type]  # the last text has no token after it
        screen = self.screen
        controls = self._controls
        handlers = controls.handlers
        groups = controls.groups
        cups = controls.cups
        forwards = controls.forwards
        flags = controls.flags
        last: str | None = None  # the group of the token run last, while nothing came between
        sgr_styles = self._sgr_styles
        history = screen.history
        history_append = history.raw_append()
        scrolled = 0  # rows appended through history_append, counted into history.added at the end
        x, y, style = screen.cursor_x, screen.cursor_y, screen.style
        buffer, cols, rows = screen.buffer, screen.cols, screen.rows
        insert_mode, autowrap = screen.insert_mode, screen.autowrap
        top, bottom = screen.margins
        plain_scroll = top == 0 and bottom == rows - 1 and not screen.alternate
        dirty_add = screen.dirty.add
        cells_cache = LAYOUTS
        reset_sgr = self._reset_sgr
        charset = screen.charset  # None: text is drawn as it is
        # "fresh": the cursor's line was blanked by a scroll in this call and only written left to right
        # since, so the cells from the cursor on are blank (no wide halves to fix) and the screen is
        # marked dirty as a whole already. chars / styles are that line's lists.
        fresh = False
        chars: list[str] = []
        styles: list[Style] = []
        it = iter(parts)
        try:
            for text, token in zip(it, it, strict=True):
                if text:
                    if charset is not None:
                        text = text.translate(charset)
                    if text.isascii():
                        cells: str | None = text
                        end = x + len(text)
                    else:
                        cells = cells_cache.get(text)
                        if cells is None:
                            cells = layout(text)
                        end = x + len(cells) if cells is not None else MAX_COLS + cols
                    if x >= cols and end <= 2 * cols and autowrap and not insert_mode:
                        # A wrap is pending and the text fits on the next line: wrap here, as _write_cells
                        # (the row runs on: the screen is no longer blank, even if it was).
                        buffer[y].wrapped = True
                        screen.blank_style = None
                        x, end = 0, end - x
                        fresh = False
                        if y == bottom and plain_scroll:
                            history_append(buffer.pop(0))
                            scrolled += 1
                            blank = Line(cols, erase_style(style))
                            buffer.append(blank)
                            screen.dirty_all = True
                            chars, styles = blank.chars, blank.styles
                            fresh = True
                        elif y == bottom:
                            screen.style = style
                            screen.scroll_up(1)
                        elif y < rows - 1:
                            y += 1
                    if fresh and end <= cols:
                        chars[x:end] = cells  # type: ignore[assignment]
                        styles[x:end] = [style] * (end - x)
                        x = end
                    elif end <= cols and not insert_mode:
                        screen.blank_style = None
                        line = buffer[y]
                        if line.written_start() == x and STUB not in cells:  # type: ignore[operator]
                            # A row kept as text, written over from its start up to here (a row that a
                            # read cut, finished in the next): what it held is not laid out yet.
                            line.write_start(x, list(cells), [style] * (end - x), cols)  # type: ignore[arg-type]
                        else:
                            chars = line.chars
                            if (x and chars[x] == STUB) or (end < cols and chars[end] == STUB):
                                line.fix_wide_edges(x, end, style)
                            chars[x:end] = cells  # type: ignore[assignment]
                            line.styles[x:end] = [style] * (end - x)
                        dirty_add(y)
                        x = end
                    else:
                        fresh = False
                        screen.cursor_x, screen.cursor_y, screen.style = x, y, style
                        screen.draw(text)
                        x, y = screen.cursor_x, screen.cursor_y
                if token is None:
                    break
                if token == "\r\n":
                    x = 0
                    last = None
                    if y == bottom:
                        if plain_scroll:
                            history_append(buffer.pop(0))
                            scrolled += 1
                            blank = Line(cols, erase_style(style))
                            buffer.append(blank)
                            screen.dirty_all = True
                            screen.blank_style = None
                            chars, styles = blank.chars, blank.styles
                            fresh = not insert_mode
                            continue
                        screen.style = style  # the new line takes its colours
                        screen.scroll_up(1)
                    elif y < rows - 1:
                        y = min(y + 1, bottom if y < bottom else rows - 1)
                    fresh = False
                    continue
                found = reset_sgr.get(token)
                if found is not None:
                    style = found
                    last = None
                    continue
                if token[-1] == "m" and token[1] == "[":
                    last = None
                    # Keyed by the identity of the current style (hashing an 8-field tuple is slower); the
                    # entry keeps that style alive and is checked, so a reused id cannot match by mistake.
                    entry = sgr_styles.get((id(style), token))
                    if entry is not None and entry[0] is style:
                        style = entry[1]
                        continue
                    if token[-2] != "m" and "H" not in token:  # (not a cell run or rows ending in "m")
                        style = self._sgr_token(style, token)
                        continue
                flag = flags.get(token)
                if flag is not None:  # cursor visibility and the like: nothing the other tokens depend on
                    flag()
                    continue
                # Anything else may move the cursor, change modes, margins or the buffer: sync, run, reload.
                # A token that changes nothing when it comes again at once is skipped when it does.
                group = groups.get(token)
                if group is not None and group == last and not text:
                    continue
                last = RESTORED if group is SAVE and token in RESTORES else group
                fresh = False
                cup = cups.get(token)
                if cup is not None and not screen.origin:  # CUP: as cursor_position does
                    y = min(cup[0], rows) - 1
                    x = min(cup[1], cols) - 1
                    continue
                forward = forwards.get(token)
                if forward is not None:  # CUF: as cursor_forward does
                    x = min(x + forward, cols - 1)
                    continue
                repeats: bool | str = True  # REP (and runs starting with one): see repeats.py
                if token[-1] == "b" and is_rep(token):
                    repeats = self._repeats(text, parts, len(parts) - length_hint(it) - 3)
                    if repeats is False and not is_rep_run(token):
                        continue
                screen.cursor_x, screen.cursor_y, screen.style = x, y, style
                history.added += scrolled
                scrolled = 0
                handler = handlers.get(token)
                if repeats is not True and not is_rep_run(token):  # REP after combining marks
                    screen.repeat_last(int(token[2:-1] or 0), repeats)  # type: ignore[arg-type]
                elif handler is not None:
                    handler()
                elif token[0] == "\r":  # CR LF and the plain lines after it
                    last = None
                    self._plain.take(token)
                elif token[-3:] == "\x1b[K" and is_positioned(token):  # rows rewritten in place
                    last = None
                    self._plain.place(token)  # (moves the cursor, sets the style, changes no mode)
                    x, y, style = screen.cursor_x, screen.cursor_y, screen.style
                    continue
                elif token[-1] == "b" and is_rep_run(token):  # x REP, y REP, ...
                    repeat_run(screen, token, repeats)
                elif is_cell_run(token):  # a colour per cell
                    self._cells.write(token)
                elif is_written(token):  # rows written at positions
                    last = None
                    write(screen, token, self._run_text, self._draw_literally)
                elif token[-1] in "Hf" and _CUPS_RE.fullmatch(token):  # CUPs: the last one
                    controls.handler(token[token.rfind("\x1b") :])()
                elif token[-1] in "JKX" and _ERASES_RE.fullmatch(token):  # erases: each change once
                    self._erase(token)
                elif token[-1] in "nc" and _REQUESTS_RE.fullmatch(token):  # device queries
                    self._answer(token)
                elif token[-1] in "l8u" and _PAIR_RUNS_RE.fullmatch(token):  # pairs that undo each other
                    for half in next(_PAIRS[pair] for pair in _PAIRS if token.startswith(pair)):
                        controls.handler(half)()
                else:
                    controls.handler(token)()
                x, y, style = screen.cursor_x, screen.cursor_y, screen.style
                buffer, cols, rows = screen.buffer, screen.cols, screen.rows
                insert_mode, autowrap = screen.insert_mode, screen.autowrap
                charset = screen.charset
                top, bottom = screen.margins
                plain_scroll = top == 0 and bottom == rows - 1 and not screen.alternate
        finally:
            screen.cursor_x, screen.cursor_y, screen.style = x, y, style
            history.added += scrolled
            if len(parts) > 1:  # (what a REP at the start of the next run repeats)
                self._drew_last = self._repeats(parts[-2], parts, len(parts) - 3)

    def _repeats(self, text: str, parts: list[str], before: int) -> bool | str:
        """What a REP after *text* (and the token at *before*) repeats: the character left of the cursor
        (True), nothing (False: a sequence came between), or the base character of combining marks."""
        if text:
            return base_before(text) or True
        return ends_in_text(parts[before]) if before >= 0 else self._drew_last

    def _run_text(self, text: str) -> None:
        """Run *text* the ordinary way (tokens and runs)."""
        self._run(self.tokens.split(text))

    def _erase(self, token: str) -> None:
        """Erases one after the other, each run once where the one before it is not the same."""
        handler = self._controls.handler
        before = None
        for erase in _ERASE_RE.findall(token):
            if erase != before:
                handler(erase)()
                before = erase

    def _answer(self, token: str) -> None:
        """Device queries one after the other, answered in order up to the read's allowance (once it is
        used up, the rest change nothing)."""
        screen, handler = self.screen, self._controls.handler
        for request in _REQUEST_RE.findall(token):
            if not screen.may_reply:
                return
            handler(request)()

    def _draw_literally(self, text: str) -> None:
        """Draw *text* token by token (no runs, no plain lines kept as text)."""
        self._run(LITERAL_TOKEN_RE.split(text))

    def _sgr_token(self, style: Style, token: str) -> Style:
        """The style after an SGR token that is not in the caches yet. 24-bit colours in the plain form
        are worked out directly and not remembered (a colour per cell never repeats); a run of SGRs from
        the last that sets each field, remembered when short (a program's own few); other tokens the
        full way (anything unusual included), remembered: the cache gives back one object per style, so
        the next lookup by that object's identity finds it."""
        if token.count("\x1b") > 1:
            after = style_after(style, [token])
            if len(token) <= 64:
                if len(self._sgr_styles) > 4096:
                    self._sgr_styles.clear()
                self._sgr_styles[(id(style), token)] = (style, after)
            return after
        body = token[2:-1]
        if body[1:5] == "8;2;" and body[:1] in ("3", "4", "5"):
            fast = fast_sgr(style, body)
            if fast is not None:
                return fast
        if body.strip("0123456789;:") or len(body) > MAX_CSI_BODY:  # a private (CSI > 4 ; 2 m) or odd one
            screen = self.screen
            screen.style = style
            self._controls.handler(token)()
            after = screen.style
        else:
            after = self._controls.sgr.apply(style, body)
        if len(self._sgr_styles) > 4096:
            self._sgr_styles.clear()
        self._sgr_styles[(id(style), token)] = (style, after)
        if is_reset_sgr(token):
            if len(self._reset_sgr) > 256:
                self._reset_sgr.clear()
            self._reset_sgr[token] = after
        return after

    def _crlf(self) -> None:
        self.screen.cursor_x = 0
        self.screen.index()
