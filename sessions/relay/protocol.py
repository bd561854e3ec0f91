"""What relay, agent and technician client say to each other: control messages and refusal reasons.

The agent's control channel is a session channel with subsystem `relay@valuezone` carrying JSON lines.
Refusals reach the technician as the reason text of a channel-open failure ("open failed: <reason>");
`error_for_reason` turns that text back into the matching SupportError on the technician's side.
"""

from __future__ import annotations

import json
from typing import Any

from sessions.errors import (
    AuthenticationError,
    CodeError,
    CodeUnknownError,
    ConsentRefusedError,
    RateLimitedError,
    SessionClosedError,
    SupportError,
)

CONTROL_SUBSYSTEM = "relay@valuezone"
CUSTOMER_USER = "support"
# 1: every byte on the agent's SSH link. 2: after consent, the inner SSH on a TLS data leg
# (sessions/relay/dataleg.py). Each side speaks the lower of the two versions in hello/welcome.
PROTOCOL_VERSION = 2
OLD_PROTOCOL_VERSION = 1
FORWARD_HOST = "vz"
FORWARD_PORT = 22
# A claim for `vz<code>` port 0 asks for the technician's own data leg (sessions/relay/techleg.py); the
# client writes CHANNEL_INSTEAD on the claim channel when it cannot reach the data port.
LEG_CLAIM_PORT = 0
CHANNEL_INSTEAD = b'{"type":"channel"}\n'


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
    RATE_LIMITED = (
        "Too many refused claims (wrong codes, codes in use, or the customer said no); "
        "wait 10 minutes before trying again"
    )
    NO_PROMPT = "The customer cannot be asked for consent (no terminal is open on their side)"
    UNANNOUNCED = "The relay did not say who is connecting"
    NOT_TECHNICIAN = "Only technicians may open connections through the relay"
    PEER_UNREACHABLE = "The relay holding this code could not be reached safely"
    HOLDER_UNREACHABLE = "The relay holding this code did not answer; try again"
    REVOKED = "This technician key is no longer listed on the relay"
    LEG_FAILED = "The customer's data connection to the relay failed"


def error_for_reason(reason: str) -> SupportError:
    """The SupportError a technician sees for a refusal *reason* from the relay or the agent."""
    refusals: dict[str, tuple[type[SupportError], str, str]] = {
        Reason.DECLINED: (
            ConsentRefusedError,
            "relay.declined",
            "Ask the customer to allow the connection, then join again.",
        ),
        Reason.NO_ANSWER: (
            ConsentRefusedError,
            "relay.no_answer",
            "Call the customer, then join again while they watch.",
        ),
        Reason.EXPIRED: (
            CodeUnknownError,
            "relay.expired",
            "Ask the customer to start the agent again for a new code.",
        ),
        Reason.USED: (
            CodeUnknownError,
            "relay.used",
            "Each code works once; ask the customer for a new code.",
        ),
        Reason.UNKNOWN: (
            CodeUnknownError,
            "relay.unknown",
            "Check the code with the customer, or ask for a new one.",
        ),
        Reason.ENDED: (
            SessionClosedError,
            "relay.ended",
            "Ask the customer for a new code to connect again.",
        ),
        Reason.IN_USE: (CodeUnknownError, "relay.in_use", "Ask the customer for a new code."),
        Reason.BUSY: (CodeUnknownError, "relay.busy", "Wait a minute and try again."),
        Reason.RECONNECTING: (
            SessionClosedError,
            "relay.reconnecting",
            "Wait a moment; the session resumes when it is back.",
        ),
        Reason.NOT_A_CODE: (
            CodeError,
            "relay.not_a_code",
            "Type the nine-digit code the customer reads out.",
        ),
        Reason.RATE_LIMITED: (
            RateLimitedError,
            "relay.rate_limited",
            "Check the code with the customer before trying again.",
        ),
        Reason.NO_PROMPT: (
            ConsentRefusedError,
            "relay.no_prompt",
            "Ask the customer to run `valuezone agent`.",
        ),
        Reason.UNANNOUNCED: (
            ConsentRefusedError,
            "relay.unannounced",
            "The relay may be out of date; tell its administrator.",
        ),
        Reason.LEG_FAILED: (
            SessionClosedError,
            "relay.leg_failed",
            "Join again; if it keeps failing, something between the customer and the relay is "
            "interfering with the connection: tell the relay's administrator.",
        ),
        Reason.PEER_UNREACHABLE: (
            SessionClosedError,
            "relay.peer_unreachable",
            "Try again in a moment; if it keeps failing, tell the relay's administrator.",
        ),
        Reason.NOT_TECHNICIAN: (CodeError, "relay.not_technician", "Connect with your technician key."),
        Reason.REVOKED: (
            AuthenticationError,
            "relay.revoked",
            "Ask the relay's administrator to list your key again.",
        ),
    }
    error: SupportError = SupportError(
        f"The relay refused the connection: {reason}.",
        "Try again, or ask for a new code.",
        code="relay.refused",
        params={"reason": reason},
    )
    for text, (cls, code, hint) in refusals.items():
        if reason.startswith(text):
            error = cls(f"{reason}.", hint, code=code, params={"reason": reason})
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
