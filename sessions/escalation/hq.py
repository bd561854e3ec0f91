"""The HQ receiver (`valuezone hq serve`): HTTPS POST of bundles, checked against their manifest, stored once.

Standard library only (http.server + ssl), one thread per upload. An upload streams to a private
file in `INBOX/.incoming/`; it is stored as `INBOX/<id>.tar.gz` (+ `<id>.json`, the receipt) only after
the token, the size, the SHA-256 the client named and every hash in the manifest have been checked.
Slow and surplus connections are cut or turned away (hq_guard.py); a bundle is unpacked within bounds
(unpack.py). A refusal that sending again cannot cure says `"retry": false`, so the sender stops.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import json
import logging
import os
import re
import ssl
import tempfile
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sessions.errors import BundleInvalidError, EscalationError
from sessions.escalation.hq_guard import (
    ConnectionBook,
    ConnectionLimits,
    Deadline,
    GuardedReader,
    SlowSenderError,
)
from sessions.escalation.manifest import utc_now, verify_bundle
from sessions.escalation.multipart import MAX_HEAD, boundary_of, closing, parse_head
from sessions.escalation.unpack import UnpackLimits
from sessions.listening import listen_error

log = logging.getLogger(__name__)
DEFAULT_MAX_BYTES = 2 << 30
BUNDLE_ID = re.compile(r"^[0-9a-f]{32}$")
READ_BLOCK = 1 << 20


def read_tokens(path: Path) -> dict[str, str]:
    """Tokens file: one `name token` (or just `token`) per line; `#` comments. Returns token → name."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EscalationError(
            f"The tokens file {path} cannot be read ({exc}).",
            "Check the path.",
            code="hq.tokens_unreadable",
            params={"path": path, "exc": exc},
        ) from exc
    tokens = {}
    for number, line in enumerate(lines, start=1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) > 2 or len(fields[-1]) < 16:
            raise EscalationError(
                f"{path}:{number}: write `NAME TOKEN` with a token of at least 16 characters.",
                "Generate one with `python -c 'import secrets; print(secrets.token_urlsafe(32))'`.",
                code="hq.tokens_bad_line",
                params={"path": path, "number": number},
            )
        tokens[fields[-1]] = fields[0] if len(fields) == 2 else f"token{number}"
    if not tokens:
        raise EscalationError(
            f"The tokens file {path} holds no token.",
            "Add one `NAME TOKEN` line per vendor.",
            code="hq.tokens_empty",
            params={"path": path},
        )
    return tokens


