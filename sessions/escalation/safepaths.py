"""Names from a device or a bundle turned into member paths that can never leave their folder."""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath

from sessions.errors import BundleInvalidError

_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9._+@=,-]")
MAX_COMPONENT = 120


def _component(part: str) -> str:
    cleaned = _UNSAFE_CHARS.sub("_", part)[:MAX_COMPONENT]
    if cleaned in ("", ".", ".."):
        return "_" * max(len(cleaned), 1)
    return cleaned


def device_member(remote_path: str, prefix: str = "logs") -> str:
    """The bundle member for a device path: `/var/log/../../etc/passwd` → `logs/var/log/__/__/etc/passwd`.

    Every component is kept (so two files never collide silently) but `.`/`..` and characters outside a
    small safe set are replaced; the result is relative, POSIX, and under *prefix*.
    """
    parts = [p for p in remote_path.replace("\\", "/").split("/") if p != ""]
    safe = [_component(p) for p in parts] or ["_"]
    return str(PurePosixPath(prefix, *safe))


def check_member(name: str) -> str:
    """Refuse a member name of a received bundle that is absolute or climbs out (`..`)."""
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name or "\x00" in name:
        raise BundleInvalidError(
            f"The bundle holds a file with an unsafe name ({name!r}).",
            "Do not open it; ask the sender to build it again with Valuezone.",
            code="bundle.unsafe_name",
            params={"name": name},
        )
    return str(path)


def inside(folder: Path, member: str) -> Path:
    """The local path of *member* under *folder*, refusing anything that resolves outside it."""
    root = folder.resolve()
    target = (root / check_member(member)).resolve()
    if target != root and root not in target.parents:
        raise BundleInvalidError(
            f"The file name {member!r} points outside {folder}.",
            "Do not open it; ask the sender to build it again with Valuezone.",
            code="bundle.path_escapes",
            params={"member": member, "folder": folder},
        )
    return target


def create_new(path: Path) -> int:
    """Open a new file for writing without following a symlink planted at *path* (mode 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
