"""Copying one file each way over SFTP with its SHA-256, as fast as the link allows.

Download: parallel reads (asyncssh's read_parallel over the bulk SFTP session) written in place at
their offsets, hashed in order as the gaps fill. Upload: the local file read in a worker thread, several
parallel writes in flight. The caller decides where the bytes go (a part file, a temporary remote name)
and what happens on cancel; every task made here is finished before a function returns.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import asyncssh

CHUNK = 1 << 20  # an upload reads and writes this much at a time (asyncssh splits it into requests)
WRITES_AT_ONCE = 8  # upload chunks in flight: 8 MiB, the bulk channel's window
UNKNOWN_SIZE_CAP = 256 << 20  # a file that says it is empty (/proc, /sys) is read to its end, up to this

Progress = Callable[[int], None]  # called with the bytes just copied


@dataclass(frozen=True, slots=True)
class Copied:
    size: int
    sha256: str


async def download_file(sftp: asyncssh.SFTPClient, remote: bytes, fd: int, on_bytes: Progress) -> Copied:
    """Copy *remote* into the open file *fd*: the size the device gave when it was opened (a log that
    grows meanwhile is cut there), or everything up to its end when it said 0 (/proc files)."""
    hasher = hashlib.sha256()
    async with sftp.open(remote, "rb") as source:
        size = int((await source.stat()).size or 0)
        offset = 0
        if size:
            waiting: dict[int, bytes] = {}
            reader = await source.read_parallel(size, 0)
            async for at, data in reader:
                os.pwrite(fd, data, at)
                waiting[at] = data
                while offset in waiting:
                    chunk = waiting.pop(offset)
                    hasher.update(chunk)
                    offset += len(chunk)
                on_bytes(len(data))
        else:
            while offset < UNKNOWN_SIZE_CAP:
                data = await source.read(CHUNK, offset)
                assert isinstance(data, bytes)  # opened in binary mode
                if not data:
                    break
                os.pwrite(fd, data, offset)
                hasher.update(data)
                offset += len(data)
                on_bytes(len(data))
    return Copied(offset, hasher.hexdigest())


async def upload_file(
    sftp: asyncssh.SFTPClient,
    local: Path,
    remote: bytes,
    on_bytes: Progress,
    on_created: Callable[[], None] | None = None,
) -> Copied:
    """Copy *local* to *remote*, which must not exist yet (created exclusively, the local file's mode);
    *on_created* is called once the device made the file (so a failure later knows it is ours)."""
    hasher = hashlib.sha256()
    mode = local.stat().st_mode & 0o777
    offset = 0
    with local.open("rb") as source:
        async with sftp.open(remote, "xb", attrs=asyncssh.SFTPAttrs(permissions=mode)) as target:
            if on_created is not None:
                on_created()
            writes: set[asyncio.Task[None]] = set()

            async def write(data: bytes, at: int) -> None:
                await target.write(data, at)
                on_bytes(len(data))

            try:
                while data := await asyncio.to_thread(source.read, CHUNK):
                    hasher.update(data)
                    writes.add(asyncio.ensure_future(write(data, offset)))
                    offset += len(data)
                    if len(writes) >= WRITES_AT_ONCE:
                        done, writes = await asyncio.wait(writes, return_when=asyncio.FIRST_COMPLETED)
                        for task in done:
                            task.result()
                while writes:
                    done, writes = await asyncio.wait(writes, return_when=asyncio.FIRST_COMPLETED)
                    for finished in done:
                        finished.result()
            finally:
                for task in writes:
                    task.cancel()
                await asyncio.gather(*writes, return_exceptions=True)
    return Copied(offset, hasher.hexdigest())
