"""Questions to the customer on the chat channel: the wire format, the console's asking, the agent's desk.

A question is a JSON line with ``"type": "question"`` on the same channel as chat messages; the agent
answers with ``"type": "answer"``; the console may take a question back with ``"type": "cancel"``.
Lines without ``type`` are chat messages, so peers that predate questions keep chatting (they skip
the typed lines they do not understand). See docs/relay-protocol.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sessions.errors import SupportError

log = logging.getLogger(__name__)

SURVEY = "survey"
CONSENT = "escalation.consent"
KINDS = (SURVEY, CONSENT)  # what a console may ask over the chat channel
WEB_FORWARD = "web.forward"  # asked by the agent itself when the technician opens the web admin page
OUTCOMES = ("resolved", "workaround", "escalated", "not_resolved")
MAX_COMMENT = 2000

# Answer statuses on the wire.
ANSWERED = "answered"
DECLINED = "declined"  # the customer closed the question without answering
UNSUPPORTED = "unsupported"  # the agent cannot answer this kind (or the question was malformed)
STATUSES = (ANSWERED, DECLINED, UNSUPPORTED)


class QuestionUnansweredError(SupportError):
    """No answer: timed out, the channel closed, or the customer closed the question.

    ``reason`` is one of ``timeout``, ``closed``, ``declined``, ``unsupported``, ``not-open``.
    """

    default_code = "question.unanswered"

    def __init__(self, message: str, hint: str = "", *, reason: str = "", **coded: Any) -> None:
        super().__init__(message, hint, **coded)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Question:
    """One question: its ``kind`` (survey, escalation.consent), the ``params`` the agent shows."""

    kind: str
    params: dict[str, Any]
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    ts: float = field(default_factory=time.time)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "question",
            "id": self.id,
            "kind": self.kind,
            "params": self.params,
            "ts": round(self.ts, 3),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Question:
        """A question from a decoded line; ValueError when it has no id, kind or params object."""
        qid, kind, params = data.get("id"), data.get("kind"), data.get("params")
        if not isinstance(qid, str) or not qid or not isinstance(kind, str) or not isinstance(params, dict):
            raise ValueError("a question needs a string 'id', a string 'kind' and a 'params' object")
        ts = data.get("ts")
        return cls(kind[:64], params, qid[:64], float(ts) if isinstance(ts, int | float) else time.time())


@dataclass(frozen=True, slots=True)
class Answer:
    """The agent's reply to question ``id``: ``status`` and, when answered, the ``answer`` object."""

    id: str
    status: str
    answer: dict[str, Any] = field(default_factory=dict)
    message: str = ""  # for the technician: why there is no answer (unsupported)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": "answer", "id": self.id, "status": self.status, "answer": self.answer}
        if self.message:
            data["message"] = self.message
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        qid, status, answer = data.get("id"), data.get("status"), data.get("answer", {})
        if not isinstance(qid, str) or status not in STATUSES or not isinstance(answer, dict):
            raise ValueError("an answer needs a string 'id', a known 'status' and an 'answer' object")
        return cls(qid, str(status), answer, str(data.get("message", ""))[:500])


def cancel_line(question_id: str) -> dict[str, Any]:
    """The console stopped waiting for *question_id*: the agent closes it without answering."""
    return {"type": "cancel", "id": question_id}


# --- what each kind carries -----------------------------------------------------------------------------
def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_params(kind: str, params: dict[str, Any]) -> dict[str, Any]:
    """The params of a question of *kind*, checked; ValueError names what is wrong."""
    if kind == SURVEY:
        if not isinstance(params.get("outcome"), str):
            raise ValueError("a survey needs params {'outcome': str}")
        return {"outcome": params["outcome"]}
    if kind == CONSENT:
        files = params.get("files")
        redactions = params.get("redactions", {})
        if not (
            isinstance(params.get("destination"), str)
            and isinstance(params.get("ticket"), str)
            and isinstance(files, list)
            and all(
                isinstance(f, dict) and isinstance(f.get("path"), str) and _is_int(f.get("size"))
                for f in files
            )
            and _is_int(params.get("total_bytes"))
            and isinstance(redactions, dict)
            and all(isinstance(k, str) and _is_int(v) for k, v in redactions.items())
        ):
            raise ValueError(
                "escalation.consent needs params {destination: str, ticket: str, "
                "files: [{path: str, size: int}], total_bytes: int, redactions: {rule: count}}"
            )
        return {
            "destination": params["destination"],
            "ticket": params["ticket"],
            "files": [{"path": f["path"], "size": f["size"]} for f in files],
            "total_bytes": params["total_bytes"],
            "redactions": dict(redactions),
        }
    raise ValueError(f"unknown question kind {kind!r} (known: {', '.join(KINDS)})")


