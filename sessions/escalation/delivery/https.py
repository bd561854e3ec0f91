"""HTTPS delivery: one multipart POST with a bearer token and an Idempotency-Key, reply checked."""

from __future__ import annotations

import asyncio
import http.client
import json
import logging
import ssl
from pathlib import Path

from sessions import secrets
from sessions.errors import DeliveryError
from sessions.escalation.delivery import Destination, Receipt, check_receipt
from sessions.escalation.multipart import envelope

log = logging.getLogger(__name__)
TOKEN_KIND = "hq-token"
SEND_BLOCK = 1 << 20


def store_token(destination: Destination, token: str) -> bool:
    """Keep the HQ token in the keyring under the destination's origin."""
    return secrets.store(TOKEN_KIND, destination.origin, token)


class HttpsDeliverer:
    """Delivers by POSTing to an HQ receiver (`valuezone hq serve` or a vendor's own endpoint).

    Args:
        ca_file: the CA (or self-signed certificate) that HQ's certificate must chain to; None uses the
            system's trusted CAs.
        token: the bearer token; None reads it from the keyring (kind "hq-token", the origin).
    """

    def __init__(
        self,
        destination: Destination,
        *,
        ca_file: Path | None = None,
        token: str | None = None,
        timeout: float = 60.0,
    ) -> None:
        self.destination = destination
        self.context = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
        self._token = token
        self.timeout = timeout

    def _bearer(self) -> str:
        token = self._token or secrets.load(TOKEN_KIND, self.destination.origin)
        if not token:
            raise DeliveryError(
                f"No token for {self.destination.origin} is stored.",
                "Ask HQ for a token and store it with `valuezone escalate token URL`, then choose Retry.",
                retryable=False,
                code="delivery.no_token",
                params={"origin": self.destination.origin},
            )
        return token

    async def deliver(self, bundle: Path, bundle_id: str, sha256: str, size: int) -> Receipt:
        token = self._bearer()
        return await asyncio.to_thread(self._post, bundle, bundle_id, sha256, size, token)

    def _post(self, bundle: Path, bundle_id: str, sha256: str, size: int, token: str) -> Receipt:
        where = f"HQ at {self.destination.origin}"
        frame = envelope({"id": bundle_id, "sha256": sha256}, "bundle", f"{bundle_id}.tar.gz")
        conn = http.client.HTTPSConnection(
            self.destination.host, self.destination.port, context=self.context, timeout=self.timeout
        )
        try:
            conn.putrequest("POST", self.destination.path)
            conn.putheader("Authorization", f"Bearer {token}")
            conn.putheader("Idempotency-Key", bundle_id)
            conn.putheader("Content-Type", frame.content_type)
            conn.putheader("Content-Length", str(frame.length(size)))
            conn.endheaders()
            interrupted = self._send_body(conn, frame.head, bundle, frame.tail)
            try:
                response = conn.getresponse()
                body = response.read(1 << 16)
                retry_after = _seconds(response.getheader("Retry-After"))
            except (OSError, http.client.HTTPException):
                if interrupted is not None:
                    raise interrupted from None  # no answer after all: report the broken upload
                raise
        except ssl.SSLCertVerificationError as exc:
            raise DeliveryError(
                f"{where} presented a certificate this computer does not trust ({exc.verify_message}).",
                "Check the address, or configure HQ's CA certificate for this destination.",
                retryable=False,
                code="delivery.untrusted_certificate",
                params={"where": where, "verify_message": exc.verify_message},
            ) from exc
        except (OSError, http.client.HTTPException) as exc:
            raise DeliveryError(
                f"The upload to {where} was interrupted ({type(exc).__name__}: {exc}).",
                "It is retried later.",
                code="delivery.interrupted",
                params={"where": where, "kind": type(exc).__name__, "exc": exc},
            ) from exc
        finally:
            conn.close()
        return self._receipt(response.status, body, bundle_id, sha256, where, retry_after)

    @staticmethod
    def _send_body(
        conn: http.client.HTTPSConnection, head: bytes, bundle: Path, tail: bytes
    ) -> OSError | None:
        """Send the form; a refusal may close the connection early, so an error is returned, not raised."""
        try:
            conn.send(head)
            with bundle.open("rb") as fh:
                while block := fh.read(SEND_BLOCK):
                    conn.send(block)
            conn.send(tail)
        except ssl.SSLCertVerificationError:
            raise
        except OSError as exc:
            return exc  # HQ may have answered early (a refusal): the caller reads the answer first
        return None

    @staticmethod
    def _receipt(
        status: int, body: bytes, bundle_id: str, sha256: str, where: str, retry_after: float = 0.0
    ) -> Receipt:
        try:
            reply = json.loads(body or b"{}")
        except ValueError:
            reply = {}
        said = str(reply.get("error", "")) if isinstance(reply, dict) else ""
        if status in (200, 201) and isinstance(reply, dict) and "id" in reply:
            receipt = Receipt(str(reply["id"]), str(reply.get("sha256", "")), already=status == 200)
            return check_receipt(receipt, bundle_id, sha256, where)
        if status in (401, 403):
            raise DeliveryError(
                f"{where} refused the token (HTTP {status}). {said}".strip(),
                "Ask HQ for a valid token, store it with `valuezone escalate token URL`, then choose Retry.",
                retryable=False,
                code="delivery.token_refused",
                params={"where": where, "status": status, "said": said},
            )
        if status == 413:
            raise DeliveryError(
                f"{where} refused the bundle as too large. {said}".strip(),
                "Build a smaller bundle (lower the log caps), or ask HQ to raise its limit.",
                retryable=False,
                code="delivery.too_large",
                params={"where": where, "said": said},
            )
        if isinstance(reply, dict) and reply.get("retry") is False:
            raise DeliveryError(
                f"{where} refused this bundle for good (HTTP {status}): {said}",
                "Sending it again cannot help: build a new bundle with Valuezone and send that one.",
                retryable=False,
                code="delivery.refused_for_good",
                params={"where": where, "status": status, "said": said},
            )
        detail = said or body[:200].decode("utf-8", "replace")
        when = f"It is retried in {retry_after:.0f} s or later." if retry_after else "It is retried later."
        raise DeliveryError(
            f"{where} answered HTTP {status}: {detail}",
            when,
            retry_after=retry_after,
            code="delivery.http_error",
            params={"where": where, "status": status, "detail": detail, "retry_after": round(retry_after)},
        )


def _seconds(value: str | None) -> float:
    """An HTTP Retry-After in seconds (the date form counts as no hint), at most an hour."""
    return min(float(value), 3600.0) if value and value.strip().isdigit() else 0.0
