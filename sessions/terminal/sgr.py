"""SGR (``CSI Pm m``): parameters to style, as xterm's ctlseqs lists them, fast enough for a colour per cell.

Three speeds: ``fast_sgr`` turns the forms a colour-per-cell stream is made of (``38;2;r;g;b``,
``48;5;n`` and pairs of them) into a style with a few dictionary lookups; ``SgrCache`` remembers
(style, parameters) -> style for the few sequences a log repeats; ``apply_sgr`` does everything else.
"""

from __future__ import annotations

from pyte import graphics

from sessions.patterns import compile_pattern
from sessions.terminal.style import (
    DEFAULT_STYLE,
    UNDERLINE_CURLY,
    UNDERLINE_DASHED,
    UNDERLINE_DOTTED,
    UNDERLINE_DOUBLE,
    UNDERLINE_NONE,
    UNDERLINE_SINGLE,
    Style,
    new_style,
)

#: Longest SGR parameter list we act on; longer lists are hostile or broken and are ignored whole.
MAX_SGR_PARAMS = 64
#: Longest CSI parameter string acted on (longer ones are dropped whole).
MAX_CSI_BODY = 256

_FIELD = {name: i for i, name in enumerate(Style._fields)}
_FG, _BG, _UNDERLINE_COLOUR = _FIELD["fg"], _FIELD["bg"], _FIELD["underline_colour"]
_PALETTE_256 = graphics.FG_BG_256
_HEX = [f"{i:02x}" for i in range(256)]
#: Decimal strings 0..255 -> two hex digits (a parameter with leading zeros takes the slow path).
_HEX_OF = {str(i): f"{i:02x}" for i in range(256)}
_PALETTE_OF = {str(i): colour for i, colour in enumerate(_PALETTE_256)}
_NUMBER_OF = {str(i): i for i in range(256)}

_COLOURS = {
    **{code: ((_FG, name),) for code, name in {**graphics.FG_ANSI, **graphics.FG_AIXTERM}.items()},
    **{code: ((_BG, name),) for code, name in {**graphics.BG_ANSI, **graphics.BG_AIXTERM}.items()},
    105: ((_BG, "brightmagenta"),),  # pyte misspells 105
}
#: SGR code -> (field index, value) pairs it sets (xterm's ctlseqs, "CSI Pm m Character Attributes
#: (SGR)"; 6 as tmux does). Negative codes stand for the colon forms 4:3, 4:4 and 4:5.
_SETS: dict[int, tuple[tuple[int, object], ...]] = {
    **_COLOURS,
    1: ((_FIELD["bold"], True),),
    2: ((_FIELD["faint"], True),),
    3: ((_FIELD["italics"], True),),
    4: ((_FIELD["underline"], UNDERLINE_SINGLE),),
    5: ((_FIELD["blink"], True),),
    6: ((_FIELD["blink"], True),),
    7: ((_FIELD["reverse"], True),),
    8: ((_FIELD["conceal"], True),),
    9: ((_FIELD["strikethrough"], True),),
    21: ((_FIELD["underline"], UNDERLINE_DOUBLE),),  # ECMA-48 3rd: doubly underlined (not "bold off")
    22: ((_FIELD["bold"], False), (_FIELD["faint"], False)),
    23: ((_FIELD["italics"], False),),
    24: ((_FIELD["underline"], UNDERLINE_NONE),),
    25: ((_FIELD["blink"], False),),
    27: ((_FIELD["reverse"], False),),
    28: ((_FIELD["conceal"], False),),
    29: ((_FIELD["strikethrough"], False),),
    59: ((_UNDERLINE_COLOUR, "default"),),
    -UNDERLINE_CURLY: ((_FIELD["underline"], UNDERLINE_CURLY),),
    -UNDERLINE_DOTTED: ((_FIELD["underline"], UNDERLINE_DOTTED),),
    -UNDERLINE_DASHED: ((_FIELD["underline"], UNDERLINE_DASHED),),
}
#: 4:n (n = 0..5) as the code that does the same.
_UNDERLINE_COLON = {0: 24, 1: 4, 2: 21, 3: -UNDERLINE_CURLY, 4: -UNDERLINE_DOTTED, 5: -UNDERLINE_DASHED}
#: 38, 48, 58 -> the field their colour goes to.
_EXTENDED = {38: _FG, 48: _BG, 58: _UNDERLINE_COLOUR}
_EXTENDED_OF = {"38": _FG, "48": _BG, "58": _UNDERLINE_COLOUR}


