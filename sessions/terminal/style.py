"""Cell styles (colours and text attributes) and SGR: 16, 256 and 24-bit colours, with a cache for speed."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from pyte import graphics

#: Longest SGR parameter list we act on; longer lists are hostile or broken and are ignored whole.
MAX_SGR_PARAMS = 64


class Style(NamedTuple):
    """How a cell is drawn. Colours are "default", a name ("red", "brightblue") or "rrggbb" hex."""

    fg: str = "default"
    bg: str = "default"
    bold: bool = False
    italics: bool = False
    underscore: bool = False
    strikethrough: bool = False
    reverse: bool = False
    blink: bool = False


DEFAULT_STYLE = Style()

_FG = {**graphics.FG_ANSI, **graphics.FG_AIXTERM}
_BG = {**graphics.BG_ANSI, **graphics.BG_AIXTERM, 105: "brightmagenta"}  # pyte misspells 105
_PALETTE_256 = graphics.FG_BG_256
_FLAGS = {code: (name[1:], name[0] == "+") for code, name in graphics.TEXT.items()}
_FLAGS[21] = ("bold", False)  # some programs reset bold with 21


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
            name, value = _FLAGS[code]
            changes[name] = value
        elif code in (38, 48):
            colour, i = _extended_colour(params, i - 1)
            if colour is not None:
                changes["fg" if code == 38 else "bg"] = colour
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
    """ITU T.416 form: 38:2::r:g:b or 38:2:r:g:b or 38:5:n, mixed with plain ; parameters."""
    out: list[int] = []
    for group in text.split(";"):
        fields = [int(f) if f.isdigit() and len(f) < 5 else 0 for f in group.split(":")]
        if len(fields) > 1 and fields[0] in (38, 48) and len(fields) >= 2:
            if fields[1] == 2 and len(fields) >= 5:
                out.extend([fields[0], 2, *fields[-3:]])
            elif fields[1] == 5 and len(fields) >= 3:
                out.extend([fields[0], 5, fields[2]])
        else:
            out.append(fields[0])
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
