"""manifest.json: the bundle's identity and every file's size and SHA-256; reading and checking bundles."""

from __future__ import annotations

import hashlib
import json
import tarfile
import uuid
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sessions.errors import BundleInvalidError
from sessions.escalation.safepaths import create_new, inside
from sessions.escalation.unpack import UnpackLimits, members, open_bundle

FORMAT = "valuezone-bundle"
VERSION = 1
MANIFEST = "manifest.json"
READ_CHUNK = 1 << 20
MAX_MANIFEST = 16 << 20


def new_bundle_id() -> str:
    """A fresh bundle id: 32 lower-case hex digits."""
    return uuid.uuid4().hex


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One file of a bundle as the manifest lists it."""

    path: str
    size: int
    sha256: str
    redactions: Mapping[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "size": self.size,
            "sha256": self.sha256,
            "redactions": dict(self.redactions),
        }


@dataclass(frozen=True, slots=True)
class Manifest:
    """What manifest.json holds (see docs/escalation.md for the schema)."""

    bundle_id: str
    ticket: str
    device: Mapping[str, Any]
    technician: str
    created: str
    files: tuple[FileEntry, ...]
    redactions: Mapping[str, int]
    hq_language: str = ""
    session_id: str = ""
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "bundle_id": self.bundle_id,
            "ticket": self.ticket,
            "session_id": self.session_id,
            "device": dict(self.device),
            "technician": self.technician,
            "created": self.created,
            "hq_language": self.hq_language,
            "files": [f.to_dict() for f in self.files],
            "redactions": dict(self.redactions),
            "notes": list(self.notes),
        }

    def to_bytes(self) -> bytes:
        return (json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Manifest:
        if data.get("format") != FORMAT or not isinstance(data.get("files"), list):
            raise BundleInvalidError(
                "manifest.json is not a Valuezone bundle manifest.",
                "Ask the sender to build the bundle again.",
                code="bundle.not_manifest",
            )
        if int(data.get("version", 0)) > VERSION:
            raise BundleInvalidError(
                f"The bundle uses manifest version {data.get('version')}, newer than this Valuezone reads.",
                "Update Valuezone to open it.",
                code="bundle.too_new",
                params={"version": data.get("version")},
            )
        return cls(
            bundle_id=str(data["bundle_id"]),
            ticket=str(data.get("ticket", "")),
            device=dict(data.get("device", {})),
            technician=str(data.get("technician", "")),
            created=str(data.get("created", "")),
            files=tuple(
                FileEntry(str(f["path"]), int(f["size"]), str(f["sha256"]), dict(f.get("redactions", {})))
                for f in data["files"]
            ),
            redactions=dict(data.get("redactions", {})),
            hq_language=str(data.get("hq_language", "")),
            session_id=str(data.get("session_id", "")),
            notes=tuple(str(n) for n in data.get("notes", ())),
        )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(READ_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _manifest_size(info: tarfile.TarInfo, path: Path) -> None:
    if info.name == MANIFEST and info.size > MAX_MANIFEST:
        raise BundleInvalidError(
            f"The manifest of {path.name} is {info.size:,} bytes; a Valuezone manifest is far smaller.",
            "Do not open it; ask the sender to build it again with Valuezone.",
            code="bundle.manifest_too_large",
            params={"path": path.name, "size": info.size},
        )


def verify_bundle(
    path: Path, *, extract_to: Path | None = None, limits: UnpackLimits | None = None
) -> Manifest:
    """Check every file of the bundle at *path* against its manifest (and extract it, if asked).

    Raises BundleInvalidError for a damaged or truncated archive, an unsafe, over-long or repeated
    name, a missing, extra or changed file, and (TooLargeError) a bundle unpacking to more than *limits*.
    """
    seen: dict[str, tuple[int, str]] = {}
    manifest_bytes = b""
    limits = limits or UnpackLimits()
    try:
        with open_bundle(path, limits) as tar:
            for info, handle in members(tar, path, limits):
                _manifest_size(info, path)
                digest = hashlib.sha256()
                out = _open_out(extract_to, info.name)
                try:
                    while chunk := handle.read(READ_CHUNK):
                        digest.update(chunk)
                        if info.name == MANIFEST:
                            manifest_bytes += chunk
                        if out is not None:
                            out.write(chunk)
                finally:
                    if out is not None:
                        out.close()
                seen[info.name] = (info.size, digest.hexdigest())
    except RecursionError as exc:  # tarfile reads each extended header after the one before by recursion
        raise BundleInvalidError(
            f"{path.name} holds a chain of hundreds of extended tar headers, which no bundle has.",
            "Do not open it; ask the sender to build it again with Valuezone.",
            code="bundle.header_chain",
            params={"path": path.name},
        ) from exc
    except (tarfile.TarError, EOFError, OSError, ValueError, zlib.error) as exc:
        raise BundleInvalidError(
            f"{path.name} is not a complete bundle ({exc}).",
            "It was probably cut short in transfer; ask for it again.",
            code="bundle.incomplete",
            params={"path": path.name, "exc": exc},
        ) from exc
    if not manifest_bytes:
        raise BundleInvalidError(
            f"{path.name} has no manifest.json.",
            "Ask the sender to build it again.",
            code="bundle.no_manifest",
            params={"path": path.name},
        )
    try:
        manifest = Manifest.from_dict(json.loads(manifest_bytes))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise BundleInvalidError(
            f"The manifest of {path.name} cannot be read ({exc}).",
            code="bundle.manifest_unreadable",
            params={"path": path.name, "exc": exc},
        ) from exc
    _compare(manifest, seen, path.name)
    return manifest


def _open_out(folder: Path | None, member: str) -> IO[bytes] | None:
    if folder is None:
        return None
    import os

    return os.fdopen(create_new(inside(folder, member)), "wb")


def _compare(manifest: Manifest, seen: dict[str, tuple[int, str]], name: str) -> None:
    listed = {f.path: f for f in manifest.files}
    for path, entry in listed.items():
        if path not in seen:
            raise BundleInvalidError(
                f"{name}: {path} is listed in the manifest but missing.",
                code="bundle.file_missing",
                params={"name": name, "path": path},
            )
        size, digest = seen[path]
        if size != entry.size or digest != entry.sha256:
            raise BundleInvalidError(
                f"{name}: {path} does not match its manifest entry (SHA-256 {digest[:12]}…, "
                f"expected {entry.sha256[:12]}…).",
                "The bundle was changed or damaged after it was built; ask for it again.",
                code="bundle.file_mismatch",
                params={"name": name, "path": path, "digest": digest[:12], "sha256": entry.sha256[:12]},
            )
    extra = set(seen) - set(listed) - {MANIFEST}
    if extra:
        raise BundleInvalidError(
            f"{name} holds files its manifest does not list: {', '.join(sorted(extra))}.",
            code="bundle.unlisted_files",
            params={"name": name, "files": ", ".join(sorted(extra))},
        )


def read_manifest(path: Path, limits: UnpackLimits | None = None) -> Manifest:
    """The manifest of the bundle at *path*, without checking the other files."""
    limits = limits or UnpackLimits()
    try:
        with open_bundle(path, limits) as tar:
            for info, handle in members(tar, path, limits):
                if info.name == MANIFEST:
                    _manifest_size(info, path)
                    return Manifest.from_dict(json.loads(handle.read(MAX_MANIFEST)))
    except (
        tarfile.TarError, EOFError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError,
        zlib.error,
    ) as exc:  # fmt: skip
        raise BundleInvalidError(
            f"{path.name} is not a readable bundle ({exc}).",
            code="bundle.unreadable",
            params={"path": path.name, "exc": exc},
        ) from exc
    raise BundleInvalidError(
        f"{path.name} has no manifest.json.",
        "Ask the sender to build it again.",
        code="bundle.no_manifest",
        params={"path": path.name},
    )
