"""Collecting logs from a device over SFTP: globs, newest files first, per-file and total caps, progress.

Every name from the device becomes a member path through safepaths, and every local file is created
new (O_EXCL, no symlink followed) inside the destination folder, so a hostile device cannot write
outside it. Links on the device are not followed (a link could point at /etc/shadow).

Speed: one SFTP session with a wide window and big packets (sessions.ssh.bulk); each file is read as
one continuous stream of parallel requests written in place at their offsets, and a few files are read
at once so small logs do not leave the pipe idle between them.
"""

from __future__ import annotations

import asyncio
import logging
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import asyncssh

from sessions.errors import EscalationError
from sessions.escalation.logspecs import LogSpec
from sessions.escalation.safepaths import create_new, device_member, inside
from sessions.ssh.bulk import start_bulk_sftp

log = logging.getLogger(__name__)

# Read requests are as big as the server says it allows (limits@openssh.com: 255 KiB for OpenSSH 8.6
# and later; 16 KiB when a server does not say), with asyncssh's 4 MiB in flight per file (16 × 255 KiB).
FILES_AT_ONCE = 3  # files read at the same time
LINE_PROBE = 64 << 10  # how far a cut log is searched for its first line start
PROGRESS_STEP = 4 << 20  # report progress at least every this many bytes (and after every file)
GLOB_CHARS = set("*?[")


@dataclass(frozen=True, slots=True)
class CollectLimits:
    """Caps: a bigger log keeps its newest part; files beyond the total cap are left out (oldest first)."""

    per_file: int = 16 << 20
    total: int = 128 << 20
    command_timeout: float = 120.0


@dataclass(frozen=True, slots=True)
class CollectProgress:
    """Pushed to the progress callback after every block and file."""

    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int
    current: str


@dataclass(frozen=True, slots=True)
class CollectedFile:
    remote: str
    member: str
    size: int
    original_size: int

    @property
    def truncated(self) -> bool:
        return self.size < self.original_size


@dataclass(frozen=True, slots=True)
class CollectResult:
    """What was collected into `folder`, and what was left out and why (for summary.md notes)."""

    folder: Path
    files: tuple[CollectedFile, ...]
    skipped: tuple[tuple[str, str], ...]

    @property
    def bytes(self) -> int:
        return sum(f.size for f in self.files)

    def notes(self) -> tuple[str, ...]:
        out = [
            f"{f.remote}: only the newest {f.size} of {f.original_size} bytes"
            for f in self.files
            if f.truncated
        ]
        out += [f"{remote}: not collected ({why})" for remote, why in self.skipped]
        return tuple(out)


@dataclass(frozen=True, slots=True)
class _Planned:
    remote: str
    size: int
    mtime: float
    take: int


ProgressCallback = Callable[[CollectProgress], None]


async def _expand(sftp: asyncssh.SFTPClient, spec: LogSpec, skipped: list[tuple[str, str]]) -> list[str]:
    names: list[str] = []
    for pattern in spec.paths:
        if GLOB_CHARS & set(pattern):
            try:
                found = [str(p) for p in await sftp.glob(pattern)]
            except (asyncssh.SFTPError, OSError):
                found = []
        else:
            found = [pattern]
        names += [n for n in found if n not in names]
    return names


async def _plan(
    sftp: asyncssh.SFTPClient, names: list[str], limits: CollectLimits, skipped: list[tuple[str, str]]
) -> list[_Planned]:
    candidates = []
    for name in names:
        try:
            attrs = await sftp.lstat(name)
        except asyncssh.SFTPNoSuchFile:
            continue
        except (asyncssh.SFTPError, OSError) as exc:
            skipped.append((name, f"cannot read it: {exc}"))
            continue
        mode = attrs.permissions or 0
        if stat.S_ISLNK(mode):
            skipped.append((name, "a symbolic link, not followed"))
        elif not stat.S_ISREG(mode):
            skipped.append((name, "not a regular file"))
        else:
            candidates.append((name, int(attrs.size or 0), float(attrs.mtime or 0)))
    candidates.sort(key=lambda c: -c[2])  # newest first: the total cap leaves out the oldest
    plan, budget = [], limits.total
    for name, size, mtime in candidates:
        want = min(size, limits.per_file, budget)
        if name.endswith((".gz", ".bz2", ".xz", ".zst")) and want < size:
            skipped.append((name, f"compressed log of {size} bytes does not fit the cap"))
            continue
        if want <= 0 and size > 0:
            skipped.append((name, "the total size cap was reached"))
            continue
        plan.append(_Planned(name, size, mtime, want))
        budget -= want
    return plan


