"""HQ destinations from the `[escalation]` settings, and where each one's credential lives in the keyring.

A destination in settings.toml holds no secret: a display name, the URL (`sftp://user@host[:port]/path`
or `https://host[:port]/bundles`), HQ's language, and optionally a key file (sftp) or a CA file (https).
The secret is in the keyring: the SFTP password (kind "password", `user@host:port`, as for devices),
the key file's passphrase (kind "passphrase", its absolute path), or the HTTPS bearer token
(kind "hq-token", the origin).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sessions import secrets
from sessions.errors import EscalationError
from sessions.escalation.collect import CollectLimits
from sessions.escalation.delivery import Destination, parse_destination
from sessions.escalation.delivery.factory import DeliveryOptions
from sessions.escalation.delivery.https import TOKEN_KIND
from sessions.escalation.outbox import Backoff
from sessions.ssh.auth import PASSPHRASE_KIND, PASSWORD_KIND, passphrase_name
from sessions.ssh.target import Target

MB = 1 << 20


@dataclass(frozen=True, slots=True)
class HqDestination:
    """One HQ destination as the technician picks it (never holds a secret)."""

    name: str
    url: str
    language: str = "en"
    key_file: str = ""
    ca_file: str = ""

    @property
    def parsed(self) -> Destination:
        return parse_destination(self.url)

    @property
    def label(self) -> str:
        """`name (host)`: how the technician and the customer see it."""
        try:
            host = self.parsed.host
        except EscalationError:
            return self.name
        return f"{self.name} ({host})" if self.name else host

    def to_settings(self) -> dict[str, str]:
        out = {"name": self.name, "url": self.url, "language": self.language}
        if self.key_file:
            out["key_file"] = self.key_file
        if self.ca_file:
            out["ca_file"] = self.ca_file
        return out

    @classmethod
    def from_settings(cls, data: Mapping[str, Any]) -> HqDestination:
        return cls(
            name=str(data.get("name", "")).strip(),
            url=str(data.get("url", "")).strip(),
            language=str(data.get("language", "") or "en").strip(),
            key_file=str(data.get("key_file", "") or "").strip(),
            ca_file=str(data.get("ca_file", "") or "").strip(),
        )

    def check(self) -> HqDestination:
        """Raise EscalationError when the URL is not a destination Valuezone can deliver to."""
        if not self.name:
            raise EscalationError(
                "An HQ destination needs a name.",
                "Give it a name the technicians know.",
                code="escalation.destination_no_name",
            )
        self.parsed  # noqa: B018 (parsing is the check)
        return self

    # --- the credential in the keyring ------------------------------------------------------------
    def credential(self) -> tuple[str, str]:
        """(keyring kind, keyring name) of the secret this destination needs."""
        destination = self.parsed
        if destination.scheme == "https":
            return TOKEN_KIND, destination.origin
        if self.key_file:
            return PASSPHRASE_KIND, passphrase_name(Path(self.key_file))
        return PASSWORD_KIND, Target(destination.host, destination.port, destination.user).display

    def credential_label(self) -> str:
        """What the Settings dialog asks for: token, password or key passphrase."""
        kind = self.credential()[0]
        return {TOKEN_KIND: "token", PASSPHRASE_KIND: "key passphrase"}.get(kind, "password")

    def has_credential(self) -> bool:
        return secrets.load(*self.credential()) is not None

    def store_credential(self, secret: str) -> bool:
        """Keep *secret* in the keyring; False when only kept in memory for this run (no keyring)."""
        if not secret:
            raise EscalationError(
                "No secret was given.",
                "Paste the token or type the password HQ gave you.",
                code="escalation.no_secret",
            )
        return secrets.store(*self.credential(), secret)

    def forget_credential(self) -> None:
        secrets.delete(*self.credential())


def destinations(section: Mapping[str, Any]) -> list[HqDestination]:
    """The destinations of an `[escalation]` settings section (entries without a URL are skipped)."""
    items = section.get("destinations", []) or []
    found = [HqDestination.from_settings(d) for d in items if isinstance(d, Mapping)]
    return [d for d in found if d.url]


def delivery_options(url: str, known: Iterable[HqDestination], timeout: float = 60.0) -> DeliveryOptions:
    """The options to deliver to *url*: the key file and CA file its destination names, if any."""
    match = next((d for d in known if d.url == url), None)
    if match is None:
        return DeliveryOptions(timeout=timeout)
    return DeliveryOptions(
        ca_file=Path(match.ca_file).expanduser() if match.ca_file else None,
        key_file=Path(match.key_file).expanduser() if match.key_file else None,
        timeout=timeout,
    )


def collect_limits(section: Mapping[str, Any]) -> CollectLimits:
    """Collection caps from `per_file_mb` and `total_mb`."""
    per_file = float(section.get("per_file_mb", 16) or 16)
    total = float(section.get("total_mb", 128) or 128)
    return CollectLimits(per_file=int(per_file * MB), total=int(total * MB))


def backoff(section: Mapping[str, Any]) -> Backoff:
    """The outbox's retry schedule: `retry_base_seconds` doubling up to an hour."""
    return Backoff(base=max(0.05, float(section.get("retry_base_seconds", 10.0) or 10.0)))
