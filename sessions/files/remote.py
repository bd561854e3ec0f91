"""The device's files over the session's own SSH connection: list, stat, new folder, rename, delete.

One SFTP session per browser (sessions.ssh.bulk: a wide window and big packets, for fast copies).
Paths are bytes as the device has them, so a name that is not UTF-8 still works; `RemoteEntry.name`
is its text (undecodable bytes kept as surrogate escapes) for showing through sessions.visible.

A session whose SFTP server reports its file system read-only (`statvfs@openssh.com` ST_RDONLY: the
agent's diagnostics scope does, and a NAS volume mounted read-only) is `read_only`; the browser then
offers no change. Whatever is tried anyway, the device's refusal comes back as a FileTransferError that
says so (code `files.read_only` when the device answered "read-only").
"""

from __future__ import annotations

import asyncio
import enum
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import asyncssh

from sessions.errors import FileTransferError
from sessions.files.names import remote_join
from sessions.ssh.bulk import start_bulk_sftp

ST_RDONLY = 0x1  # SSH2_FXE_STATVFS_ST_RDONLY (OpenSSH PROTOCOL, statvfs@openssh.com)
MAX_ENTRIES = 20_000  # a folder listing stops here (said in Listing.truncated)
LINKS_AT_ONCE = 16  # symbolic links stat-ed at the same time to learn what they point to


class Kind(enum.Enum):
    FOLDER = "folder"
    FILE = "file"
    LINK = "link"  # a symbolic link; `target_kind` says what it points to
    OTHER = "other"  # a device, socket or pipe: shown, never copied


def _kind(mode: int) -> Kind:
    if stat.S_ISDIR(mode):
        return Kind.FOLDER
    if stat.S_ISREG(mode):
        return Kind.FILE
    if stat.S_ISLNK(mode):
        return Kind.LINK
    return Kind.OTHER


@dataclass(frozen=True, slots=True)
class RemoteEntry:
    """One name in a folder of the device."""

    path: bytes
    size: int
    mtime: float
    permissions: int  # st_mode, file type bits included
    kind: Kind
    target_kind: Kind | None = None  # for a link: what it points to (None when broken)

    @property
    def name(self) -> str:
        return os.fsdecode(self.path.rstrip(b"/").rsplit(b"/", 1)[-1] or self.path)

    @property
    def text_path(self) -> str:
        return os.fsdecode(self.path)

    @property
    def is_folder(self) -> bool:
        return self.kind is Kind.FOLDER or self.target_kind is Kind.FOLDER

    @property
    def mode_text(self) -> str:
        """`drwxr-xr-x` as `ls -l` shows it."""
        return stat.filemode(self.permissions)


@dataclass(frozen=True, slots=True)
class Listing:
    path: bytes
    entries: tuple[RemoteEntry, ...]
    truncated: bool = False

    @property
    def text_path(self) -> str:
        return os.fsdecode(self.path)


def entry_from(path: bytes, attrs: asyncssh.SFTPAttrs) -> RemoteEntry:
    mode = int(attrs.permissions or 0)
    return RemoteEntry(path, int(attrs.size or 0), float(attrs.mtime or 0), mode, _kind(mode))


def explain(exc: BaseException, what: str, path: bytes | str = b"") -> FileTransferError:
    """An SFTP or channel failure as a sentence for the technician (the device's own words kept)."""
    where = os.fsdecode(path) if isinstance(path, bytes) else path
    reason = getattr(exc, "reason", "") or str(exc)
    params = {"what": what, "path": where, "reason": reason}
    if isinstance(exc, asyncssh.SFTPPermissionDenied) and "read-only" in reason.lower():
        return FileTransferError(
            f"The device refused to {what} {where}: {reason}.",
            "The customer allowed diagnostics only: files can be read, not changed. Ask them to start a "
            "session with the full scope if you need to change files.",
            code="files.read_only",
            params=params,
        )
    if isinstance(exc, asyncssh.SFTPPermissionDenied):
        return FileTransferError(
            f"The device refused to {what} {where}: permission denied.",
            "The account you logged in with may not do this; ask the customer, or use another account.",
            code="files.permission_denied",
            params=params,
        )
    if isinstance(exc, asyncssh.SFTPNoSuchFile):
        return FileTransferError(
            f"Could not {what} {where}: it is not there (any more).",
            "Refresh the folder and try again.",
            code="files.no_such_file",
            params=params,
        )
    if isinstance(exc, asyncssh.ChannelOpenError):
        return FileTransferError(
            f"The device refused an SFTP session ({reason}).",
            "Enable SFTP on the device (on a NAS: the SFTP service in the file services settings).",
            code="files.sftp_refused",
            params=params,
        )
    if isinstance(exc, asyncssh.SFTPError):
        return FileTransferError(
            f"Could not {what} {where}: the device said {reason}.",
            "Refresh the folder and try again.",
            code="files.device_error",
            params=params,
        )
    return FileTransferError(
        f"Could not {what} {where}: the connection failed ({reason}).",
        "Check that the session is still connected, then try again.",
        code="files.connection_failed",
        params=params,
    )


