"""coalesce_writes: one transport write per burst of SSH packets, same bytes, goodbyes still delivered."""

from __future__ import annotations

import asyncio
from typing import Any

import asyncssh
import pytest

from sessions.ssh.coalesce import coalesce_writes, flush_now

pytestmark = pytest.mark.asyncio


class _Echo(asyncssh.SSHServer):
    def begin_auth(self, username: str) -> bool:
        return False

    def connection_requested(self, dest_host: str, dest_port: int, orig_host: str, orig_port: int) -> Any:
        return _EchoSession()


class _EchoSession(asyncssh.SSHTCPSession[bytes]):
    def connection_made(self, chan: asyncssh.SSHTCPChannel[bytes]) -> None:  # type: ignore[override]
        self.chan = chan

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self.chan.write(data)


class _CountingTransport:
    """Wraps a transport and counts write() calls."""

    def __init__(self, transport: Any) -> None:
        self.inner = transport
        self.writes = 0

    def write(self, data: bytes) -> None:
        self.writes += 1
        self.inner.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


async def _server(**options: Any) -> asyncssh.SSHAcceptor:
    key = asyncssh.generate_private_key("ssh-ed25519")
    return await asyncssh.listen(
        "127.0.0.1", 0, server_host_keys=[key], server_factory=options.pop("factory", _Echo), **options
    )


async def _client(port: int) -> asyncssh.SSHClientConnection:
    return await asyncssh.connect("127.0.0.1", port, username="u", known_hosts=None, client_keys=None)


async def test_a_keystroke_is_one_socket_write_and_echoes_unchanged() -> None:
    server = await _server()
    async with await _client(server.sockets[0].getsockname()[1]) as conn:
        reader, writer = await conn.open_connection("echo", 7)
        counting = _CountingTransport(conn._transport)
        conn._transport = counting
        writer.write(b"k")
        await asyncio.sleep(0.05)
        unbatched = counting.writes  # asyncssh alone: an ignore packet, then the data packet
        assert await reader.readexactly(1) == b"k"
        assert coalesce_writes(conn) is not None
        assert coalesce_writes(conn) is coalesce_writes(conn)  # installing twice keeps one
        counting.writes = 0
        for _ in range(20):
            writer.write(b"x")
            assert await reader.readexactly(1) == b"x"
        assert unbatched == 2
        assert counting.writes == 20
        writer.write(b"y" * 100_000)  # many packets in one burst still arrive whole and in order
        assert await reader.readexactly(100_000) == b"y" * 100_000
    server.close()


async def test_flush_now_writes_before_the_loop_turns() -> None:
    server = await _server()
    async with await _client(server.sockets[0].getsockname()[1]) as conn:
        reader, writer = await conn.open_connection("echo", 7)
        coalesce_writes(conn)
        counting = _CountingTransport(conn._transport)
        conn._transport = counting
        writer.write(b"a")
        assert counting.writes == 0  # buffered until the end of this turn
        flush_now(conn)
        assert counting.writes == 1
        assert await reader.readexactly(1) == b"a"
    server.close()


async def test_a_disconnect_reason_still_reaches_the_peer() -> None:
    class _Refuser(_Echo):
        def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
            coalesce_writes(conn)
            self.conn = conn

        def begin_auth(self, username: str) -> bool:
            self.conn.disconnect(asyncssh.DISC_TOO_MANY_CONNECTIONS, "Too many from your address")
            return True

    server = await _server(factory=_Refuser)
    with pytest.raises(asyncssh.DisconnectError) as caught:
        await _client(server.sockets[0].getsockname()[1])
    assert caught.value.reason.startswith("Too many from your address")
    assert caught.value.code == asyncssh.DISC_TOO_MANY_CONNECTIONS
    server.close()


async def test_bulk_is_not_held_back() -> None:
    server = await _server()
    async with await _client(server.sockets[0].getsockname()[1]) as conn:
        reader, writer = await conn.open_connection("echo", 7)
        coalesce_writes(conn)
        counting = _CountingTransport(conn._transport)
        conn._transport = counting
        writer.write(b"z" * 200_000)
        assert counting.writes >= 5  # streamed as it is packed, not all at the end of the turn
        assert await reader.readexactly(200_000) == b"z" * 200_000
    server.close()
