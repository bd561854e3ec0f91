"""Help ▸ Keyboard shortcuts: a table made from the window's own actions, so it lists what really works."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.kit.widgets import named


def _plain(text: str) -> str:
    """A menu text without its mnemonic marker and trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".")


def shortcut_rows(menus: list[QMenu], extra: list[tuple[str, QAction]]) -> list[tuple[str, str, str]]:
    """(where, what, keys) for every action with a shortcut: each menu's, then *extra* (where, action)."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def add(where: str, action: QAction) -> None:
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        if not keys or id(action) in seen:
            return
        seen.add(id(action))
        text = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        rows.append((where, _plain(action.text()), text))

    for menu in menus:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                for inner in sub.actions():
                    add(_plain(menu.title()), inner)
            else:
                add(_plain(menu.title()), action)
    for where, action in extra:
        add(where, action)
    return rows


class ShortcutsDialog(QDialog):
    """The console's keyboard shortcuts, with a note on which keys the terminal keeps."""

    def __init__(self, rows: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(620, 560)
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "While the terminal has the focus, every other key goes to the device: Ctrl+A…Z, Alt+…, "
                "F1–F12, Esc, Tab. The console's own shortcuts are the Ctrl+Shift family, as in GNOME "
                "Terminal and Windows Terminal."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = named(QTableWidget(len(rows), 3, self), "shortcutsTable", self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("What"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def listed(self) -> dict[str, str]:
        """What → keys, as shown."""
        items = [(self.table.item(row, 1), self.table.item(row, 2)) for row in range(self.table.rowCount())]
        return {what.text(): keys.text() for what, keys in items if what is not None and keys is not None}
