"""The relay's audit log: JSON lines appended to files of bounded size, rotated, chained and fsynced."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_MAX_BYTES = 100 << 20
DEFAULT_KEEP = 10
_ROTATED = "audit-*.jsonl"


def _stamp(now: float, digits: int = 3) -> str:
    fraction = int(now % 1 * 10**digits)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{fraction:0{digits}d}Z"


class AuditLog:
    """Appends events to `audit.jsonl` in the relay's state folder (mode 0600).

    Each line goes out in one append-only write, so a crash loses at most the event being written. When
    the next line would take the file past `max_bytes`, the file is fsynced, renamed
    `audit-<UTC time>.jsonl`, made read-only (0400), and a new `audit.jsonl` begins with an
    `audit.continued` line naming the file before it with its size and SHA-256. The newest `keep`
    rotated files are kept; older ones are deleted, so the log never takes more than about
    `(keep + 1) × max_bytes`.
    """

    FILE_NAME = "audit.jsonl"

    def __init__(
        self, state_dir: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, keep: int = DEFAULT_KEEP
    ) -> None:
        if max_bytes < 1 or keep < 1:
            raise ValueError("an audit log needs max_bytes and keep of at least 1")
        state_dir.mkdir(parents=True, exist_ok=True)
        self.folder = state_dir
        self.path = state_dir / self.FILE_NAME
        # Relays of one deployment also write every event to one table (sessions/cluster/node.py).
        self.sink: Callable[[str, str, dict[str, Any]], None] | None = None
        self.max_bytes = max_bytes
        self.keep = keep
        self._fd: int | None = None
        self._size = 0
        self._digest = hashlib.sha256()
        self._open()

    def _open(self) -> None:
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self._digest = hashlib.sha256()
        self._size = 0
        with self.path.open("rb") as existing:  # a restarted relay appends: the chain covers what is there
            while chunk := existing.read(1 << 20):
                self._digest.update(chunk)
                self._size += len(chunk)

    def write(self, event: str, **fields: Any) -> None:
        """Record *event* with *fields*; `ts` is added (UTC, ISO 8601 with milliseconds)."""
        if self._fd is None:
            return
        stamp = _stamp(time.time())
        line = self._line(event, fields, stamp)
        if self._size and self._size + len(line) > self.max_bytes:
            previous = self._rotate()
            self._append(self._line("audit.continued", previous, stamp))
        self._append(line)
        if self.sink is not None:
            self.sink(stamp, event, fields)

    @staticmethod
    def _line(event: str, fields: dict[str, Any], stamp: str) -> bytes:
        data = {"ts": stamp, "event": event, **fields}
        return (json.dumps(data, ensure_ascii=False, sort_keys=False) + "\n").encode()

    def _append(self, line: bytes) -> None:
        assert self._fd is not None
        written = os.write(self._fd, line)
        if written < len(line):  # a full disk: the rest of the line, or the OSError saying why
            os.write(self._fd, line[written:])
        self._digest.update(line)
        self._size += len(line)

    def _rotate(self) -> dict[str, Any]:
        """Seal the current file under its rotated name; returns what the next file says about it."""
        assert self._fd is not None
        os.fsync(self._fd)
        os.close(self._fd)
        self._fd = None
        sealed = self._rotated_path()
        os.rename(self.path, sealed)
        os.chmod(sealed, 0o400)
        previous = {"previous": sealed.name, "previous_bytes": self._size,
                    "previous_sha256": self._digest.hexdigest()}  # fmt: skip
        for old in rotated_files(self.folder)[: -self.keep]:
            old.unlink(missing_ok=True)
        _fsync_folder(self.folder)
        self._open()
        return previous

    def _rotated_path(self) -> Path:
        now = time.time()
        while (path := self.folder / f"audit-{_stamp(now, 6).replace(':', '')}.jsonl").exists():
            now += 1e-6  # names sort in the order the files were sealed
        return path

    def sync(self) -> None:
        """Flush the current file to disk (fsync)."""
        if self._fd is not None:
            os.fsync(self._fd)

    def close(self) -> None:
        if self._fd is not None:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = None


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def rotated_files(folder: Path) -> list[Path]:
    """The rotated audit files in *folder*, oldest first."""
    return sorted(folder.glob(_ROTATED))


def audit_files(folder: Path) -> list[Path]:
    """Every audit file in *folder*, oldest first, the current one last."""
    current = folder / AuditLog.FILE_NAME
    return [*rotated_files(folder), *([current] if current.exists() else [])]


def read_audit(path: Path) -> list[dict[str, Any]]:
    """Every event in an audit file, oldest first (for tests and the admin's tools)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