class _Refusal(Exception):
    def __init__(self, status: int, message: str, *, drain: bool = True, permanent: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.drain = drain
        self.permanent = permanent  # the same bytes sent again would be refused again


class HqHandler(BaseHTTPRequestHandler):
    """POST /bundles (any path ending in /bundles): multipart with fields id, sha256 and the bundle last."""

    server: HqHttpServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def setup(self) -> None:
        super().setup()
        self.deadline = Deadline(self.server.limits)
        self.server.book.watch(self.connection, self.deadline)
        self.rfile.close()
        self.rfile = io.BufferedReader(GuardedReader(self.connection, self.deadline), 1 << 16)

    def handle(self) -> None:
        try:
            if isinstance(self.connection, ssl.SSLSocket):
                self.connection.settimeout(self.server.limits.header_timeout)
                self.connection.do_handshake()
            super().handle()
        except (OSError, ValueError) as exc:  # reset, TLS failure or timeout, socket shut by the book
            log.info("%s: connection ended (%s)", self.client_address[0], exc)

    def handle_one_request(self) -> None:
        if self.deadline.phase != "head":  # a later request on the connection: its own head deadline
            self.deadline.start_head()
        self.requestline, self.request_version, self.command = "", "HTTP/1.1", ""  # for a 408 before them
        try:
            super().handle_one_request()
        except SlowSenderError as exc:
            log.info("%s: %s", self.client_address[0], exc)
            self.close_connection = True
            self._reply(408, {"error": str(exc)})
        self.deadline.phase = "served"  # the first read of a next request starts its own head deadline

    def do_POST(self) -> None:
        self._left = 0
        self.deadline.start_body()
        try:
            status, reply = self.handle_upload()
        except _Refusal as refusal:
            if refusal.drain:
                self._drain()
            else:
                self.close_connection = True
            status, reply = refusal.status, {"error": refusal.message}
            if refusal.permanent:
                reply["retry"] = False
        except SlowSenderError as exc:
            log.info("%s: %s", self.client_address[0], exc)
            self.close_connection = True
            status, reply = 408, {"error": str(exc)}
        self._reply(status, reply)

    def do_GET(self) -> None:
        self._reply(404, {"error": "Only POST /bundles is served here."})

    def _reply(self, status: int, reply: dict[str, Any]) -> None:
        body = json.dumps(reply).encode()
        with contextlib.suppress(OSError, ValueError):
            self.connection.settimeout(self.server.limits.idle_timeout)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

    def _drain(self) -> None:
        """Read what the client is still sending (bounded) so it can read our answer."""
        with contextlib.suppress(OSError, SlowSenderError):
            while self._left > 0:
                data = self.rfile.read(min(READ_BLOCK, self._left))
                if not data:
                    break
                self._left -= len(data)
        self.close_connection = True

    def _read(self, size: int) -> bytes:
        data = self.rfile.read(min(size, self._left)) if self._left > 0 else b""
        self._left -= len(data)
        return data

    def handle_upload(self) -> tuple[int, dict[str, Any]]:
        """Check and store one upload; every refusal is a _Refusal with a sentence for the sender."""
        srv = self.server
        self._left = _content_length(self.headers.get("Content-Length"), srv.max_bytes)
        if not self.path.rstrip("/").endswith("/bundles"):
            raise _Refusal(404, "Post bundles to /bundles.")
        auth = self.headers.get("Authorization", "")
        token = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
        who = next((name for known, name in srv.tokens.items() if hmac.compare_digest(known, token)), None)
        if who is None:
            raise _Refusal(401, "The bearer token is missing or not valid here; ask HQ for a valid token.")
        key = self.headers.get("Idempotency-Key", "").strip()
        if key and BUNDLE_ID.match(key) and (stored := srv.stored(key)) is not None:
            self._drain()
            return 200, {"id": key, "sha256": stored, "already": True}
        boundary = boundary_of(self.headers.get("Content-Type", ""))
        if boundary is None:
            raise _Refusal(400, "Send the bundle as multipart/form-data.")
        return self._receive(boundary, who, key)

    def _receive(self, boundary: str, who: str, key: str) -> tuple[int, dict[str, Any]]:
        head, rest = self._read_head()
        parsed = parse_head(head, boundary)
        if parsed is None:
            raise _Refusal(400, "The multipart form is malformed: the bundle must be the last part.")
        fields, _ = parsed
        bundle_id, claimed = fields.get("id", ""), fields.get("sha256", "").lower()
        if not BUNDLE_ID.match(bundle_id) or (key and key != bundle_id):
            raise _Refusal(400, "The form needs an `id` of 32 hex digits (equal to the Idempotency-Key).")
        tail = closing(boundary)
        size = len(rest) + self._left - len(tail)
        if size <= 0:
            raise _Refusal(400, "The upload holds no bundle.")
        fd, tmp_name = tempfile.mkstemp(dir=self.server.incoming, suffix=".part")
        tmp = Path(tmp_name)
        try:
            digest, got = self._stream_to(fd, rest, size, tail)
            if got < size:
                raise _Refusal(
                    400, f"The upload was cut short: {got} of {size} bytes arrived. Send it again."
                )
            if claimed and digest != claimed:
                raise _Refusal(
                    422, f"The bundle's SHA-256 is {digest}, not {claimed} as sent: it was damaged."
                )
            return self._store(tmp, bundle_id, digest, who, intact=bool(claimed))
        finally:
            tmp.unlink(missing_ok=True)

    def _read_head(self) -> tuple[bytes, bytes]:
        buf = b""
        while len(buf) < MAX_HEAD:
            data = self._read(min(8192, MAX_HEAD - len(buf)))
            if not data:
                break
            buf += data
            at = buf.find(b'filename="')
            end = buf.find(b"\r\n\r\n", at) if at >= 0 else -1
            if end >= 0:
                return buf[: end + 4], buf[end + 4 :]
        raise _Refusal(400, "The multipart form is malformed or its header is too long.")

    def _stream_to(self, fd: int, rest: bytes, size: int, tail: bytes) -> tuple[str, int]:
        digest = hashlib.sha256()
        got = 0
        pending = rest
        with os.fdopen(fd, "wb") as out:
            while True:
                use = pending[: size - got]
                digest.update(use)
                out.write(use)
                got += len(use)
                leftover = pending[len(use) :]
                if got >= size:
                    break
                pending = self._read(min(READ_BLOCK, size - got))
                if not pending:
                    return digest.hexdigest(), got
        ending = leftover + self._read(len(tail) - len(leftover))
        if ending != tail:
            raise _Refusal(400, "The multipart form does not end where its length says it should.")
        return digest.hexdigest(), got

    def _store(
        self, tmp: Path, bundle_id: str, digest: str, who: str, *, intact: bool
    ) -> tuple[int, dict[str, Any]]:
        """Check the bundle's content and store it. *intact*: it arrived as the sender hashed it, so
        a refusal now is about the bundle itself and sending it again cannot help."""
        try:
            manifest = verify_bundle(tmp, limits=self.server.unpack_limits)
        except BundleInvalidError as exc:
            log.info("%s: bundle %s refused: %s", self.client_address[0], bundle_id, exc)
            raise _Refusal(422, f"The bundle failed its check: {exc}", drain=False, permanent=intact) from exc
        if manifest.bundle_id != bundle_id:
            raise _Refusal(
                422,
                f"The form says bundle {bundle_id} but its manifest says {manifest.bundle_id}.",
                permanent=intact,
            )
        with self.server.store_lock:
            stored = self.server.stored(bundle_id)
            if stored is not None:
                return 200, {"id": bundle_id, "sha256": stored, "already": True}
            final = self.server.inbox / f"{bundle_id}.tar.gz"
            receipt: dict[str, object] = {
                "id": bundle_id,
                "sha256": digest,
                "received": utc_now(),
                "from": who,
            }
            receipt.update({"ticket": manifest.ticket, "size": tmp.stat().st_size})
            (self.server.inbox / f"{bundle_id}.json.tmp").write_text(json.dumps(receipt, indent=2) + "\n")
            os.replace(tmp, final)
            os.replace(self.server.inbox / f"{bundle_id}.json.tmp", self.server.inbox / f"{bundle_id}.json")
        log.info("stored bundle %s from %s (%s)", bundle_id, who, digest)
        if self.server.on_stored is not None:
            self.server.on_stored(bundle_id)  # e.g. the team database's index (hq serve --db)
        return 201, {"id": bundle_id, "sha256": digest}


def _content_length(value: str | None, limit: int) -> int:
    if value is None or not value.strip().isdigit():
        raise _Refusal(411, "Send a Content-Length header (chunked uploads are not accepted).", drain=False)
    length = int(value)
    if length > limit:
        raise _Refusal(
            413, f"The upload is {length} bytes; this receiver accepts at most {limit}.", drain=False
        )
    return length


class HqHttpServer(ThreadingHTTPServer):
    """The receiver's HTTP(S) server; `inbox` holds `<id>.tar.gz` and `<id>.json` per stored bundle."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(
        self,
        address: tuple[str, int],
        inbox: Path,
        tokens: dict[str, str],
        *,
        tls: ssl.SSLContext | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        handler: type[HqHandler] = HqHandler,
        limits: ConnectionLimits | None = None,
        unpack_limits: UnpackLimits | None = None,
    ) -> None:
        self.inbox = inbox
        self.incoming = inbox / ".incoming"
        self.incoming.mkdir(parents=True, exist_ok=True)
        self.tokens = tokens
        self.max_bytes = max_bytes
        self.limits = limits or ConnectionLimits()
        self.unpack_limits = unpack_limits or UnpackLimits()
        self.book = ConnectionBook(self.limits)
        self.store_lock = threading.Lock()
        self.tls = tls
        self.on_stored: Callable[[str], None] | None = None  # called with each newly stored bundle's id
        try:
            super().__init__(address, handler)
        except OSError as exc:  # socketserver closed its socket already
            raise listen_error(exc, address[0], address[1], who="another receiver?") from exc

    def get_request(self) -> tuple[Any, Any]:
        sock, addr = super().get_request()
        if self.tls is not None:
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, addr

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.book.admit(request, client_address[0]):
            self.book.refuse(request, client_address[0])
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.book.leave(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A bug in a handler: logged with its traceback (a sender's misdeeds never get here)."""
        log.exception("%s: the receiver failed on this request", client_address[0])

    def stored(self, bundle_id: str) -> str | None:
        """The SHA-256 of a stored bundle, or None."""
        receipt = self.inbox / f"{bundle_id}.json"
        if not (self.inbox / f"{bundle_id}.tar.gz").is_file() or not receipt.is_file():
            return None
        return str(json.loads(receipt.read_text())["sha256"])

    @property
    def port(self) -> int:
        return int(self.server_address[1])


def tls_context(cert: Path, key: Path) -> ssl.SSLContext:
    """A server TLS context (TLS 1.2+) from a certificate chain and its key."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(str(cert), str(key))
    except (OSError, ssl.SSLError) as exc:
        raise EscalationError(
            f"The TLS certificate {cert} or key {key} cannot be used ({exc}).",
            "Pass a PEM certificate chain and its unencrypted private key.",
            code="hq.tls_unusable",
            params={"cert": cert, "key": key, "exc": exc},
        ) from exc
    return context


def parse_listen(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) < 65536:
        raise EscalationError(
            f"'{text}' is not HOST:PORT.",
            "Write e.g. --listen 0.0.0.0:8443.",
            code="hq.bad_listen_address",
            params={"text": text},
        )
    return host.strip("[]") or "0.0.0.0", int(port)
