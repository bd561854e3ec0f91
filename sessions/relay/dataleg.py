"""The relay's data legs: after consent the inner SSH travels on legs opened by one-time token.

Protocol v2 (docs/relay-protocol.md, "The data leg"). The relay's welcome names a TLS port and the
SHA-256 of its leg certificate (`pin`), over the SSH control channel the agent already trusts. Each
claim carries a fresh token. After the customer's yes the agent connects to that port, checks the
certificate against the pin before it sends anything, then sends `VZLEG1 <token>\\n`; the relay answers
`ok\\n` (and splices the leg to the technician's channel) or `refused <reason>\\n` and hangs up. A token
works once, for one claim, until that claim is answered or given up. Every refusal is in the audit log.
A technician's client may open its own leg the same way, without TLS (sessions/relay/techleg.py).
"""

from __future__ import annotations

import asyncio
import datetime
import hashlib
import os
import secrets
import ssl
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sessions.relay.gate import Gate
from sessions.relay.legport import LegPort, Waiting

MAGIC = b"VZLEG1 "
LINE_MAX = 256  # a token line is ~50 bytes; anything longer is not one
OK = b"ok\n"
USED_REMEMBERED = 10_000


class LegReason:
    """Why the relay hung up a data leg (sent as `refused <reason>`, written to the audit log)."""

    TLS = "The TLS handshake on the data leg failed"
    NO_TOKEN = "No data-leg token arrived in time"
    NOT_A_TOKEN = "The data leg did not start with a token line"
    UNKNOWN = "This data-leg token is unknown or has expired"
    USED = "This data-leg token was already used"


def fingerprint(der: bytes) -> str:
    """How a leg certificate is pinned: `sha256:` and the hex SHA-256 of its DER bytes."""
    return "sha256:" + hashlib.sha256(der).hexdigest()


def load_certificate(state_dir: Path) -> tuple[Path, Path, str]:
    """The relay's leg certificate and key (created on first start, key mode 0600) and its pin."""
    cert_path, key_path = state_dir / "leg_cert.pem", state_dir / "leg_key.pem"
    if not (cert_path.exists() and key_path.exists()):
        state_dir.mkdir(parents=True, exist_ok=True)
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "valuezone relay data leg")])
        now = datetime.datetime.now(datetime.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=3650))
            .sign(key, hashes.SHA256())
        )
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    der = x509.load_pem_x509_certificate(cert_path.read_bytes()).public_bytes(serialization.Encoding.DER)
    return cert_path, key_path, fingerprint(der)


@dataclass(eq=False)
class _Expected:
    code: str
    claim: int
    arrived: asyncio.Future[Leg]
    tls: bool = True


