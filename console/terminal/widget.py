"""TerminalWidget: draws the Qt-free screen model with QPainter and turns keys, mouse and paste into bytes.

Output from the remote is decoded by one incremental UTF-8 decoder and queued; the queue is worked off
in time slices (a few ms each) so a flood never blocks the event loop, and repaints are coalesced to at
most one per 16 ms. Rows are addressed in "global" numbers (scrollback rows ever added + screen row), so
a selection or a view scrolled into the history stays on the same text while output continues.
"""

from __future__ import annotations

import codecs
import gc
import math
import time
from collections import deque
from functools import partial

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QWidget

from console.terminal.keys import console_owns, key_bytes, zoom_step
from console.terminal.paint import CellMetrics, paint_cursor, paint_line
from console.terminal.palette import DEFAULT_BG, DEFAULT_FG
from console.terminal.search import Match, find_all, step
from sessions.terminal import DEFAULT_SCROLLBACK, STUB, Line, TerminalScreen, TerminalStream

# Time one slice of queued output may take before the event loop gets control back.
SLICE_SECONDS = 0.006
# Characters handed to the model per step inside a slice.
STEP_CHARS = 4 * 1024
# Coalescing interval of repaints (<= 60 per second).
REPAINT_MS = 16
# A full repaint is done in bands of rows, each about this long, with the event loop running in between.
BAND_MS = 4.0
# Whole-view repaints start at most this often (30 per second): during a flood the view would otherwise be
# repainted back to back, and painting would take the time the output needs.
FULL_REPAINT_MS = 33
_Pos = tuple[int, int]  # (global row, column)
# Font sizes the zoom keeps to (points).
MIN_POINTS, MAX_POINTS = 6, 48
# How long after the last output the full garbage collections are allowed again.
GC_GRACE_MS = 250

# Widgets (by id) receiving a flood of output. A flood allocates and frees objects at the same rate, so
# Python's collector rarely runs, and when it finally does its youngest generation holds every row that
# scrolled in since: 10,000 rows of scrollback, a 40-70 ms stall. So while any widget is flooded, what
# survived the last slice of work is moved out of the collector's sight (``gc.freeze``, O(1)) before the
# next one, and young collections stay small. GC_GRACE_MS after the last output the frozen objects are
# given back (``gc.unfreeze``, O(1)) and collected as usual. Row objects are freed by reference counting
# at any time, frozen or not.
_gc_holders: set[int] = set()
_gc_state = {"unfreeze": False}


def _hold_gc(key: int) -> None:
    if not _gc_holders:
        # An application that froze objects itself keeps them (and ours) frozen: we never unfreeze its own.
        _gc_state["unfreeze"] = gc.get_freeze_count() == 0
    _gc_holders.add(key)


def _release_gc(key: int, *_args: object) -> None:
    if key in _gc_holders:
        _gc_holders.discard(key)
        if not _gc_holders and _gc_state["unfreeze"]:
            gc.unfreeze()


