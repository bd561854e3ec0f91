"""The user's ssh-agent ($SSH_AUTH_SOCK): find a key in it, or add one to it as `ssh-add` does."""

from __future__ import annotations

import logging
import os
import socket
import struct

import asyncssh

from sessions.errors import SupportError

log = logging.getLogger(__name__)


def agent_path() -> str:
    """The agent's socket, or "" when no agent is announced."""
    return os.environ.get("SSH_AUTH_SOCK", "")


async def _connect() -> asyncssh.SSHAgentClient | None:
    path = agent_path()
    if not path:
        return None
    try:
        return await asyncssh.connect_agent(path)
    except (OSError, ValueError, asyncssh.Error) as exc:
        log.info("ssh-agent at %s is not usable: %s", path, exc)
        return None


_REQUEST_IDENTITIES = 11
_IDENTITIES_ANSWER = 12


def agent_holds(public_data: bytes, timeout: float = 1.0) -> bool:
    """True when the agent lists the public key *public_data* (a quick blocking ask, for dialogs)."""
    path = agent_path()
    if not path:
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(path)
            sock.sendall(struct.pack(">IB", 1, _REQUEST_IDENTITIES))
            reply = _read_message(sock)
        return reply[:1] == bytes([_IDENTITIES_ANSWER]) and _lists(reply[1:], public_data)
    except (OSError, ValueError, struct.error) as exc:
        log.info("ssh-agent at %s did not list its keys: %s", path, exc)
        return False


def _read_message(sock: socket.socket) -> bytes:
    header = _read_exactly(sock, 4)
    (length,) = struct.unpack(">I", header)
    if length > 256 * 1024:
        raise ValueError("agent reply too long")
    return _read_exactly(sock, length)


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ValueError("agent closed the connection")
        data += chunk
    return data


def _lists(body: bytes, public_data: bytes) -> bool:
    """Whether an IDENTITIES_ANSWER body (count, then blob + comment strings) holds *public_data*."""
    (count,) = struct.unpack(">I", body[:4])
    offset = 4
    for _ in range(count):
        (size,) = struct.unpack(">I", body[offset : offset + 4])
        blob = body[offset + 4 : offset + 4 + size]
        offset += 4 + size
        (size,) = struct.unpack(">I", body[offset : offset + 4])
        offset += 4 + size
        if blob == public_data:
            return True
    return False


async def agent_running() -> bool:
    """True when an ssh-agent answers at $SSH_AUTH_SOCK."""
    agent = await _connect()
    if agent is None:
        return False
    try:
        await agent.get_keys()
    except (OSError, asyncssh.Error):
        return False
    finally:
        agent.close()
    return True


async def find_in_agent(
    public_data: bytes,
) -> tuple[asyncssh.SSHAgentClient, asyncssh.SSHKeyPair] | None:
    """The agent connection and its key pair for the public key *public_data*, or None.

    The caller closes the agent connection once the key has signed what it needed to.
    """
    agent = await _connect()
    if agent is None:
        return None
    try:
        keys = await agent.get_keys()
    except (OSError, asyncssh.Error) as exc:
        log.info("ssh-agent did not list its keys: %s", exc)
        agent.close()
        return None
    for pair in keys:
        if pair.key_public_data == public_data:
            return agent, pair
    agent.close()
    return None


def no_agent_error() -> SupportError:
    return SupportError(
        "No ssh-agent is running for this session ($SSH_AUTH_SOCK is not set or does not answer).",
        "Start one (`eval $(ssh-agent)`) or log in to a desktop that runs one, then try again.",
        code="ssh_agent.not_running",
    )


async def add_to_agent(key: asyncssh.SSHKey, *, lifetime: int | None = None) -> None:
    """Add the unlocked *key* to the agent, like `ssh-add` (for *lifetime* seconds, or until it stops)."""
    agent = await _connect()
    if agent is None:
        raise no_agent_error()
    try:
        await agent.add_keys([key], lifetime=lifetime)
    except (OSError, ValueError, asyncssh.Error) as exc:
        raise SupportError(
            f"The ssh-agent refused the key ({exc}).",
            "Check that the agent is not locked (`ssh-add -X`).",
            code="ssh_agent.refused_key",
            params={"exc": exc},
        ) from exc
    finally:
        agent.close()
