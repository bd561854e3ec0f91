"""What the relay says to a customer on stock OpenSSH, in the language their ssh sends (LANG, LC_*).

OpenSSH clients on Debian, Ubuntu and macOS send `SendEnv LANG LC_*` by default; the relay reads those of
the customer's session channel and speaks from the agent's catalogue (resources/agent/<lang>.toml).
Without them (or for a language the agent does not speak) it speaks English.
"""

from __future__ import annotations

from collections.abc import Mapping

from sessions.agent.catalogue import Catalogue, normalize
from sessions.relay.protocol import Reason
from sessions.vendor import Vendor
from sessions.visible import visible

_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def texts_for(env: Mapping[str, str] | Mapping[bytes, bytes] | None) -> Catalogue:
    """The catalogue for the locale a customer's ssh sent (LC_ALL, LC_MESSAGES, LANG; C/POSIX: none)."""
    found: dict[str, str] = {}
    for key, value in (env or {}).items():
        name = key.decode("utf-8", "replace") if isinstance(key, bytes) else str(key)
        found[name] = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    for name in _LOCALE_VARIABLES:
        value = found.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return Catalogue(normalize(value[:32]))
    return Catalogue("en")


def consent_question(texts: Catalogue, technician: str, vendor: Vendor | None, *, again: bool) -> list[str]:
    """The question's lines: who (of which vendor), what the device's own sign-in means, whom to call."""
    name = visible(technician)
    vendor_name = vendor.name_in(texts.lang) if vendor else ""
    key = "consent.who_again" if again else "consent.who"
    if vendor_name:
        lines = [texts.text(key + "_vendor", technician=name, vendor=vendor_name)]
    else:
        lines = [texts.text(key, technician=name)]
    lines.append(texts.text("consent.scope_sshd"))
    if vendor and vendor_name and vendor.phone:
        lines.append(texts.text("consent.call", vendor=vendor_name, phone=vendor.phone))
    return lines


def ended(texts: Catalogue, reason: str) -> str:
    """ "Session ended: …" for the relay closing the code with *reason* (the customer's /end: ENDED)."""
    key = {Reason.ENDED: "you", Reason.EXPIRED: "code_expired", Reason.USED: "technician_unnamed"}
    return texts.text("terminal.ended", reason=texts.text(f"ended.{key.get(reason, 'closed_by_relay')}"))
