"""Drawing rows of the screen model with QPainter: runs of equal style at once, wide glyphs over two cells."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from console.terminal.palette import DEFAULT_BG, DEFAULT_FG, SELECTION_BG, SELECTION_FG, color
from sessions.terminal import STUB, Line, Style


@dataclass(slots=True)
class CellMetrics:
    """Cell size and the fonts for each (bold, italic) combination, derived from the caller's QFont."""

    width: float
    height: float
    ascent: float
    fonts: dict[tuple[bool, bool], QFont]

    @classmethod
    def from_font(cls, font: QFont) -> CellMetrics:
        metrics = QFontMetricsF(font)
        width = max(1.0, metrics.horizontalAdvance("M"))
        height = max(1.0, float(metrics.lineSpacing()))
        fonts = {}
        for bold in (False, True):
            for italic in (False, True):
                variant = QFont(font)
                variant.setBold(bold)
                variant.setItalic(italic)
                fonts[(bold, italic)] = variant
        return cls(width, height, metrics.ascent(), fonts)


def colours(style: Style, selected: bool, reverse_video: bool) -> tuple[QColor, QColor]:
    """(foreground, background) of a cell."""
    default_fg, default_bg = (DEFAULT_BG, DEFAULT_FG) if reverse_video else (DEFAULT_FG, DEFAULT_BG)
    if selected:
        return SELECTION_FG, SELECTION_BG
    fg = color(style.fg, default_fg)
    bg = color(style.bg, default_bg)
    return (bg, fg) if style.reverse else (fg, bg)


def paint_line(
    painter: QPainter,
    line: Line,
    row: int,
    cols: int,
    cell: CellMetrics,
    selected: tuple[int, int] | None,
    reverse_video: bool,
) -> None:
    """Paint one row at screen row *row*; *selected* is the [from, to) column range that is selected."""
    chars, styles = line.chars, line.styles
    n = min(len(chars), cols)
    sel_from, sel_to = selected if selected else (-1, -1)
    top = row * cell.height
    x = 0
    while x < n:
        char = chars[x]
        if char == STUB:
            x += 1
            continue
        style = styles[x]
        in_sel = sel_from <= x < sel_to
        if x + 1 < n and chars[x + 1] == STUB:
            _paint_run(painter, char, x, 2, top, cell, style, in_sel, reverse_video)
            x += 2
            continue
        end = x + 1
        while (
            end < n
            and styles[end] == style
            and (sel_from <= end < sel_to) == in_sel
            and chars[end] != STUB
            and not (end + 1 < n and chars[end + 1] == STUB)
        ):
            end += 1
        _paint_run(painter, "".join(chars[x:end]), x, end - x, top, cell, style, in_sel, reverse_video)
        x = end


def _paint_run(
    painter: QPainter,
    text: str,
    x: int,
    width: int,
    top: float,
    cell: CellMetrics,
    style: Style,
    selected: bool,
    reverse_video: bool,
) -> None:
    fg, bg = colours(style, selected, reverse_video)
    left = x * cell.width
    rect = QRectF(left, top, width * cell.width, cell.height)
    if bg != (DEFAULT_FG if reverse_video else DEFAULT_BG) or selected or reverse_video:
        painter.fillRect(rect, bg)
    if text.strip() or style.underscore or style.strikethrough:
        painter.setFont(cell.fonts[(style.bold, style.italics)])
        painter.setPen(fg)
        painter.drawText(QPointF(left, top + cell.ascent), text)
        if style.underscore:
            y = top + cell.ascent + 1.5
            painter.drawLine(QPointF(left, y), QPointF(left + rect.width(), y))
        if style.strikethrough:
            y = top + cell.height / 2
            painter.drawLine(QPointF(left, y), QPointF(left + rect.width(), y))


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
    if chars[x].strip():
        painter.setFont(cell.fonts[(line.styles[x].bold, line.styles[x].italics)])
        painter.setPen(bg)
        painter.drawText(QPointF(rect.left(), rect.top() + cell.ascent), chars[x])