def check_answer(kind: str, answer: dict[str, Any]) -> dict[str, Any]:
    """The answer to a question of *kind* in its exact shape; ValueError when it cannot be one."""
    lang = answer.get("lang", "")
    if not isinstance(lang, str):
        raise ValueError("'lang' must be a string")
    if kind == SURVEY:
        solved, score, comment = answer.get("solved"), answer.get("score"), answer.get("comment", "")
        if not isinstance(solved, bool):
            raise ValueError("'solved' must be true or false")
        if score is not None and not (_is_int(score) and 0 <= score <= 10):
            raise ValueError("'score' must be a whole number from 0 to 10, or null")
        if not isinstance(comment, str):
            raise ValueError("'comment' must be a string")
        return {"solved": solved, "score": score, "comment": comment.strip()[:MAX_COMMENT], "lang": lang[:16]}
    if kind == CONSENT:
        agreed, by = answer.get("agreed"), answer.get("by", "")
        if not isinstance(agreed, bool) or not isinstance(by, str):
            raise ValueError("'agreed' must be true or false and 'by' a string")
        return {"agreed": agreed, "by": by[:128], "lang": lang[:16]}
    raise ValueError(f"unknown question kind {kind!r}")


class LinkLike(Protocol):
    """What both sides need of a ChatLink."""

    on_typed: Callable[[dict[str, Any]], None] | None

    async def send_typed(self, data: dict[str, Any]) -> None: ...

    async def wait_closed(self) -> None: ...

    @property
    def closed(self) -> bool: ...


