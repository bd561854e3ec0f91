"""The session player: recorded terminal, play/pause, seek slider, speed 1×–16×, idle limit, markers.

The recorded screen is drawn as large as the player's room allows (the font scaled to fit the
recording's columns and rows), and the words of a search hit are marked on it wherever they show.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from console.kit.widgets import named
from console.terminal.paint import CellMetrics, paint_cursor, paint_line
from console.terminal.palette import DEFAULT_BG, DEFAULT_FG
from sessions.archive import SPEEDS, Marker, Playback
from sessions.terminal.lines import Line
from sessions.terminal.width import STUB

TICK_MS = 33
SMALLEST_POINTS, LARGEST_POINTS = 5.0, 16.0  # the replay font's range when it is scaled to fit
HIGHLIGHT_FILL, HIGHLIGHT_EDGE = QColor(255, 224, 102, 110), QColor("#ffe066")
SLIDER_STEPS_PER_SECOND = 10
MARKER_COLOURS = {
    "chat": QColor("#2e86de"),
    "finding": QColor("#e67e22"),
    "escalation": QColor("#c0392b"),
    "outcome": QColor("#27ae60"),
    "survey": QColor("#8e44ad"),
    "note": QColor("#f1c40f"),
    "mark": QColor("#7f8c8d"),
}


def clock(seconds: float) -> str:
    whole = int(seconds)
    return (
        f"{whole // 60}:{whole % 60:02d}"
        if whole < 3600
        else f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
    )


def matched_cells(line: Line, patterns: Sequence[re.Pattern[str]]) -> list[tuple[int, int]]:
    """The [start, end) cell ranges of *line* where a pattern matches (a wide character is two cells)."""
    chars = line.chars
    text: list[str] = []
    column_of: list[int] = []  # the cell of each character of text (combining marks share their cell)
    for column, char in enumerate(chars):
        if char != STUB:
            text.append(char)
            column_of += [column] * len(char)
    joined = "".join(text)
    found = []
    for pattern in patterns:
        for match in pattern.finditer(joined):
            if match.end() > match.start():
                last = column_of[match.end() - 1]
                wide = last + 1 < len(chars) and chars[last + 1] == STUB
                found.append((column_of[match.start()], last + (2 if wide else 1)))
    return found


class ReplayView(QWidget):
    """Paints the playback's screen model with the terminal widget's painter (read-only: no input),
    in the largest font that fits, and marks the ``highlights`` wherever they are on the screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "replayScreen", self.tr("Recorded terminal"))
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self._cells: dict[float, CellMetrics] = {}
        self._cell = self._metrics(self._font.pointSizeF())
        self.playback: Playback | None = None
        self.highlights: list[re.Pattern[str]] = []
        self.note = ""  # shown instead of a screen, e.g. while the recording loads

    def _metrics(self, points: float) -> CellMetrics:
        found = self._cells.get(points)
        if found is None:
            font = QFont(self._font)
            font.setPointSizeF(points)
            found = self._cells[points] = CellMetrics.from_font(font)
        return found

    def _grid(self) -> tuple[int, int]:
        if self.playback is None:
            return 80, 24
        return self.playback.screen.cols, self.playback.screen.rows

    def cell(self) -> CellMetrics:
        """The cell size that fits the recording's columns and rows into the widget (half points)."""
        cols, rows = self._grid()
        base = self._metrics(self._font.pointSizeF())
        scale = min(self.width() / (cols * base.width), self.height() / (rows * base.height))
        points = max(SMALLEST_POINTS, min(LARGEST_POINTS, int(self._font.pointSizeF() * scale * 2) / 2))
        cell = self._metrics(points)
        while points > SMALLEST_POINTS and (
            cols * cell.width > self.width() or rows * cell.height > self.height()
        ):
            points -= 0.5
            cell = self._metrics(points)
        return cell

    def sizeHint(self) -> QSize:
        cols, rows = self._grid()
        base = self._metrics(self._font.pointSizeF())
        return QSize(int(cols * base.width) + 2, int(rows * base.height) + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 90)

    def matches(self) -> list[tuple[int, int, int]]:
        """(row, first cell, end cell) of every highlight on the screen now."""
        if self.playback is None or not self.highlights:
            return []
        return [
            (row, start, end)
            for row, line in enumerate(self.playback.screen.buffer)
            for start, end in matched_cells(line, self.highlights)
        ]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), DEFAULT_BG)
        if self.playback is None or self.note:
            painter.setPen(DEFAULT_FG)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.note)
            painter.end()
            return
        screen, cell = self.playback.screen, self.cell()
        painter.translate(max(0.0, (self.width() - screen.cols * cell.width) / 2), 0)
        for row, line in enumerate(screen.buffer):
            paint_line(painter, line, row, screen.cols, cell, None, screen.reverse_video)
        if not screen.cursor_hidden and screen.cursor_y < len(screen.buffer):
            x = min(screen.cursor_x, screen.cols - 1)
            paint_cursor(painter, screen.buffer[screen.cursor_y], x, screen.cursor_y, cell, False, False)
        painter.setPen(QPen(HIGHLIGHT_EDGE, 1.5))
        for row, start, end in self.matches():
            box = QRectF(start * cell.width, row * cell.height, (end - start) * cell.width, cell.height)
            painter.fillRect(box, HIGHLIGHT_FILL)
            painter.drawRect(box)
        painter.end()


