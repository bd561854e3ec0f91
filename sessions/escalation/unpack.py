"""Reading a received bundle within bounds: unpacked size, member count, name lengths, no duplicates.

A bundle is a gzip'd tar from outside. gzip packs 10 GB of zeros into about 10 MB, and tar lets a header
claim any size or a name of any length, so every reader of a received bundle (the HQ receiver,
`valuezone escalate open`) goes through `open_bundle` and `members`:

- the unpacked stream (tar headers and contents) is counted as it is read, and reading stops with a
  reason once it passes `UnpackLimits.max_bytes`; sizes declared in tar headers are checked before
  their contents are read, so a header claiming 10 GB is refused at once;
- an extended header (pax, GNU long name) is at most 8 kB, checked before it is read: tar keeps every
  member's extended header in memory (15 MB headers before empty files held 4 GB at HQ), and parsing
  them is slow (60 kB ones took 24 s a GB); and a single read is never larger than `MAX_READ`;
- at most `max_members` files; names at most 255 bytes per component and 4,096 in all; every name once
  (after normalising `a//b`, `./a`), and never both a file and a folder (`a` and `a/b`).
"""

from __future__ import annotations

import contextlib
import gzip
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from sessions.errors import BundleInvalidError
from sessions.escalation.safepaths import check_member

MAX_COMPONENT_BYTES = 255
MAX_NAME_BYTES = 4096
MAX_READ = 16 << 20
MAX_EXTENDED_HEADER = 8 << 10  # a pax or GNU long-name header: a 4,096-byte name and a few fields
_EXTENDED = (tarfile.XHDTYPE, tarfile.XGLTYPE, tarfile.SOLARIS_XHDTYPE, tarfile.GNUTYPE_LONGNAME,
             tarfile.GNUTYPE_LONGLINK)  # fmt: skip
REBUILD = "Do not open it; ask the sender to build it again with Valuezone."


@dataclass(frozen=True, slots=True)
class UnpackLimits:
    """How much a received bundle may unpack to (bytes of the tar stream) and how many files it holds."""

    max_bytes: int = 1 << 30
    max_members: int = 20_000


def _mb(size: int) -> str:
    return f"{size / (1 << 20):,.0f} MB" if size >= 1 << 20 else f"{size:,} bytes"


class TooLargeError(BundleInvalidError):
    """The bundle unpacks to more than the limit (a gzip bomb, or a bundle larger than HQ accepts)."""

    default_code = "bundle.too_large"


class _Counted:
    """The unpacked stream of a gzip file, as tarfile reads it, counted and bounded."""

    def __init__(self, raw: gzip.GzipFile, name: str, limit: int) -> None:
        self._raw = raw
        self._name = name
        self._limit = limit
        self._rewound = 0  # bytes unpacked again by backward seeks (tarfile makes none in order)

    def _too_large(self, upto: int) -> TooLargeError:
        return TooLargeError(
            f"{self._name} unpacks to more than {_mb(self._limit)} (it reached {_mb(upto)}): "
            "it is either far larger than a support bundle or built to exhaust the receiver.",
            "Do not open it; if it is genuine, ask the sender for a smaller bundle (lower log caps).",
            code="bundle.unpacks_too_large",
            params={"_name": self._name, "mb": _mb(self._limit), "mb_2": _mb(upto)},
        )

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0 or size > MAX_READ:
            raise BundleInvalidError(
                f"{self._name} holds a tar header that asks to read "
                f"{'everything' if size is None or size < 0 else _mb(size)} at once.",
                REBUILD,
                code="bundle.header_too_large",
                params={
                    "_name": self._name,
                    "size": "everything" if size is None or size < 0 else _mb(size),
                },
            )
        position = self._raw.tell()
        room = self._limit - position
        data = self._raw.read(min(size, room + 1))  # one byte past the limit tells "more" from "the end"
        if len(data) > room:
            raise self._too_large(position + len(data))
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence not in (0, 1):
            raise BundleInvalidError(
                f"{self._name} cannot be read from its end.",
                REBUILD,
                code="bundle.unreadable_end",
                params={"_name": self._name},
            )
        position = self._raw.tell()
        target = offset if whence == 0 else position + offset
        if target > self._limit:
            raise self._too_large(target)
        if target < position:  # gzip seeks back by unpacking again from the start: count that too
            self._rewound += target
            if self._rewound > self._limit:
                raise self._too_large(self._limit + self._rewound)
        return self._raw.seek(target)

    def tell(self) -> int:
        return self._raw.tell()


