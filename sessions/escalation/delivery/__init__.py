"""Delivering a bundle to headquarters: destinations (sftp://, https://), receipts, one deliverer per URL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

from sessions.errors import DeliveryError, EscalationError

SCHEMES = ("sftp", "https")


@dataclass(frozen=True, slots=True)
class Destination:
    """A parsed HQ destination. Never holds a password or token: those stay in the keyring."""

    url: str
    scheme: str
    host: str
    port: int
    user: str
    path: str

    @property
    def origin(self) -> str:
        """`https://host:port` or `sftp://user@host:port`: the keyring name of its secret."""
        who = f"{self.user}@" if self.user else ""
        return f"{self.scheme}://{who}{self.host}:{self.port}"


def parse_destination(url: str) -> Destination:
    """Parse `sftp://user@host[:port]/path` or `https://host[:port]/path`; refuse secrets in the URL."""
    parts = urlsplit(url.strip())
    hint = "Write it as sftp://user@host[:port]/folder or https://host[:port]/bundles."
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise EscalationError(
            f"'{url}' is not an HQ destination Valuezone can deliver to.",
            hint,
            code="escalation.bad_destination",
            params={"url": url},
        )
    if parts.password is not None:
        raise EscalationError(
            "The destination address contains a password.",
            "Remove it from the address; store it with `valuezone escalate outbox` prompts or the keyring.",
            code="escalation.password_in_address",
        )
    if parts.scheme == "sftp" and not parts.username:
        raise EscalationError(
            f"The SFTP destination '{url}' names no user.",
            hint,
            code="escalation.sftp_no_user",
            params={"url": url},
        )
    try:
        port = parts.port or (22 if parts.scheme == "sftp" else 443)
    except ValueError as exc:
        raise EscalationError(
            f"'{url}' has an invalid port.", hint, code="escalation.bad_port", params={"url": url}
        ) from exc
    path = unquote(parts.path) or ("/bundles" if parts.scheme == "https" else ".")
    return Destination(url.strip(), parts.scheme, parts.hostname, port, unquote(parts.username or ""), path)


@dataclass(frozen=True, slots=True)
class Receipt:
    """What HQ confirmed: it holds bundle `bundle_id` with SHA-256 `sha256` (`already` if it had it)."""

    bundle_id: str
    sha256: str
    already: bool = False


class Deliverer(Protocol):
    async def deliver(self, bundle: Path, bundle_id: str, sha256: str, size: int) -> Receipt: ...


def check_receipt(receipt: Receipt, bundle_id: str, sha256: str, where: str) -> Receipt:
    """Refuse a receipt for another bundle or another hash (HQ holds something else under that id)."""
    if receipt.bundle_id != bundle_id or receipt.sha256 != sha256:
        raise DeliveryError(
            f"{where} confirmed bundle {receipt.bundle_id} with SHA-256 {receipt.sha256[:12]}…, but this "
            f"bundle is {bundle_id} with SHA-256 {sha256[:12]}….",
            "HQ holds a different file under this id; ask HQ to check their inbox before retrying.",
            retryable=False,
            code="delivery.wrong_bundle_confirmed",
            params={
                "where": where,
                "bundle_id": receipt.bundle_id,
                "sha256": receipt.sha256[:12],
                "bundle_id_2": bundle_id,
                "sha256_2": sha256[:12],
            },
        )
    return receipt