class Leg(asyncio.Protocol):
    """One data leg (after TLS for an agent's): reads the token line, then waits for a bridge to take it."""

    def __init__(self, legs: DataLegs, waiting: Waiting | None, tls: bool) -> None:
        self.legs = legs
        self.waiting = waiting  # its entry in the login gate until the token line is read
        self.tls = tls
        self.address = waiting.address if waiting is not None else "?"
        self.transport: asyncio.Transport | None = None
        self.early = b""  # bytes after the token line, before the bridge took the leg
        self._buffer = b""
        self._timer: asyncio.TimerHandle | None = None
        self._done = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Called once the TLS handshake is done (at once for a technician's plain leg)."""
        self.transport = cast(asyncio.Transport, transport)  # uvloop's are not asyncio.Transport
        self._timer = asyncio.get_running_loop().call_later(
            self.legs.token_timeout, self._refuse, LegReason.NO_TOKEN
        )
        self._read_token()

    def data_received(self, data: bytes) -> None:
        if self._done:
            self.early += data
            return
        self._buffer += data
        if self.transport is not None:
            self._read_token()

    def _read_token(self) -> None:
        line, newline, rest = self._buffer.partition(b"\n")
        if not newline:
            if len(self._buffer) > LINE_MAX or not MAGIC.startswith(self._buffer[: len(MAGIC)]):
                self._refuse(LegReason.NOT_A_TOKEN)
            return
        if not line.startswith(MAGIC) or len(line) > LINE_MAX:
            self._refuse(LegReason.NOT_A_TOKEN)
            return
        self._done = True
        self._cancel_timer()
        self._leave_gate(logged_in=True)
        self.early = rest
        self.legs._arrived(self, line[len(MAGIC) :].decode("ascii", "replace").strip())

    def eof_received(self) -> bool:
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_timer()
        self._leave_gate(logged_in=False)
        if not self._done:
            self._done = True
            self.legs._gone_before_token(self, exc)

    def accept(self) -> None:
        """Token good: say `ok` and hold further bytes until a bridge takes the leg."""
        assert self.transport is not None
        self.transport.write(OK)
        self.transport.pause_reading()

    def close(self) -> None:
        """Hang up a leg whose claim failed after its token was accepted."""
        if self.transport is not None:
            self.transport.close()

    def _refuse(self, reason: str) -> None:
        self._done = True
        self._cancel_timer()
        self.legs._refused(self.address, reason)
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(b"refused " + reason.encode() + b"\n")
            self.transport.close()

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _leave_gate(self, *, logged_in: bool) -> None:
        waiting, self.waiting = self.waiting, None
        if waiting is not None and self.legs.gate is not None:
            (self.legs.gate.logged_in if logged_in else self.legs.gate.gone)(waiting)


class DataLegs:
    """The data port (TLS legs from agents, plain legs from technicians) and the one-time tokens it takes."""

    def __init__(
        self,
        state_dir: Path,
        refused: Callable[[str, str], None],
        *,
        token_timeout: float = 10.0,
        handshake_timeout: float = 10.0,
        gate: Gate | None = None,
    ) -> None:
        cert, key, self.pin = load_certificate(state_dir)
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._context.minimum_version = ssl.TLSVersion.TLSv1_3
        self._context.load_cert_chain(cert, key)
        self._refused_cb = refused  # (address, reason) → the audit log
        self.token_timeout = token_timeout
        self.handshake_timeout = handshake_timeout
        self.gate = gate
        self.port = 0
        self._port = LegPort(gate, self._context, self._new_leg, self._handshake_failed, handshake_timeout)
        self._expected: dict[bytes, _Expected] = {}
        self._used: OrderedDict[bytes, None] = OrderedDict()

    async def start(self, host: str, port: int) -> None:
        self.port = self._port.start(host, port)

    async def close(self) -> None:
        self._port.close()
        for expected in self._expected.values():
            if not expected.arrived.done():
                expected.arrived.cancel()
        self._expected.clear()

    # --- tokens ---------------------------------------------------------------------------------
    def expect(self, code: str, claim: int, *, tls: bool = True) -> tuple[str, asyncio.Future[Leg]]:
        """A fresh token for *claim* on *code*, and the future its leg arrives on.

        *tls*: only a TLS leg may bring it (an agent's); False: a plain one too (a technician's).
        """
        token = secrets.token_urlsafe(32)
        arrived: asyncio.Future[Leg] = asyncio.get_running_loop().create_future()
        self._expected[_digest(token)] = _Expected(code, claim, arrived, tls)
        return token, arrived

    def forget(self, token: str) -> None:
        """The claim is answered or given up: its token no longer opens anything."""
        expected = self._expected.pop(_digest(token), None)
        if expected is not None and not expected.arrived.done():
            expected.arrived.cancel()

    def _arrived(self, leg: Leg, token: str) -> None:
        digest = _digest(token)
        expected = self._expected.get(digest)
        if expected is not None and expected.tls and not leg.tls:
            leg._refuse(LegReason.UNKNOWN)  # an agent's token never travels outside TLS
            return
        self._expected.pop(digest, None)
        if expected is None or expected.arrived.done():
            leg._refuse(LegReason.USED if digest in self._used else LegReason.UNKNOWN)
            return
        self._used[digest] = None
        while len(self._used) > USED_REMEMBERED:
            self._used.popitem(last=False)
        leg.accept()
        expected.arrived.set_result(leg)

    def _gone_before_token(self, leg: Leg, exc: Exception | None) -> None:
        reason = LegReason.TLS if isinstance(exc, ssl.SSLError) else LegReason.NO_TOKEN
        self._refused_cb(leg.address, f"{reason} ({exc})" if exc else reason)

    def _refused(self, address: str, reason: str) -> None:
        self._refused_cb(address, reason)

    # --- the port ------------------------------------------------------------------------------
    def _new_leg(self, waiting: Waiting, tls: bool) -> Leg:
        return Leg(self, waiting, tls)

    def _handshake_failed(self, address: str, exc: BaseException) -> None:
        if isinstance(exc, TimeoutError | asyncio.TimeoutError):
            self._refused_cb(address, f"{LegReason.TLS} or took longer than {self.handshake_timeout:g} s")
        else:
            self._refused_cb(address, f"{LegReason.TLS} ({exc})")


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()
