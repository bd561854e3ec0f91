"""The technician's side of the chat: translate both ways, keep every line, record original and translation.

Incoming customer lines are recorded the moment they arrive (`chat.message`), then translated into the
technician's language (`chat.translated` when that succeeds). Outgoing lines are previewed in the
customer's language, may be edited, and are recorded with both texts. When no translator answers, the
original goes through with a "not translated" mark: chat never stops for translation.

A line that holds a secret (the redaction rules, detect-secrets' token shapes, or a password this console
holds) is never sent to a translator: the technician sees it here, marked; the record gets the redacted
text with `translation.withheld = "secret"`; an outgoing one reaches the customer as written, with a note
in their language saying why it is not translated (resources/agent/<lang>.toml, `chat.secret_not_translated`).
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from sessions.chat.link import ChatLink
from sessions.chat.message import ChatMessage, Translation
from sessions.chat.questions import Questioner, QuestionUnansweredError
from sessions.errors import SupportError
from sessions.redaction import Redactor

log = logging.getLogger(__name__)


WITHHELD_SECRET = "secret"  # translation.withheld in the record: why a line has no translation
LONG_TEXT = 2000  # characters: a longer line is redacted in a worker thread


class TranslatorLike(Protocol):
    """What Conversation needs of translation.Translator (kept as a protocol: sessions/ stays light)."""

    async def translate(self, text: str, source: str | None, target: str) -> Any: ...


class RedactionLike(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def counts_by_rule(self) -> Mapping[str, int]: ...


class RedactorLike(Protocol):
    """What Conversation needs of sessions.redaction.Redactor."""

    def redact(self, text: str) -> RedactionLike: ...

    def redact_after(self, context: str, text: str) -> RedactionLike: ...


class EntryState(enum.Enum):
    TRANSLATING = "translating"
    TRANSLATED = "translated"
    NOT_TRANSLATED = "not-translated"  # no provider answered: the original is shown with a mark
    SAME_LANGUAGE = "same-language"
    SECRET_HELD = "secret-held"  # held a secret: shown here only, never translated, recorded redacted


@dataclass(frozen=True, slots=True)
class ChatEntry:
    """One line as the pane shows it."""

    message: ChatMessage
    state: EntryState
    error: str = ""
    held: tuple[str, ...] = ()  # SECRET_HELD: the rules that found the secret ("password_phrase", ...)

    @property
    def outgoing(self) -> bool:
        return self.message.sender == "technician"


@dataclass(frozen=True, slots=True)
class Preview:
    """What the customer will read, before it is sent."""

    text: str
    lang: str
    provider: str = ""
    error: str = ""
    secret: bool = False  # the text holds a secret: not translated, the customer reads the original


def _lang(code: str) -> str:
    return code.split("-")[0].lower() if code else ""


def _console_redactor() -> RedactorLike:
    return Redactor.for_this_console(chat=True)


def _redacted_record(message: ChatMessage, held: RedactionLike, lang: str) -> dict[str, Any]:
    """The record of a line that held a secret: redacted text, and a translation that says why none."""
    data = message.to_dict()
    data["text"] = held.text
    data["translation"] = {"lang": lang, "text": "", "provider": "", "withheld": WITHHELD_SECRET}
    data["redactions"] = dict(held.counts_by_rule)
    return data


def _secret_note(text: str, customer_lang: str) -> str:
    """*text* as the customer reads it: unchanged, then why it is not translated, in their language."""
    from sessions.agent.catalogue import Catalogue

    return f"{text}\n\n({Catalogue(customer_lang).text('chat.secret_not_translated')})"


class Conversation:
    """Chat state for one session; *on_entry* is called for every new or changed line."""

    def __init__(
        self,
        *,
        translator: TranslatorLike | None,
        technician_lang: str,
        on_entry: Callable[[ChatEntry], None],
        record: Callable[[str, dict[str, Any]], None] | None = None,
        customer_lang: str = "",
        detect: Callable[[str], str | None] | None = None,
        redactor: RedactorLike | None = None,
    ) -> None:
        self.translator = translator
        self.redactor = redactor if redactor is not None else _console_redactor()
        self._in_order = asyncio.Lock()
        self.technician_lang = technician_lang
        self.customer_lang = customer_lang
        self._detect = detect
        self._on_entry = on_entry
        self._record = record or (lambda _type, _data: None)
        self.entries: dict[str, ChatEntry] = {}
        # Each side's previous line: "my password is" on one line and the password on the next is a secret.
        self._previous: dict[str, str] = {}
        self.link: ChatLink | None = None
        self._questioner: Questioner | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self.on_customer_lang: Callable[[str], None] | None = None

    def attach(self, link: ChatLink) -> None:
        self.link = link
        link.on_message = self._on_link_message
        self._questioner = Questioner(link)
        link.on_typed = self._questioner.on_line

    async def ask(self, kind: str, params: dict[str, Any], *, timeout: float = 300.0) -> dict[str, Any]:
        """Ask the customer a question of *kind* (see sessions.chat.questions) and return the answer.

        The agent shows it in the customer's language. Raises QuestionUnansweredError when it times out,
        the channel closes, or the customer closes the question; ValueError for params of the wrong shape.
        Cancelling the awaiting task takes the question back from the customer's screen.
        """
        if self._questioner is None:
            raise QuestionUnansweredError(
                "The chat with the customer is not open.",
                "Questions go through the agent: this works in sessions joined by code.",
                reason="not-open",
                code="chat.not_open_for_question",
            )
        return await self._questioner.ask(kind, params, timeout)

    def set_customer_lang(self, lang: str) -> None:
        """The technician changed the customer's language (or detection found it)."""
        self.customer_lang = lang
        if self.on_customer_lang is not None:
            self.on_customer_lang(lang)

    # --- incoming ---------------------------------------------------------------------------------------
    def _on_link_message(self, message: ChatMessage) -> None:
        task = asyncio.get_running_loop().create_task(self.receive(message))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def receive(self, message: ChatMessage) -> ChatEntry:
        """Record a customer line at once, show it as translating, then translate it."""
        if not message.lang and self._detect is not None:
            from dataclasses import replace

            message = replace(message, lang=self._detect(message.text) or "")
        if message.lang and not self.customer_lang:
            self.set_customer_lang(message.lang)
        async with self._in_order:  # lines are recorded in the order they arrived
            held = await self._redact(message.text, message.sender)
            if held.counts_by_rule:
                self._record("chat.message", _redacted_record(message, held, self.technician_lang))
                return self._show(ChatEntry(message, EntryState.SECRET_HELD, held=tuple(held.counts_by_rule)))
            self._record("chat.message", message.to_dict())
        return await self._translate_incoming(message)

    async def _redact(self, text: str, sender: str, *, sent: bool = True) -> RedactionLike:
        """Redaction of a chat line; a long one in a worker thread (a 16,000-character line takes ~30 ms).

        The line is read after *sender*'s previous line (a secret split over two lines); once *sent*, it
        becomes their previous line (a preview does not).
        """
        context = self._previous.get(sender, "")[-LONG_TEXT:]
        if sent:
            self._previous[sender] = text
        if len(text) + len(context) < LONG_TEXT:
            return self.redactor.redact_after(context, text)
        return await asyncio.to_thread(self.redactor.redact_after, context, text)

    async def retry(self, message_id: str) -> ChatEntry:
        entry = self.entries[message_id]
        if entry.state is EntryState.SECRET_HELD:
            return entry  # never sent to a translator, however often asked
        return await self._translate_incoming(entry.message)

    async def _translate_incoming(self, message: ChatMessage) -> ChatEntry:
        source = message.lang or self.customer_lang or None
        if source and _lang(source) == _lang(self.technician_lang):
            return self._show(ChatEntry(message, EntryState.SAME_LANGUAGE))
        self._show(ChatEntry(message, EntryState.TRANSLATING))
        if self.translator is None:
            return self._show(ChatEntry(message, EntryState.NOT_TRANSLATED, "No translator is set up."))
        try:
            result = await self.translator.translate(message.text, source, self.technician_lang)
        except SupportError as exc:
            return self._show(ChatEntry(message, EntryState.NOT_TRANSLATED, str(exc)))
        translated = message.with_translation(self.technician_lang, result.text, result.provider)
        self._record(
            "chat.translated",
            {"id": message.id, "translation": translated.to_dict()["translation"]},
        )
        return self._show(ChatEntry(translated, EntryState.TRANSLATED))

    # --- outgoing ---------------------------------------------------------------------------------------
    async def preview(self, text: str) -> Preview:
        """The technician's *text* as the customer will read it (their language), not sent yet."""
        if (await self._redact(text, "technician", sent=False)).counts_by_rule:
            return Preview(text, self.technician_lang, secret=True)
        target = self.customer_lang
        if not target or _lang(target) == _lang(self.technician_lang):
            return Preview(text, target or self.technician_lang)
        if self.translator is None:
            return Preview(text, self.technician_lang, error="No translator is set up.")
        try:
            result = await self.translator.translate(text, self.technician_lang, target)
        except SupportError as exc:
            return Preview(text, self.technician_lang, error=str(exc))
        return Preview(result.text, target, result.provider)

    async def send(self, text: str, preview: Preview | None = None) -> ChatEntry:
        """Send *text*, with the (possibly edited) *preview* as the customer's translation; record both.

        Raises SessionClosedError when the chat is gone; the line is then kept (recorded, shown failed)
        so the technician can copy it and nothing is lost.
        """
        message = ChatMessage("technician", text, self.technician_lang)
        held = await self._redact(text, message.sender)
        if held.counts_by_rule:
            return await self._send_secret(message, held)
        state = EntryState.SAME_LANGUAGE
        if preview is not None and preview.lang != self.technician_lang and preview.text:
            message = message.with_translation(preview.lang, preview.text, preview.provider or "edited")
            state = EntryState.TRANSLATED
        elif preview is not None and preview.error:
            state = EntryState.NOT_TRANSLATED
        self._record("chat.message", message.to_dict())
        if self.link is None:
            raise SupportError(
                "The chat is not open yet.",
                "Wait until the customer's side is connected.",
                code="chat.not_open",
            )
        try:
            await self.link.send(message)
        except SupportError as exc:
            self._show(ChatEntry(message, EntryState.NOT_TRANSLATED, str(exc)))
            raise
        return self._show(ChatEntry(message, state, preview.error if preview else ""))

    async def _send_secret(self, message: ChatMessage, held: RedactionLike) -> ChatEntry:
        """Send a line that holds a secret as written (never to a translator); record it redacted."""
        target = self.customer_lang
        if target and _lang(target) != _lang(self.technician_lang):
            message = message.with_translation(target, _secret_note(message.text, target), "")
        self._record("chat.message", _redacted_record(message, held, target or self.technician_lang))
        if self.link is None:
            raise SupportError(
                "The chat is not open yet.",
                "Wait until the customer's side is connected.",
                code="chat.not_open",
            )
        entry = ChatEntry(message, EntryState.SECRET_HELD, held=tuple(held.counts_by_rule))
        try:
            await self.link.send(message)
        except SupportError as exc:
            self._show(ChatEntry(message, EntryState.SECRET_HELD, str(exc), entry.held))
            raise
        return self._show(entry)

    def _show(self, entry: ChatEntry) -> ChatEntry:
        self.entries[entry.message.id] = entry
        self._on_entry(entry)
        return entry


__all__ = ["WITHHELD_SECRET", "ChatEntry", "Conversation", "EntryState", "Preview", "Translation"]
