"""Read-only SFTP for a diagnostics session: an allow-list of read requests; every other request is refused.

SFTP version 3 (what OpenSSH speaks), served on the session channel itself. Allowed: open for reading,
read, stat/lstat/fstat, opendir/readdir, realpath, readlink, close and the `statvfs@openssh.com`
extension. Requests that would change anything are answered "permission denied"; every other request
type and every other extension "operation unsupported". Nothing is delegated to a general SFTP server,
so requests a library adds in a later version are refused too. Relative paths start at the customer's
home folder, as OpenSSH's sftp-server does.
"""

from __future__ import annotations

import errno
import grp
import os
import pwd
import stat
import struct
import time
from collections.abc import Callable
from typing import Any, ClassVar

import asyncssh

ActivityFn = Callable[..., None]

VERSION = 3
MAX_PACKET = 256 * 1024 + 1024  # OpenSSH's sftp-server limit; a larger packet ends the session
MAX_READ = 256 * 1024
MAX_HANDLES = 100
NAMES_PER_READDIR = 100
FXF_READ = 0x00000001

INIT, VERSION_REPLY, OPEN, CLOSE, READ, WRITE, LSTAT, FSTAT = 1, 2, 3, 4, 5, 6, 7, 8
SETSTAT, FSETSTAT, OPENDIR, READDIR, REMOVE, MKDIR, RMDIR = 9, 10, 11, 12, 13, 14, 15
REALPATH, STAT, RENAME, READLINK, SYMLINK, LINK, BLOCK, UNBLOCK = 16, 17, 18, 19, 20, 21, 22, 23
EXTENDED = 200
STATUS, HANDLE, DATA, NAME, ATTRS, EXTENDED_REPLY = 101, 102, 103, 104, 105, 201
OK, EOF, NO_SUCH_FILE, PERMISSION_DENIED, FAILURE, BAD_MESSAGE, OP_UNSUPPORTED = 0, 1, 2, 3, 4, 5, 8

STATVFS = b"statvfs@openssh.com"
ST_RDONLY = 0x1  # SSH2_FXE_STATVFS_ST_RDONLY in statvfs@openssh.com's f_flag
# Standard requests that would change something on the device: named in the customer's feed when refused.
CHANGES = {
    WRITE: "write",
    SETSTAT: "setstat",
    FSETSTAT: "fsetstat",
    REMOVE: "remove",
    MKDIR: "mkdir",
    RMDIR: "rmdir",
    RENAME: "rename",
    SYMLINK: "symlink",
    LINK: "link",
    BLOCK: "block",
    UNBLOCK: "unblock",
}
READ_ONLY = "Read-only in a diagnostics session"


class _BadMessage(Exception):
    """A request shorter than its type needs."""


class _Reader:
    """Reads SFTP fields from one request."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def take(self, size: int) -> bytes:
        if self.at + size > len(self.data):
            raise _BadMessage("request too short")
        chunk = self.data[self.at : self.at + size]
        self.at += size
        return chunk

    def uint32(self) -> int:
        return int(struct.unpack(">I", self.take(4))[0])

    def uint64(self) -> int:
        return int(struct.unpack(">Q", self.take(8))[0])

    def string(self) -> bytes:
        return self.take(self.uint32())


def _string(value: bytes | str) -> bytes:
    raw = value.encode() if isinstance(value, str) else value
    return struct.pack(">I", len(raw)) + raw


def _attrs(st: os.stat_result | None) -> bytes:
    if st is None:
        return struct.pack(">I", 0)
    return struct.pack(
        ">IQIIIII", 0x1 | 0x2 | 0x4 | 0x8, st.st_size, st.st_uid, st.st_gid, st.st_mode,
        int(st.st_atime) & 0xFFFFFFFF, int(st.st_mtime) & 0xFFFFFFFF,
    )  # fmt: skip


def _owner(uid: int, gid: int) -> tuple[str, str]:
    try:
        user = pwd.getpwuid(uid).pw_name
    except KeyError:
        user = str(uid)
    try:
        group = grp.getgrgid(gid).gr_name
    except KeyError:
        group = str(gid)
    return user, group


def _longname(name: bytes, st: os.stat_result | None) -> bytes:
    """An `ls -l` line, which OpenSSH's sftp shows for `ls -l`."""
    if st is None:
        return name
    user, group = _owner(st.st_uid, st.st_gid)
    when = time.strftime("%b %d %H:%M", time.localtime(st.st_mtime))
    head = f"{stat.filemode(st.st_mode)} {st.st_nlink:4d} {user:<8} {group:<8} {st.st_size:8d} {when} "
    return head.encode() + name


