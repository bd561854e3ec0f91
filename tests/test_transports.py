"""sessions.transports.abort closes a TLS transport now, in any state, on every Python 3.11 release.

Found on a fresh Debian 12: its python3 (3.11.2) raises AttributeError from a TLS transport's ``abort()``
once ``close()`` has run on it twice, and the agent's end of a session crashed so (pyenv's 3.11.7 does
not). A real TLS connection on loopback, each state in turn.
"""

from __future__ import annotations

import asyncio
import ssl
from pathlib import Path

from sessions.transports import abort
from tests.escalation.conftest import make_tls


class _Peer(asyncio.Protocol):
    def __init__(self) -> None:
        self.lost: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.lost.done():
            self.lost.set_result(None)


async def _tls_pair(tmp_path: Path) -> tuple[asyncio.Transport, _Peer, asyncio.Server]:
    """A TLS client transport connected to a TLS server on 127.0.0.1, and the server's protocol."""
    tls = make_tls(tmp_path)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(tls.cert, tls.key)
    client_context = ssl.create_default_context(cafile=str(tls.cert))
    peers: list[_Peer] = []

    def serve() -> _Peer:
        peers.append(_Peer())
        return peers[-1]

    loop = asyncio.get_running_loop()
    server = await loop.create_server(serve, "127.0.0.1", 0, ssl=server_context)
    port = server.sockets[0].getsockname()[1]
    transport, _ = await loop.create_connection(asyncio.Protocol, "127.0.0.1", port, ssl=client_context)
    while not peers:
        await asyncio.sleep(0.01)
    return transport, peers[0], server


async def test_abort_cuts_an_open_tls_connection(tmp_path: Path) -> None:
    transport, peer, server = await _tls_pair(tmp_path)
    abort(transport)
    assert transport.is_closing()
    await asyncio.wait_for(peer.lost, 10)  # the other end sees the connection go
    server.close()


async def test_abort_after_close_twice_is_quiet(tmp_path: Path) -> None:
    transport, peer, server = await _tls_pair(tmp_path)
    transport.close()
    transport.close()  # (3.11.2 drops its TLS protocol here)
    abort(transport)
    abort(transport)
    assert transport.is_closing()
    await asyncio.wait_for(peer.lost, 10)
    server.close()
