"""What relay, agent and technician client say to each other: control messages and refusal reasons.

The agent's control channel is a session channel with subsystem `relay@valuezone` carrying JSON lines.
Refusals reach the technician as the reason text of a channel-open failure ("open failed: <reason>");
`error_for_reason` turns that text back into the matching SupportError on the technician's side.
"""

from __future__ import annotations

import json
from typing import Any

from sessions.errors import (
    CodeError,
    CodeUnknownError,
    ConsentRefusedError,
    RateLimitedError,
    SessionClosedError,
    SupportError,
)

CONTROL_SUBSYSTEM = "relay@valuezone"
CUSTOMER_USER = "support"
PROTOCOL_VERSION = 1
FORWARD_HOST = "vz"
FORWARD_PORT = 22


class Reason:
    """Refusal texts sent by the relay and the agent. They are read by people: keep them plain."""

    DECLINED = "The customer declined"
    NO_ANSWER = "The customer did not answer"
    EXPIRED = "This code has expired"
    USED = "This code has already been used"
    UNKNOWN = "No session is waiting under this code"
    ENDED = "The customer ended the session"
    IN_USE = "Another technician is already connected with this code"
    BUSY = "Someone is already asking the customer to connect with this code"
    RECONNECTING = "The customer's connection dropped; it is reconnecting"
    NOT_A_CODE = "The relay only connects to session codes (vz + 9 digits); it is not an open proxy"
    RATE_LIMITED = "Too many wrong codes; wait 10 minutes before trying again"
    NO_PROMPT = "The customer cannot be asked for consent (no terminal is open on their side)"
    UNANNOUNCED = "The relay did not say who is connecting"
    NOT_TECHNICIAN = "Only technicians may open connections through the relay"
    PEER_UNREACHABLE = "The relay holding this code could not be reached safely"


def error_for_reason(reason: str) -> SupportError:
    """The SupportError a technician sees for a refusal *reason* from the relay or the agent."""
    hints: dict[str, tuple[type[SupportError], str]] = {
        Reason.DECLINED: (ConsentRefusedError, "Ask the customer to allow the connection, then join again."),
        Reason.NO_ANSWER: (ConsentRefusedError, "Call the customer, then join again while they watch."),
        Reason.EXPIRED: (CodeUnknownError, "Ask the customer to start the agent again for a new code."),
        Reason.USED: (CodeUnknownError, "Each code works once; ask the customer for a new code."),
        Reason.UNKNOWN: (CodeUnknownError, "Check the code with the customer, or ask for a new one."),
        Reason.ENDED: (SessionClosedError, "Ask the customer for a new code to connect again."),
        Reason.IN_USE: (CodeUnknownError, "Ask the customer for a new code."),
        Reason.BUSY: (CodeUnknownError, "Wait a minute and try again."),
        Reason.RECONNECTING: (SessionClosedError, "Wait a moment; the session resumes when it is back."),
        Reason.NOT_A_CODE: (CodeError, "Type the nine-digit code the customer reads out."),
        Reason.RATE_LIMITED: (RateLimitedError, "Check the code with the customer before trying again."),
        Reason.NO_PROMPT: (ConsentRefusedError, "Ask the customer to run `valuezone agent`."),
        Reason.UNANNOUNCED: (ConsentRefusedError, "The relay may be out of date; tell its administrator."),
        Reason.NOT_TECHNICIAN: (CodeError, "Connect with your technician key."),
        Reason.PEER_UNREACHABLE: (
            SessionClosedError,
            "Try again in a moment; tell the relay's administrator.",
        ),
    }
    error: SupportError = SupportError(
        f"The relay refused the connection: {reason}.", "Try again, or ask for a new code."
    )
    for text, (cls, hint) in hints.items():
        if reason.startswith(text):
            error = cls(f"{reason}.", hint)
            break
    error.relay_reason = reason  # type: ignore[attr-defined]
    return error


def relay_reason(error: BaseException) -> str:
    """The relay's refusal text behind *error* ("" when it did not come from the relay)."""
    return str(getattr(error, "relay_reason", ""))


def encode(kind: str, **fields: Any) -> str:
    """One control message as a JSON line."""
    return json.dumps({"type": kind, **fields}, ensure_ascii=False, separators=(",", ":")) + "\n"


def decode(line: str) -> dict[str, Any]:
    """Parse one control line; an unreadable line becomes `{"type": "invalid"}`."""
    try:
        value = json.loads(line)
    except ValueError:
        return {"type": "invalid"}
    return value if isinstance(value, dict) and isinstance(value.get("type"), str) else {"type": "invalid"}
