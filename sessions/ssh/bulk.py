"""An SFTP session tuned for copying many megabytes: a wider channel window and bigger SSH packets.

asyncssh opens channels with a 2 MiB window and 32 KiB packets. For bulk reads that means the server
stalls for window updates and every 255 KiB SFTP reply arrives as eight SSH packets, each decrypted and
parsed in Python. With an 8 MiB window and 256 KiB packets (the most OpenSSH sends) one SFTP reply is
about one SSH packet, and 16 parallel reads of 255 KiB never wait for the window. Terminal and
diagnostics channels keep asyncssh's defaults.
"""

from __future__ import annotations

import asyncio

import asyncssh

BULK_WINDOW = 8 << 20
BULK_PACKET = 256 << 10


async def start_bulk_sftp(conn: asyncssh.SSHClientConnection) -> asyncssh.SFTPClient:
    """Start an SFTP client on *conn* with BULK_WINDOW and BULK_PACKET; raises like start_sftp_client.

    Falls back to asyncssh's own `start_sftp_client()` if this asyncssh has no `sftp.start_sftp_client`.
    """
    try:
        from asyncssh.sftp import start_sftp_client
    except ImportError:  # pragma: no cover - an asyncssh that moved it: defaults, still correct
        return await conn.start_sftp_client()
    writer, reader, _ = await conn.open_session(
        subsystem="sftp", encoding=None, window=BULK_WINDOW, max_pktsize=BULK_PACKET
    )
    try:
        return await start_sftp_client(
            conn, asyncio.get_running_loop(), "strict", reader, writer, "utf-8", "strict", 3
        )
    except BaseException:
        writer.close()
        raise
