"""Reading record files that may be hostile: regular files only, bounded lines, strict JSON, no recursion.

A record folder can come from anywhere (a copied archive, a customer's upload, an attacker), so every
read here refuses what a record never holds: a symbolic link, a folder or a named pipe where a file
should be, a line longer than MAX_LINE_BYTES, NaN or Infinity, numbers too large for a float, JSON
nested deeper than MAX_DEPTH. Each refusal is a RecordError naming the file (and line) for a person.
"""

from __future__ import annotations

import errno
import json
import math
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sessions.errors import RecordError

#: The longest line a record may hold. The recorder writes one network read per cast line and one
#: event per line; both stay far below this.
MAX_LINE_BYTES = 16 * 1024 * 1024
#: session.json is a small summary; anything larger is not one.
MAX_META_BYTES = 4 * 1024 * 1024
#: The deepest nesting of arrays and objects a record's JSON may have (the recorder writes at most ~5).
MAX_DEPTH = 64

_HINT = "Run `valuezone verify` on the record folder; keep this copy as evidence and compare a backup."
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def open_regular(path: Path) -> IO[bytes]:
    """Open *path* for reading only if it is a regular file (not a link, folder, pipe or device).

    FileNotFoundError passes through; anything else that is not a plain file is a RecordError. The
    open never blocks (a named pipe would wait for a writer forever) and never follows a symbolic link.
    """
    path = Path(path)
    if path.is_symlink():  # also where O_NOFOLLOW does not exist
        raise _link_error(path)
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _link_error(path) from exc
        raise RecordError(
            f"{path.name} cannot be opened ({exc.strerror or exc}).",
            _HINT,
            file=str(path),
            code="record.cannot_open",
            params={"name": path.name, "exc": exc.strerror or exc},
        ) from exc
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise RecordError(
            f"{path.name} is {_kind(mode)} where a file should be.",
            "A record folder holds plain files only; this one was altered or is not a record.",
            file=str(path),
            code="record.not_a_file",
            params={"path": path.name, "kind": _kind(mode)},
        )
    if _NONBLOCK:
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _link_error(path: Path) -> RecordError:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return RecordError(
        f"{path.name} is a symbolic link (to {target}), not a file of the record.",
        "A record folder holds plain files only; links are never followed, so nothing outside the record "
        "is read. Replace the link with the file itself if this record is genuine.",
        file=str(path),
        code="record.symlink",
        params={"path": path.name, "target": target},
    )


def read_small(path: Path, limit: int = MAX_META_BYTES) -> bytes:
    """The whole of a small regular file (session.json); RecordError when it is larger than *limit*."""
    with open_regular(path) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise RecordError(
            f"{Path(path).name} is larger than {limit // (1024 * 1024)} MiB: it is not a session summary.",
            _HINT,
            file=str(path),
            line=1,
            code="record.meta_too_large",
            params={"name": Path(path).name, "limit": limit // (1024 * 1024)},
        )
    return data


def read_lines(path: Path, limit: int = MAX_LINE_BYTES) -> Iterator[tuple[int, bytes, bool]]:
    """(line number from 1, bytes without LF, complete) for every line of the regular file *path*.

    Never holds more than *limit* + 1 bytes of one line: a longer line raises RecordError at that line.
    """
    with open_regular(path) as fh:
        number = 0
        while True:
            raw = fh.readline(limit + 1)
            if not raw:
                return
            number += 1
            complete = raw.endswith(b"\n")
            if len(raw) > limit and not (complete and len(raw) == limit + 1):
                raise RecordError(
                    f"Line {number} of {Path(path).name} is longer than {limit // (1024 * 1024)} MiB: "
                    "no record line is that long.",
                    _HINT,
                    file=str(path),
                    line=number,
                    code="record.line_too_long",
                    params={"number": number, "name": Path(path).name, "limit": limit // (1024 * 1024)},
                )
            yield number, raw.removesuffix(b"\n"), complete


class BadJSON(ValueError):
    """A line that is not the strict JSON a record holds; ``str()`` says why, for a person."""


def _no_constant(name: str) -> Any:
    raise BadJSON(f"{name} is not a number JSON allows (records never hold NaN or Infinity)")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadJSON(f"the number {text[:24]} is too large for a record")
    return value


def loads(raw: bytes) -> Any:
    """Strict JSON from one line: UTF-8, no NaN/Infinity, finite numbers, at most MAX_DEPTH deep."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadJSON(f"This line is not valid UTF-8 ({exc.reason}).") from exc
    try:
        value = json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except RecursionError:
        raise BadJSON(f"This line nests JSON more than {MAX_DEPTH} levels deep.") from None
    except BadJSON as exc:
        raise BadJSON(f"This line is not valid record JSON: {exc}.") from exc
    except json.JSONDecodeError as exc:
        raise BadJSON(f"This line is not valid JSON ({exc.msg}).") from exc
    except ValueError as exc:  # an integer with thousands of digits
        raise BadJSON("This line is not valid record JSON: a number has too many digits.") from exc
    if _depth_over(value, MAX_DEPTH):
        raise BadJSON(f"This line nests JSON more than {MAX_DEPTH} levels deep.")
    return value


def _depth_over(value: Any, limit: int) -> bool:
    """True when *value* nests arrays/objects deeper than *limit* (iterative: no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False
