"""Control functions (escape sequences, C0 controls) turned once per distinct token into a call on the screen.

A program repeats the same few sequences (``ESC [ K``, ``ESC [ 12;1H``, ``ESC [ ? 25 l``), so each distinct
token is parsed once into a ready call (kept in a bounded table) and every later occurrence costs one
lookup. Tokens whose effect cannot change anything when they follow themselves at once (absolute
positioning, erasing, modes, saving the cursor: see ``_IDEMPOTENT_CSI``) are marked, and the stream skips
such a repeat: a flood of clear-screens costs one clear. Sequences with controls inside them (which pyte's
parser executes in place) go through pyte against our screen.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pyte

from sessions.patterns import compile_pattern
from sessions.terminal.motion import MAX_COLS, MAX_ROWS, region
from sessions.terminal.screen import TerminalScreen
from sessions.terminal.sgr import MAX_CSI_BODY, SgrCache

Handler = Callable[[], None]

MAX_PARAM = 9999
#: Distinct tokens kept compiled; past this the table starts over.
MAX_HANDLERS = 8192

_HAS_CONTROL_RE = compile_pattern("[\x00-\x1f]")

# CSI final byte -> TerminalScreen method, for sequences without a private prefix.
_CSI_METHODS = {
    "@": "insert_characters",
    "A": "cursor_up",
    "B": "cursor_down",
    "C": "cursor_forward",
    "D": "cursor_back",
    "E": "cursor_down1",
    "F": "cursor_up1",
    "G": "cursor_to_column",
    "`": "cursor_to_column",
    "a": "cursor_forward",
    "H": "cursor_position",
    "f": "cursor_position",
    "J": "erase_in_display",
    "K": "erase_in_line",
    "L": "insert_lines",
    "M": "delete_lines",
    "P": "delete_characters",
    "X": "erase_characters",
    "S": "scroll_up",
    "T": "scroll_down",
    "I": "forward_tab",
    "Z": "back_tab",
    "b": "repeat_last",
    "c": "report_device_attributes",
    "d": "cursor_to_line",
    "e": "cursor_down",
    "g": "clear_tab_stop",
    "h": "set_mode",
    "l": "reset_mode",
    "n": "report_device_status",
    "r": "set_margins",
}
_VARIADIC = {"set_mode", "reset_mode", "set_margins", "cursor_position"}
_TWO_PARAMS = {"set_margins", "cursor_position"}
#: CSI finals whose sequence changes nothing when it comes again right after itself: absolute positioning
#: (CUP, HVP, CHA, HPA, VPA), erasing (ED, EL, ECH), margins, modes, tab clearing, SCOSC/SCORC.
_IDEMPOTENT_CSI = frozenset("HfG`dJKXrhlgsu")
#: Other tokens like that: CR, BEL (a run of bells rings once), SO, SI, HTS, RIS, DECALN, every ignored token.
_IDEMPOTENT = frozenset(["\r", "\x07", "\x0e", "\x0f", "\x1bH", "\x1bc", "\x1b#8"])
#: Saving or restoring the cursor right after a save changes nothing either (one saved state), and so does
#: restoring after a restore; saving after a restore does (with nothing saved, DECRC goes home, DECSC then
#: saves that): a restore that ran leaves ``RESTORED`` as the last group, not ``SAVE``.
SAVE, RESTORED = "save", "restored"
RESTORES = frozenset(["\x1b8", "\x1b[u"])
_SAVE_RESTORE = {"\x1b7": SAVE, "\x1b8": SAVE, "\x1b[s": SAVE, "\x1b[u": SAVE}
#: CSI finals whose repeats add up (CUU..CPL, IL, DL, ICH, DCH, SU, SD, CHT, CBT, HPR, VPR): a run of them
#: is one call with the sum (SU apart: each sends at most a region's worth of lines to the scrollback). Not
#: REP: a REP right after another repeats nothing (see repeats.py).
_COUNTED = "ABCDEFLMPST@IZae"
#: Modes that change more than a flag: reverse video, origin (homes the cursor), autowrap and the alternate
#: screens (kept in the stream's locals or redrawing the screen), and the ANSI modes (IRM, LNM) that a private
#: mode number could be mistaken for.
_SCREEN_MODES = frozenset([4, 5, 6, 7, 20, 47, 1047, 1049])
_PART_RE = compile_pattern("\x1b\\[([0-9;]*)(.)")
#: vim's scrolling step (see stream.py): DECSTBM, maybe SGR, CUP, a run of LF/VT/FF/IND/RI (each maybe after
#: a CR), DECSTBM.
_SCROLL_STEP_RE = compile_pattern(
    "\x1b\\[([0-9;]*)r(\x1b\\[[0-9;:]*m)?\x1b\\[([0-9;]*)H((?:\r?(?:[\n\x0b\x0c]|\x1b[DM]))+)\x1b\\[([0-9;]*)r"
)
#: CUP and HVP with at most two parameters of at most four digits (as ``_params`` reads them: empty is 0).
_CUP_RE = compile_pattern("\x1b\\[([0-9]{0,4})(?:;([0-9]{0,4}))?[Hf]")
_MOVES_RE = compile_pattern("(?:[\n\x0b\x0c]|\x1bD)+|(?:\x1bM)+|\r")


def _params(body: str) -> list[int]:
    """CSI parameters as numbers: empty ones are 0, each clamped to MAX_PARAM, at most 16 of them."""
    out = []
    for part in body.replace(":", ";").split(";")[:16]:
        if not part.isdigit():
            out.append(0)
        elif len(part) > 4:
            out.append(MAX_PARAM)
        else:
            out.append(min(int(part), MAX_PARAM))
    return out


def _two(body: str) -> tuple[int | None, int | None]:
    """The first two parameters of a CSI (None where missing), as DECSTBM and CUP take them."""
    params: list[int | None] = [*(_params(body) if body else []), None, None]
    return params[0], params[1]


Params = tuple[int | None, int | None]


def scroll_step_regions(token: str) -> tuple[Params, Params] | None:
    """The parameters of the two DECSTBMs of a scrolling step (None: *token* is not one)."""
    match = _SCROLL_STEP_RE.fullmatch(token)
    return None if match is None else (_two(match.group(1)), _two(match.group(5)))


def _ignore() -> None:
    """A token that is not emulated (or not allowed, like OSC 52): dropped."""


class Controls:
    """Compiled calls for the tokens of one screen: ``handler(token)``, and ``idempotent``."""

    def __init__(self, screen: TerminalScreen, crlf: Handler) -> None:
        self.screen = screen
        self.sgr = SgrCache()
        self._pyte = pyte.Stream(screen)  # type: ignore[arg-type]
        self._base: dict[str, Handler] = {
            "\r\n": crlf,
            "\n": screen.linefeed,
            "\x0b": screen.linefeed,
            "\x0c": screen.linefeed,
            "\r": screen.carriage_return,
            "\x08": screen.backspace,
            "\t": screen.tab,
            "\x07": screen.bell,
            "\x0e": screen.shift_out,
            "\x0f": screen.shift_in,
            "\x1b7": screen.save_cursor,
            "\x1b8": screen.restore_cursor,
            "\x1bD": screen.index,
            "\x1bE": crlf,
            "\x1bM": screen.reverse_index,
            "\x1bH": screen.set_tab_stop,
            "\x1bc": screen.reset,
            "\x1b#8": screen.alignment_display,
        }
        self._mode_calls = (screen.set_mode, screen.reset_mode)
        #: token -> call; the stream looks tokens up here directly.
        self.handlers: dict[str, Handler] = dict(self._base)
        #: token -> group: a token right after one of its own group changes nothing (the stream skips it).
        self.groups: dict[str, str] = self._base_groups()
        #: token -> (line, column) of a CUP/HVP, 1-based and clamped as ``cursor_position`` does: the stream
        #: moves its cursor itself when origin mode is off.
        self.cups: dict[str, tuple[int, int]] = {}
        #: token -> count of a CUF (clamped as ``cursor_forward`` does): the stream moves its cursor itself
        #: (vim indents a row drawn after a clear this way).
        self.forwards: dict[str, int] = {}
        #: Tokens that only set modes the stream does not keep in locals (cursor visibility, keys, mouse,
        #: bracketed paste): the stream calls them without writing its cursor and style back first.
        self.flags: dict[str, Handler] = {}

    @staticmethod
    def _base_groups() -> dict[str, str]:
        return {**{token: token for token in _IDEMPOTENT}, **_SAVE_RESTORE}

    def handler(self, token: str) -> Handler:
        """The call for *token*, compiled and remembered the first time."""
        found = self.handlers.get(token)
        if found is None:
            cup = _CUP_RE.fullmatch(token)
            if cup is not None:  # the commonest new token (the cursor put anywhere): made at once
                line, column = (int(number) if number else 0 for number in cup.groups())
                found, idempotent = partial(self.screen.cursor_position, line, column), True
            else:
                found, idempotent = self._compile(token)
            if len(self.handlers) >= MAX_HANDLERS:
                self.handlers.clear()
                self.handlers.update(self._base)
                self.groups.clear()
                self.groups.update(self._base_groups())
                self.cups.clear()
                self.forwards.clear()
                self.flags.clear()
            self.handlers[token] = found
            if isinstance(found, partial):
                if found.func == self.screen.cursor_position and len(found.args) <= 2:
                    line, column = (*found.args, None, None)[:2]
                    self.cups[token] = (min(line or 1, MAX_ROWS), min(column or 1, MAX_COLS))
                elif found.func == self.screen.cursor_forward and len(found.args) == 1:
                    self.forwards[token] = min(found.args[0] or 1, MAX_COLS)
                elif found.func in self._mode_calls and not _SCREEN_MODES.intersection(found.args):
                    self.flags[token] = found
            if idempotent:
                self.groups[token] = _SAVE_RESTORE.get(token, token)
        return found

    def _compile(self, token: str) -> tuple[Handler, bool]:
        first = token[0]
        if first in "\n\x0b\x0c" or token[:2] == "\x1bD":  # a run of line feeds and INDs
            feeds = len(token) - token.count("\x1bD")  # each IND is two characters
            return partial(self._linefeeds, feeds, token.count("\x1bD") < feeds), False
        if token[:2] == "\x1bM":  # a run of RIs
            return partial(self.screen.reverse_index_many, len(token) // 2), False
        if first == "\x08":
            return partial(self.screen.cursor_back, len(token)), False
        if first == "\t":
            return partial(self.screen.forward_tab, len(token)), False
        if first != "\x1b":
            return _ignore, True  # another C0 or C1 control: never drawn
        kind = token[1]
        if kind == "[" and token[-1] == "r" and token.count("\x1b") > 1:
            return self._compile_scroll_step(token), False
        if kind == "[" and token.count("\x1b") > 1:
            return self._compile_compound(token)
        if kind == "[":
            return self._compile_csi(token)
        if kind == "]":
            return partial(self._osc, token), True
        if kind == "#":
            return partial(self._via_pyte, token), False
        if kind in "()" and len(token) == 3:
            return partial(self.screen.define_charset, token[2], kind), True
        return _ignore, True

    def _compile_compound(self, token: str) -> tuple[Handler, bool]:
        """A run of counted CSIs (added up), or CUP with erasing after it (one unit, idempotent)."""
        parts = _PART_RE.findall(token)
        if all(final in _COUNTED for _body, final in parts):
            groups: list[tuple[str, list[int]]] = []
            for body, final in parts:
                count = int(body) if body else 1
                if groups and groups[-1][0] == final:
                    groups[-1][1].append(count or 1)
                else:
                    groups.append((final, [count or 1]))
            return partial(self._counted, groups), False
        calls = [self._compile_csi(f"\x1b[{body}{final}")[0] for body, final in parts]
        return partial(self._each, calls), True

    def _compile_scroll_step(self, token: str) -> Handler:
        """Set the region, maybe an SGR, CUP into it, line feeds or RIs (maybe CRs), set the region again:
        one call. The first DECSTBM does not home the cursor (the CUP after it puts it elsewhere whatever it
        was)."""
        match = _SCROLL_STEP_RE.fullmatch(token)
        assert match is not None, "the tokenizer makes these tokens only"
        first, cup, after = (_two(body) for body in match.group(1, 3, 5))
        sgr = match.group(2)
        moves = [self.handler(run) for run in _MOVES_RE.findall(match.group(4))]
        return partial(self._scroll_step, first, sgr[2:-1] if sgr else None, cup, moves, after)

    def _scroll_step(
        self, first: Params, sgr: str | None, cup: Params, moves: list[Handler], after: Params
    ) -> None:
        """DECSTBM (the cursor left alone: the CUP after it puts it elsewhere), SGR, CUP, moves, DECSTBM."""
        screen = self.screen
        margins = region(screen.rows, *first)
        if margins is not None:
            screen.margins = margins
        if sgr is not None:
            screen.style = self.sgr.apply(screen.style, sgr)
        screen.cursor_position(*cup)
        for move in moves:
            move()
        margins = region(screen.rows, *after)
        if margins is not None:
            screen.margins = margins
            screen.cursor_position()

    @staticmethod
    def _each(calls: list[Handler]) -> None:
        for call in calls:
            call()

    def _counted(self, groups: list[tuple[str, list[int]]]) -> None:
        screen = self.screen
        for final, counts in groups:
            if final == "S":
                top, bottom = screen.margins
                screen.scroll_region_up(sum(min(count, bottom - top + 1) for count in counts))
            else:
                getattr(screen, _CSI_METHODS[final])(min(sum(counts), MAX_PARAM))

    def _linefeeds(self, count: int, line_feed: bool) -> None:
        """A run of LF, VT, FF and IND: *count* INDs; with LNM, an LF among them also returns the carriage."""
        self.screen.index_many(count)
        if line_feed and self.screen.newline_mode:
            self.screen.cursor_x = 0

    def _compile_csi(self, token: str) -> tuple[Handler, bool]:
        body = token[2:-1]
        if len(body) > MAX_CSI_BODY:
            return _ignore, True
        if _HAS_CONTROL_RE.search(body):
            return partial(self._via_pyte, token), False
        final = token[-1]
        prefix = body[:1] if body[:1] in ("<", "=", ">", "?") else ""
        if prefix:
            body = body[1:]
        if body and not body[-1].isdigit() and body[-1] not in ";:":
            return _ignore, True  # intermediate bytes (CSI SP q, CSI ! p, ...): not emulated
        screen = self.screen
        if final == "m":
            return (_ignore, True) if prefix else (partial(self.apply_sgr, body), True)
        params = _params(body) if body else []
        first = params[0] if params else 0
        if prefix == "?":
            return self._compile_private(final, params, first)
        if prefix == ">" and final == "c":
            return partial(screen.report_device_attributes, first, secondary=True), False
        if prefix:
            return _ignore, True
        if final in "su" and not params:
            return (screen.save_cursor if final == "s" else screen.restore_cursor), True
        name = _CSI_METHODS.get(final)
        if name is None:
            return _ignore, True
        method = getattr(screen, name)
        if name in _TWO_PARAMS:  # xterm reads the first two (a third was a TypeError here)
            params = params[:2]
        call = partial(method, *params) if name in _VARIADIC else partial(method, first)
        return call, final in _IDEMPOTENT_CSI

    def _compile_private(self, final: str, params: list[int], first: int) -> tuple[Handler, bool]:
        screen = self.screen
        if final == "h":
            return partial(screen.set_mode, *params, private=True), True
        if final == "l":
            return partial(screen.reset_mode, *params, private=True), True
        if final == "J":
            return partial(screen.erase_in_display, first), True
        if final == "K":
            return partial(screen.erase_in_line, first), True
        if final == "n":
            return partial(screen.report_device_status, first, private=True), False
        return _ignore, True

    def apply_sgr(self, body: str) -> None:
        """SGR with the parameter string *body* (cached by style and string)."""
        self.screen.style = self.sgr.apply(self.screen.style, body)

    def _osc(self, token: str) -> None:
        """OSC 0/2 set the title, OSC 1 the icon name; anything else (OSC 52 clipboard too) is dropped."""
        body = token[2:].rstrip("\x07\x9c")
        if body.endswith("\x1b\\"):
            body = body[:-2]
        code, _, value = body.partition(";")
        if code in ("0", "2"):
            self.screen.set_title(value)
        if code in ("0", "1"):
            self.screen.set_icon_name(value)

    def _via_pyte(self, token: str) -> None:
        """A complete but unusual sequence: let pyte's parser interpret it against our screen."""
        try:
            self._pyte.feed(token)
        except (TypeError, ValueError, IndexError, KeyError):
            self._pyte = pyte.Stream(self.screen)  # type: ignore[arg-type]
        if not self._pyte._taking_plain_text:  # left mid-sequence: start clean next time
            self._pyte = pyte.Stream(self.screen)  # type: ignore[arg-type]
