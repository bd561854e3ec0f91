"""The find bar under a session's terminal: Ctrl+Shift+F; Enter for older matches, Shift+Enter newer."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from console.kit.widgets import named
from console.terminal.widget import TerminalWidget


class FindBar(QWidget):
    """Finds in *terminal*'s scrollback and screen; the match is selected (so Ctrl+Shift+C copies it)."""

    def __init__(self, terminal: TerminalWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.terminal = terminal
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(QLabel(self.tr("Find:")))
        self.edit = named(QLineEdit(self), "findText", self.tr("Text to find in the terminal"))
        self.edit.setPlaceholderText(self.tr("in the scrollback and on the screen"))
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        row.addWidget(self.edit, 1)
        self.older = named(QToolButton(self), "findOlder", self.tr("Find an older match (Enter)"))
        self.older.setText("▲")
        self.older.setToolTip(self.tr("Older match (Enter)"))
        self.newer = named(QToolButton(self), "findNewer", self.tr("Find a newer match (Shift+Enter)"))
        self.newer.setText("▼")
        self.newer.setToolTip(self.tr("Newer match (Shift+Enter)"))
        self.count = named(QLabel(self), "findCount", self.tr("Matches"))
        self.close_button = named(QToolButton(self), "findClose", self.tr("Close the find bar (Esc)"))
        self.close_button.setText("✕")
        for widget in (self.older, self.newer, self.count, self.close_button):
            row.addWidget(widget)
        self.edit.textChanged.connect(self._on_text_changed)
        self.older.clicked.connect(lambda: self.find_next(older=True))
        self.newer.clicked.connect(lambda: self.find_next(older=False))
        self.close_button.clicked.connect(self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        """Show the bar with its text selected (what was selected in the terminal, if anything)."""
        selected = self.terminal.selected_text()
        if selected and "\n" not in selected:
            self.edit.setText(selected)
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.terminal.clear_find()
        self.hide()
        self.terminal.setFocus()

    def find_next(self, *, older: bool = True) -> tuple[int, int]:
        """Go to the next match; the count label says which of how many."""
        number, total = self.terminal.find_text(self.edit.text(), older=older)
        if not self.edit.text():
            self.count.setText("")
        elif total:
            self.count.setText(self.tr("{n} of {total}").format(n=number, total=total))
        else:
            self.count.setText(self.tr("No matches"))
        return number, total

    def _on_text_changed(self, _text: str) -> None:
        self.terminal.clear_find()  # a new text starts again from the newest match
        self.find_next(older=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.find_next(older=not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