class Timeline(QWidget):
    """A strip under the slider with one coloured mark per marker; a click on a mark jumps there."""

    marker_clicked = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "timeline", self.tr("Timeline markers"))
        self.setMinimumHeight(16)
        self.setMouseTracking(True)
        self.markers: list[Marker] = []
        self.duration = 0.0

    def set_markers(self, markers: list[Marker], duration: float) -> None:
        self.markers, self.duration = markers, max(duration, 0.001)
        self.update()

    def x_of(self, t: float) -> float:
        return 6 + (self.width() - 12) * min(max(t / self.duration, 0.0), 1.0)

    def marker_at(self, x: float) -> Marker | None:
        near = [(abs(self.x_of(m.t) - x), m) for m in self.markers if abs(self.x_of(m.t) - x) <= 6]
        return min(near, key=lambda pair: pair[0])[1] if near else None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        mid = self.height() / 2
        painter.fillRect(QRectF(6, mid - 1, self.width() - 12, 2), QColor("#bbbbbb"))
        for marker in self.markers:
            x = self.x_of(marker.t)
            painter.setBrush(MARKER_COLOURS.get(marker.kind, QColor("#555555")))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawPolygon(QPolygonF([QPointF(x, 1), QPointF(x + 5, mid), QPointF(x, self.height() - 1),
                                           QPointF(x - 5, mid)]))  # fmt: skip
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        marker = self.marker_at(event.position().x())
        self.setToolTip(f"{clock(marker.t)} {marker.kind}: {marker.label[:80]}" if marker else "")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        marker = self.marker_at(event.position().x())
        if marker is not None:
            self.marker_clicked.emit(marker.t)


class PlayerWidget(QWidget):
    """Plays a Playback at recorded speed; ``seek(t)`` shows the screen as it was at t."""

    position_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.playback: Playback | None = None
        self.view = ReplayView(self)
        self.play_button = named(QPushButton(self.tr("Play"), self), "playPause", self.tr("Play or pause"))
        self.play_button.setCheckable(True)
        self.slider = named(QSlider(Qt.Orientation.Horizontal, self), "seekSlider", self.tr("Seek"))
        self.time_label = named(QLabel("0:00 / 0:00", self), "playTime", self.tr("Playback time"))
        self.speed = named(QComboBox(self), "speed", self.tr("Playback speed"))
        for speed in SPEEDS:
            self.speed.addItem(f"{speed:g}×", speed)
        self.idle = named(QDoubleSpinBox(self), "idleLimit", self.tr("Idle-time limit in seconds"))
        self.idle.setRange(0.0, 60.0)
        self.idle.setValue(2.0)
        self.idle.setSuffix(self.tr(" s idle max"))
        self.idle.setSpecialValueText(self.tr("no idle limit"))
        self.timeline = Timeline(self)
        controls = QHBoxLayout()
        for widget in (self.play_button, self.slider, self.time_label, self.speed, self.idle):
            controls.addWidget(widget)
        controls.setStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(controls)
        layout.addWidget(self.timeline)
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._last_tick = 0.0
        self._dragging = False
        self.play_button.toggled.connect(self._on_play_button_toggled)
        self.slider.sliderPressed.connect(self._on_slider_pressed)
        self.slider.sliderReleased.connect(self._on_slider_released)
        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.timeline.marker_clicked.connect(self.seek)

    def load(self, playback: Playback) -> None:
        self.pause()
        self.playback = playback
        self.view.playback = playback
        self.view.note = ""
        self.view.highlights = []
        self.view.updateGeometry()
        self.slider.setRange(0, int(playback.duration * SLIDER_STEPS_PER_SECOND) + 1)
        self.timeline.set_markers(playback.markers, playback.duration)
        self.seek(0.0)

    def unload(self, note: str) -> None:
        """No recording to play: say *note* on the screen (e.g. while the next one loads)."""
        self.pause()
        self.playback = self.view.playback = None
        self.view.note = note
        self.view.highlights = []
        self.timeline.set_markers([], 0.0)
        self.time_label.setText("0:00 / 0:00")
        self.view.update()

    def highlight(self, patterns: Sequence[re.Pattern[str]]) -> None:
        """Mark *patterns* on the screen wherever they show (none: no marks)."""
        self.view.highlights = list(patterns)
        self.view.update()

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    def play(self) -> None:
        self.play_button.setChecked(True)

    def pause(self) -> None:
        self.play_button.setChecked(False)

    def seek(self, t: float) -> None:
        """Show the screen at recorded time *t* (playing goes on from there)."""
        if self.playback is None:
            return
        self.playback.seek(t)
        self._show_position()

    def screen_text(self) -> str:
        return self.playback.text() if self.playback else ""

    def _show_position(self) -> None:
        assert self.playback is not None
        position = self.playback.position
        if not self._dragging:
            self.slider.blockSignals(True)
            self.slider.setValue(int(position * SLIDER_STEPS_PER_SECOND))
            self.slider.blockSignals(False)
        self.time_label.setText(f"{clock(position)} / {clock(self.playback.duration)}")
        self.view.update()
        self.position_changed.emit(position)

    def _on_play_button_toggled(self, on: bool) -> None:
        self.play_button.setText(self.tr("Pause") if on else self.tr("Play"))
        if on and self.playback is not None:
            if self.playback.position >= self.playback.duration:
                self.playback.seek(0.0)
            self._last_tick = time.monotonic()
            self._timer.start()
        else:
            self._timer.stop()

    def _on_timer_timeout(self) -> None:
        if self.playback is None:
            return
        now = time.monotonic()
        idle = self.idle.value() or None
        going = self.playback.advance(now - self._last_tick, float(self.speed.currentData()), idle)
        self._last_tick = now
        self._show_position()
        if not going:
            self.pause()

    def _on_slider_pressed(self) -> None:
        self._dragging = True

    def _on_slider_released(self) -> None:
        self._dragging = False
        self.seek(self.slider.value() / SLIDER_STEPS_PER_SECOND)

    def _on_slider_value_changed(self, value: int) -> None:
        if not self._dragging:
            self.seek(value / SLIDER_STEPS_PER_SECOND)
