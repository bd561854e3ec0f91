"""The customer's consent to send a bundle: the question asked, the answer recorded in consent.json."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sessions.errors import ConsentRefusedError
from sessions.escalation.manifest import utc_now
from sessions.escalation.values import Preview


@dataclass(frozen=True, slots=True)
class ConsentQuestion:
    """What the customer is asked (through the agent, in their language) before a bundle leaves."""

    bundle_id: str
    destination: str
    files: tuple[str, ...]
    total_bytes: int
    redactions: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def from_preview(cls, preview: Preview, destination: str) -> ConsentQuestion:
        return cls(
            bundle_id=preview.bundle_id,
            destination=destination,
            files=tuple(f.path for f in preview.files),
            total_bytes=preview.total_bytes,
            redactions=dict(preview.redactions),
        )


@dataclass(frozen=True, slots=True)
class Consent:
    """The recorded answer: who agreed (or declined), when, how, and to what."""

    agreed: bool
    by: str
    via: str
    destination: str
    files: tuple[str, ...]
    at: str = field(default_factory=utc_now)
    language: str = ""
    wording: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "agreed": self.agreed,
            "by": self.by,
            "via": self.via,
            "at": self.at,
            "destination": self.destination,
            "files": list(self.files),
            "language": self.language,
            "wording": self.wording,
        }

    def to_bytes(self) -> bytes:
        return (json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()

    @classmethod
    def given(
        cls, question: ConsentQuestion, *, by: str, via: str, language: str = "", wording: str = ""
    ) -> Consent:
        """An agreement to exactly what *question* lists."""
        return cls(True, by, via, question.destination, question.files, language=language, wording=wording)


AskConsent = Callable[[ConsentQuestion], Awaitable[Consent]]


async def obtain_consent(question: ConsentQuestion, ask: AskConsent) -> Consent:
    """Ask through *ask* (the console: a dialog and the agent's chat); refuse unless it agreed to this bundle.

    Raises ConsentRefusedError when the answer is no, or when the answer is about other files.
    """
    answer = await ask(question)
    if not answer.agreed:
        raise ConsentRefusedError(
            f"{answer.by or 'The customer'} did not agree to send the bundle to {question.destination}.",
            "Nothing was sent. Explain what the bundle holds and ask again, or close the escalation.",
            code="consent.bundle_declined",
            params={"who": answer.by or "The customer", "destination": question.destination},
        )
    if set(answer.files) != set(question.files):
        raise ConsentRefusedError(
            "The consent recorded is for a different set of files than the bundle holds.",
            "Show the customer the current preview and ask again.",
            code="consent.files_differ",
        )
    return answer
