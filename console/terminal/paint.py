"""Drawing rows of the screen model with QPainter: runs of equal style at once, wide glyphs over two cells.

Attributes as xterm draws them: faint text halfway between its colour and the background, concealed text
not drawn (its background is), underlines single, double, curly, dotted or dashed (SGR 4:1..4:5), in
the underline colour when SGR 58 gave one.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress
from operator import ne

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from console.terminal.boxdraw import BOX_ARMS, BOX_RE, paint_box
from console.terminal.palette import DEFAULT_BG, DEFAULT_FG, SELECTION_BG, SELECTION_FG, color
from sessions.terminal import STUB, Line, Style
from sessions.terminal.style import (
    UNDERLINE_CURLY,
    UNDERLINE_DASHED,
    UNDERLINE_DOTTED,
    UNDERLINE_DOUBLE,
    UNDERLINE_NONE,
)


@dataclass(slots=True)
class CellMetrics:
    """Cell size and the fonts for each (bold, italic) combination, derived from the caller's QFont."""

    width: float
    height: float
    ascent: float
    fonts: dict[tuple[bool, bool], QFont]
    metrics: dict[tuple[bool, bool], QFontMetricsF]
    fits: dict[tuple[str, bool, bool], bool]
    #: Per variant, a font whose letter spacing puts a wide glyph (Hangul, CJK) exactly on two cells.
    wide_fonts: dict[tuple[bool, bool], QFont]

    @classmethod
    def from_font(cls, font: QFont) -> CellMetrics:
        base = QFontMetricsF(font)
        width = max(1.0, base.horizontalAdvance("M"))
        fonts, metrics, wide_fonts = {}, {}, {}
        for bold in (False, True):
            for italic in (False, True):
                variant = QFont(font)
                variant.setBold(bold)
                variant.setItalic(italic)
                fonts[(bold, italic)] = variant
                metrics[(bold, italic)] = QFontMetricsF(variant)
                wide = QFont(variant)
                spacing = 2 * width - metrics[(bold, italic)].horizontalAdvance("가")
                wide.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
                wide_fonts[(bold, italic)] = wide
        return cls(width, max(1.0, float(base.lineSpacing())), base.ascent(), fonts, metrics, {}, wide_fonts)

    def text_fits(self, text: str, cells: int, style: Style) -> bool:
        """Whether *text* drawn as one string lands on the cell grid (fallback fonts may be wider)."""
        key = (text, style.bold, style.italics)
        found = self.fits.get(key)
        if found is None:
            advance = self.metrics[(style.bold, style.italics)].horizontalAdvance(text)
            found = abs(advance - cells * self.width) < 0.5
            if len(self.fits) > 8192:
                self.fits.clear()
            self.fits[key] = found
        return found


def colours(style: Style, selected: bool, reverse_video: bool) -> tuple[QColor, QColor]:
    """(foreground, background) of a cell; faint text is drawn halfway between the two."""
    default_fg, default_bg = (DEFAULT_BG, DEFAULT_FG) if reverse_video else (DEFAULT_FG, DEFAULT_BG)
    if selected:
        return SELECTION_FG, SELECTION_BG
    fg = color(style.fg, default_fg)
    bg = color(style.bg, default_bg)
    if style.reverse:
        fg, bg = bg, fg
    return (_halfway(fg, bg) if style.faint else fg), bg