def _status_code(exc: OSError) -> int:
    if exc.errno == errno.ENOENT:
        return NO_SUCH_FILE
    if exc.errno in (errno.EACCES, errno.EPERM):
        return PERMISSION_DENIED
    return FAILURE


class ReadOnlySFTP:
    """One SFTP session on *chan*: parses requests as they arrive and answers each in order."""

    def __init__(self, chan: asyncssh.SSHServerChannel[bytes], activity: ActivityFn) -> None:
        self.chan = chan
        self.activity = activity
        self.home = os.fsencode(os.path.expanduser("~"))
        self._buffer = bytearray()
        self._started = False
        self._files: dict[bytes, int] = {}
        self._dirs: dict[bytes, list[bytes]] = {}
        self._dir_paths: dict[bytes, bytes] = {}
        self._next_handle = 0
        self._refused: set[tuple[str, str]] = set()

    # --- the channel ----------------------------------------------------------------------------
    def session_started(self) -> None:
        self.activity("sftp")

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self._buffer += data
        while len(self._buffer) >= 4:
            (length,) = struct.unpack(">I", self._buffer[:4])
            if length < 1 or length > MAX_PACKET:
                self.chan.close()  # not SFTP, or a request far larger than any read could need
                self._buffer.clear()
                return
            if len(self._buffer) < 4 + length:
                return
            packet = bytes(self._buffer[4 : 4 + length])
            del self._buffer[: 4 + length]
            self._packet(packet)

    def eof_received(self) -> bool:
        self.chan.exit(0)
        return False

    def pause_writing(self) -> None:
        self.chan.pause_reading()  # the technician is not reading our answers: stop taking requests

    def resume_writing(self) -> None:
        self.chan.resume_reading()

    def connection_lost(self, exc: Exception | None) -> None:
        for fd in self._files.values():
            os.close(fd)
        self._files.clear()
        self._dirs.clear()

    # --- requests -------------------------------------------------------------------------------
    def _send(self, kind: int, *fields: bytes) -> None:
        payload = bytes([kind]) + b"".join(fields)
        self.chan.write(struct.pack(">I", len(payload)) + payload)

    def _status(self, request_id: int, code: int, message: str = "") -> None:
        self._send(STATUS, struct.pack(">II", request_id, code), _string(message), _string("en"))

    def _packet(self, packet: bytes) -> None:
        kind, body = packet[0], _Reader(packet[1:])
        if not self._started:
            self._init(kind, body)
            return
        try:
            request_id = body.uint32()
        except _BadMessage:
            self.chan.close()
            return
        try:
            self._request(kind, request_id, body)
        except _BadMessage as exc:
            self._status(request_id, BAD_MESSAGE, str(exc))
        except OSError as exc:
            self._status(request_id, _status_code(exc), exc.strerror or str(exc))

    def _init(self, kind: int, body: _Reader) -> None:
        if kind != INIT:
            self.chan.close()
            return
        self._started = True
        self._send(VERSION_REPLY, struct.pack(">I", VERSION), _string(STATVFS), _string(b"2"))

    def _request(self, kind: int, request_id: int, body: _Reader) -> None:
        handler = self._HANDLERS.get(kind)
        if handler is not None:
            handler(self, request_id, body)
        elif kind == EXTENDED:
            self._extended(request_id, body)
        elif kind in CHANGES:
            self._refuse(request_id, CHANGES[kind], body, PERMISSION_DENIED)
        else:
            self._status(request_id, OP_UNSUPPORTED, f"Request type {kind} is not available here")

    def _refuse(self, request_id: int, operation: str, body: _Reader, code: int) -> None:
        """Answer *code* and tell the customer once per operation and path what was refused."""
        try:
            named = body.string()  # the path, or the handle of an open file, every such request starts with
        except _BadMessage:
            named = b""
        path = "" if named in self._files or named in self._dirs else os.fsdecode(named)
        if (operation, path) not in self._refused and len(self._refused) < 100:
            self._refused.add((operation, path))
            self.activity("sftp_refused", operation=operation, path=path)
        self._status(request_id, code, READ_ONLY)

    def _extended(self, request_id: int, body: _Reader) -> None:
        name = body.string()
        if name != STATVFS:
            self._refuse(request_id, name.decode("ascii", "replace"), body, OP_UNSUPPORTED)
            return
        st = os.statvfs(self._path(body.string()))
        fields = [st.f_bsize, st.f_frsize, st.f_blocks, st.f_bfree, st.f_bavail, st.f_files]
        # ST_RDONLY (0x1) set: nothing can be written through this server, whatever the disk allows, so a
        # client (the console's file browser) knows before it tries.
        fields += [st.f_ffree, st.f_favail, st.f_fsid, st.f_flag | ST_RDONLY, st.f_namemax]
        self._send(EXTENDED_REPLY, struct.pack(">I", request_id), struct.pack(">11Q", *fields))

    def _path(self, raw: bytes) -> bytes:
        return raw if raw.startswith(b"/") else os.path.join(self.home, raw)

    def _handle(self) -> bytes:
        if len(self._files) + len(self._dirs) >= MAX_HANDLES:
            raise OSError(errno.EMFILE, f"At most {MAX_HANDLES} files may be open at once")
        self._next_handle += 1
        return str(self._next_handle).encode()

    def _open(self, request_id: int, body: _Reader) -> None:
        path, pflags = self._path(body.string()), body.uint32()
        if pflags != FXF_READ:
            self._refuse(request_id, "open for writing", _Reader(_string(path)), PERMISSION_DENIED)
            return
        self.activity("sftp_read", path=os.fsdecode(path))  # shown also when the file turns out missing
        handle = self._handle()
        # O_NONBLOCK: opening a FIFO must not stall the session; regular files ignore it.
        self._files[handle] = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
        self._send(HANDLE, struct.pack(">I", request_id), _string(handle))

    def _file(self, body: _Reader) -> int:
        fd = self._files.get(body.string())
        if fd is None:
            raise OSError(errno.EBADF, "No such open file")
        return fd

    def _read(self, request_id: int, body: _Reader) -> None:
        fd = self._file(body)
        offset, size = body.uint64(), body.uint32()
        data = os.pread(fd, min(size, MAX_READ), offset)
        if not data:
            self._status(request_id, EOF, "End of file")
            return
        self._send(DATA, struct.pack(">I", request_id), _string(data))

    def _close(self, request_id: int, body: _Reader) -> None:
        handle = body.string()
        fd = self._files.pop(handle, None)
        if fd is not None:
            os.close(fd)
        elif self._dirs.pop(handle, None) is None:
            raise OSError(errno.EBADF, "No such open file")
        self._dir_paths.pop(handle, None)
        self._status(request_id, OK)

    def _stat(self, request_id: int, body: _Reader, *, follow: bool = True) -> None:
        path = self._path(body.string())
        st = os.stat(path) if follow else os.lstat(path)
        self._send(ATTRS, struct.pack(">I", request_id), _attrs(st))

    def _lstat(self, request_id: int, body: _Reader) -> None:
        self._stat(request_id, body, follow=False)

    def _fstat(self, request_id: int, body: _Reader) -> None:
        self._send(ATTRS, struct.pack(">I", request_id), _attrs(os.fstat(self._file(body))))

    def _opendir(self, request_id: int, body: _Reader) -> None:
        path = self._path(body.string())
        names = [b".", b"..", *sorted(os.listdir(path))]
        handle = self._handle()
        self._dirs[handle] = names
        self._dir_paths[handle] = path
        self._send(HANDLE, struct.pack(">I", request_id), _string(handle))

    def _readdir(self, request_id: int, body: _Reader) -> None:
        handle = body.string()
        names = self._dirs.get(handle)
        if names is None:
            raise OSError(errno.EBADF, "No such open folder")
        if not names:
            self._status(request_id, EOF, "End of folder")
            return
        batch, self._dirs[handle] = names[:NAMES_PER_READDIR], names[NAMES_PER_READDIR:]
        entries = []
        for name in batch:
            try:
                st: os.stat_result | None = os.lstat(os.path.join(self._dir_paths[handle], name))
            except OSError:
                st = None
            entries.append(_string(name) + _string(_longname(name, st)) + _attrs(st))
        self._send(NAME, struct.pack(">II", request_id, len(entries)), *entries)

    def _name(self, request_id: int, name: bytes) -> None:
        self._send(NAME, struct.pack(">II", request_id, 1), _string(name), _string(name), _attrs(None))

    def _realpath(self, request_id: int, body: _Reader) -> None:
        self._name(request_id, os.path.realpath(self._path(body.string())))

    def _readlink(self, request_id: int, body: _Reader) -> None:
        self._name(request_id, os.readlink(self._path(body.string())))

    _HANDLERS: ClassVar[dict[int, Callable[[Any, int, _Reader], None]]] = {
        OPEN: _open,
        CLOSE: _close,
        READ: _read,
        LSTAT: _lstat,
        FSTAT: _fstat,
        STAT: _stat,
        OPENDIR: _opendir,
        READDIR: _readdir,
        REALPATH: _realpath,
        READLINK: _readlink,
    }