class _Collector:
    def __init__(
        self,
        conn: asyncssh.SSHClientConnection,
        dest: Path,
        limits: CollectLimits,
        progress: ProgressCallback | None,
    ) -> None:
        self.conn = conn
        self.dest = dest
        self.limits = limits
        self.progress = progress
        self.files: list[CollectedFile] = []
        self.done_bytes = 0
        self.total_files = 0
        self.total_bytes = 0

    def _report(self, current: str) -> None:
        if self.progress is not None:
            self.progress(
                CollectProgress(len(self.files), self.total_files, self.done_bytes, self.total_bytes, current)
            )

    def _open_local(self, remote: str) -> tuple[str, int]:
        member = device_member(remote, "")
        for attempt in range(1, 100):
            name = member if attempt == 1 else f"{member}~{attempt}"
            try:
                return name, create_new(inside(self.dest, name))
            except FileExistsError:
                continue
        raise EscalationError(
            f"Too many device files are named like {remote!r}.",
            code="escalation.too_many_files",
            params={"remote": remote},
        )

    async def fetch(self, sftp: asyncssh.SFTPClient, item: _Planned) -> None:
        """Copy the newest `take` bytes of the file (from a line start when cut)."""
        member, fd = self._open_local(item.remote)
        try:
            written = await self._copy(sftp, item, fd)
        except BaseException:
            inside(self.dest, member).unlink(missing_ok=True)  # no half file reaches the bundle
            raise
        finally:
            os.close(fd)
        self.files.append(CollectedFile(item.remote, member, written, item.size))
        self._report(item.remote)

    async def _copy(self, sftp: asyncssh.SFTPClient, item: _Planned, fd: int) -> int:
        start = item.size - item.take
        async with sftp.open(item.remote, "rb") as remote:
            if start > 0:  # a cut log starts at its first whole line
                head = cast(bytes, await remote.read(min(LINE_PROBE, item.take), start))
                skip = head.find(b"\n") + 1
                start += skip
                self.done_bytes += skip  # counted as done: the progress total is the planned bytes
            written, unreported = 0, 0
            reader = await remote.read_parallel(item.size - start, start)
            async for offset, data in reader:
                os.pwrite(fd, data, offset - start)
                written += len(data)
                self.done_bytes += len(data)
                unreported += len(data)
                if unreported >= PROGRESS_STEP:
                    unreported = 0
                    self._report(item.remote)
        return written

    async def run_command(self, name: str, command: str, skipped: list[tuple[str, str]]) -> None:
        """Save the newest `per_file` bytes of a command's output (journalctl -o export) as a log."""
        keep = self.limits.per_file
        buffer = bytearray()
        seen = 0
        try:
            async with self.conn.create_process(command, encoding=None, stdin=asyncssh.DEVNULL) as proc:
                async with asyncio.timeout(self.limits.command_timeout):
                    while chunk := await proc.stdout.read(1 << 20):
                        buffer += chunk
                        seen += len(chunk)
                        self.done_bytes += len(chunk)
                        if len(buffer) > 2 * keep:
                            del buffer[: len(buffer) - keep]
                        self._report(f"$ {command}")
                    await proc.wait()
        except (TimeoutError, asyncssh.Error, OSError) as exc:
            skipped.append((f"$ {command}", f"the command failed or timed out ({type(exc).__name__})"))
            if not buffer:
                return
        if not buffer:
            skipped.append((f"$ {command}", "no output"))
            return
        data = bytes(buffer[-keep:])
        if len(buffer) > keep:
            data = data[data.find(b"\n") + 1 :]
        member, fd = self._open_local(f"commands/{name}")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        self.files.append(CollectedFile(f"$ {command}", member, len(data), seen))


async def collect_logs(
    conn: asyncssh.SSHClientConnection,
    spec: LogSpec,
    dest: Path,
    *,
    limits: CollectLimits | None = None,
    on_progress: ProgressCallback | None = None,
) -> CollectResult:
    """Collect the logs *spec* names into *dest* (created; must be empty or new).

    Raises EscalationError when the device offers no SFTP; files that cannot be read are skipped with a
    reason in `CollectResult.skipped`.
    """
    limits = limits or CollectLimits()
    dest.mkdir(parents=True, exist_ok=True)
    skipped: list[tuple[str, str]] = []
    collector = _Collector(conn, dest, limits, on_progress)
    try:
        async with await start_bulk_sftp(conn) as sftp:
            plan = await _plan(sftp, await _expand(sftp, spec, skipped), limits, skipped)
            collector.total_files = len(plan) + len(spec.commands)
            collector.total_bytes = sum(p.take for p in plan)
            failed: dict[str, str] = {}
            slots = asyncio.Semaphore(FILES_AT_ONCE)

            async def fetch(item: _Planned) -> None:
                async with slots:
                    try:
                        await collector.fetch(sftp, item)
                    except (asyncssh.SFTPError, OSError) as exc:
                        failed[item.remote] = f"reading it failed: {exc}"

            tasks = [asyncio.ensure_future(fetch(item)) for item in plan]
            try:
                await asyncio.gather(*tasks)
            finally:  # one failing in a way that ends the collection stops the others
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
            order = {item.remote: n for n, item in enumerate(plan)}  # newest first, as planned
            collector.files.sort(key=lambda f: order[f.remote])
            skipped += [(item.remote, failed[item.remote]) for item in plan if item.remote in failed]
    except asyncssh.ChannelOpenError as exc:
        raise EscalationError(
            f"The device refused an SFTP session ({exc.reason}).",
            "Enable SFTP on the device (on a NAS: the SFTP service in the file services settings).",
            code="escalation.sftp_refused",
            params={"reason": exc.reason},
        ) from exc
    for name, command in spec.commands.items():
        await collector.run_command(name, command, skipped)
    return CollectResult(dest, tuple(collector.files), tuple(skipped))
