"""Ending a session (Session ▸ End session…, Ctrl+Shift+E): outcome, summary, the customer's survey.

In a session by code the survey is asked through the agent, in the customer's language, while the
technician sees "waiting for the customer…" and may stop waiting. In a direct SSH session the technician
types what the customer said on the phone, or leaves it "not asked". sessions.ending records it all.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.app import messages
from console.app.errors import render_error
from console.kit.prompts import await_dialog
from console.kit.widgets import named
from sessions.chat.questions import SURVEY, QuestionUnansweredError
from sessions.ending import (
    OUTCOMES,
    SURVEY_AGENT,
    SURVEY_NOT_ASKED,
    SURVEY_PHONE,
    SURVEY_UNANSWERED,
    Ending,
)
from sessions.errors import SupportError

if TYPE_CHECKING:
    from console.session.tab import SessionTab

SURVEY_TIMEOUT = 300.0  # seconds the console waits for the customer's answer


class EndSessionDialog(QDialog):
    """Outcome and summary; for a session without an agent, what the customer said by phone."""

    def __init__(self, label: str, *, by_agent: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("endSessionDialog")
        self.setWindowTitle(self.tr("End session — {label}").format(label=label))
        self.by_agent = by_agent
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.outcome_combo = named(QComboBox(), "endOutcome", self.tr("Outcome"))
        names = {
            "resolved": self.tr("Resolved"),
            "workaround": self.tr("Workaround"),
            "escalated": self.tr("Escalated"),
            "not_resolved": self.tr("Not resolved"),
        }
        for outcome in OUTCOMES:
            self.outcome_combo.addItem(names[outcome], outcome)
        form.addRow(self.tr("Outcome:"), self.outcome_combo)
        self.summary_edit = named(QPlainTextEdit(), "endSummary", self.tr("Summary of the session"))
        self.summary_edit.setPlaceholderText(self.tr("What was wrong, what you did, what is left"))
        self.summary_edit.setFixedHeight(90)
        form.addRow(self.tr("Summary:"), self.summary_edit)
        layout.addLayout(form)
        if by_agent:
            self.ask_check = named(
                QCheckBox(self.tr("Ask the customer the survey in their agent")),
                "endAskSurvey",
                self.tr("Ask the customer the survey"),
            )
            self.ask_check.setChecked(True)
            layout.addWidget(self.ask_check)
        else:
            layout.addWidget(self._phone_box())
        self.buttons = named(
            QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel),
            "endButtons",
            self.tr("End or keep the session"),
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        named(ok, "endConfirm", self.tr("End the session"))
        ok.setText(self.tr("End session"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _phone_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("The customer's answer (by phone)"))
        box.setObjectName("endPhoneSurvey")
        grid = QFormLayout(box)
        self.not_asked = named(QRadioButton(self.tr("Not asked")), "endSurveyNotAsked", self.tr("Not asked"))
        self.asked = named(
            QRadioButton(self.tr("Asked by phone")), "endSurveyByPhone", self.tr("Asked by phone")
        )
        self.not_asked.setChecked(True)
        group = QButtonGroup(box)
        group.addButton(self.not_asked)
        group.addButton(self.asked)
        grid.addRow(self.not_asked)
        grid.addRow(self.asked)
        self.solved_combo = named(QComboBox(), "endSurveySolved", self.tr("Is the problem solved?"))
        self.solved_combo.addItem(self.tr("Yes"), True)
        self.solved_combo.addItem(self.tr("No"), False)
        grid.addRow(self.tr("Solved, says the customer:"), self.solved_combo)
        self.score_spin = named(QSpinBox(), "endSurveyScore", self.tr("Score from 0 to 10"))
        self.score_spin.setRange(-1, 10)
        self.score_spin.setSpecialValueText(self.tr("no score"))
        self.score_spin.setValue(-1)
        grid.addRow(self.tr("Score (0–10):"), self.score_spin)
        self.comment_edit = named(QLineEdit(), "endSurveyComment", self.tr("The customer's comment"))
        grid.addRow(self.tr("Comment:"), self.comment_edit)
        for widget in (self.solved_combo, self.score_spin, self.comment_edit):
            widget.setEnabled(False)
            self.asked.toggled.connect(widget.setEnabled)
        return box

    def outcome(self) -> str:
        return str(self.outcome_combo.currentData())

    def summary(self) -> str:
        return self.summary_edit.toPlainText().strip()

    def ask_customer(self) -> bool:
        return self.by_agent and self.ask_check.isChecked()

    def phone_survey(self) -> dict[str, Any]:
        """The `survey` event's data for a survey the agent did not ask."""
        if self.by_agent or not self.asked.isChecked():
            return {"via": SURVEY_NOT_ASKED}
        score = self.score_spin.value()
        return {
            "via": SURVEY_PHONE,
            "solved": bool(self.solved_combo.currentData()),
            "score": score if score >= 0 else None,
            "comment": self.comment_edit.text().strip(),
            "lang": "",
        }


