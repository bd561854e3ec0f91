"""Every way connecting fails becomes one clear error; cancelling closes the half-open connection."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

import pytest

from sessions.errors import (
    ConnectTimeoutError,
    HostKeyUnknownError,
    HostUnreachableError,
    NameResolutionError,
)
from sessions.ssh.client import STAGES, connect
from sessions.ssh.hostkeys import HostKeyQuestion, HostKeyTrust
from sessions.ssh.target import Target
from tests.sshd import Sshd


class SilentServer:
    """Accepts TCP connections and never says a word; records whether each peer went away."""

    def __init__(self) -> None:
        self.port = 0
        self.accepted = asyncio.Event()
        self.peer_closed = asyncio.Event()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.accepted.set()
        with contextlib.suppress(ConnectionError):
            while await reader.read(4096):
                pass  # the client's SSH banner; we never answer
        self.peer_closed.set()
        writer.close()


@pytest.fixture
async def silent() -> AsyncIterator[SilentServer]:
    server = SilentServer()
    listener = await asyncio.start_server(server.handle, "127.0.0.1", 0)
    server.port = listener.sockets[0].getsockname()[1]
    yield server
    listener.close()
    await listener.wait_closed()


async def test_refused_port(accept_new: HostKeyTrust, down_port: int) -> None:
    port = down_port
    with pytest.raises(HostUnreachableError) as caught:
        await connect(Target("127.0.0.1", port, "kim"), trust=accept_new)
    assert f"127.0.0.1:{port}" in str(caught.value) and "refused" in str(caught.value)


async def test_dns_failure(accept_new: HostKeyTrust) -> None:
    with pytest.raises(NameResolutionError, match=r"nonexistent\.invalid"):
        await connect(Target("nonexistent.invalid", 22, "kim"), trust=accept_new, timeout=10)


async def test_timeout_on_a_silent_server(silent: SilentServer, accept_new: HostKeyTrust) -> None:
    started = time.monotonic()
    with pytest.raises(ConnectTimeoutError, match=r"within 1 s"):
        await connect(Target("127.0.0.1", silent.port, "kim"), trust=accept_new, timeout=1.0)
    assert 0.9 < time.monotonic() - started < 3
    await asyncio.wait_for(silent.peer_closed.wait(), 3)  # nothing left half-open


async def test_cancel_during_connect_closes_the_socket(
    silent: SilentServer, accept_new: HostKeyTrust
) -> None:
    stages: list[str] = []
    task = asyncio.ensure_future(
        connect(Target("127.0.0.1", silent.port, "kim"), trust=accept_new, on_progress=stages.append)
    )
    await asyncio.wait_for(silent.accepted.wait(), 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.wait_for(silent.peer_closed.wait(), 3)
    assert stages == ["resolving", "connecting", "waiting for the server"]


async def test_cancel_while_the_user_is_asked(sshd: Sshd, key_target: Target, known_hosts) -> None:
    asked = asyncio.Event()
    ask_cancelled = asyncio.Event()

    async def ask(question: HostKeyQuestion) -> bool:
        asked.set()
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            ask_cancelled.set()
            raise
        return True

    task = asyncio.ensure_future(connect(key_target, trust=HostKeyTrust(known_hosts=known_hosts, ask=ask)))
    await asyncio.wait_for(asked.wait(), 10)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.wait_for(ask_cancelled.wait(), 3)
    assert not known_hosts.exists()


async def test_time_spent_answering_does_not_count(sshd: Sshd, key_target: Target, known_hosts) -> None:
    async def slow_ask(question: HostKeyQuestion) -> bool:
        await asyncio.sleep(1.5)
        return True

    conn = await connect(key_target, trust=HostKeyTrust(known_hosts=known_hosts, ask=slow_ask), timeout=1.0)
    conn.close()
    await conn.wait_closed()


async def test_progress_stages_in_order(sshd: Sshd, key_target: Target, accept_new: HostKeyTrust) -> None:
    stages: list[str] = []
    conn = await connect(key_target, trust=accept_new, on_progress=stages.append)
    conn.close()
    await conn.wait_closed()
    assert stages == list(STAGES)


async def test_tunnelled_connection(
    sshd: Sshd, key_target: Target, accept_new: HostKeyTrust, down_port: int
) -> None:
    jump = await connect(key_target, trust=accept_new)
    try:
        inner = await connect(key_target, trust=accept_new, tunnel=jump)
        assert (await inner.run("echo inner", check=True)).stdout == "inner\n"
        inner.close()
        await inner.wait_closed()
        with pytest.raises(HostUnreachableError, match="relay or jump host"):
            await connect(Target("127.0.0.1", down_port, "kim"), trust=accept_new, tunnel=jump)
    finally:
        jump.close()
        await jump.wait_closed()


async def test_an_ask_that_raises_refuses_with_its_message(
    sshd: Sshd, key_target: Target, known_hosts
) -> None:
    async def ask(question: HostKeyQuestion) -> bool:
        raise HostKeyUnknownError("custom refusal", fingerprint=question.fingerprint)

    with pytest.raises(HostKeyUnknownError, match="custom refusal"):
        await connect(key_target, trust=HostKeyTrust(known_hosts=known_hosts, ask=ask))
