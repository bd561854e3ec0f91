"""The technician's own data leg: the claim's answer, the plain TCP leg it names, and the pinned host keys.

After the customer's yes a leg claim (`vz<code>` port 0) answers with one JSON line on the claim
channel: where the relay's data port is, a one-time token and the agent's inner host keys. The client
connects there, sends `VZLEG1 <token>\\n`, reads `ok`, and speaks the inner SSH on that socket; the relay
only splices it. The inner SSH authenticates both ends: the client pins the host keys from the answer
(which came inside its SSH connection to the relay), and the agent accepts only the technician key the
customer consented to. When the data port cannot be reached at all, the client says `{"type":"channel"}`
on the claim channel and the session runs there instead, as with `ssh -J`. Against a relay that predates
leg claims the channel simply carries the session (its first line is the agent's SSH banner).
"""

from __future__ import annotations

import asyncio
import errno
import json
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncssh

from sessions.errors import HostKeyChangedError, SessionClosedError
from sessions.relay.protocol import CHANNEL_INSTEAD, LEG_CLAIM_PORT
from sessions.ssh.hostkeys import HostKeyCheck, HostKeyTrust, KnownHostEntry, fingerprint, key_type_name

__all__ = ["CHANNEL_INSTEAD", "LEG_CLAIM_PORT", "LegAnswer", "PinnedTrust", "SocketTunnel", "open_leg"]

MAGIC = b"VZLEG1 "
LINE_MAX = 512
ANSWER_MAX = 64 * 1024
_UNREACHABLE = {errno.ECONNREFUSED, errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ETIMEDOUT}


@dataclass(frozen=True, slots=True)
class LegAnswer:
    """What a leg claim's answer says: where the leg goes, its token, the inner host keys to pin."""

    host: str
    port: int
    token: str
    host_keys: tuple[asyncssh.SSHKey, ...]

    @classmethod
    def parse(cls, line: bytes, relay_host: str) -> LegAnswer | None:
        """The answer in *line*, or None when it is not one (a relay that predates leg claims)."""
        try:
            value: Any = json.loads(line)
        except ValueError:
            return None
        if not isinstance(value, dict) or value.get("type") != "leg":
            return None
        port, token, host = value.get("port"), value.get("token"), value.get("host") or relay_host
        if not (
            isinstance(port, int) and 0 < port < 65536 and isinstance(token, str) and isinstance(host, str)
        ):
            return None
        keys = []
        for text in value.get("host_keys") or ():
            try:
                keys.append(asyncssh.import_public_key(str(text)))
            except (asyncssh.KeyImportError, ValueError):
                continue
        return cls(host, port, token, tuple(keys))


class LegUnreachable(OSError):
    """The data port could not be reached at all: no token went out, so the claim channel may carry it."""


def leg_refused(detail: str) -> SessionClosedError:
    """The relay's data port took the connection but not the token (or broke off): never a fallback."""
    return SessionClosedError(
        f"The relay did not take this session's data connection: {detail}.",
        "Join again. If it happens again, something between you and the relay is interfering (it may "
        "have used your one-time token first): tell the relay's administrator.",
        code="relay.technician_leg_refused",
        params={"detail": detail},
    )


async def open_leg(answer: LegAnswer, timeout: float) -> socket.socket:
    """A connected socket to the relay's data port that it accepted *answer*'s token on.

    Raises LegUnreachable when the port cannot be reached (nothing was sent), SessionClosedError
    (`relay.technician_leg_refused`) when the relay refused the token or the connection broke after.
    """
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(answer.host, answer.port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise LegUnreachable(str(exc)) from exc
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setblocking(False)
    try:
        try:
            async with asyncio.timeout(timeout):
                await loop.sock_connect(sock, address)
        except (TimeoutError, OSError) as exc:
            if isinstance(exc, (TimeoutError, ConnectionRefusedError)) or exc.errno in _UNREACHABLE:
                raise LegUnreachable(str(exc) or "no answer") from exc
            raise
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        line = b""
        async with asyncio.timeout(timeout):
            await loop.sock_sendall(sock, MAGIC + answer.token.encode("ascii") + b"\n")
            while not line.endswith(b"\n") and len(line) < LINE_MAX:
                chunk = await loop.sock_recv(sock, 1)  # one byte at a time: what follows is the inner SSH
                if not chunk:
                    break
                line += chunk
    except LegUnreachable:
        sock.close()
        raise
    except (OSError, TimeoutError) as exc:
        sock.close()
        raise leg_refused(str(exc) or "no answer in time") from exc
    if line == b"ok\n":
        return sock
    sock.close()
    text = line.decode("utf-8", "replace").strip().removeprefix("refused ").strip()
    raise leg_refused(text or "the connection closed")


class SocketTunnel:
    """What asyncssh's `tunnel=` needs, handing out an already connected (and accepted) socket."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    async def create_connection(self, factory: Any, host: str, port: int) -> tuple[Any, Any]:
        return await asyncio.get_running_loop().create_connection(factory, sock=self.sock)


def socket_tunnel(sock: socket.socket) -> SocketTunnel:
    return SocketTunnel(sock)


class PinnedTrust(HostKeyTrust):
    """Trusts exactly the inner host keys a leg claim's answer named (nothing is written anywhere)."""

    def __init__(self, keys: tuple[asyncssh.SSHKey, ...]) -> None:
        super().__init__(known_hosts=Path("/dev/null"), read_user_known_hosts=False)
        self.keys = keys

    def check(self, host: str, port: int, deadline: Any = None) -> HostKeyCheck:
        return _PinnedCheck(self, host, port, deadline)

    def add(self, host: str, port: int, key: asyncssh.SSHKey) -> None:
        """Never: the pin is for this one session."""


class _PinnedCheck(HostKeyCheck):
    def __init__(self, trust: PinnedTrust, host: str, port: int, deadline: Any) -> None:
        super().__init__(trust, host, port, deadline)
        self.pinned = trust.keys
        where = Path("the relay's answer")
        self.entries = [KnownHostEntry(where, n, "", host, key) for n, key in enumerate(trust.keys, 1)]

    def validate(self, key: asyncssh.SSHKey) -> bool:
        kind, shown = key_type_name(key.get_algorithm()), fingerprint(key)
        named = ", ".join(fingerprint(k) for k in self.pinned)
        self.error = HostKeyChangedError(
            f"The customer's side showed a host key ({kind} {shown}) other than the one the relay named "
            f"for this code ({named}). Someone between you and the customer may be posing as it. Nothing "
            "was sent.",
            "Join again; if it happens again, tell the relay's administrator and the customer.",
            fingerprint=shown,
            code="relay.inner_key_mismatch",
            params={"kind": kind, "shown": shown, "named": named},
        )
        return False
