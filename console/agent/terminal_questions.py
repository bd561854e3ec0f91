"""The terminal agent's questions: a survey or a consent asked line by line, in the customer's language."""

from __future__ import annotations

from typing import Any

from sessions.agent.catalogue import Catalogue
from sessions.agent.events import QuestionAsked
from sessions.chat.questions import SURVEY

SKIP = "/skip"


class TerminalQuestion:
    """One question asked on stdin: `opening()` is printed first, then each typed line goes to `feed()`.

    `feed` returns what to print next (the next prompt, a re-ask after a bad answer, or thanks) and
    completes the event's answer future when the last step is answered; `/skip` closes it unanswered.
    """

    def __init__(self, event: QuestionAsked, texts: Catalogue) -> None:
        self.event = event
        self.texts = texts
        self.id = event.question.id
        self.steps = ["solved", "score", "comment"] if event.question.kind == SURVEY else ["agree"]
        self.answer: dict[str, Any] = {}

    @property
    def done(self) -> bool:
        return self.event.answer.done()

    def opening(self) -> list[str]:
        shown = self.event.shown
        return [
            "",
            f"== {shown.title} ==",
            *shown.body,
            self.texts.text("question.close_hint"),
            self._prompt(),
        ]

    def _prompt(self) -> str:
        step = self.steps[0]
        t = self.texts.text
        if step == "solved":
            return f"{t('question.survey_solved')} [y/n]"
        if step == "score":
            return f"{t('question.survey_score')} (0-10)\n{t('question.score_hint')}"
        if step == "comment":
            return f"{t('question.survey_comment')}\n{t('question.comment_hint')}"
        return f"{self.event.shown.prompt or t('question.consent_question')} [y/n]"

    def feed(self, line: str) -> list[str]:
        """Take one typed line; returns the lines to print."""
        if self.done:
            return []
        text = line.strip()
        if text.lower() == SKIP:
            self.event.answer.cancel()
            return []
        step = self.steps[0]
        if step in ("solved", "agree"):
            value = self.texts.yes_no(text)
            if value is None:
                return [self.texts.text("question.yes_no_hint"), self._prompt()]
            self.answer["solved" if step == "solved" else "agreed"] = value
        elif step == "score":
            if text == "":
                self.answer["score"] = None
            elif text.isdecimal() and 0 <= int(text) <= 10:
                self.answer["score"] = int(text)
            else:
                return [self.texts.text("question.score_bad", text=text), self._prompt()]
        else:
            self.answer["comment"] = text
        self.steps.pop(0)
        if self.steps:
            return [self._prompt()]
        self.event.answer.set_result(dict(self.answer))
        return [self.texts.text("question.thanks")]
