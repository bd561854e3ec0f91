"""File names between the device and this computer: a device's name made safe to create here, and the
"name (2).ext" the technician gets instead of overwriting."""

from __future__ import annotations

import os
import posixpath
import re

from sessions.visible import is_hidden

MAX_NAME_BYTES = 200  # most file systems allow 255; room is left for " (99)" and a part-file prefix
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)
_UNPORTABLE = set('/\\:*?"<>|\x00')


def local_name(remote_name: str) -> str:
    """A name for *remote_name* (one component as the device gave it) that is safe to create here.

    Separators, NUL, characters Windows refuses and every control or format character become "_";
    "", "." and ".." become "_"; trailing dots and spaces go; Windows' device names get a "_" first;
    long names are cut at a character boundary. Korean and other letters stay as they are.
    """
    name = "".join("_" if c in _UNPORTABLE or is_hidden(c) else c for c in remote_name)
    name = name.rstrip(". ")
    if name in ("", ".", ".."):
        return "_"
    if _WINDOWS_RESERVED.match(name):
        name = "_" + name
    while len(os.fsencode(name)) > MAX_NAME_BYTES:
        stem, ext = os.path.splitext(name)
        name = stem[:-1] + ext if len(stem) > 1 else name[:-1]
    return name


def numbered(name: str, number: int) -> str:
    """`report.pdf`, 2 → `report (2).pdf` (a folder's or dot-file's whole name is the stem)."""
    stem, ext = os.path.splitext(name)
    if not stem or ext == name:
        stem, ext = name, ""
    return f"{stem} ({number}){ext}"


def remote_join(folder: bytes, name: bytes) -> bytes:
    """A device path inside *folder* (POSIX, as SFTP speaks)."""
    return posixpath.join(folder, name)


def remote_parent(path: bytes) -> bytes:
    parent = posixpath.dirname(path.rstrip(b"/")) or b"/"
    return parent


def remote_basename(path: bytes) -> bytes:
    return posixpath.basename(path.rstrip(b"/")) or path
