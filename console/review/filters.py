"""The sessions table's filter bar: date range, technician, device, outcome, score, language, escalated."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QLabel, QLineEdit, QSpinBox, QWidget

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
        for combo in (self.outcome, self.language, self.escalated):
            combo.currentIndexChanged.connect(self.changed)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        cells = [
            (self.tr("From"), self.since), (self.tr("To"), self.until),
            (self.tr("Technician"), self.technician), (self.tr("Device"), self.device),
            (self.tr("Outcome"), self.outcome), (self.tr("Language"), self.language),
            (self.tr("Score ≥"), self.min_score), (self.tr("Score ≤"), self.max_score),
            (self.tr("Escalated"), self.escalated),
        ]  # fmt: skip
        for number, (label, widget) in enumerate(cells):
            row, col = divmod(number, 2)
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            grid.addWidget(caption, row, col * 2)
            grid.addWidget(widget, row, col * 2 + 1)

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

    def set_languages(self, languages: list[str]) -> None:
        """Offer the customer languages seen in the archive, keeping the current choice."""
        current = self.language.currentData()
        self.language.blockSignals(True)
        while self.language.count() > 1:
            self.language.removeItem(1)
        for lang in languages:
            self.language.addItem(lang, lang)
        index = self.language.findData(current)
        self.language.setCurrentIndex(max(index, 0))
        self.language.blockSignals(False)

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
        )