def _halfway(fg: QColor, bg: QColor) -> QColor:
    key = (fg.rgb(), bg.rgb())
    found = _FAINT.get(key)
    if found is None:
        red, green = (fg.red() + bg.red()) // 2, (fg.green() + bg.green()) // 2
        found = QColor(red, green, (fg.blue() + bg.blue()) // 2)
        if len(_FAINT) > 4096:
            _FAINT.clear()
        _FAINT[key] = found
    return found


_FAINT: dict[tuple[int, int], QColor] = {}


def paint_line(
    painter: QPainter,
    line: Line,
    row: int,
    cols: int,
    cell: CellMetrics,
    selected: tuple[int, int] | None,
    reverse_video: bool,
) -> None:
    """Paint one row at screen row *row*; *selected* is the [from, to) column range that is selected.

    Runs of equal style are found at C speed (compress over map(ne, ...)): a boundary is where the
    style or the selection changes, except on the second half of a wide character.
    """
    chars, styles = line.chars, line.styles
    n = min(len(chars), cols)
    if n <= 0:
        return
    sel_from, sel_to = selected if selected else (-1, -1)
    top = row * cell.height
    cuts = list(compress(range(1, n), map(ne, styles[1:n], styles[: n - 1])))
    if selected:
        cuts = sorted({*cuts, *(b for b in (sel_from, sel_to) if 0 < b < n)})
    if STUB in chars:
        cuts = [b for b in cuts if chars[b] != STUB]
    cuts.append(n)
    x = 0
    for end in cuts:
        _paint_run(painter, chars[x:end], x, top, cell, styles[x], sel_from <= x < sel_to, reverse_video)
        x = end


def _paint_run(
    painter: QPainter,
    cells: list[str],
    x: int,
    top: float,
    cell: CellMetrics,
    style: Style,
    selected: bool,
    reverse_video: bool,
) -> None:
    """One run of equal style: background, then the text in one call when it lands on the grid."""
    fg, bg = colours(style, selected, reverse_video)
    left = x * cell.width
    width = len(cells) * cell.width
    if bg != (DEFAULT_FG if reverse_video else DEFAULT_BG) or selected or reverse_video:
        painter.fillRect(QRectF(left, top, width, cell.height), bg)
    if style.conceal and not selected:  # invisible: the background only (still copied with a selection)
        return
    text = "".join(cells)
    if BOX_RE.search(text) is not None:  # lines drawn on the grid, the rest as text
        for i, char in enumerate(cells):
            arms = BOX_ARMS.get(char)
            if arms is not None:
                paint_box(painter, arms, left + i * cell.width, top, cell.width, cell.height, fg)
        cells = [" " if char in BOX_ARMS else char for char in cells]
        text = "".join(cells)
    if not (text.strip(" " + STUB) or style.underline or style.strikethrough):
        return
    painter.setFont(cell.fonts[(style.bold, style.italics)])
    painter.setPen(fg)
    baseline = top + cell.ascent
    if STUB not in text or cell.text_fits(text.replace(STUB, ""), len(cells), style):
        painter.drawText(QPointF(left, baseline), text.replace(STUB, ""))
    else:
        _paint_cells(painter, cells, left, baseline, cell, style)
    if style.underline != UNDERLINE_NONE:
        colour = fg if style.underline_colour == "default" or selected else color(style.underline_colour, fg)
        _paint_underline(painter, style.underline, left, width, baseline, top + cell.height, colour)
    if style.strikethrough:
        y = top + cell.height / 2
        painter.setPen(fg)
        painter.drawLine(QPointF(left, y), QPointF(left + width, y))


def _paint_underline(
    painter: QPainter, kind: int, left: float, width: float, baseline: float, bottom: float, colour: QColor
) -> None:
    """One underline of the given kind from *left* over *width*, below the baseline and inside the row."""
    y = min(baseline + 1.5, bottom - 3.5)  # room below for a double line or a wave
    pen = QPen(colour)
    pen.setWidthF(1.0)
    right = left + width
    if kind == UNDERLINE_DOUBLE:
        painter.setPen(pen)
        painter.drawLine(QPointF(left, y - 1), QPointF(right, y - 1))
        painter.drawLine(QPointF(left, y + 1), QPointF(right, y + 1))
        return
    if kind == UNDERLINE_CURLY:
        path = QPainterPath(QPointF(left, y))
        step = 3.0  # half a wave
        x, up = left, True
        while x < right:
            nxt = min(x + step, right)
            path.quadTo(QPointF((x + nxt) / 2, y + (-4.0 if up else 4.0)), QPointF(nxt, y))  # peaks at 2 px
            x, up = nxt, not up
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(pen)
        painter.drawPath(path)
        painter.restore()
        return
    if kind == UNDERLINE_DOTTED:
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([1.0, 1.0])
    elif kind == UNDERLINE_DASHED:
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([4.0, 2.0])
    painter.setPen(pen)
    painter.drawLine(QPointF(left, y), QPointF(right, y))


def _paint_cells(
    painter: QPainter, cells: list[str], left: float, baseline: float, cell: CellMetrics, style: Style
) -> None:
    """Narrow characters in runs with the cell font, runs of wide characters with the spaced wide font."""
    n = len(cells)
    i = 0
    while i < n:
        start = i
        if i + 1 < n and cells[i + 1] == STUB:
            while i + 1 < n and cells[i + 1] == STUB:
                i += 2
            painter.setFont(cell.wide_fonts[(style.bold, style.italics)])
            painter.drawText(QPointF(left + start * cell.width, baseline), "".join(cells[start:i:2]))
            painter.setFont(cell.fonts[(style.bold, style.italics)])
        else:
            while i < n and not (i + 1 < n and cells[i + 1] == STUB):
                i += 1
            narrow = "".join(cells[start:i]).replace(STUB, "")
            if narrow.strip():
                painter.drawText(QPointF(left + start * cell.width, baseline), narrow)


def paint_cursor(
    painter: QPainter, line: Line, x: int, row: int, cell: CellMetrics, focused: bool, reverse_video: bool
) -> None:
    """A block cursor (an outline when the widget has no focus) over the cell at (x, row)."""
    chars = line.chars
    if x >= len(chars):
        return
    wide = x + 1 < len(chars) and chars[x + 1] == STUB
    rect = QRectF(x * cell.width, row * cell.height, cell.width * (2 if wide else 1), cell.height)
    fg, bg = colours(line.styles[x], False, reverse_video)
    if not focused:
        painter.setPen(fg)
        painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        return
    painter.fillRect(rect, fg)
    if chars[x].strip() and not line.styles[x].conceal:
        painter.setFont(cell.fonts[(line.styles[x].bold, line.styles[x].italics)])
        painter.setPen(bg)
        painter.drawText(QPointF(rect.left(), rect.top() + cell.ascent), chars[x])
