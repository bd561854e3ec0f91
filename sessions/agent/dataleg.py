"""The agent's data leg (protocol v2): a TLS connection to the relay, pinned, that carries one inner session.

After the customer's yes the agent connects to the port the relay's welcome named, checks the relay's
leg certificate against the pin from that welcome (which came over the SSH control channel, under
the relay's host key) before sending anything, sends the claim's one-time token and waits for `ok`.
Then the leg is handed to the inner SSH server, or spliced to the device's sshd (`--forward-sshd`).
"""

from __future__ import annotations

import asyncio
import errno
import hashlib
import ssl
from dataclasses import dataclass
from typing import Any, cast

import asyncssh

from sessions.errors import SessionClosedError
from sessions.transports import abort

MAGIC = b"VZLEG1 "
LINE_MAX = 512
_UNREACHABLE = {errno.ECONNREFUSED, errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ETIMEDOUT}


@dataclass(frozen=True, slots=True)
class LegOffer:
    """Where the relay takes data legs: host (the relay's), port and certificate pin (`sha256:hex`)."""

    host: str
    port: int
    pin: str

    @classmethod
    def from_welcome(cls, host: str, welcome: dict[str, Any]) -> LegOffer | None:
        """The offer in a v2 welcome, or None (an older relay, or one without a data leg)."""
        leg = welcome.get("leg")
        if not isinstance(welcome.get("v"), int) or welcome["v"] < 2 or not isinstance(leg, dict):
            return None
        port, pin = leg.get("port"), leg.get("pin")
        if not isinstance(port, int) or not 0 < port < 65536 or not isinstance(pin, str):
            return None
        if not pin.startswith("sha256:"):
            return None
        return cls(host, port, pin)


def leg_failed(detail: str, *, unreachable: bool = False) -> SessionClosedError:
    """The leg could not be opened: *detail* says why, for the agent's log and the technician.

    *unreachable*: the port could not be reached at all (refused, no route, no answer): a firewall,
    most likely; the agent then keeps the session on its SSH link. Anything else (a certificate
    that is not the pinned one, a refused token, a broken handshake) is interference: it fails.
    """
    error = SessionClosedError(
        f"The data connection to the relay failed: {detail}.",
        "Try again; if it keeps failing, something between this computer and the relay interferes.",
        code="agent.leg_failed",
        params={"detail": detail},
    )
    error.unreachable = unreachable  # type: ignore[attr-defined]
    return error


class _Opening(asyncio.Protocol):
    """The leg until the relay said `ok`: checks the pin, sends the token, reads one line."""

    def __init__(self, pin: str, token: str) -> None:
        self.pin = pin
        self.token = token
        self.transport: asyncio.Transport | None = None
        self.done: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._buffer = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's are not asyncio.Transport
        ssl_object = transport.get_extra_info("ssl_object")
        der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
        shown = "sha256:" + hashlib.sha256(der).hexdigest() if der else "none"
        if shown != self.pin:
            self._fail(f"the relay's data port showed a different certificate ({shown}) than the relay named")
            return
        self.transport.write(MAGIC + self.token.encode("ascii") + b"\n")

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        line, newline, rest = self._buffer.partition(b"\n")
        if not newline:
            if len(self._buffer) > LINE_MAX:
                self._fail("the relay answered something that is not a data-leg answer")
            return
        assert self.transport is not None
        if line == b"ok":
            self.transport.pause_reading()
            if not self.done.done():
                self.done.set_result(rest)
            return
        text = line.decode("utf-8", "replace").removeprefix("refused ").strip()
        self._fail(f"the relay refused it ({text})")

    def eof_received(self) -> bool:
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self._fail(f"the connection closed ({exc})" if exc else "the connection closed")

    def _fail(self, detail: str) -> None:
        if self.transport is not None:
            abort(self.transport)
        if not self.done.done():
            self.done.set_exception(leg_failed(detail))


def _context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    context.check_hostname = False  # the certificate is pinned by fingerprint instead (see _Opening)
    context.verify_mode = ssl.CERT_NONE
    return context


