"""Box-drawing characters drawn as lines on the cell grid, so borders join whatever the font.

A font's box glyph may be shorter than the cell (line spacing above the glyph's extent) or come from a
fallback font of another width; either leaves gaps in a border. The light and heavy lines of U+2500-U+257F
(all that DEC special graphics gives, and most of what TUIs print) are therefore painted here: from the
cell's centre to the middle of each edge they reach. Double, dashed, rounded and diagonal ones are left to
the font.
"""

from __future__ import annotations

import math
import re
import unicodedata

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter

_WEIGHTS = {"LIGHT": 1, "HEAVY": 2}
_DIRECTIONS = {
    "LEFT": (0,),
    "RIGHT": (1,),
    "UP": (2,),
    "DOWN": (3,),
    "HORIZONTAL": (0, 1),
    "VERTICAL": (2, 3),
}


def _arms(name: str) -> tuple[int, int, int, int] | None:
    """(left, right, up, down) weights (0 none, 1 light, 2 heavy) from a character's Unicode name, or None.

    Names put the weight before the directions it applies to ("LIGHT DOWN AND RIGHT", "LIGHT LEFT AND
    HEAVY RIGHT") or after them ("DOWN LIGHT AND RIGHT HEAVY", "VERTICAL HEAVY AND LEFT LIGHT").
    """
    words = name.removeprefix("BOX DRAWINGS ").split()
    if not words or any(w not in _WEIGHTS and w not in _DIRECTIONS and w != "AND" for w in words):
        return None
    arms = [0, 0, 0, 0]
    weight_first = words[0] in _WEIGHTS
    weight = 0
    pending: list[int] = []
    for word in words:
        if word in _WEIGHTS:
            weight = _WEIGHTS[word]
            for arm in pending:
                arms[arm] = weight
            pending = []
        elif word in _DIRECTIONS:
            if weight_first:
                for arm in _DIRECTIONS[word]:
                    arms[arm] = weight
            else:
                pending.extend(_DIRECTIONS[word])
    return arms[0], arms[1], arms[2], arms[3]


#: Character -> (left, right, up, down) weights, for the box-drawing characters painted as lines.
BOX_ARMS: dict[str, tuple[int, int, int, int]] = {
    char: arms
    for char in map(chr, range(0x2500, 0x2580))
    if (arms := _arms(unicodedata.name(char, ""))) is not None
}
BOX_RE = re.compile("[" + "".join(BOX_ARMS) + "]")


def paint_box(
    painter: QPainter,
    arms: tuple[int, int, int, int],
    left: float,
    top: float,
    width: float,
    height: float,
    colour: QColor,
) -> None:
    """Lines of *arms* in the cell at (*left*, *top*): each from the centre to its edge, the edges shared
    exactly with the neighbouring cells so lines run on without a gap."""
    light = max(1, round(min(width, height) / 8))
    cx = math.floor(left + width / 2)
    cy = math.floor(top + height / 2)
    for arm, weight in enumerate(arms):
        if not weight:
            continue
        thick = light * weight
        half = thick // 2
        if arm == 0:
            rect = QRectF(left, cy - half, cx + thick - half - left, thick)
        elif arm == 1:
            rect = QRectF(cx - half, cy - half, left + width - (cx - half), thick)
        elif arm == 2:
            rect = QRectF(cx - half, top, thick, cy + thick - half - top)
        else:
            rect = QRectF(cx - half, cy - half, thick, top + height - (cy - half))
        painter.fillRect(rect, colour)
