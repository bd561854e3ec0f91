"""One chat message: the JSON-lines schema in ARCHITECTURE (original text plus an optional translation)."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field, replace
from typing import Any

MAX_TEXT = 16_000  # characters; a longer message is cut (chat is for people, files go by SFTP)


@dataclass(frozen=True, slots=True)
class Translation:
    """The text as the reader sees it, and who translated it."""

    lang: str
    text: str
    provider: str = ""


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """A chat line. `sender` is "technician" or "customer" (`from` on the wire)."""

    sender: str
    text: str
    lang: str = ""
    translation: Translation | None = None
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    ts: float = field(default_factory=time.time)

    def shown_text(self, reader_lang: str) -> str:
        """What a reader of *reader_lang* should see first: the translation when it is in their language."""
        if self.translation is not None and self.translation.lang == reader_lang and self.translation.text:
            return self.translation.text
        return self.text

    def with_translation(self, lang: str, text: str, provider: str) -> ChatMessage:
        return replace(self, translation=Translation(lang, text, provider))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "from": self.sender,
            "ts": round(self.ts, 3),
            "lang": self.lang,
            "text": self.text,
        }
        if self.translation is not None:
            data["translation"] = {
                "lang": self.translation.lang,
                "text": self.translation.text,
                "provider": self.translation.provider,
            }
        return data

    def to_line(self) -> str:
        """One JSON line (UTF-8 text, no newline inside, newline at the end)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChatMessage:
        """Build from a decoded line; raises ValueError when required fields are missing or wrong."""
        text = data.get("text")
        sender = data.get("from")
        if not isinstance(text, str) or not isinstance(sender, str):
            raise ValueError("a chat message needs string 'from' and 'text'")
        raw = data.get("translation")
        translation = None
        if isinstance(raw, dict) and isinstance(raw.get("text"), str):
            translation = Translation(
                str(raw.get("lang", "")), raw["text"][:MAX_TEXT], str(raw.get("provider", ""))
            )
        ts = data.get("ts")
        return cls(
            sender=sender[:32],
            text=text[:MAX_TEXT],
            lang=str(data.get("lang", ""))[:16],
            translation=translation,
            id=str(data.get("id") or uuid.uuid4().hex)[:64],
            ts=float(ts) if isinstance(ts, int | float) else time.time(),
        )

    @classmethod
    def from_line(cls, line: str) -> ChatMessage:
        value = json.loads(line)
        if not isinstance(value, dict):
            raise ValueError("a chat line must be a JSON object")
        return cls.from_dict(value)