class WaitingDialog(QDialog):
    """ "Waiting for the customer…" with a way to stop waiting (reject)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("surveyWaiting")
        self.setWindowTitle(self.tr("Survey"))
        layout = QVBoxLayout(self)
        self.label = named(
            QLabel(self.tr("Waiting for the customer to answer the survey in their agent…")),
            "surveyWaitingLabel",
            self.tr("Waiting for the customer"),
        )
        layout.addWidget(self.label)
        stop = named(QPushButton(self.tr("Stop waiting")), "surveyStopWaiting", self.tr("Stop waiting"))
        stop.clicked.connect(self.reject)
        layout.addWidget(stop)


async def ask_survey(
    tab: SessionTab, outcome: str, parent: QWidget, timeout: float = SURVEY_TIMEOUT
) -> dict[str, Any]:
    """Ask the survey through the agent; the `survey` event's data, answered or not."""
    assert tab.conversation is not None
    asking = asyncio.ensure_future(tab.conversation.ask(SURVEY, {"outcome": outcome}, timeout=timeout))
    box = WaitingDialog(parent)
    box.rejected.connect(asking.cancel)
    box.open()
    try:
        await asyncio.wait({asking})
    finally:
        if not asking.done():
            asking.cancel()
        box.rejected.disconnect(asking.cancel)
        box.accept()
        box.deleteLater()
    if asking.cancelled():
        return {"via": SURVEY_UNANSWERED, "reason": "stopped"}
    error = asking.exception()
    if isinstance(error, QuestionUnansweredError):
        tab.chat.show_note(tab.tr("No survey answer: {error}").format(error=render_error(error).line()))
        return {"via": SURVEY_UNANSWERED, "reason": error.reason}
    if error is not None:
        raise error
    answer = asking.result()
    tab.chat.show_survey_answer(answer)
    return {"via": SURVEY_AGENT, **answer}


async def end_session(tab: SessionTab, parent: QWidget) -> Ending | None:
    """The whole flow for *tab*; None when the technician cancelled (the session goes on)."""
    by_agent = (
        tab.conversation is not None
        and tab.conversation.link is not None
        and not tab.conversation.link.closed
    )
    dialog = EndSessionDialog(tab.plan.label, by_agent=by_agent, parent=parent)
    if await await_dialog(dialog) != QDialog.DialogCode.Accepted:
        return None
    outcome, summary = dialog.outcome(), dialog.summary()
    if dialog.ask_customer() and tab.conversation is not None:
        survey = await ask_survey(tab, outcome, parent)
    else:
        survey = dialog.phone_survey()
    ending = Ending(outcome, summary, survey, author=tab.technician_name())
    try:
        tab.record_ending(ending)
    except SupportError as exc:
        messages.error(exc)
    tab.end()
    return ending