class TerminalWidget(QWidget):
    """A terminal view of one session's output stream, and the source of its keyboard input."""

    input_ready = Signal(bytes)
    grid_resized = Signal(int, int)
    title_changed = Signal(str)
    zoom_changed = Signal(int)  # points the font is zoomed by (0: the configured size)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        font: QFont | None = None,
        scrollback: int = DEFAULT_SCROLLBACK,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("terminal")
        self.setAccessibleName(self.tr("Terminal"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setCursor(Qt.CursorShape.IBeamCursor)
        self._screen = TerminalScreen(
            80, 24, scrollback=scrollback, on_reply=self._on_screen_reply, on_title=self.title_changed.emit
        )
        self._stream = TerminalStream(self._screen)
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._queue: deque[str] = deque()
        self._view_top: int | None = None  # global row at the top when scrolled back, None: follow output
        self._anchor: _Pos | None = None
        self._caret: _Pos | None = None
        self._preedit = ""
        self._read_only = False
        self._zoom = 0
        self._base_points = 11.0
        self._match: Match | None = None
        self._last_paint_ms = 0.0
        self._painted_cursor_rows: set[int] = set()
        self._row_paint_ms = 0.3  # running estimate of what painting one row costs
        self._band_row: int | None = None  # next row of a banded full repaint, None: none under way
        self._band_again = False
        self._band_started = 0.0  # when the first band of the pass under way was painted
        self._band_timer = QTimer(self, singleShot=True, interval=0)
        self._band_timer.timeout.connect(self._paint_band)
        self.destroyed.connect(partial(_release_gc, id(self)))
        self._gc_timer = QTimer(self, singleShot=True, interval=GC_GRACE_MS)
        self._gc_timer.timeout.connect(partial(_release_gc, id(self)))
        self._feed_timer = QTimer(self, singleShot=True, interval=0)
        self._feed_timer.timeout.connect(self._on_feed_timer_timeout)
        self._paint_timer = QTimer(self, singleShot=True, interval=REPAINT_MS)
        self._paint_timer.timeout.connect(self._on_paint_timer_timeout)
        self._cell = CellMetrics.from_font(self._default_font())
        self.set_font(font or self._default_font())
        self._copy_action = QAction(self.tr("Copy"), self)
        self._copy_action.triggered.connect(self.copy_selection)
        self._paste_action = QAction(self.tr("Paste"), self)
        self._paste_action.triggered.connect(self.paste_clipboard)

    # --- public API -----------------------------------------------------------------------------
    @property
    def screen(self) -> TerminalScreen:  # type: ignore[override]
        """The screen model (Qt-free). Shadows QWidget.screen(); use window().screen() for the QScreen."""
        return self._screen

    @property
    def cols(self) -> int:
        return self._screen.cols

    @property
    def rows(self) -> int:
        return self._screen.rows

    @property
    def busy(self) -> bool:
        """Whether output is still queued for the model."""
        return bool(self._queue)

    def feed(self, data: bytes) -> None:
        """Output from the remote. Work is done in short slices; the view repaints at most every 16 ms."""
        text = self._decoder.decode(data)
        if not text:
            return
        self._queue.append(text)
        _hold_gc(id(self))
        self._gc_timer.stop()
        if not self._feed_timer.isActive():
            self._drain(time.monotonic() + SLICE_SECONDS / 2)
        self._schedule_repaint()

    def snapshot_text(self) -> str:
        """The visible rows joined by newlines, each right-stripped (queued output applied first)."""
        self._drain(None)
        top = self._top_row()
        lines = []
        for row in range(self.rows):
            line = self._line_at(top + row)
            lines.append(line.text.rstrip() if line is not None else "")
        return "\n".join(lines)

    def set_font(self, font: QFont) -> None:
        """Use *font* (monospace expected) at the zoom in effect; the grid (and the PTY) follow the cells."""
        self._base_points = font.pointSizeF() if font.pointSizeF() > 0 else 11.0
        self._apply_font(font)

    @property
    def zoom(self) -> int:
        return self._zoom

    def zoom_by(self, step: int) -> None:
        """Zoom the font one point in (+1) or out (-1); 0 goes back to the configured size."""
        zoom = 0 if step == 0 else self._zoom + step
        points = max(MIN_POINTS, min(MAX_POINTS, self._base_points + zoom))
        zoom = int(points - self._base_points)
        if zoom != self._zoom or step == 0:
            self._zoom = zoom
            self._apply_font(self.font())
            self.zoom_changed.emit(zoom)

    def _apply_font(self, font: QFont) -> None:
        font = QFont(font)
        font.setPointSizeF(max(MIN_POINTS, min(MAX_POINTS, self._base_points + self._zoom)))
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setKerning(False)
        self.setFont(font)
        self._cell = CellMetrics.from_font(font)
        self._fit_grid()
        self.update()

    @property
    def read_only(self) -> bool:
        return self._read_only

    def set_read_only(self, read_only: bool) -> None:
        """Read-only (an ended session): it still scrolls, selects, copies and finds, but sends nothing."""
        self._read_only = read_only
        self.setCursor(Qt.CursorShape.ArrowCursor if read_only else Qt.CursorShape.IBeamCursor)

    # --- find -----------------------------------------------------------------------------------
    def find_text(self, needle: str, *, older: bool = True) -> tuple[int, int]:
        """Select the next match of *needle* up (*older*) or down the scrollback and screen, and show it.

        Returns (its number counted from the oldest, 1-based; how many there are); (0, 0) for none.
        """
        self._drain(None)
        matches = find_all(self._screen, needle)
        current = self._match if self._match in matches else None
        self._match = step(matches, current, older=older)
        if self._match is None:
            self.clear_find()
            return 0, 0
        match = self._match
        self._anchor, self._caret = (match.row, match.start), (match.row, match.end)
        self._show_row(match.row)
        return matches.index(match) + 1, len(matches)

    def clear_find(self) -> None:
        """Forget the current match and its highlight."""
        if self._match is not None and self._selection() == (
            (self._match.row, self._match.start),
            (self._match.row, self._match.end),
        ):
            self._anchor = self._caret = None
        self._match = None
        self.update()

    def _show_row(self, row: int) -> None:
        """Scroll so that global *row* is in view (centred when it was out of view)."""
        top = self._top_row()
        if not top <= row < top + self.rows:
            history = self._screen.history
            wanted = row - self.rows // 2
            self._view_top = None if wanted >= history.added else wanted
            self.scroll_lines(0)
        self.update()

    def copy_selection(self) -> None:
        """Put the selected text on the clipboard."""
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def paste_clipboard(self) -> None:
        """Send the clipboard's text, in bracketed-paste markers when the remote asked for them."""
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> None:
        if not text:
            return
        text = text.replace("\r\n", "\r").replace("\n", "\r")
        if self._screen.bracketed_paste:
            text = "\x1b[200~" + text.replace("\x1b[201~", "").replace("\x1b[200~", "") + "\x1b[201~"
        self._send(text.encode("utf-8"))

    def selected_text(self) -> str:
        """The selected cells as text; rows that wrapped are joined, others end with a newline."""
        span = self._selection()
        if span is None:
            return ""
        (row0, col0), (row1, col1) = span
        parts: list[str] = []
        for row in range(row0, row1 + 1):
            line = self._line_at(row)
            if line is None:
                continue
            start = col0 if row == row0 else 0
            end = col1 if row == row1 else len(line.chars)
            text = "".join(line.chars[start:end]).replace(STUB, "")
            parts.append(text if (line.wrapped and row != row1) else text.rstrip())
            if row != row1 and not line.wrapped:
                parts.append("\n")
        return "".join(parts)

    def scroll_lines(self, delta: int) -> None:
        """Scroll the view by *delta* rows (negative: back into the history)."""
        history = self._screen.history
        oldest = history.added - len(history)
        top = max(oldest, min(self._top_row() + delta, history.added))
        self._view_top = None if top >= history.added else top
        self.update()

    # --- the model's callbacks and output queue --------------------------------------------------
    def _on_screen_reply(self, reply: str) -> None:
        self.input_ready.emit(reply.encode("utf-8"))

    def _drain(self, deadline: float | None) -> None:
        """Feed queued output to the model until *deadline* (monotonic seconds; None: all of it)."""
        queue = self._queue
        if id(self) in _gc_holders:
            gc.freeze()
        while queue:
            text = queue.popleft()
            if len(text) > STEP_CHARS:
                queue.appendleft(text[STEP_CHARS:])
                text = text[:STEP_CHARS]
            self._stream.feed_text(text)
            if deadline is not None and time.monotonic() >= deadline:
                break
        if queue:
            if not self._feed_timer.isActive():
                self._feed_timer.start()
        elif not self._gc_timer.isActive():
            self._gc_timer.start()
        self._schedule_repaint()

    def _on_feed_timer_timeout(self) -> None:
        self._drain(time.monotonic() + SLICE_SECONDS)

    def _schedule_repaint(self) -> None:
        if not self._paint_timer.isActive():
            self._paint_timer.start()

    def _on_paint_timer_timeout(self) -> None:
        # A slow paint (a full screen during a flood) spaces the next one out, so output keeps flowing.
        self._paint_timer.setInterval(max(REPAINT_MS, min(100, int(self._last_paint_ms * 2))))
        rows = self._screen.take_dirty()
        if rows is None or self._view_top is not None or len(rows) > self.rows // 2:
            self._start_bands()
            return
        rows.add(self._screen.cursor_y)
        rows |= self._painted_cursor_rows
        height = self._cell.height
        for row in rows:
            self.update(QRect(0, int(row * height), self.width(), int(height) + 2))

    def _start_bands(self) -> None:
        """Repaint the whole view in bands of rows (a full paint during a flood would stall the loop)."""
        if self._band_row is None:
            self._band_row = 0
            self._band_timer.start(self._full_repaint_delay())
        else:
            self._band_again = True  # the one under way goes on, then the view is painted once more

    def _full_repaint_delay(self) -> int:
        """Milliseconds until the next whole-view repaint may start."""
        since_ms = (time.monotonic() - self._band_started) * 1000
        return max(0, math.ceil(FULL_REPAINT_MS - since_ms))

    def _paint_band(self) -> None:
        start = self._band_row
        if start is None:
            return
        if start == 0:
            self._band_started = time.monotonic()
        rows = self.rows
        count = max(1, int(BAND_MS / max(self._row_paint_ms, 0.01)))
        end = min(rows, start + count)
        height = self._cell.height
        top = int(start * height)
        bottom = self.height() if end >= rows else int(end * height) + 1
        self.repaint(QRect(0, top, self.width(), bottom - top))
        if end < rows:
            self._band_row = end
            self._band_timer.start()
        elif self._band_again:
            self._band_again = False
            self._band_row = 0
            self._band_timer.start(self._full_repaint_delay())
        else:
            self._band_row = None

    # --- geometry -------------------------------------------------------------------------------
    def _default_font(self) -> QFont:
        return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

    def _fit_grid(self) -> None:
        cols = max(2, int(self.width() / self._cell.width))
        rows = max(1, int(self.height() / self._cell.height))
        if (cols, rows) != (self._screen.cols, self._screen.rows):
            self._drain(None)
            self._screen.resize(rows, cols)
            self.grid_resized.emit(self._screen.cols, self._screen.rows)

    def closeEvent(self, event: QCloseEvent) -> None:
        """A closed terminal gives the garbage collector back at once (not only after the grace time)."""
        self._gc_timer.stop()
        _release_gc(id(self))
        super().closeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_grid()

    def _top_row(self) -> int:
        """Global row number shown at the top of the view."""
        history = self._screen.history
        if self._view_top is None:
            return history.added
        return max(history.added - len(history), min(self._view_top, history.added))

    def _line_at(self, row: int) -> Line | None:
        history = self._screen.history
        if row >= history.added:
            index = row - history.added
            return self._screen.buffer[index] if index < self._screen.rows else None
        index = row - (history.added - len(history))
        return history[index] if index >= 0 else None

    def _cell_at(self, point: QPoint) -> _Pos:
        col = max(0, min(int(point.x() / self._cell.width), self.cols))
        row = max(0, min(int(point.y() / self._cell.height), self.rows - 1))
        return self._top_row() + row, col

    def _selection(self) -> tuple[_Pos, _Pos] | None:
        if self._anchor is None or self._caret is None or self._anchor == self._caret:
            return None
        return (self._anchor, self._caret) if self._anchor < self._caret else (self._caret, self._anchor)

    # --- painting -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        started = time.monotonic()
        painted = self._paint(event)
        self._last_paint_ms = (time.monotonic() - started) * 1000
        if painted:
            per_row = self._last_paint_ms / painted
            self._row_paint_ms = 0.7 * self._row_paint_ms + 0.3 * per_row

    def _paint(self, event: QPaintEvent) -> int:
        """Paint the event's rect; returns how many rows were painted."""
        painter = QPainter(self)
        screen = self._screen
        rect = event.rect()
        painter.fillRect(rect, DEFAULT_FG if screen.reverse_video else DEFAULT_BG)
        cell = self._cell
        first = max(0, int(rect.top() / cell.height))
        last = min(screen.rows - 1, int(rect.bottom() / cell.height))
        top = self._top_row()
        span = self._selection()
        for row in range(first, last + 1):
            line = self._line_at(top + row)
            if line is not None:
                paint_line(
                    painter,
                    line,
                    row,
                    screen.cols,
                    cell,
                    self._row_span(span, top + row),
                    screen.reverse_video,
                )
        cursor_row = screen.cursor_y + screen.history.added - top
        self._painted_cursor_rows.difference_update(range(first, last + 1))
        if first <= cursor_row <= last:
            self._painted_cursor_rows.add(cursor_row)
        if not screen.cursor_hidden and 0 <= cursor_row < screen.rows:
            x = min(screen.cursor_x, screen.cols - 1)
            paint_cursor(painter, screen.buffer[screen.cursor_y], x, cursor_row, cell, self.hasFocus(), False)
            if self._preedit:
                painter.setPen(DEFAULT_FG)
                painter.drawText(
                    int(x * cell.width), int(cursor_row * cell.height + cell.ascent), self._preedit
                )
        painter.end()
        return max(0, last - first + 1)

    @staticmethod
    def _row_span(span: tuple[_Pos, _Pos] | None, row: int) -> tuple[int, int] | None:
        if span is None or not span[0][0] <= row <= span[1][0]:
            return None
        start = span[0][1] if row == span[0][0] else 0
        end = span[1][1] if row == span[1][0] else 1 << 30
        return start, end

    # --- keyboard and input method --------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        # Every key a shell or a full-screen program uses reaches it, not a menu's or a window's shortcut;
        # only the console's own Ctrl+Shift family goes on to be a shortcut.
        override = event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
        if override and not console_owns(event.key(), event.modifiers()):  # type: ignore[attr-defined]
            event.accept()
            return True
        is_key = event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
        if is_key and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):  # type: ignore[attr-defined]
            self.keyPressEvent(event)  # type: ignore[arg-type]
            return True
        return super().event(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab belong to the remote shell, not to focus navigation."""
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if shift and key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown) and not ctrl:
            self.scroll_lines(-(self.rows - 1) if key == Qt.Key.Key_PageUp else self.rows - 1)
            return
        if ctrl and shift and key == Qt.Key.Key_C:
            self.copy_selection()
            return
        if ctrl and shift and key == Qt.Key.Key_V:
            self.paste_clipboard()
            return
        zoom = zoom_step(key, mods)
        if zoom is not None:
            self.zoom_by(zoom)
            return
        data = key_bytes(key, mods, event.text(), app_cursor=self._screen.app_cursor_keys)
        if data:
            self._send(data)
            event.accept()
        else:
            super().keyPressEvent(event)

    def _send(self, data: bytes) -> None:
        """Typing returns the view to the bottom and drops the selection."""
        if self._read_only:
            return
        if self._view_top is not None:
            self._view_top = None
            self.update()
        self.input_ready.emit(data)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        commit = event.commitString()
        self._preedit = event.preeditString()
        if commit:
            self._send(commit.encode("utf-8"))
        self.update()
        event.accept()

    def inputMethodQuery(self, query: Qt.InputMethodQuery) -> object:
        if query == Qt.InputMethodQuery.ImCursorRectangle:
            screen, cell = self._screen, self._cell
            return QRect(
                int(min(screen.cursor_x, screen.cols - 1) * cell.width),
                int(screen.cursor_y * cell.height),
                int(cell.width),
                int(cell.height),
            )
        return super().inputMethodQuery(query)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    # --- mouse ----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._anchor = self._caret = self._cell_at(event.position().toPoint())
            self.update()
        elif event.button() == Qt.MouseButton.MiddleButton:
            self.paste_text(QGuiApplication.clipboard().text(QGuiApplication.clipboard().Mode.Selection))
        self.setFocus(Qt.FocusReason.MouseFocusReason)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton and self._anchor is not None:
            self._caret = self._cell_at(event.position().toPoint())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._anchor is not None:
            self._caret = self._cell_at(event.position().toPoint())
            text = self.selected_text()
            clipboard = QGuiApplication.clipboard()
            if text and clipboard.supportsSelection():
                clipboard.setText(text, clipboard.Mode.Selection)
            self.update()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1 if steps > 0 else -1)  # Ctrl+wheel zooms, as in every terminal and browser
        elif steps:
            self.scroll_lines(-round(steps * 3))
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.setObjectName("terminalContextMenu")
        self._copy_action.setEnabled(self._selection() is not None)
        self._copy_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self._paste_action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        menu.addAction(self._copy_action)
        menu.addAction(self._paste_action)
        menu.exec(event.globalPos())
