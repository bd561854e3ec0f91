"""The review window's sessions table: columns that fit, long texts elided with the whole in a tooltip.

Date, outcome, score, language and escalated are as wide as their contents; device, technician, tags and
summary share the rest by weight, each at least as wide as its header. The table never gets narrower than
that (its minimum width), so there is no horizontal scroll bar and every header reads whole.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from console.kit.widgets import named
from sessions.archive import SessionRow

FAILED_BACKGROUND = QColor("#f8d7da")  # the mark for a record that failed verification
STARTED, DEVICE, TECHNICIAN, OUTCOME, SCORE, LANGUAGE, ESCALATED, TAGS, SUMMARY = range(9)
# Columns that share what the fitted ones leave, and their shares.
WEIGHTS = {DEVICE: 2, TECHNICIAN: 2, TAGS: 1, SUMMARY: 4}
CONTENT_ROWS = 500  # rows measured for a fitted column (a 10,000-row archive stays quick)


class ColumnTitles(QObject):
    """Owner of the column titles for translation."""

    def titles(self) -> list[str]:
        return [self.tr("Started"), self.tr("Device"), self.tr("Technician"), self.tr("Outcome"),
                self.tr("Score"), self.tr("Language"), self.tr("Escalated"), self.tr("Tags"),
                self.tr("Summary")]  # fmt: skip


class SessionsTable(QTableWidget):
    """One row per session, newest first; ``row_chosen(number)`` when a person selects one."""

    row_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        titles = ColumnTitles().titles()
        super().__init__(0, len(titles), parent)
        named(self, "sessionsTable", self.tr("Sessions"))
        self.setHorizontalHeaderLabels(titles)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        header = self.horizontalHeader()
        header.setResizeContentsPrecision(CONTENT_ROWS)  # rows sizeHintForColumn measures
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # widths set by fit_columns
        self.folders: list[str] = []
        self.itemSelectionChanged.connect(self._on_item_selection_changed)

    # --- filling ------------------------------------------------------------------------------------
    def show_rows(self, rows: list[SessionRow], cells: list[list[str]]) -> None:
        """Show *rows* (with their *cells* as text), keeping the selected session selected, quietly."""
        chosen = self.selected_folder()
        self.blockSignals(True)
        try:
            self.clearSelection()
            self.setRowCount(len(rows))
            for number, (row, texts) in enumerate(zip(rows, cells, strict=True)):
                for column, text in enumerate(texts):
                    self.setItem(number, column, self._item(row, column, text))
            self.folders = [row.folder for row in rows]
            if chosen in self.folders:
                self.selectRow(self.folders.index(chosen))
        finally:
            self.blockSignals(False)
        self.fit_columns()

    def _item(self, row: SessionRow, column: int, text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if row.failed:
            item.setBackground(QBrush(FAILED_BACKGROUND))
            item.setToolTip(f"{text if column == OUTCOME else self.tr('failed verification')}: "
                            f"{row.folder}\n{row.problem}")  # fmt: skip
        elif column in WEIGHTS and text:
            item.setToolTip(text)  # elided when the column is narrow: the whole of it here
        if column == SCORE:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def selected_folder(self) -> str | None:
        rows = self.selectionModel().selectedRows()
        return self.folders[rows[0].row()] if rows and rows[0].row() < len(self.folders) else None

    def select_folder(self, folder: str) -> None:
        """Select the row of *folder* quietly (a hit opened it: the table shows which session is open)."""
        self.blockSignals(True)
        try:
            self.clearSelection()
            if folder in self.folders:
                row = self.folders.index(folder)
                self.selectRow(row)
                self.scrollTo(self.model().index(row, 0))
        finally:
            self.blockSignals(False)

    # --- widths -------------------------------------------------------------------------------------
    def header_width(self, column: int) -> int:
        """The width the column's header text needs."""
        return self.horizontalHeader().sectionSizeFromContents(column).width()

    def fit_columns(self) -> None:
        """Fitted columns as wide as their contents; the rest share what is left, by weight (the
        summary takes the remainder), each at least as wide as its header."""
        header = self.horizontalHeader()
        fitted = 0
        for column in range(self.columnCount()):
            if column not in WEIGHTS:
                width = max(self.header_width(column), self.sizeHintForColumn(column))
                header.resizeSection(column, width)
                fitted += width
        least = {column: self.header_width(column) for column in WEIGHTS}
        frame = 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(fitted + sum(least.values()) + frame)
        room = max(0, self.viewport().width() - fitted - sum(least.values()))
        total = sum(WEIGHTS.values())
        given = 0
        for column, weight in WEIGHTS.items():
            extra = room - given if column == SUMMARY else room * weight // total
            given += extra
            header.resizeSection(column, least[column] + extra)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:  # the table's, or the vertical scroll bar came or went
            self.fit_columns()
        return super().viewportEvent(event)

    def _on_item_selection_changed(self) -> None:
        rows = self.selectionModel().selectedRows()
        if rows:
            self.row_chosen.emit(rows[0].row())