# --- the technician's side ----------------------------------------------------------------------------
class Questioner:
    """Asks questions over one link and matches the answers to them (used by Conversation.ask)."""

    def __init__(self, link: LinkLike) -> None:
        self.link = link
        self._pending: dict[str, tuple[str, asyncio.Future[Answer]]] = {}

    def on_line(self, data: dict[str, Any]) -> None:
        """A typed line arrived from the agent."""
        if data.get("type") != "answer":
            log.info("ignoring a %r line on the chat channel", data.get("type"))
            return
        try:
            answer = Answer.from_dict(data)
        except ValueError as exc:
            log.warning("skipping a malformed answer: %s", exc)
            return
        pending = self._pending.get(answer.id)
        if pending is not None and not pending[1].done():
            pending[1].set_result(answer)

    async def ask(self, kind: str, params: dict[str, Any], timeout: float) -> dict[str, Any]:
        question = Question(kind, check_params(kind, params))
        future: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self._pending[question.id] = (kind, future)
        closed = asyncio.ensure_future(self.link.wait_closed())
        try:
            try:
                await self.link.send_typed(question.to_dict())
            except SupportError as exc:
                raise _closed_error() from exc
            waiting: set[asyncio.Future[Any]] = {future, closed}
            done, _ = await asyncio.wait(waiting, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
            if future in done:
                return _result(kind, future.result())
            if closed in done:
                raise _closed_error()
            await self._cancel(question.id)
            minutes = f"{timeout / 60:.0f} min" if timeout >= 60 else f"{timeout:.0f} s"
            raise QuestionUnansweredError(
                f"The customer did not answer within {minutes}.",
                "Ask them by chat or phone, or try again later.",
                reason="timeout",
                code="question.timed_out",
                params={"minutes": minutes},
            )
        except asyncio.CancelledError:
            await asyncio.shield(self._cancel(question.id))  # the technician stopped waiting
            raise
        finally:
            self._pending.pop(question.id, None)
            closed.cancel()

    async def _cancel(self, question_id: str) -> None:
        with contextlib.suppress(SupportError):
            await self.link.send_typed(cancel_line(question_id))


def _closed_error() -> QuestionUnansweredError:
    return QuestionUnansweredError(
        "The customer's side closed the chat before answering.",
        "The session may have ended; ask the customer by phone if you still need the answer.",
        reason="closed",
        code="question.chat_closed",
    )


def _result(kind: str, answer: Answer) -> dict[str, Any]:
    if answer.status == DECLINED:
        raise QuestionUnansweredError(
            "The customer closed the question without answering.",
            "You may ask by chat instead.",
            reason="declined",
            code="question.dismissed",
        )
    if answer.status == UNSUPPORTED:
        raise QuestionUnansweredError(
            f"The customer's agent cannot answer this question ({answer.message or kind}).",
            "Their agent may be an older version; ask by chat or phone instead.",
            reason="unsupported",
            code="question.cannot_answer",
            params={"detail": answer.message or kind},
        )
    try:
        return check_answer(kind, answer.answer)
    except ValueError as exc:
        raise QuestionUnansweredError(
            f"The customer's agent sent an answer that cannot be read ({exc}).",
            reason="unsupported",
            code="question.unreadable_answer",
            params={"exc": exc},
        ) from exc


# --- the customer's side --------------------------------------------------------------------------------
@dataclass(slots=True)
class _Open:
    question: Question
    link: LinkLike
    future: asyncio.Future[dict[str, Any]]
    withdrawn: bool = False


class QuestionDesk:
    """The agent's side: every valid question becomes a future the window or terminal answers.

    *on_asked(question, future)* shows it; the UI sets ``future.set_result({...})`` with the kind's answer
    fields (``lang`` and ``by`` are filled in here), or cancels the future when the customer closes it.
    *on_withdrawn(question, reason)* tells the UI to close it: the technician stopped waiting
    (``cancelled``) or the channel closed (``closed``). An unknown kind is answered ``unsupported`` at once.
    """

    def __init__(
        self,
        *,
        lang: str,
        by: str,
        on_asked: Callable[[Question, asyncio.Future[dict[str, Any]]], None],
        on_withdrawn: Callable[[Question, str], None],
    ) -> None:
        self.lang = lang
        self.by = by
        self._on_asked = on_asked
        self._on_withdrawn = on_withdrawn
        self.open: dict[str, _Open] = {}
        self._tasks: set[asyncio.Task[Any]] = set()

    def attach(self, link: LinkLike) -> None:
        link.on_typed = lambda data: self.on_line(link, data)
        self._spawn(self._watch(link))

    def on_line(self, link: LinkLike, data: dict[str, Any]) -> None:
        kind = data.get("type")
        if kind == "cancel":
            entry = self.open.get(str(data.get("id")))
            if entry is not None:
                self._withdraw(entry, "cancelled")
            return
        if kind != "question":
            log.info("ignoring a %r line on the chat channel", kind)
            return
        try:
            question = Question.from_dict(data)
        except ValueError as exc:
            log.warning("skipping a malformed question: %s", exc)
            return
        try:
            question = Question(
                question.kind, check_params(question.kind, question.params), question.id, question.ts
            )
        except ValueError as exc:
            message = (
                f"this agent cannot answer questions of kind '{question.kind}'"
                if question.kind not in KINDS
                else f"the question was malformed: {exc}"
            )
            self._spawn(self._send(link, Answer(question.id, UNSUPPORTED, message=message)))
            return
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        entry = _Open(question, link, future)
        self.open[question.id] = entry
        future.add_done_callback(lambda _f: self._spawn(self._reply(entry)))
        self._on_asked(question, future)

    def withdraw_all(self, reason: str = "closed") -> None:
        for entry in list(self.open.values()):
            self._withdraw(entry, reason)

    def _withdraw(self, entry: _Open, reason: str) -> None:
        entry.withdrawn = True
        self.open.pop(entry.question.id, None)
        if not entry.future.done():
            entry.future.cancel()
        self._on_withdrawn(entry.question, reason)

    async def _reply(self, entry: _Open) -> None:
        self.open.pop(entry.question.id, None)
        if entry.withdrawn:
            return
        future, question = entry.future, entry.question
        if future.cancelled():
            answer = Answer(question.id, DECLINED)
        else:
            try:
                given = {"lang": self.lang, **future.result()}
                if question.kind == CONSENT:
                    given.setdefault("by", self.by)
                answer = Answer(question.id, ANSWERED, check_answer(question.kind, given))
            except (ValueError, TypeError) as exc:  # a UI bug: say so instead of sending nonsense
                log.error("the answer to %s is malformed: %s", question.kind, exc)
                answer = Answer(question.id, UNSUPPORTED, message=f"the agent made a malformed answer: {exc}")
        await self._send(entry.link, answer)

    async def _send(self, link: LinkLike, answer: Answer) -> None:
        try:
            await link.send_typed(answer.to_dict())
        except SupportError as exc:
            log.info("the answer to question %s could not be sent: %s", answer.id, exc)

    async def _watch(self, link: LinkLike) -> None:
        await link.wait_closed()
        for entry in [e for e in self.open.values() if e.link is link]:
            self._withdraw(entry, "closed")

    def _spawn(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


__all__ = [
    "CONSENT",
    "KINDS",
    "SURVEY",
    "Answer",
    "Question",
    "QuestionDesk",
    "QuestionUnansweredError",
    "Questioner",
    "check_answer",
    "check_params",
]
