"""Cell styles (colours and text attributes) and SGR: 16, 256 and 24-bit colours, with a cache for speed."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from pyte import graphics

#: Longest SGR parameter list we act on; longer lists are hostile or broken and are ignored whole.
MAX_SGR_PARAMS = 64


#: Underline styles (``Style.underline``): SGR 4 / 4:1, 21 / 4:2, and the 4:3, 4:4, 4:5 extensions.
UNDERLINE_NONE, UNDERLINE_SINGLE, UNDERLINE_DOUBLE, UNDERLINE_CURLY, UNDERLINE_DOTTED, UNDERLINE_DASHED = (
    range(6)
)


class Style(NamedTuple):
    """How a cell is drawn. Colours are "default", a name ("red", "brightblue") or "rrggbb" hex.

    The first eight fields are pyte's (``underline`` is its ``underscore``, as a style: one of the
    ``UNDERLINE_*`` numbers, 0 for none); faint, conceal and the underline colour (SGR 58) follow.
    """

    fg: str = "default"
    bg: str = "default"
    bold: bool = False
    italics: bool = False
    underline: int = UNDERLINE_NONE
    strikethrough: bool = False
    reverse: bool = False
    blink: bool = False
    faint: bool = False
    conceal: bool = False
    underline_colour: str = "default"


DEFAULT_STYLE = Style()

_FG = {**graphics.FG_ANSI, **graphics.FG_AIXTERM}
_BG = {**graphics.BG_ANSI, **graphics.BG_AIXTERM, 105: "brightmagenta"}  # pyte misspells 105
_PALETTE_256 = graphics.FG_BG_256
#: SGR code -> the fields it sets (xterm's ctlseqs, "CSI Pm m Character Attributes (SGR)"; 6 as tmux does).
#: Negative codes stand for the colon forms 4:3, 4:4 and 4:5 (curly, dotted, dashed underline).
_FLAGS: dict[int, dict[str, Any]] = {
    1: {"bold": True},
    2: {"faint": True},
    3: {"italics": True},
    4: {"underline": UNDERLINE_SINGLE},
    5: {"blink": True},
    6: {"blink": True},
    7: {"reverse": True},
    8: {"conceal": True},
    9: {"strikethrough": True},
    21: {"underline": UNDERLINE_DOUBLE},  # ECMA-48 3rd: doubly underlined (not "bold off")
    22: {"bold": False, "faint": False},
    23: {"italics": False},
    24: {"underline": UNDERLINE_NONE},
    25: {"blink": False},
    27: {"reverse": False},
    28: {"conceal": False},
    29: {"strikethrough": False},
    59: {"underline_colour": "default"},
    -UNDERLINE_CURLY: {"underline": UNDERLINE_CURLY},
    -UNDERLINE_DOTTED: {"underline": UNDERLINE_DOTTED},
    -UNDERLINE_DASHED: {"underline": UNDERLINE_DASHED},
}
#: 4:n (n = 0..5) as the code that does the same.
_UNDERLINE_COLON = {0: 24, 1: 4, 2: 21, 3: -UNDERLINE_CURLY, 4: -UNDERLINE_DOTTED, 5: -UNDERLINE_DASHED}
_EXTENDED = {38: "fg", 48: "bg", 58: "underline_colour"}


def erase_style(style: Style) -> Style:
    """The style of a cell blanked while *style* is current: its colours only, as xterm's ClearCells
    (screen.c) keeps FG_COLOR and BG_COLOR and drops every other attribute (background colour erase)."""
    if style.fg == "default" and style.bg == "default":
        return DEFAULT_STYLE
    found = _ERASE_CACHE.get(style)
    if found is None:
        found = Style(style.fg, style.bg)
        if len(_ERASE_CACHE) > 4096:
            _ERASE_CACHE.clear()
        _ERASE_CACHE[style] = found
    return found


_ERASE_CACHE: dict[Style, Style] = {}


def _extended_colour(params: list[int], i: int) -> tuple[str | None, int]:
    """Read the colour after a 38/48 at index *i*; returns (colour or None, index of the next parameter)."""
    if i + 1 >= len(params):
        return None, len(params)
    kind = params[i + 1]
    if kind == 5:
        if i + 2 >= len(params):
            return None, len(params)
        n = params[i + 2]
        return (_PALETTE_256[n] if n < 256 else None), i + 3
    if kind == 2:
        if i + 4 >= len(params):
            return None, len(params)
        r, g, b = (min(v, 255) for v in params[i + 2 : i + 5])
        return f"{r:02x}{g:02x}{b:02x}", i + 5
    return None, i + 2


def apply_sgr(style: Style, params: list[int]) -> Style:
    """The style after ``CSI params m`` (an empty list means reset)."""
    if not params:
        return DEFAULT_STYLE
    changes: dict[str, Any] = {}
    i, n = 0, len(params)
    while i < n:
        code = params[i]
        i += 1
        if code == 0:
            changes = dict(DEFAULT_STYLE._asdict())
        elif code in _FG:
            changes["fg"] = _FG[code]
        elif code in _BG:
            changes["bg"] = _BG[code]
        elif code in _FLAGS:
            changes.update(_FLAGS[code])
        elif code in _EXTENDED:
            colour, i = _extended_colour(params, i - 1)
            if colour is not None:
                changes[_EXTENDED[code]] = colour
    return style._replace(**changes) if changes else style


def parse_sgr_params(text: str) -> list[int] | None:
    """Numbers of an SGR parameter string ("1;38;5;196", colon sub-parameters too); None if hostile."""
    if len(text) > MAX_SGR_PARAMS * 6:
        return None
    if ":" in text:
        return _parse_colon_params(text)
    parts = text.split(";")
    if len(parts) > MAX_SGR_PARAMS:
        return None
    return [int(p) if p and len(p) < 5 and p.isdigit() else (9999 if p.isdigit() else 0) for p in parts]


def _parse_colon_params(text: str) -> list[int] | None:
    """ITU T.416 form: 38:2::r:g:b or 38:2:r:g:b or 38:5:n (48, 58 too), and the underline styles
    4:0 to 4:5, mixed with plain ; parameters. A colon group we do not know is ignored."""
    out: list[int] = []
    for group in text.split(";"):
        fields = [int(f) if f.isdigit() and len(f) < 5 else 0 for f in group.split(":")]
        if len(fields) == 1:
            out.append(fields[0])
        elif fields[0] in _EXTENDED:
            if fields[1] == 2 and len(fields) >= 5:
                out.extend([fields[0], 2, *fields[-3:]])
            elif fields[1] == 5 and len(fields) >= 3:
                out.extend([fields[0], 5, fields[2]])
        elif fields[0] == 4 and len(fields) == 2 and fields[1] in _UNDERLINE_COLON:
            out.append(_UNDERLINE_COLON[fields[1]])
        if len(out) > MAX_SGR_PARAMS:
            return None
    return out


class SgrCache:
    """Memoises (style, parameter string) -> style: a log uses a handful of SGR sequences over and over."""

    __slots__ = ("_cache",)

    def __init__(self) -> None:
        self._cache: dict[tuple[Style, str], Style] = {}

    def apply(self, style: Style, text: str) -> Style:
        key = (style, text)
        found = self._cache.get(key)
        if found is not None:
            return found
        params = parse_sgr_params(text) if text else []
        result = style if params is None else apply_sgr(style, params)
        if len(self._cache) > 4096:
            self._cache.clear()
        self._cache[key] = result
        return result


#: Longest CSI parameter string acted on (longer ones are dropped whole).
MAX_CSI_BODY = 256
#: An SGR token of plain parameters whose first is a reset (ESC [ m, ESC [ 0 ; ... m): what it gives does
#: not depend on the style before it (when short: never over the parameter limits).
_RESET_SGR_RE = re.compile("\x1b\\[(?:0*(?:;[0-9]*)*)?m")
_SHARED = SgrCache()


def is_reset_sgr(token: str) -> bool:
    """Whether the SGR *token* gives the same style whatever the style before it."""
    return len(token) <= 40 and _RESET_SGR_RE.fullmatch(token) is not None


def style_after_sgr(style: Style, token: str) -> Style:
    """The style after the SGR *token* (``ESC [ params m`` with digits, ``;`` and ``:`` only)."""
    body = token[2:-1]
    if len(body) > MAX_CSI_BODY:
        return style
    return _SHARED.apply(style, body)
