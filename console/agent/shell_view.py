"""The customer's live, read-only view of the technician's terminals (in `valuezone agent --gui`).

Each terminal the technician opens gets a tab with our terminal widget at the technician's own size
(its font shrinks to fit), fed with exactly what the technician's terminal receives: their typing as
echoed and what the device prints. Nothing typed, pasted or answered here goes anywhere: the view has
no connection back, and its keys, paste and the emulator's replies are dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QContextMenuEvent, QFont, QFontMetricsF, QInputMethodEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QMenu, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from console.kit.widgets import named
from console.terminal.widget import TerminalWidget
from sessions.agent.catalogue import Catalogue
from sessions.agent.events import ShellClosed, ShellOpened, ShellOutput, ShellResized

FONT_POINTS = (11, 10, 9, 8, 7)  # the largest that fits the technician's grid is used
READABLE = 8  # below this the view scrolls (following the cursor) instead of shrinking further
MAX_TABS = 8  # beyond this, the oldest closed terminals give way


class ShellView(TerminalWidget):
    """A terminal widget that only shows: the grid is the technician's, input goes nowhere."""

    _remote: tuple[int, int] | None = None
    _fitting = False

    def __init__(
        self, cols: int, rows: int, parent: QWidget | None = None, *, texts: Catalogue | None = None
    ) -> None:
        super().__init__(parent)
        self.texts = texts
        self.setObjectName("agentShellView")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # to select and copy, nothing else
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.set_remote_size(cols, rows)

    def set_remote_size(self, cols: int, rows: int) -> None:
        """The technician's terminal size: the view keeps that grid whatever its own size."""
        self._remote = (cols, rows)
        self._fit_grid()
        self.fit_into(self._room)

    _room: tuple[int, int] = (640, 400)

    def fit_into(self, room: tuple[int, int]) -> None:
        """Take the font that shows the whole grid in *room* (w, h); if none is readable, fit the width."""
        self._room = room
        if self._remote is None:
            return
        cols, rows = self._remote
        font = QFont(self.font())
        sizes = {}
        for points in FONT_POINTS:
            font.setPointSize(points)
            metrics = QFontMetricsF(font)
            sizes[points] = (cols * metrics.horizontalAdvance("M"), rows * metrics.lineSpacing())
        whole = [
            p for p in FONT_POINTS if p >= READABLE and sizes[p][0] <= room[0] and sizes[p][1] <= room[1]
        ]
        wide = [p for p in FONT_POINTS if sizes[p][0] <= room[0]]
        font.setPointSize(whole[0] if whole else wide[0] if wide else FONT_POINTS[-1])
        self._fitting = True
        try:
            if font.pointSize() != self.font().pointSize():
                self.set_font(font)
            metrics = QFontMetricsF(font)
            width = cols * metrics.horizontalAdvance("M")
            self.setFixedSize(int(width) + 2, int(rows * metrics.lineSpacing()) + 2)
        finally:
            self._fitting = False
        self._fit_grid()

    def cursor_rect(self) -> tuple[int, int, int, int]:
        """Where the cursor is drawn (x, y, w, h), to keep it in sight."""
        metrics = QFontMetricsF(self.font())
        w, h = metrics.horizontalAdvance("M"), metrics.lineSpacing()
        return int(self.screen.cursor_x * w), int(self.screen.cursor_y * h), int(w), int(h)

    def _fit_grid(self) -> None:
        if self._remote is None:  # during the base class's set-up
            return
        cols, rows = self._remote
        if (cols, rows) != (self.screen.cols, self.screen.rows):
            self._drain(None)  # output queued so far belongs to the old size
            self.screen.resize(rows, cols)

    # --- nothing goes back ------------------------------------------------------------------------
    def _send(self, data: bytes) -> None:
        """Typing, pasting and the emulator's replies would go to the remote: here they go nowhere."""

    def _on_screen_reply(self, reply: str) -> None:
        """A device query's answer (DA, DSR) is not sent: the technician's own terminal answers it."""

    def paste_text(self, text: str) -> None:
        """No paste into a terminal the customer only watches."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if ctrl and event.key() == Qt.Key.Key_C:
            self.copy_selection()
            return
        event.ignore()

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        event.ignore()

    def event(self, event: QEvent) -> bool:
        return QWidget.event(self, event)  # Tab moves the focus here, as in any read-only widget

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.setObjectName("shellViewMenu")
        copy = menu.addAction(self.texts.text("window.copy") if self.texts else "Copy")
        copy.setEnabled(bool(self.selected_text()))
        copy.triggered.connect(self.copy_selection)
        menu.exec(event.globalPos())


class _ShellScroll(QScrollArea):
    """Holds one view: it fits the view's font to the room it has, and follows the cursor."""

    def __init__(self, view: ShellView) -> None:
        super().__init__()
        self.view = view
        self.setWidget(view)
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setStyleSheet("QScrollArea { background: #1e1e1e; }")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.view.fit_into((self.viewport().width(), self.viewport().height()))

    def follow_cursor(self) -> None:
        x, y, w, h = self.view.cursor_rect()
        self.ensureVisible(x, y + h, w, h)


