"""Relay-to-relay links: SSH authenticated both ways by the deployment's one host key.

A relay that gets a claim for a code another relay holds opens (or reuses) an SSH connection to that
relay as user `valuezone-peer`, signing with the deployment's private host key, and trusting exactly that
key as the peer's host key. Nobody without the deployment key can open such a link or pose as a relay.
The claim travels as a direct-tcpip channel to `vz<code>`; who claims rides in the originator field.
`carry_claim` is the one place the forwarded bytes are set up (the data path may speed it up later).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from typing import Any

import asyncssh

from sessions import codes
from sessions.relay import protocol
from sessions.relay.pairing import Technician

PEER_USER = "valuezone-peer"
CONNECT_TIMEOUT = 10.0
CIPHERS = ("aes128-gcm@openssh.com", "aes256-gcm@openssh.com")


def is_deployment_key(host_key: asyncssh.SSHKey, key: asyncssh.SSHKey) -> bool:
    """True when *key* (offered by a client) is the deployment's host key."""
    return bool(key.public_data == host_key.public_data)


def encode_origin(technician: Technician, address: str) -> str:
    """Who claims, as the forwarded channel's originator field."""
    return json.dumps({"fp": technician.fingerprint, "name": technician.name, "addr": address})


def decode_origin(text: str) -> tuple[Technician, str] | None:
    """The technician and address a peer announced; None when the field is not ours."""
    try:
        value = json.loads(text)
        return Technician(str(value["fp"]), str(value["name"])), str(value["addr"])
    except (ValueError, KeyError, TypeError):
        return None


class PeerLinks:
    """One cached SSH connection per peer address, opened on first use."""

    def __init__(self, host_key: asyncssh.SSHKey, keepalive: float) -> None:
        self.host_key = host_key
        self.keepalive = keepalive
        self._conns: dict[str, asyncssh.SSHClientConnection] = {}
        self._opening: dict[str, asyncio.Task[asyncssh.SSHClientConnection]] = {}

    async def connection(self, peer: str) -> asyncssh.SSHClientConnection:
        conn = self._conns.get(peer)
        if conn is not None and not conn.is_closed():
            return conn
        task = self._opening.get(peer)
        if task is None:
            task = asyncio.get_running_loop().create_task(self._open(peer))
            self._opening[peer] = task
        try:
            conn = await asyncio.shield(task)
        finally:
            if task.done():
                self._opening.pop(peer, None)
        self._conns[peer] = conn
        return conn

    async def _open(self, peer: str) -> asyncssh.SSHClientConnection:
        host, _, port = peer.rpartition(":")
        public = self.host_key.convert_to_public()
        return await asyncio.wait_for(
            asyncssh.connect(
                host.strip("[]"),
                int(port),
                username=PEER_USER,
                client_keys=[self.host_key],
                known_hosts=([public], [], []),
                agent_path=None,
                config=[],
                preferred_auth="publickey",
                encryption_algs=list(CIPHERS),
                compression_algs=["none"],
                keepalive_interval=self.keepalive,
                keepalive_count_max=3,
            ),
            CONNECT_TIMEOUT,
        )

    async def close(self) -> None:
        """Close every link (and any being opened) and wait until their sockets are closed."""
        for task in self._opening.values():
            task.cancel()
        conns = list(self._conns.values())
        self._conns.clear()
        for conn in conns:
            conn.close()
        for conn in conns:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(conn.wait_closed(), 5)


async def carry_claim(
    links: PeerLinks,
    peer: str,
    code: str,
    technician: Technician,
    address: str,
    session_factory: Callable[[], Any],
    port: int = protocol.FORWARD_PORT,
) -> None:
    """Open the claim's channel on the relay at *peer*; its refusal comes back as ChannelOpenError.

    *port*: the technician's (0 for a leg claim, which the peer answers itself)."""
    conn = await links.connection(peer)
    origin = encode_origin(technician, address)
    try:
        await conn.create_connection(session_factory, codes.wire(code), port, origin, 0)
    except asyncssh.ChannelOpenError:
        if conn.is_closed():  # not the holder's answer: the link was lost under the claim (it died, stops)
            raise ConnectionResetError(f"the link to the relay at {peer} was lost") from None
        raise
