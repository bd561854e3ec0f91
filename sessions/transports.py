"""Closing an asyncio transport at once, whatever state it is in, on every Python 3.11 release."""

from __future__ import annotations

import asyncio


def abort(transport: asyncio.Transport) -> None:
    """Close *transport* now, dropping what it has buffered. In Python 3.11.2 (Debian 12's python3) a TLS
    transport's ``abort()`` raises AttributeError once ``close()`` has run on it twice: it is closed then,
    and is left so (later releases check for that themselves)."""
    try:
        transport.abort()
    except AttributeError:
        if not transport.is_closing():
            raise