class LiveShells(QWidget):
    """The panel: a title, a sentence (waiting, or why nothing can be shown), a tab per terminal."""

    def __init__(self, texts: Catalogue, *, end_to_end: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = texts
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(texts.text("view.live_title"))
        bold = QFont(title.font())
        bold.setBold(True)
        title.setFont(bold)
        layout.addWidget(title)
        note = "view.end_to_end" if end_to_end else "view.live_waiting"
        self.note = named(QLabel(texts.text(note)), "agentShellNote", texts.text("view.live_title"))
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.tabs = named(QTabWidget(), "agentShells", texts.text("view.live_title"))
        self.tabs.setDocumentMode(True)
        self.tabs.hide()
        layout.addWidget(self.tabs, 1)
        self.views: dict[int, ShellView] = {}
        self.scrolls: dict[int, _ShellScroll] = {}
        self.titles: dict[int, str] = {}
        self.closed: list[int] = []

    def show_event(self, event: object) -> bool:
        """Show *event* if it is about a terminal; False for any other event."""
        if isinstance(event, ShellOpened):
            self._opened(event)
        elif isinstance(event, ShellOutput):
            view = self.views.get(event.shell)
            if view is not None:
                view.feed(event.data)
                self.scrolls[event.shell].follow_cursor()
        elif isinstance(event, ShellResized):
            view = self.views.get(event.shell)
            if view is not None:
                view.set_remote_size(event.cols, event.rows)
        elif isinstance(event, ShellClosed):
            self._closed(event.shell)
        else:
            return False
        return True

    def _opened(self, event: ShellOpened) -> None:
        view = ShellView(event.cols, event.rows, texts=self.texts)
        view.setAccessibleName(self.texts.text("view.live_title"))
        if event.command:
            title = self.texts.text("view.live_tab_command", n=event.shell, command=event.command[:30])
        else:
            title = self.texts.text("view.live_tab", n=event.shell)
        title = title.replace("&", "&&")  # a tab title takes & as a shortcut mark
        scroll = _ShellScroll(view)
        self.views[event.shell] = view
        self.scrolls[event.shell] = scroll
        self.titles[event.shell] = title
        self.note.hide()
        self.tabs.show()
        self.tabs.setCurrentIndex(self.tabs.addTab(scroll, title))
        self._forget_old()

    def _closed(self, shell: int) -> None:
        scroll = self.scrolls.get(shell)
        if scroll is None:
            return
        index = self.tabs.indexOf(scroll)
        self.tabs.setTabText(index, self.texts.text("view.live_tab_ended", title=self.titles[shell]))
        self.closed.append(shell)

    def _forget_old(self) -> None:
        while self.tabs.count() > MAX_TABS and self.closed:
            shell = self.closed.pop(0)
            self.views.pop(shell)
            self.titles.pop(shell, None)
            scroll = self.scrolls.pop(shell)
            self.tabs.removeTab(self.tabs.indexOf(scroll))
            scroll.deleteLater()
