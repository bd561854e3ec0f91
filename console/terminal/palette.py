"""Colours for the terminal: the 16 named colours, 256-colour and truecolor hex, defaults, selection."""

from __future__ import annotations

from PySide6.QtGui import QColor

DEFAULT_FG = QColor(0xD0, 0xD0, 0xD0)
DEFAULT_BG = QColor(0x1E, 0x1E, 0x1E)
SELECTION_BG = QColor(0x26, 0x4F, 0x78)
SELECTION_FG = QColor(0xFF, 0xFF, 0xFF)

_NAMED = {
    "black": "000000",
    "red": "cd3131",
    "green": "0dbc79",
    "brown": "e5e510",
    "blue": "2472c8",
    "magenta": "bc3fbc",
    "cyan": "11a8cd",
    "white": "e5e5e5",
    "brightblack": "666666",
    "brightred": "f14c4c",
    "brightgreen": "23d18b",
    "brightbrown": "f5f543",
    "brightblue": "3b8eea",
    "brightmagenta": "d670d6",
    "brightcyan": "29b8db",
    "brightwhite": "ffffff",
}
_cache: dict[str, QColor] = {}


def color(name: str, default: QColor) -> QColor:
    """The QColor for a style colour ("default", a name or "rrggbb")."""
    if name == "default":
        return default
    found = _cache.get(name)
    if found is None:
        hex_value = _NAMED.get(name, name)
        found = QColor(f"#{hex_value}") if len(hex_value) == 6 else QColor(default)
        if not found.isValid():
            found = QColor(default)
        if len(_cache) < 4096:
            _cache[name] = found
    return found
