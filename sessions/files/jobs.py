"""What one transfer does: a file or folder from the device into a local folder, or the other way.

Nothing is overwritten silently: a name that is taken is a Conflict the technician answers (replace,
keep both as "name (2)", skip). A download is written to a part file created new (O_EXCL, no symlink
followed) inside the chosen folder and only then given its name; every name from the device goes
through `local_name` and a one-component check, so nothing lands outside that folder. An upload creates
its file new (exclusively); one that replaces goes to a temporary name beside it and is renamed over
it once complete. Cancelled or failed copies leave nothing behind.
Links inside a folder are not followed (each way); devices, sockets and pipes are never copied.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import os
import secrets
import stat
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh

from sessions.errors import BundleInvalidError, FileTransferError
from sessions.escalation.safepaths import check_member, create_new
from sessions.files.copy import Copied, download_file, upload_file
from sessions.files.names import local_name, numbered, remote_basename, remote_join
from sessions.files.remote import Kind, RemoteEntry, RemoteFiles, entry_from, explain

MAX_FILES = 10_000  # files in one folder transfer
MAX_DEPTH = 32  # folders inside folders
PART = ".vzpart"


class Direction(enum.Enum):
    DOWNLOAD = "download"
    UPLOAD = "upload"


class Choice(enum.Enum):
    REPLACE = "replace"  # files only
    KEEP_BOTH = "keep both"
    SKIP = "skip"


@dataclass(frozen=True, slots=True)
class Conflict:
    """The target name is taken: the technician chooses what to do."""

    direction: Direction
    name: str
    where: str  # the taken path, as text
    is_folder: bool


Ask = Callable[[Conflict], Awaitable[Choice]]


@dataclass(slots=True)
class Plan:
    """The files of one transfer (a folder's, walked), with what was left out and why."""

    files: list[tuple[tuple[str, ...], int]] = field(default_factory=list)  # (path parts, size)
    left_out: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(size for _, size in self.files)


class Skipped(Exception):
    """The technician chose Skip for a taken name."""


class Job:
    """Shared by both directions: progress, the record and the technician's answers."""

    def __init__(self, files: RemoteFiles, ask: Ask, report: Callable[[int, str], None]) -> None:
        self.files = files
        self.ask = ask
        self.report = report  # (bytes just copied, current file)
        self.plan = Plan()
        self.files_done = 0

    def record(self, direction: Direction, remote: bytes, local: Path, copied: Copied) -> None:
        self.files_done += 1
        self.files.note(
            "file.transfer",
            {
                "direction": direction.value,
                "remote": os.fsdecode(remote),
                "local": str(local),
                "size": copied.size,
                "sha256": copied.sha256,
            },
        )

    def record_stop(
        self, direction: Direction, remote: bytes, local: Path | str, status: str, why: str
    ) -> None:
        self.files.note(
            "file.transfer",
            {
                "direction": direction.value,
                "remote": os.fsdecode(remote),
                "local": str(local),
                "status": status,
                "error": why,
            },
        )


# --- device → this computer ------------------------------------------------------------------------------
class Download(Job):
    async def run(self, entry: RemoteEntry, folder: Path) -> None:
        folder = folder.resolve()
        name = local_name(entry.name)
        if entry.is_folder:
            await self._walk(entry.path, (), 0)
            target = await self._free_local(folder, name, is_folder=True)
            self._mkdir(target)
            for parts, _size in self.plan.files:
                await self._file(
                    remote_join(entry.path, b"/".join(os.fsencode(p) for p in parts)), target, parts
                )
        elif entry.kind is Kind.FILE or entry.target_kind is Kind.FILE:
            self.plan.files.append(((entry.name,), entry.size))
            target = await self._free_local(folder, name, is_folder=False)
            await self._one(entry.path, target)
        else:
            raise FileTransferError(
                f"{entry.text_path} is not a file or folder ({entry.mode_text}).",
                "Only files and folders can be copied.",
                code="files.not_a_file",
                params={"path": entry.text_path, "mode": entry.mode_text},
            )

    async def _walk(self, path: bytes, parts: tuple[str, ...], depth: int) -> None:
        """Every regular file under *path* (links and special files noted, not followed)."""
        if depth > MAX_DEPTH:
            self.plan.left_out.append(f"{os.fsdecode(path)}: more than {MAX_DEPTH} folders deep")
            return
        try:
            names = [n async for n in self.files.sftp.scandir(path)]
        except (asyncssh.Error, OSError) as exc:
            raise explain(exc, "list", path) from exc
        for name in sorted(names, key=lambda n: os.fsencode(n.filename)):
            filename = os.fsencode(name.filename)
            if filename in (b".", b".."):
                continue
            child = entry_from(remote_join(path, filename), name.attrs)
            inner = (*parts, os.fsdecode(filename))
            if child.kind is Kind.FOLDER:
                await self._walk(child.path, inner, depth + 1)
            elif child.kind is Kind.FILE and len(self.plan.files) < MAX_FILES:
                self.plan.files.append((inner, child.size))
            elif child.kind is Kind.FILE:
                self.plan.left_out.append(f"{child.text_path}: more than {MAX_FILES} files")
            else:
                self.plan.left_out.append(f"{child.text_path}: a {child.kind.value}, not copied")

    async def _free_local(self, folder: Path, name: str, *, is_folder: bool) -> Path:
        target = _inside(folder, name)
        if not os.path.lexists(target):
            return target
        choice = await self.ask(Conflict(Direction.DOWNLOAD, name, str(target), is_folder))
        if choice is Choice.SKIP:
            raise Skipped(str(target))
        if choice is Choice.REPLACE and not is_folder:
            return target
        return _numbered_free(folder, name)

    def _mkdir(self, path: Path) -> None:
        try:
            path.mkdir()
        except OSError as exc:
            raise _local_error(exc, path) from exc

    async def _file(self, remote: bytes, root: Path, parts: tuple[str, ...]) -> None:
        """One file of a folder: its folders made inside *root*, its name made safe and free."""
        safe = [local_name(p) for p in parts]
        parent = root
        for part in safe[:-1]:
            parent = _inside(parent, part)
            if not parent.is_dir():
                self._mkdir(parent)
        target = _inside(parent, safe[-1])
        if os.path.lexists(target):  # two device names that became one name here
            target = _numbered_free(parent, safe[-1])
        await self._one(remote, target, replace=False)

    async def _one(self, remote: bytes, target: Path, *, replace: bool = True) -> None:
        """Copy into a part file beside *target*, then give it the name (replacing only if asked)."""
        part, fd = _new_part(target)
        try:
            try:
                copied = await download_file(
                    self.files.sftp, remote, fd, lambda n: self.report(n, os.fsdecode(remote))
                )
            finally:
                os.close(fd)
            _settle(part, target, replace=replace and os.path.lexists(target))
        except asyncio.CancelledError:
            part.unlink(missing_ok=True)
            self.record_stop(Direction.DOWNLOAD, remote, target, "cancelled", "cancelled by the technician")
            raise
        except (asyncssh.Error, OSError) as exc:
            part.unlink(missing_ok=True)
            error = (
                explain(exc, "read", remote) if isinstance(exc, asyncssh.Error) else _local_error(exc, target)
            )
            self.record_stop(Direction.DOWNLOAD, remote, target, "failed", error.code)
            raise error from exc
        self.record(Direction.DOWNLOAD, remote, target, copied)


def _inside(folder: Path, name: str) -> Path:
    """*name* (one component) in *folder*; the folder is resolved, the name itself is not followed, so a
    link planted under that name is a name that is taken, never a way out."""
    try:
        member = check_member(name)
    except BundleInvalidError as exc:  # cannot happen for a name from local_name: kept as a guard
        raise FileTransferError(
            f"The name {name!r} would be written outside {folder}; it was not copied.",
            "Report this device's file name to your administrator.",
            code="files.unsafe_name",
            params={"name": name, "folder": folder},
        ) from exc
    if "/" in member or member in (".", ".."):
        raise FileTransferError(
            f"The name {name!r} would be written outside {folder}; it was not copied.",
            "Report this device's file name to your administrator.",
            code="files.unsafe_name",
            params={"name": name, "folder": folder},
        )
    return folder.resolve() / member


def _numbered_free(folder: Path, name: str) -> Path:
    for number in range(2, 1000):
        candidate = _inside(folder, numbered(name, number))
        if not os.path.lexists(candidate):
            return candidate
    raise FileTransferError(
        f"Too many files named like {name} in {folder}.",
        "Choose another folder.",
        code="files.too_many_copies",
        params={"name": name, "folder": folder},
    )


def _new_part(target: Path) -> tuple[Path, int]:
    for _ in range(100):
        part = target.with_name(f".{target.name[:180]}.{secrets.token_hex(4)}{PART}")
        try:
            return part, create_new(part)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _local_error(exc, target.parent) from exc
    raise FileTransferError(
        f"Could not create a file in {target.parent}.",
        "Choose another folder.",
        code="files.no_part_file",
        params={"parent": target.parent},
    )


def _settle(part: Path, target: Path, *, replace: bool) -> None:
    """Name the finished part file *target*: os.replace when replacing, else a link that cannot clobber."""
    if replace:
        if target.is_dir() and not target.is_symlink():
            raise IsADirectoryError(21, "a folder has that name", str(target))
        os.replace(part, target)
        return
    try:
        os.link(part, target)
    except FileExistsError:  # the name was taken while copying: keep both
        os.link(part, _numbered_free(target.parent, target.name))
    except OSError:  # a file system without hard links (FAT, some network shares)
        if os.path.lexists(target):
            target = _numbered_free(target.parent, target.name)
        os.rename(part, target)
        return
    part.unlink()


def _local_error(exc: OSError, path: Path) -> FileTransferError:
    return FileTransferError(
        f"Could not write {path}: {exc.strerror or str(exc)}.",
        "Check the folder (free space, permissions), or choose another one.",
        code="files.local_write_failed",
        params={"path": path, "reason": exc.strerror or str(exc)},
    )


# --- this computer → device ------------------------------------------------------------------------------
class Upload(Job):
    async def run(self, local: Path, folder: bytes) -> None:
        if local.is_dir():
            self._walk(local, (), 0)
            target = await self._free_remote(folder, local.name, is_folder=True)
            await self.files.make_folder(target)
            for parts, _size in self.plan.files:
                await self._file(local.joinpath(*parts), target, parts)
        elif local.is_file():
            self.plan.files.append(((local.name,), local.stat().st_size))
            target = await self._free_remote(folder, local.name, is_folder=False)
            await self._one(local, target, replace=await self._exists(target))
        else:
            raise FileTransferError(
                f"{local} is not a file or folder here.",
                "Choose files or folders to upload.",
                code="files.not_local_file",
                params={"path": local},
            )

    def _walk(self, folder: Path, parts: tuple[str, ...], depth: int) -> None:
        if depth > MAX_DEPTH:
            self.plan.left_out.append(f"{folder}: more than {MAX_DEPTH} folders deep")
            return
        try:
            children = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            raise _local_error(exc, folder) from exc
        for child in children:
            inner = (*parts, child.name)
            if child.is_symlink():
                self.plan.left_out.append(f"{child.path}: a link, not followed")
            elif child.is_dir():
                self._walk(Path(child.path), inner, depth + 1)
            elif child.is_file() and len(self.plan.files) < MAX_FILES:
                self.plan.files.append((inner, child.stat().st_size))
            else:
                self.plan.left_out.append(f"{child.path}: not copied")

    async def _exists(self, path: bytes) -> bool:
        return await self.files.stat(path, follow=False) is not None

    async def _free_remote(self, folder: bytes, name: str, *, is_folder: bool) -> bytes:
        target = remote_join(folder, os.fsencode(name))
        if not await self._exists(target):
            return target
        choice = await self.ask(Conflict(Direction.UPLOAD, name, os.fsdecode(target), is_folder))
        if choice is Choice.SKIP:
            raise Skipped(os.fsdecode(target))
        if choice is Choice.REPLACE and not is_folder:
            return target
        for number in range(2, 1000):
            candidate = remote_join(folder, os.fsencode(numbered(name, number)))
            if not await self._exists(candidate):
                return candidate
        raise FileTransferError(
            f"Too many files named like {name} in {os.fsdecode(folder)}.",
            "Choose another folder.",
            code="files.too_many_copies",
            params={"name": name, "folder": os.fsdecode(folder)},
        )

    async def _file(self, local: Path, root: bytes, parts: tuple[str, ...]) -> None:
        parent = root
        for part in parts[:-1]:
            parent = remote_join(parent, os.fsencode(part))
            entry = await self.files.stat(parent, follow=False)
            if entry is None:
                await self.files.make_folder(parent)
            elif not stat.S_ISDIR(entry.permissions):
                raise FileTransferError(
                    f"{os.fsdecode(parent)} is not a folder.", "", code="files.not_a_folder",
                    params={"path": os.fsdecode(parent)},
                )  # fmt: skip
        await self._one(local, remote_join(parent, os.fsencode(parts[-1])), replace=False)

    async def _one(self, local: Path, target: bytes, *, replace: bool) -> None:
        """Copy to *target*, created new (so the customer's feed names the real file); when replacing, to a
        temporary name beside it first, renamed over it once complete. A stopped copy is removed."""
        written = remote_join(os.path.dirname(target), b"." + remote_basename(target)[:180] + _token())
        written = written if replace else target
        sftp = self.files.sftp
        created: list[bytes] = []  # what to remove if the copy stops: only a file this copy made

        def on_created() -> None:
            created.append(written)

        try:
            copied = await upload_file(sftp, local, written, lambda n: self.report(n, str(local)), on_created)
            if replace:
                await _rename(sftp, written, target)
        except asyncio.CancelledError:
            _remove_later(sftp, created)
            self.record_stop(Direction.UPLOAD, target, local, "cancelled", "cancelled by the technician")
            raise
        except asyncssh.Error as exc:
            _remove_later(sftp, created)
            error = explain(exc, "write", target)
            self.record_stop(Direction.UPLOAD, target, local, "failed", error.code)
            raise error from exc
        except OSError as exc:
            _remove_later(sftp, created)
            self.record_stop(Direction.UPLOAD, target, local, "failed", "files.local_read_failed")
            raise FileTransferError(
                f"Could not read {local}: {exc.strerror or str(exc)}.",
                "Check the file and try again.",
                code="files.local_read_failed",
                params={"path": local, "reason": exc.strerror or str(exc)},
            ) from exc
        self.record(Direction.UPLOAD, target, local, copied)


def _token() -> bytes:
    return f".{secrets.token_hex(4)}{PART}".encode()


async def _rename(sftp: asyncssh.SFTPClient, temp: bytes, target: bytes) -> None:
    """Over *target*: SFTP v3's rename never replaces, so posix-rename@openssh.com, or a remove first."""
    try:
        await sftp.posix_rename(temp, target)
    except asyncssh.SFTPOpUnsupported:
        await sftp.remove(target)
        await sftp.rename(temp, target)


_cleanups: set[asyncio.Task[None]] = set()


def _remove_later(sftp: asyncssh.SFTPClient, paths: list[bytes]) -> None:
    """Remove a half-written file in a task of its own (the copy's task may be cancelled)."""
    if not paths:
        return

    async def remove() -> None:
        for path in paths:
            with contextlib.suppress(asyncssh.Error, OSError):  # refused, or the link is gone
                await sftp.remove(path)

    task = asyncio.ensure_future(remove())
    _cleanups.add(task)
    task.add_done_callback(_cleanups.discard)