class _CheckedInfo(tarfile.TarInfo):
    """A tar header that refuses an extended header too large for any bundle before reading it."""

    def _proc_member(self, archive: tarfile.TarFile) -> tarfile.TarInfo:
        if self.type in _EXTENDED and self.size > MAX_EXTENDED_HEADER:
            raise BundleInvalidError(
                f"The bundle holds an extended tar header of {_mb(self.size)}; at most "
                f"{MAX_EXTENDED_HEADER >> 10} kB are accepted.",
                REBUILD,
                code="bundle.extended_header_too_large",
                params={"mb": _mb(self.size), "MAX_EXTENDED_HEADER": MAX_EXTENDED_HEADER >> 10},
            )
        return super()._proc_member(archive)  # type: ignore[misc]


@contextlib.contextmanager
def open_bundle(path: Path, limits: UnpackLimits) -> Iterator[tarfile.TarFile]:
    """The tar inside the bundle at *path*, read through the bounds of *limits*."""
    with gzip.GzipFile(path, "rb") as raw:
        counted = cast(IO[bytes], _Counted(raw, path.name, limits.max_bytes))
        with tarfile.open(fileobj=counted, mode="r:", tarinfo=_CheckedInfo) as tar:
            yield tar


def _check_name(name: str, path: Path) -> str:
    clean = check_member(name)
    encoded = clean.encode("utf-8", "surrogateescape")
    longest = max((len(part) for part in encoded.split(b"/")), default=0)
    if len(encoded) > MAX_NAME_BYTES or longest > MAX_COMPONENT_BYTES:
        shown = clean if len(clean) <= 80 else f"{clean[:60]}…{clean[-15:]}"
        raise BundleInvalidError(
            f"{path.name} holds a file name of {len(encoded):,} bytes with a part of {longest:,} bytes "
            f"({shown!r}); at most {MAX_NAME_BYTES:,} bytes in all and {MAX_COMPONENT_BYTES} per "
            "folder or file name are accepted, as on common file systems.",
            REBUILD,
            code="bundle.name_too_long",
            params={
                "path": path.name,
                "count": len(encoded),
                "longest": longest,
                "shown": shown,
                "max_name": MAX_NAME_BYTES,
                "max_part": MAX_COMPONENT_BYTES,
            },
        )
    return clean


class _Names:
    """Every member name once, and never both a file and a folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.files: set[str] = set()
        self.folders: set[str] = set()

    def add(self, name: str) -> None:
        if name in self.files:
            raise BundleInvalidError(
                f"{self.path.name} holds {name!r} twice; a reader would see one copy and a check the other.",
                REBUILD,
                code="bundle.name_twice",
                params={"path": self.path.name, "name": name},
            )
        parents = [str(parent) for parent in Path(name).parents][:-1]
        clash = next((p for p in parents if p in self.files), None)
        if clash is not None or name in self.folders:
            raise BundleInvalidError(
                f"{self.path.name} holds {clash or name!r} both as a file and as a folder.",
                REBUILD,
                code="bundle.file_and_folder",
                params={"path": self.path.name, "name": clash or name},
            )
        self.files.add(name)
        self.folders.update(parents)


def members(
    tar: tarfile.TarFile, path: Path, limits: UnpackLimits
) -> Iterator[tuple[tarfile.TarInfo, IO[bytes]]]:
    """Each regular file of *tar* (name checked, size within what is left) with its content to read."""
    names = _Names(path)
    declared = 0
    for count, info in enumerate(tar, start=1):
        if count > limits.max_members:
            raise TooLargeError(
                f"{path.name} holds more than {limits.max_members:,} files.",
                "Do not open it; a support bundle holds far fewer.",
                code="bundle.too_many_files",
                params={"path": path.name, "max_members": limits.max_members},
            )
        name = _check_name(info.name, path)
        if not info.isfile() or info.issparse():
            raise BundleInvalidError(
                f"The bundle holds {name!r}, which is not a regular file (a link, device or sparse file).",
                REBUILD,
                code="bundle.not_regular_member",
                params={"name": name},
            )
        declared += info.size
        if declared > limits.max_bytes:
            raise TooLargeError(
                f"{path.name} unpacks to more than {_mb(limits.max_bytes)}: its files up to {name!r} "
                f"alone take {declared:,} bytes.",
                "Do not open it; if it is genuine, ask the sender for a smaller bundle (lower log caps).",
                code="bundle.files_too_large",
                params={"path": path.name, "mb": _mb(limits.max_bytes), "name": name, "declared": declared},
            )
        names.add(name)
        info.name = name
        info.pax_headers = {}  # tar keeps every member: keep them small
        handle = tar.extractfile(info)
        assert handle is not None
        yield info, handle
