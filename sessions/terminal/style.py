"""Cell styles: colours (16, 256 and 24-bit) and text attributes; what erased cells keep of them."""

from __future__ import annotations

from typing import NamedTuple

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


def new_style(fields: list) -> Style:  # type: ignore[type-arg]
    """A Style from its fields in order (no checks: the caller copied them from a Style)."""
    return tuple.__new__(Style, fields)  # type: ignore[type-var]
