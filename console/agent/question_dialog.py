"""The customer's dialog for a technician's question (`valuezone agent --gui`), in the customer's language.

Its texts come from the agent's offline catalogue (sessions.agent.catalogue), not from Qt translations:
the customer's language is the agent's `--lang`, whatever the technician's console speaks.
"""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from console.kit.widgets import named
from sessions.agent.catalogue import Catalogue
from sessions.agent.events import QuestionAsked
from sessions.chat.questions import SURVEY


class QuestionDialog(QDialog):
    """Asks one question; answers the event's future on Send/Agree/Decline, cancels it on Close."""

    def __init__(self, event: QuestionAsked, texts: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.asked = event
        self.texts = texts
        t = texts.text
        self.setObjectName("questionDialog")
        self.setWindowTitle(event.shown.title)
        self.setAccessibleName(event.shown.title)
        self.setWindowModality(Qt.WindowModality.NonModal)
        layout = QVBoxLayout(self)
        for line in event.shown.body:
            label = QLabel(line)
            label.setTextFormat(Qt.TextFormat.PlainText)  # paths and names are the technician's: no markup
            label.setWordWrap(True)
            layout.addWidget(label)
        self.score_group: QButtonGroup | None = None
        if event.question.kind == SURVEY:
            self._build_survey(layout)
        else:
            self._build_consent(layout)
        close = named(QPushButton(t("question.close")), "questionClose", t("question.close"))
        close.clicked.connect(self.reject)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.finished.connect(self._on_finished)

    def _build_survey(self, layout: QVBoxLayout) -> None:
        t = self.texts.text
        solved_label = QLabel(t("question.survey_solved"))
        solved_label.setWordWrap(True)
        layout.addWidget(solved_label)
        row = QHBoxLayout()
        self.solved_yes = named(QRadioButton(t("question.yes")), "surveySolvedYes", t("question.yes"))
        self.solved_no = named(QRadioButton(t("question.no")), "surveySolvedNo", t("question.no"))
        row.addWidget(self.solved_yes)
        row.addWidget(self.solved_no)
        row.addStretch(1)
        layout.addLayout(row)
        score_label = QLabel(t("question.survey_score"))
        score_label.setWordWrap(True)
        layout.addWidget(score_label)
        scores = QHBoxLayout()
        scores.addWidget(QLabel(t("question.score_low")))
        self.score_group = QButtonGroup(self)
        for score in range(11):
            button = named(QPushButton(str(score)), f"surveyScore{score}", f"{score} / 10")
            button.setCheckable(True)
            button.setMaximumWidth(36)
            self.score_group.addButton(button, score)
            scores.addWidget(button)
        scores.addWidget(QLabel(t("question.score_high")))
        layout.addLayout(scores)
        comment_label = QLabel(t("question.survey_comment"))
        layout.addWidget(comment_label)
        self.comment = named(QPlainTextEdit(), "surveyComment", t("question.survey_comment"))
        self.comment.setFixedHeight(70)
        layout.addWidget(self.comment)
        self.send_button = named(QPushButton(t("question.send")), "questionSend", t("question.send"))
        self.send_button.setEnabled(False)
        self.send_button.clicked.connect(self._on_send_clicked)
        self.solved_yes.toggled.connect(self._on_solved_toggled)
        self.solved_no.toggled.connect(self._on_solved_toggled)
        layout.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignRight)

    def _build_consent(self, layout: QVBoxLayout) -> None:
        t = self.texts.text
        shown = self.asked.shown
        question = QLabel(shown.prompt or t("question.consent_question"))
        question.setWordWrap(True)
        layout.addWidget(question)
        row = QHBoxLayout()
        yes, no = shown.agree or t("question.agree"), shown.decline or t("question.decline")
        agree = named(QPushButton(yes), "questionAgree", yes)
        decline = named(QPushButton(no), "questionDecline", no)
        agree.clicked.connect(lambda: self._answer({"agreed": True}))
        decline.clicked.connect(lambda: self._answer({"agreed": False}))
        row.addStretch(1)
        row.addWidget(decline)
        row.addWidget(agree)
        layout.addLayout(row)

    def _on_solved_toggled(self, _checked: bool) -> None:
        self.send_button.setEnabled(self.solved_yes.isChecked() or self.solved_no.isChecked())

    def _on_send_clicked(self) -> None:
        assert self.score_group is not None
        score = self.score_group.checkedId()
        self._answer(
            {
                "solved": self.solved_yes.isChecked(),
                "score": score if score >= 0 else None,
                "comment": self.comment.toPlainText().strip(),
            }
        )

    def _answer(self, answer: dict[str, Any]) -> None:
        if not self.asked.answer.done():
            self.asked.answer.set_result(answer)
        self.accept()

    def _on_finished(self, _result: int) -> None:
        answer: asyncio.Future[dict[str, Any]] = self.asked.answer
        if not answer.done():
            answer.cancel()  # closed without answering
