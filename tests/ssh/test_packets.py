"""sessions.ssh.packets: one transport write per burst, no ignore packet where it protects nothing."""

from __future__ import annotations

import asyncio
from typing import Any

import asyncssh
import pytest

from sessions.ssh.packets import coalesce_writes, flush_now, skip_ignore_packets, streamline

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
    """Wraps a transport and counts write() calls and bytes."""

    def __init__(self, transport: Any) -> None:
        self.inner = transport
        self.writes = 0
        self.bytes = 0

    def write(self, data: bytes) -> None:
        self.writes += 1
        self.bytes += len(data)
        self.inner.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


async def _server(**options: Any) -> asyncssh.SSHAcceptor:
    key = asyncssh.generate_private_key("ssh-ed25519")
    return await asyncssh.listen(
        "127.0.0.1", 0, server_host_keys=[key], server_factory=options.pop("factory", _Echo), **options
    )


async def _client(port: int, **options: Any) -> asyncssh.SSHClientConnection:
    return await asyncssh.connect(
        "127.0.0.1", port, username="u", known_hosts=None, client_keys=None, **options
    )


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


async def _bytes_per_keystroke(conn: asyncssh.SSHClientConnection) -> int:
    reader, writer = await conn.open_connection("echo", 7)
    counting = _CountingTransport(conn._transport)
    conn._transport = counting
    for _ in range(10):
        writer.write(b"k")
        assert await reader.readexactly(1) == b"k"
    conn._transport = counting.inner
    return counting.bytes // 10


@pytest.mark.parametrize("cipher", ["aes128-gcm@openssh.com", "aes128-ctr", "chacha20-poly1305@openssh.com"])
async def test_no_ignore_packet_before_a_keystroke(cipher: str) -> None:
    server = await _server()
    port = server.sockets[0].getsockname()[1]
    async with await _client(port, encryption_algs=[cipher]) as conn:
        before = await _bytes_per_keystroke(conn)
        assert skip_ignore_packets(conn)
        assert skip_ignore_packets(conn)  # installing twice keeps one
        after = await _bytes_per_keystroke(conn)
        # An empty ignore packet pads to the same size as a one-byte data packet: half the bytes were it.
        assert before == 2 * after, (before, after)
        assert conn.get_extra_info("send_cipher") == cipher
    server.close()


async def test_cbc_keeps_its_ignore_packets() -> None:
    server = await _server(encryption_algs=["aes128-cbc"])
    port = server.sockets[0].getsockname()[1]
    async with await _client(port, encryption_algs=["aes128-cbc"]) as conn:
        before = await _bytes_per_keystroke(conn)
        streamline(conn)
        flush_now(conn)
        assert await _bytes_per_keystroke(conn) == before
    server.close()


async def test_streamlined_connections_still_do_everything() -> None:
    """Exec, bulk data both ways, a rekey, and a clean close, with both ends streamlined."""

    class _Streamlined(_Echo):
        def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
            streamline(conn)

    server = await _server(factory=_Streamlined)
    port = server.sockets[0].getsockname()[1]
    async with await _client(port, rekey_bytes=64 * 1024) as conn:
        streamline(conn)
        reader, writer = await conn.open_connection("echo", 7)
        payload = bytes(range(256)) * 2048  # 512 KiB: several rekeys on the way
        writer.write(payload)
        assert await reader.readexactly(len(payload)) == payload
        writer.close()
    server.close()
