"""Hostile SSH clients for the attack tests: authentication sequences no honest client sends.

An attacker who holds only a listed technician's *public* key can still name it in SSH authentication:
ask whether it would be accepted (a query, no signature), or send it with a signature made by another
key. SSH also lets a client change the user name between attempts. These clients do exactly that.
"""

from __future__ import annotations

import asyncio
import base64
import socket
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import asyncssh
import paramiko
from paramiko.auth_handler import AuthHandler

from sessions.relay import protocol


class ForgedKeyPair(asyncssh.SSHKeyPair):
    """Names *public* (someone else's key) in a publickey request but cannot prove it.

    With `sign_with` the request goes out signed by that other key (a signature that fails); without
    it, signing raises ValueError, which asyncssh's client treats as "skip this key": only the query
    (no signature) reaches the server.
    """

    def __init__(self, public: asyncssh.SSHKey, sign_with: asyncssh.SSHKey | None = None) -> None:
        super().__init__(
            public.algorithm,
            public.algorithm,
            public.sig_algorithms,
            public.sig_algorithms,
            public.public_data,
            None,
        )
        self._other = asyncssh.load_keypairs([sign_with])[0] if sign_with is not None else None

    def sign(self, data: bytes) -> bytes:
        if self._other is None:
            raise ValueError("the attacker has no private half of this key")
        return self._other.sign(data)


Step = tuple[str, asyncssh.SSHKeyPair]


class ScriptedAuth(asyncssh.SSHClient):
    """Offers one public key per step, switching the user name to the step's before its request.

    asyncssh's client has no public way to change the user name between attempts, so each step sets
    the connection's user name (a private attribute) just before asyncssh builds the next request:
    the server sees a new user name exactly as it would from a hand-written client.
    """

    def __init__(self, steps: Sequence[Step]) -> None:
        self.steps = list(steps)
        self.conn: asyncssh.SSHClientConnection | None = None
        self.sent: list[tuple[str, bytes]] = []  # (user, key blob) of every publickey request

    def connection_made(self, conn: asyncssh.SSHClientConnection) -> None:
        self.conn = conn

    def public_key_auth_requested(self) -> asyncssh.SSHKeyPair | None:
        if not self.steps:
            return None
        user, keypair = self.steps.pop(0)
        assert self.conn is not None
        self.conn._username = user  # the hostile part: a new user name mid-authentication
        self.sent.append((user, keypair.public_data))
        return keypair


async def scripted_connect(port: int, first_user: str, steps: Sequence[Step]) -> asyncssh.SSHClientConnection:
    """Connect as *first_user* and authenticate by *steps* (raises PermissionDenied if none succeeds)."""
    conn, _ = await asyncssh.create_connection(
        lambda: ScriptedAuth(steps),
        "127.0.0.1",
        port,
        username=first_user,
        known_hosts=None,
        client_keys=None,
        agent_path=None,
        password=None,
        kbdint_auth=False,
        gss_host=None,
    )
    return conn


def read_public(path: Path) -> asyncssh.SSHKey:
    return asyncssh.read_public_key(f"{path}.pub")


def read_private(path: Path) -> asyncssh.SSHKey:
    return asyncssh.read_private_key(path)


class ParamikoForgedKey(paramiko.Ed25519Key):
    """A paramiko key that presents *victim*'s public blob and signs with its own private half."""

    def __init__(self, own: Path, victim: Path) -> None:
        super().__init__(filename=str(own))
        kind, blob = Path(f"{victim}.pub").read_text().split()[:2]
        assert kind == "ssh-ed25519"
        self._victim_blob = base64.b64decode(blob)

    def asbytes(self) -> bytes:
        return self._victim_blob


class _SameServiceAuth(AuthHandler):
    """paramiko asks for the `ssh-userauth` service before every attempt; a server rejects a second
    service request, so later attempts go straight to the USERAUTH_REQUEST paramiko would build."""

    def _request_auth(self) -> None:
        accept = paramiko.Message()
        accept.add_string("ssh-userauth")
        accept.rewind()
        self._parse_service_accept(accept)


def paramiko_auth_none_again(transport: paramiko.Transport, username: str) -> None:
    """A `none` request for *username* after an earlier attempt on the same connection failed."""
    handler = _SameServiceAuth(transport)
    transport.auth_handler = handler
    event = threading.Event()
    handler.auth_none(username, event)
    handler.wait_for_response(event)


def paramiko_transport(port: int) -> paramiko.Transport:
    """A paramiko client transport to the relay, key exchange done, not authenticated."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    transport = paramiko.Transport(sock)
    transport.start_client(timeout=10)
    return transport


def paramiko_open_code(transport: paramiko.Transport, code: str) -> Any:
    """direct-tcpip to vz<code>:22; returns the channel or raises paramiko.ChannelException."""
    return transport.open_channel("direct-tcpip", (f"vz{code}", 22), ("127.0.0.1", 0), timeout=10)


async def in_thread(function: Any, *args: Any) -> Any:
    return await asyncio.to_thread(function, *args)


class RawCustomer:
    """A customer link spoken by hand with asyncssh (no Agent): every forwarded channel is accepted.

    `open()` logs in as `support`, says hello on the control channel and asks for the forward, so
    the relay issues a code; `conn.abort()` drops the link like a lost network.
    """

    def __init__(self, conn: asyncssh.SSHClientConnection, code: str) -> None:
        self.conn = conn
        self.code = code

    @classmethod
    async def open(cls, port: int) -> RawCustomer:
        conn = await asyncssh.connect(
            "127.0.0.1", port, username="support", known_hosts=None, client_keys=None, agent_path=None
        )
        writer, reader, _ = await conn.open_session(subsystem=protocol.CONTROL_SUBSYSTEM, encoding="utf-8")
        writer.write(protocol.encode("hello", v=protocol.OLD_PROTOCOL_VERSION, resume=None))
        assert protocol.decode(await reader.readline())["type"] == "welcome"
        await conn.create_server(lambda host, port: asyncssh.SSHTCPSession(), "vz", 22)
        message = protocol.decode(await reader.readline())
        return cls(conn, str(message["code"]))