class RemoteFiles:
    """An SFTP session on one connection; `open()` it, then list and change files; `close()` ends it."""

    def __init__(self, conn: asyncssh.SSHClientConnection, sftp: asyncssh.SFTPClient, home: bytes) -> None:
        self.conn = conn
        self.sftp = sftp
        self.home = home
        self.read_only = False
        self.record: Callable[[str, dict[str, Any]], None] | None = None  # the session's record, if any

    @classmethod
    async def open(cls, conn: asyncssh.SSHClientConnection) -> RemoteFiles:
        """Start SFTP on *conn*; FileTransferError when the device offers none."""
        try:
            sftp = await start_bulk_sftp(conn)
            home = await sftp.realpath(b".")
        except (asyncssh.Error, OSError) as exc:
            raise explain(exc, "open", "SFTP") from exc
        files = cls(conn, sftp, home)
        files.read_only = await files._reports_read_only(home)
        return files

    async def _reports_read_only(self, path: bytes) -> bool:
        try:
            attrs = await self.sftp.statvfs(path)
        except (asyncssh.SFTPError, OSError):  # not offered: assume writable and show any refusal
            return False
        return bool(int(attrs.flags or 0) & ST_RDONLY)

    def close(self) -> None:
        self.sftp.exit()

    def note(self, kind: str, data: dict[str, Any]) -> None:
        """Write an event to the session's record (when there is one)."""
        if self.record is not None:
            self.record(kind, data)

    # --- reading ----------------------------------------------------------------------------------------
    async def realpath(self, path: bytes) -> bytes:
        try:
            return bytes(await self.sftp.realpath(path))
        except (asyncssh.Error, OSError) as exc:
            raise explain(exc, "open", path) from exc

    async def listing(self, path: bytes) -> Listing:
        """The entries of folder *path* (made absolute), folders first then by name; links looked through."""
        folder = await self.realpath(path)
        entries: list[RemoteEntry] = []
        truncated = False
        try:
            async for name in self.sftp.scandir(folder):
                filename = os.fsencode(name.filename)
                if filename in (b".", b".."):
                    continue
                if len(entries) >= MAX_ENTRIES:
                    truncated = True
                    break
                entries.append(entry_from(remote_join(folder, filename), name.attrs))
        except (asyncssh.Error, OSError) as exc:
            raise explain(exc, "list", folder) from exc
        entries = await self._look_through_links(entries)
        entries.sort(key=lambda e: (not e.is_folder, e.name.casefold()))
        return Listing(folder, tuple(entries), truncated)

    async def _look_through_links(self, entries: list[RemoteEntry]) -> list[RemoteEntry]:
        slots = asyncio.Semaphore(LINKS_AT_ONCE)

        async def target(entry: RemoteEntry) -> RemoteEntry:
            if entry.kind is not Kind.LINK:
                return entry
            async with slots:
                try:
                    attrs = await self.sftp.stat(entry.path)
                except (asyncssh.SFTPError, OSError):
                    return entry  # a broken link
            pointed = entry_from(entry.path, attrs)
            return RemoteEntry(
                entry.path, pointed.size, entry.mtime, entry.permissions, Kind.LINK, pointed.kind
            )

        return list(await asyncio.gather(*(target(e) for e in entries)))

    async def stat(self, path: bytes, *, follow: bool = True) -> RemoteEntry | None:
        """The entry at *path*, or None when there is nothing there."""
        try:
            attrs = await (self.sftp.stat(path) if follow else self.sftp.lstat(path))
        except asyncssh.SFTPNoSuchFile:
            return None
        except (asyncssh.Error, OSError) as exc:
            raise explain(exc, "read", path) from exc
        return entry_from(path, attrs)

    # --- changing (refused in a read-only session) ------------------------------------------------------
    async def make_folder(self, path: bytes) -> None:
        try:
            await self.sftp.mkdir(path)
        except (asyncssh.Error, OSError) as exc:
            self.note("file.refused", {"operation": "new folder", "remote": os.fsdecode(path)})
            raise explain(exc, "create the folder", path) from exc
        self.note("file.folder_created", {"remote": os.fsdecode(path)})

    async def rename(self, old: bytes, new: bytes) -> None:
        """Rename without replacing: a name that is taken is refused."""
        if await self.stat(new, follow=False) is not None:
            raise FileTransferError(
                f"{os.fsdecode(new)} already exists.",
                "Choose another name.",
                code="files.name_taken",
                params={"path": os.fsdecode(new)},
            )
        try:
            await self.sftp.rename(old, new)
        except (asyncssh.Error, OSError) as exc:
            self.note("file.refused", {"operation": "rename", "remote": os.fsdecode(old)})
            raise explain(exc, "rename", old) from exc
        self.note("file.renamed", {"remote": os.fsdecode(old), "to": os.fsdecode(new)})

    async def delete(self, entry: RemoteEntry) -> None:
        """Delete a file, a link, or an empty folder (a folder with files in it is refused by the device)."""
        try:
            if entry.kind is Kind.FOLDER:
                await self.sftp.rmdir(entry.path)
            else:
                await self.sftp.remove(entry.path)
        except asyncssh.SFTPFailure as exc:
            self.note("file.refused", {"operation": "delete", "remote": entry.text_path})
            if entry.kind is Kind.FOLDER:
                raise FileTransferError(
                    f"Could not delete the folder {entry.text_path}: the device said {exc.reason}.",
                    "Only an empty folder can be deleted here: delete what is in it first.",
                    code="files.folder_not_empty",
                    params={"path": entry.text_path, "reason": exc.reason},
                ) from exc
            raise explain(exc, "delete", entry.path) from exc
        except (asyncssh.Error, OSError) as exc:
            self.note("file.refused", {"operation": "delete", "remote": entry.text_path})
            raise explain(exc, "delete", entry.path) from exc
        self.note("file.deleted", {"remote": entry.text_path, "kind": entry.kind.value, "size": entry.size})
