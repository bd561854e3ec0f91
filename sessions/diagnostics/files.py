"""Plain files a check reads (`cat /proc/mdstat`) come over ONE SFTP channel instead of a shell each.

On the device every exec channel costs a forked session, a login shell and its startup files; reading
/proc/meminfo through SFTP costs a request on a channel that is already open. The result looks exactly
like `cat`'s (same text, exit status 1 and cat's message for a missing or unreadable file), so parsers and
`classify()` cannot tell the difference; the raw record says ``via: sftp``. Whatever SFTP cannot do the
way cat would (no SFTP subsystem, a directory, an odd server error) falls back to running the command.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import cast

import asyncssh

from sessions.diagnostics.channels import ChannelLimit

# One read request; /proc files report size 0, so the file is read until the server says EOF.
READ_SIZE = 64 << 10
_CAT = re.compile(r"^cat (/[A-Za-z0-9/_.@:+,-]+)$")


def plain_file(command: str) -> str | None:
    """The path when *command* only prints one file (``cat /proc/mdstat``), else None."""
    match = _CAT.match(command)
    if match is None or ".." in match.group(1).split("/"):
        return None
    return match.group(1)


@dataclass(frozen=True, slots=True)
class FileRead:
    """What reading one file gave, as cat would have said it: exit status, stdout and stderr."""

    exit_status: int
    stdout: str = ""
    stderr: str = ""


class FileReader:
    """One SFTP session, opened on first use and shared by every read until `close()`.

    The session holds one of *limit*'s channels while it is open. `read()` returns None when the
    command should run as a command instead (no SFTP on the device, or an answer cat would not give);
    it raises asyncssh.Error / OSError only when the connection itself failed.
    """

    def __init__(self, conn: asyncssh.SSHClientConnection, limit: ChannelLimit) -> None:
        self.conn = conn
        self.limit = limit
        self.closed = False
        self._client: asyncio.Future[asyncssh.SFTPClient | None] | None = None
        self._ending: asyncio.Future[None] | None = None

    async def _sftp(self) -> asyncssh.SFTPClient | None:
        if self.closed:
            return None
        if self._client is None:
            self._client = asyncio.ensure_future(self._open())
        client = self._client
        try:
            return await asyncio.shield(client)
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if client.cancelled() and not (task and task.cancelling()):
                return None  # close() gave the session up while it was being opened: use cat
            raise

    async def _open(self) -> asyncssh.SFTPClient | None:
        while True:
            await self.limit.acquire()
            if self.limit.limit <= 1:  # the one channel the server allows is needed for commands
                self.limit.release()
                return None
            try:
                return await _started(self.conn.start_sftp_client())
            except asyncssh.ChannelOpenError:
                retry = self.limit.refused()  # the server's session limit: wait for a channel of ours
                self.limit.release()
                if not retry:
                    return None
            except (asyncssh.Error, OSError):
                self.limit.release()
                return None  # no SFTP subsystem (some NAS switch it off): every file is read with cat
            except BaseException:
                self.limit.release()
                raise

    async def read(self, path: str) -> FileRead | None:
        sftp = await self._sftp()
        if sftp is None:
            return None
        try:
            async with sftp.open(path, "rb") as remote:
                chunks = []
                while data := cast(bytes, await remote.read(READ_SIZE)):
                    chunks.append(data)
        except asyncssh.SFTPNoSuchFile:
            return FileRead(1, stderr=f"cat: {path}: No such file or directory\n")
        except asyncssh.SFTPPermissionDenied:
            return FileRead(1, stderr=f"cat: {path}: Permission denied\n")
        except asyncssh.SFTPError:
            return None  # a directory, a special file, a server quirk: let cat say what it is
        return FileRead(0, b"".join(chunks).decode("utf-8", errors="replace"))

    async def close(self) -> None:
        """End the SFTP session (if one was opened) and give its channel back; later reads use cat.

        The session is ended once, by a task of its own: a close() that is itself cancelled (a command
        that gave the channel up was stopped) leaves the ending to finish, and every later close()
        waits for it, so nothing of the session outlives the run.
        """
        self.closed = True
        client, self._client = self._client, None
        if client is not None:
            self._ending = asyncio.ensure_future(self._end(client))
        if self._ending is not None:
            await asyncio.shield(self._ending)

    async def _end(self, client: asyncio.Future[asyncssh.SFTPClient | None]) -> None:
        if not client.done():
            client.cancel()  # it may be waiting for a channel the commands need
            await asyncio.wait({client})
        if client.cancelled() or client.exception() is not None:
            return
        sftp = client.result()
        if sftp is None:
            return
        try:
            sftp.exit()
            await sftp.wait_closed()
        except (asyncssh.Error, OSError):
            pass
        finally:
            self.limit.release()


async def _started(opening: Awaitable[asyncssh.SFTPClient]) -> asyncssh.SFTPClient:
    """Start an SFTP session; cancelled half-way, the session is still started, then ended.

    asyncssh starts the session's packet reader before it asks the server for its limits: a cancel
    that lands in between would leave that reader (and the channel) running until the connection
    closes. So the start runs to its end, and a cancelled start closes what it opened.
    """
    task = asyncio.ensure_future(opening)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        try:
            sftp = await task
        except (asyncssh.Error, OSError, asyncio.CancelledError):
            raise asyncio.CancelledError from None
        sftp.exit()
        with contextlib.suppress(asyncssh.Error, OSError):
            await sftp.wait_closed()
        raise
