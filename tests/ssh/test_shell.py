"""PTY shells on the real sshd: raw UTF-8 bytes out, window changes reach the remote, exit status."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import asyncssh
import pytest

from sessions.ssh.client import connect
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.shell import ShellSession
from sessions.ssh.target import Target


class Output:
    """Collects output bytes and waits for a needle to appear."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.changed = asyncio.Event()

    def __call__(self, chunk: bytes) -> None:
        assert isinstance(chunk, bytes)
        self.data += chunk
        self.changed.set()

    async def wait_for(self, needle: bytes, timeout: float = 10) -> None:
        async def until() -> None:
            while needle not in self.data:
                self.changed.clear()
                await self.changed.wait()

        await asyncio.wait_for(until(), timeout)


@pytest.fixture
async def conn(key_target: Target, accept_new: HostKeyTrust) -> AsyncIterator[asyncssh.SSHClientConnection]:
    connection = await connect(key_target, trust=accept_new)
    yield connection
    connection.close()
    await connection.wait_closed()


async def test_korean_bytes_resize_and_exit(conn: asyncssh.SSHClientConnection) -> None:
    out = Output()
    closed: list[str | None] = []
    shell = await ShellSession.open(
        conn, 80, 24, env={"LANG": "C.UTF-8"}, on_output=out, on_closed=closed.append
    )
    shell.write(b"printf '\\xea\\xb0\\x80 ok\\n'\n")
    await out.wait_for("가 ok\r\n".encode())

    shell.write(b"stty size\n")
    await out.wait_for(b"24 80")
    shell.resize(132, 43)
    shell.write(b"stty size\n")
    await out.wait_for(b"43 132")

    shell.write(b"exit 3\n")
    await asyncio.wait_for(shell.wait_closed(), 10)
    assert shell.exit_status == 3
    assert closed == [None]
    shell.write(b"ignored after close\n")


async def test_output_before_callback_is_buffered(conn: asyncssh.SSHClientConnection) -> None:
    closed: list[str | None] = []
    shell = await ShellSession.open(conn, 80, 24, on_closed=closed.append)
    shell.write(b"echo early-$((6*7))\n")
    await asyncio.sleep(0.5)
    out = Output()
    shell.on_output = out
    await out.wait_for(b"early-42")
    shell.close()
    await asyncio.wait_for(shell.wait_closed(), 10)
    assert closed == [None]


async def test_connection_loss_reports_a_reason(key_target: Target, accept_new: HostKeyTrust) -> None:
    connection = await connect(key_target, trust=accept_new)
    closed: list[str | None] = []
    shell = await ShellSession.open(connection, 80, 24, on_closed=closed.append)
    connection.abort()
    await asyncio.wait_for(shell.wait_closed(), 10)
    assert len(closed) == 1 and closed[0]