def _extended_colour(params: list[int], i: int) -> tuple[str | None, int]:
    """The colour after a 38/48/58 at index *i*, or None; and the index of the next parameter."""
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
        r, g, b = params[i + 2 : i + 5]
        return _HEX[min(r, 255)] + _HEX[min(g, 255)] + _HEX[min(b, 255)], i + 5
    return None, i + 2


def apply_sgr(style: Style, params: list[int]) -> Style:
    """The style after ``CSI params m`` (an empty list means reset)."""
    if not params:
        return DEFAULT_STYLE
    fields = list(style)
    i, n = 0, len(params)
    while i < n:
        code = params[i]
        i += 1
        sets = _SETS.get(code)
        if sets is not None:
            for index, value in sets:
                fields[index] = value
        elif code == 0:
            fields = list(DEFAULT_STYLE)
        elif code in _EXTENDED:
            colour, i = _extended_colour(params, i - 1)
            if colour is not None:
                fields[_EXTENDED[code]] = colour
    return new_style(fields)


def fast_sgr(style: Style, body: str) -> Style | None:
    """The style after the SGR parameters *body* when they are one or two extended colours in the plain
    form (``38;2;r;g;b``, ``48;5;n``, ``38;2;r;g;b;48;2;r;g;b``, ...); None for anything else."""
    parts = body.split(";")
    n = len(parts)
    if n == 10 and parts[0] == "38" and parts[1] == "2" and parts[5] == "48" and parts[6] == "2":
        hex_of = _HEX_OF  # both colours in 24 bits (an image's half block): the common case first
        try:
            fg = hex_of[parts[2]] + hex_of[parts[3]] + hex_of[parts[4]]
            bg = hex_of[parts[7]] + hex_of[parts[8]] + hex_of[parts[9]]
        except KeyError:
            return None
        return tuple.__new__(Style, (fg, bg, *style[2:]))  # type: ignore[type-var]
    if n not in (3, 5, 6, 8, 10):
        return None
    fields = list(style)
    i = 0
    try:
        while i < n:
            index = _EXTENDED_OF[parts[i]]
            kind = parts[i + 1]
            if kind == "2":
                fields[index] = _HEX_OF[parts[i + 2]] + _HEX_OF[parts[i + 3]] + _HEX_OF[parts[i + 4]]
                i += 5
            elif kind == "5":
                fields[index] = _PALETTE_OF[parts[i + 2]]
                i += 3
            else:
                return None
    except (KeyError, IndexError):
        return None
    return new_style(fields) if i == n else None


def parse_sgr_params(text: str) -> list[int] | None:
    """Numbers of an SGR parameter string ("1;38;5;196", colon sub-parameters too); None if hostile."""
    if len(text) > MAX_SGR_PARAMS * 6:
        return None
    if ":" in text:
        return _parse_colon_params(text)
    parts = text.split(";")
    if len(parts) > MAX_SGR_PARAMS:
        return None
    number = _NUMBER_OF.get
    out = []
    for part in parts:
        value = number(part)
        if value is None:
            value = (int(part) if len(part) < 5 else 9999) if part.isdigit() else 0
        out.append(value)
    return out


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
    """Memoises (style, parameter string) -> style: a log uses a handful of SGR sequences over and over.
    24-bit colours in the plain form are worked out directly (a colour per cell never repeats)."""

    __slots__ = ("_cache",)

    def __init__(self) -> None:
        self._cache: dict[tuple[Style, str], Style] = {}

    def apply(self, style: Style, text: str) -> Style:
        if text[1:5] == "8;2;" and text[:1] in ("3", "4", "5"):  # 24-bit: not remembered
            fast = fast_sgr(style, text)
            if fast is not None:
                return fast
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


#: An SGR token of plain parameters whose first is a reset (ESC [ m, ESC [ 0 ; ... m): what it gives does
#: not depend on the style before it (when short: never over the parameter limits).
_RESET_SGR_RE = compile_pattern("\x1b\\[(?:0*(?:;[0-9]*)*)?m")
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
