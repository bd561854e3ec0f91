"""Loopback ports for tests that need one before anything listens on it (HQ down, then back)."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator


@contextlib.contextmanager
def held_port() -> Iterator[int]:
    """A loopback port held by a socket that never listens, for as long as the block runs.

    Connecting to it is refused (nothing listens: a server that is down), and no other program can take
    it meanwhile, unlike a port picked and let go. A test server that sets SO_REUSEPORT too (start_hq)
    can listen on it while it is held: that is the server coming back at the same address.
    """
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(("127.0.0.1", 0))
        yield int(sock.getsockname()[1])
