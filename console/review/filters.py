"""The sessions table's filter bar: dates, technician, device, outcome, platform, language, score, escalated.

The table, the hits and the report all follow these filters (and the search box's words).
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from console.kit.widgets import named
from sessions.archive import Filters

_ANY_DATE = QDate(2000, 1, 1)
OUTCOME_CHOICES = ("", "resolved", "workaround", "escalated", "not_resolved", "none")


class FilterBar(QWidget):
    """Emits ``changed`` whenever a filter changes; ``filters()`` reads them all."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.since = self._date("filterSince", self.tr("Started on or after"))
        self.until = self._date("filterUntil", self.tr("Started on or before"))
        self.technician = named(QLineEdit(self), "filterTechnician", self.tr("Technician"))
        self.device = named(QLineEdit(self), "filterDevice", self.tr("Device name or host"))
        self.outcome = named(QComboBox(self), "filterOutcome", self.tr("Outcome"))
        labels = (self.tr("any"), self.tr("resolved"), self.tr("workaround"), self.tr("escalated"),
                  self.tr("not resolved"), self.tr("none recorded"))  # fmt: skip
        for value, label in zip(OUTCOME_CHOICES, labels, strict=True):
            self.outcome.addItem(label, value)
        self.min_score = self._score("filterMinScore", self.tr("Lowest score"))
        self.max_score = self._score("filterMaxScore", self.tr("Highest score"))
        self.language = named(QComboBox(self), "filterLanguage", self.tr("Customer language"))
        self.language.addItem(self.tr("any"), "")
        self.platform = named(QComboBox(self), "filterPlatform", self.tr("Device platform"))
        self.platform.addItem(self.tr("any"), "")
        self.clear_button = named(QPushButton(self.tr("Clear filters"), self), "clearFilters",
                                  self.tr("Clear filters"))  # fmt: skip
        self.clear_button.clicked.connect(self.clear)
        self.escalated = named(QComboBox(self), "filterEscalated", self.tr("Escalated"))
        choices: tuple[tuple[str, bool | None], ...] = (
            (self.tr("any"), None),
            (self.tr("escalated"), True),
            (self.tr("not escalated"), False),
        )
        for label, choice in choices:
            self.escalated.addItem(label, choice)
        for edit, hint in ((self.technician, self.tr("technician")), (self.device, self.tr("device"))):
            edit.setPlaceholderText(hint)
            edit.setClearButtonEnabled(True)
            edit.textChanged.connect(self.changed)
        for combo in (self.outcome, self.language, self.platform, self.escalated):
            combo.currentIndexChanged.connect(self.changed)
        self._lay_out()

    def _lay_out(self) -> None:
        """Three filters a row; a range (dates, score) is one filter with its two ends."""
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        cells = [
            (self.tr("Started"), self._range(self.since, self.until)),
            (self.tr("Technician"), self.technician), (self.tr("Device"), self.device),
            (self.tr("Outcome"), self.outcome), (self.tr("Platform"), self.platform),
            (self.tr("Language"), self.language),
            (self.tr("Score"), self._range(self.min_score, self.max_score)),
            (self.tr("Escalated"), self.escalated), ("", self.clear_button),
        ]  # fmt: skip
        for number, (label, widget) in enumerate(cells):
            row, col = divmod(number, 3)
            if label:
                caption = QLabel(label, self)
                caption.setBuddy(widget.first if isinstance(widget, _Range) else widget)
                grid.addWidget(caption, row, col * 2)
            grid.addWidget(widget, row, col * 2 + 1)
        for col in (1, 3, 5):
            grid.setColumnStretch(col, 1)

    def _range(self, low: QWidget, high: QWidget) -> QWidget:
        box = _Range(low, self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(low, 1)
        row.addWidget(QLabel("–", box))
        row.addWidget(high, 1)
        return box

    def clear(self) -> None:
        """Every filter back to "any" (one refresh, not one per filter)."""
        self.blockSignals(True)
        for edit in (self.since, self.until):
            edit.setDate(_ANY_DATE)
        for line in (self.technician, self.device):
            line.clear()
        for combo in (self.outcome, self.platform, self.language, self.escalated):
            combo.setCurrentIndex(0)
        for box in (self.min_score, self.max_score):
            box.setValue(-1)
        self.blockSignals(False)
        self.changed.emit()

    def _date(self, name: str, accessible: str) -> QDateEdit:
        edit = named(QDateEdit(self), name, accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(_ANY_DATE)
        edit.setSpecialValueText(self.tr("any"))
        edit.setDate(_ANY_DATE)
        edit.dateChanged.connect(self.changed)
        return edit

    def _score(self, name: str, accessible: str) -> QSpinBox:
        box = named(QSpinBox(self), name, accessible)
        box.setRange(-1, 10)
        box.setSpecialValueText(self.tr("any"))
        box.setValue(-1)
        box.valueChanged.connect(self.changed)
        return box

    def set_languages(self, languages: list[str] | tuple[str, ...]) -> None:
        """Offer the customer languages seen in the archive, keeping the current choice."""
        _offer(self.language, languages)

    def set_platforms(self, platforms: list[str] | tuple[str, ...]) -> None:
        """Offer the device platforms seen in the archive, keeping the current choice."""
        _offer(self.platform, platforms)

    def filters(self) -> Filters:
        def day(edit: QDateEdit) -> str:
            return "" if edit.date() == _ANY_DATE else edit.date().toString("yyyy-MM-dd")

        def score(box: QSpinBox) -> int | None:
            return None if box.value() < 0 else box.value()

        return Filters(
            since=day(self.since),
            until=day(self.until),
            technician=self.technician.text().strip(),
            device=self.device.text().strip(),
            outcome=str(self.outcome.currentData() or ""),
            min_score=score(self.min_score),
            max_score=score(self.max_score),
            customer_lang=str(self.language.currentData() or ""),
            escalated=self.escalated.currentData(),
            platform=str(self.platform.currentData() or ""),
        )


class _Range(QWidget):
    """Two ends of one filter side by side; its label names the *first*."""

    def __init__(self, first: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.first = first


def _offer(combo: QComboBox, values: list[str] | tuple[str, ...]) -> None:
    """*values* after the first ("any") choice of *combo*, the current choice kept when still offered."""
    current = combo.currentData()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for value in values:
        combo.addItem(value, value)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)