async def open_leg(offer: LegOffer, token: str, timeout: float = 10.0) -> tuple[asyncio.Transport, bytes]:
    """A data leg for *token*, accepted by the relay: its transport (reading paused) and any early bytes.

    Raises SessionClosedError (`agent.leg_failed`) when it cannot be opened, the certificate does not
    match the pin (nothing is sent then), or the relay refuses the token.
    """
    opening: _Opening | None = None

    def factory() -> _Opening:
        nonlocal opening
        opening = _Opening(offer.pin, token)
        return opening

    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(timeout):
            await loop.create_connection(
                factory, offer.host, offer.port, ssl=_context(), server_hostname="valuezone-relay",
                ssl_handshake_timeout=timeout,
            )  # fmt: skip
            assert opening is not None
            early = await opening.done
    except TimeoutError:
        if opening is not None and opening.transport is not None:
            abort(opening.transport)
        raise leg_failed("no answer in time") from None  # the token may have gone out: no fallback
    except OSError as exc:
        # Only a connection that never opened falls back: no token went out, so the relay cannot have
        # taken the leg. A reset or a TLS error is interference, and fails.
        unreachable = opening is None and (
            isinstance(exc, ConnectionRefusedError) or exc.errno in _UNREACHABLE
        )
        detail = exc.strerror or str(exc) or type(exc).__name__
        raise leg_failed(detail, unreachable=unreachable) from exc
    assert opening.transport is not None
    return opening.transport, early


def hand_over(transport: asyncio.Transport, protocol: Any, early: bytes) -> None:
    """Make *protocol* (an asyncio protocol: the inner SSH connection, a splice) the leg's reader."""
    transport.set_protocol(protocol)
    protocol.connection_made(transport)
    if early:
        protocol.data_received(early)
    transport.resume_reading()


class Splice(asyncio.Protocol):
    """One end of a leg ⇄ local sshd splice (`--forward-sshd`): what arrives is written to the other."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.peer: Splice | None = None
        self.held: list[bytes] = []  # what arrived before the other end was joined (sshd's banner)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's are not asyncio.Transport

    def data_received(self, data: bytes) -> None:
        if self.peer is not None and self.peer.transport is not None:
            self.peer.transport.write(data)
        else:
            self.held.append(data)

    def eof_received(self) -> bool:
        if self.peer is not None and self.peer.transport is not None and not self.peer.transport.is_closing():
            peer = self.peer.transport
            if peer.can_write_eof():
                peer.write_eof()
            else:
                peer.close()
        return False

    def pause_writing(self) -> None:
        if self.peer is not None and self.peer.transport is not None:
            self.peer.transport.pause_reading()

    def resume_writing(self) -> None:
        if self.peer is not None and self.peer.transport is not None:
            self.peer.transport.resume_reading()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.peer is not None and self.peer.transport is not None:
            self.peer.transport.close()


def splice(leg: asyncio.Transport, early: bytes, sshd_end: Splice) -> None:
    """Join the leg to the sshd connection whose protocol is *sshd_end*."""
    leg_end = Splice()
    leg_end.peer, sshd_end.peer = sshd_end, leg_end
    hand_over(leg, leg_end, early)
    for data in sshd_end.held:  # sshd speaks first: its banner may have come before the leg was ready
        leg.write(data)
    sshd_end.held.clear()


SSHD_KEY_ALGS = ("ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512")


async def sshd_host_keys(host: str, port: int, timeout: float = 3.0) -> tuple[str, ...]:
    """The device sshd's public host keys (one per kind it has), for a technician to pin; () if none.

    Asked once when the agent links (a key exchange per kind, nothing more); at most *timeout* seconds in
    all, so an sshd that does not answer delays nothing: the technician then trusts its key on first use.
    """
    found: list[str] = []
    try:
        async with asyncio.timeout(timeout):
            for alg in SSHD_KEY_ALGS:
                try:
                    key = await asyncssh.get_server_host_key(host, port, server_host_key_algs=[alg])
                except (OSError, asyncssh.Error):
                    continue
                if key is not None:
                    found.append(key.export_public_key().decode().strip())
    except TimeoutError:
        pass
    return tuple(found)
