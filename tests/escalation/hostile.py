"""Hostile bundles, built by hand as an attacker (or a broken tool) would: bombs, repeated and long names."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
import uuid
from pathlib import Path

from sessions.escalation.manifest import FORMAT, MANIFEST, VERSION

BLOCK = 16 << 20  # one gzip member of zeros: 16 MB unpacked, about 16 KB packed
_ZEROS: bytes | None = None


def _zeros_member() -> bytes:
    global _ZEROS
    if _ZEROS is None:
        _ZEROS = gzip.compress(bytes(BLOCK), 9)
    return _ZEROS


def manifest_bytes(files: list[tuple[str, bytes]], bundle_id: str) -> bytes:
    """A manifest listing *files* with their true sizes and hashes (the last copy of a repeated name)."""
    listed = {name: data for name, data in files}
    entries = [
        {"path": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest(), "redactions": {}}
        for n, d in listed.items()
    ]
    manifest = {
        "format": FORMAT, "version": VERSION, "bundle_id": bundle_id, "ticket": "T-666",
        "device": {}, "technician": "mallory", "created": "2026-01-01T00:00:00Z", "files": entries,
        "redactions": {}, "notes": [],
    }  # fmt: skip
    return json.dumps(manifest).encode()


def _member(name: str, data: bytes) -> bytes:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    padding = -len(data) % tarfile.BLOCKSIZE
    return info.tobuf(format=tarfile.PAX_FORMAT) + data + bytes(padding)


def craft(path: Path, files: list[tuple[str, bytes]], bundle_id: str = "") -> Path:
    """A bundle holding exactly *files* (names written as given) and a manifest that matches them."""
    bundle_id = bundle_id or uuid.uuid4().hex
    stream = io.BytesIO()
    stream.write(_member(MANIFEST, manifest_bytes(files, bundle_id)))
    for name, data in files:
        stream.write(_member(name, data))
    stream.write(bytes(2 * tarfile.BLOCKSIZE))
    path.write_bytes(gzip.compress(stream.getvalue()))
    return path


def bomb_one_member(path: Path, unpacked: int = 10 << 30) -> Path:
    """One file of *unpacked* bytes of zeros (10 GB by default) in about unpacked/1000 bytes of gzip."""
    bundle_id = uuid.uuid4().hex
    head = _member(MANIFEST, manifest_bytes([("logs/zeros", b"")], bundle_id))
    info = tarfile.TarInfo("logs/zeros")
    info.size = unpacked
    with path.open("wb") as out:
        out.write(gzip.compress(head + info.tobuf(format=tarfile.PAX_FORMAT)))
        for _ in range(unpacked // BLOCK):
            out.write(_zeros_member())
    return path


def bomb_many_members(path: Path, unpacked: int = 10 << 30) -> Path:
    """Files of 16 MB of zeros each, *unpacked* bytes in all: no single header looks large."""
    bundle_id = uuid.uuid4().hex
    names = [f"logs/zeros{n:04d}" for n in range(unpacked // BLOCK)]
    with path.open("wb") as out:
        out.write(gzip.compress(_member(MANIFEST, manifest_bytes([], bundle_id))))
        for name in names:
            info = tarfile.TarInfo(name)
            info.size = BLOCK
            out.write(gzip.compress(info.tobuf(format=tarfile.PAX_FORMAT)))
            out.write(_zeros_member())
    return path


def _pax(value_bytes: int) -> bytes:
    """An extended (pax) header holding one `comment` record of *value_bytes* bytes."""
    body = b"comment=" + b"x" * value_bytes + b"\n"
    length = len(body) + 1
    while len(record := f"{length} ".encode() + body) != length:
        length = len(record)
    info = tarfile.TarInfo("././@PaxHeader")
    info.type = tarfile.XHDTYPE
    info.size = len(record)
    return info.tobuf(format=tarfile.USTAR_FORMAT) + record + bytes(-len(record) % tarfile.BLOCKSIZE)


def bomb_in_headers(path: Path, unpacked: int = 10 << 30, header: int = 15 << 20) -> Path:
    """Empty files, each after an extended header of *header* bytes: the files declare nothing, the
    headers unpack to *unpacked* bytes."""
    bundle_id = uuid.uuid4().hex
    packed = gzip.compress(_pax(header), 9)
    with path.open("wb") as out:
        out.write(gzip.compress(_member(MANIFEST, manifest_bytes([], bundle_id))))
        for n in range(unpacked // header):
            out.write(packed)
            out.write(gzip.compress(_member(f"logs/empty{n:05d}", b"")))
    return path


def header_chain(path: Path, headers: int = 5000) -> Path:
    """One file after *headers* small extended headers in a row."""
    bundle_id = uuid.uuid4().hex
    stream = _member(MANIFEST, manifest_bytes([("logs/a", b"")], bundle_id))
    stream += _pax(8) * headers + _member("logs/a", b"") + bytes(2 * tarfile.BLOCKSIZE)
    path.write_bytes(gzip.compress(stream))
    return path


def bundle_id_of(bundle: Path) -> str:
    """The id in a bundle's manifest (the first member), read without any of the receiver's checks."""
    with gzip.open(bundle) as raw, tarfile.open(fileobj=raw, mode="r|") as tar:
        member = next(iter(tar))
        handle = tar.extractfile(member)
        assert handle is not None
        return str(json.loads(handle.read())["bundle_id"])
