"""The technician's signature over a finished record: an OpenSSH SSHSIG (``ssh-keygen -Y sign`` format).

At the end of a session the console signs a short text naming the session and the hash of its sealed
``session.ended`` line with the technician's ed25519 key, namespace ``valuezone-record``, and writes
the armored signature to ``seal.sig`` in the record folder. Anyone can check it with OpenSSH::

    valuezone verify --seal-message RECORD > message
    ssh-keygen -Y verify -f allowed_signers -I kim -n valuezone-record -s RECORD/seal.sig < message

The wire format is OpenSSH's PROTOCOL.sshsig; asyncssh's key objects do the signing arithmetic.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SEAL_FILE = "seal.sig"
NAMESPACE = "valuezone-record"
_MAGIC = b"SSHSIG"
_VERSION = 1
_HASH = b"sha512"
_BEGIN = "-----BEGIN SSH SIGNATURE-----"
_END = "-----END SSH SIGNATURE-----"
MAX_SEAL_BYTES = 64 * 1024


def seal_message(session_id: str, count: int, last_hash: str) -> bytes:
    """The text a seal signs: the session, how many events the sealed chain has, and its last hash."""
    text = f"valuezone-record/1 seal\nsession_id {session_id}\nevents {count}\nlast_hash {last_hash}\n"
    return text.encode()


def _string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def _signed_data(message: bytes) -> bytes:
    digest = hashlib.sha512(message).digest()
    return _MAGIC + _string(NAMESPACE.encode()) + _string(b"") + _string(_HASH) + _string(digest)


def _armor(blob: bytes) -> bytes:
    text = base64.b64encode(blob).decode("ascii")
    lines = [text[i : i + 70] for i in range(0, len(text), 70)]
    return "\n".join([_BEGIN, *lines, _END, ""]).encode("ascii")


class Sealer:
    """Signs seal messages with one private key (the technician's, unlocked for the session)."""

    def __init__(self, key: Any) -> None:
        self._key = key
        self.fingerprint: str = key.get_fingerprint("sha256")

    def sign(self, message: bytes) -> bytes:
        """The armored SSHSIG of *message* in the valuezone-record namespace."""
        algorithm = self._key.sig_algorithms[0]
        signature = self._key.sign(_signed_data(message), algorithm)
        blob = (
            _MAGIC
            + struct.pack(">I", _VERSION)
            + _string(self._key.public_data)
            + _string(NAMESPACE.encode())
            + _string(b"")
            + _string(_HASH)
            + _string(signature)
        )
        return _armor(blob)


def technician_seal_key() -> Any | None:
    """The technician's key to sign records with, when the console has one (never creates one).

    The key is created on the first session by code (sessions/relay/techkey.py); before that, records
    are not signed. SecretStoreError when the key exists but its passphrase is not in the keyring.
    """
    from sessions.relay.techkey import default_key_path, load_technician_key

    path = default_key_path()
    return load_technician_key(path) if path.exists() else None


def write_seal(folder: Path, signature: bytes) -> None:
    """Write seal.sig atomically (a temporary file renamed over it)."""
    tmp = folder / f".{SEAL_FILE}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(signature)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
    os.replace(tmp, folder / SEAL_FILE)


@dataclass(frozen=True, slots=True)
class SealCheck:
    """A signature that checked out: which key made it (SHA256 fingerprint, public key line)."""

    fingerprint: str
    public_line: str


class SealError(ValueError):
    """seal.sig is malformed or does not sign the given message; ``str()`` says why."""


def _unarmor(data: bytes) -> bytes:
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError as exc:
        raise SealError("seal.sig is not an armored SSH signature (it is not ASCII)") from exc
    lines = [line.strip() for line in text.strip().splitlines()]
    if len(lines) < 3 or lines[0] != _BEGIN or lines[-1] != _END:
        raise SealError(f"seal.sig does not start with {_BEGIN} and end with {_END}")
    try:
        return base64.b64decode("".join(lines[1:-1]), validate=True)
    except ValueError as exc:
        raise SealError("seal.sig's signature is not valid base64") from exc


class _Reader:
    def __init__(self, blob: bytes) -> None:
        self.blob, self.pos = blob, 0

    def take(self, size: int) -> bytes:
        if self.pos + size > len(self.blob):
            raise SealError("seal.sig's signature is cut short")
        part = self.blob[self.pos : self.pos + size]
        self.pos += size
        return part

    def string(self) -> bytes:
        (size,) = struct.unpack(">I", self.take(4))
        return self.take(size)


def check_seal(data: bytes, message: bytes) -> SealCheck:
    """Check the armored SSHSIG *data* over *message*; SealError when it does not hold."""
    import asyncssh
    from asyncssh.public_key import decode_ssh_public_key

    reader = _Reader(_unarmor(data))
    if reader.take(6) != _MAGIC or struct.unpack(">I", reader.take(4))[0] != _VERSION:
        raise SealError("seal.sig is not an SSHSIG version 1 signature")
    public_data, namespace = reader.string(), reader.string()
    reader.string()  # reserved
    hash_name, signature = reader.string(), reader.string()
    if reader.pos != len(reader.blob):
        raise SealError("seal.sig has bytes after its signature")
    if namespace != NAMESPACE.encode():
        raise SealError(f"seal.sig was made for namespace {namespace!r}, not {NAMESPACE!r}")
    if hash_name not in (b"sha512", b"sha256"):
        raise SealError(f"seal.sig uses the unknown hash {hash_name!r}")
    try:
        key = decode_ssh_public_key(public_data)
    except (asyncssh.KeyImportError, ValueError) as exc:
        raise SealError("seal.sig names a public key that cannot be read") from exc
    digest = hashlib.new(hash_name.decode(), message).digest()
    signed = _MAGIC + _string(namespace) + _string(b"") + _string(hash_name) + _string(digest)
    try:
        valid = key.verify(signed, signature)
    except (ValueError, asyncssh.Error):
        valid = False
    if not valid:
        raise SealError("seal.sig does not sign this record's sealed chain")
    return SealCheck(key.get_fingerprint("sha256"), key.export_public_key().decode().strip())


def key_fingerprints(lines: str) -> dict[str, str]:
    """SHA256 fingerprint -> name for an authorized_keys-style list (the relay's technicians file).

    Lines may carry OpenSSH options before the key type; the comment is the name. Unreadable lines are
    skipped (a technicians file has comments and blank lines).
    """
    import asyncssh

    known: dict[str, str] = {}
    for raw in lines.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        for start in range(len(parts)):
            if parts[start].startswith(("ssh-", "ecdsa-", "sk-")) and start + 1 < len(parts):
                try:
                    key = asyncssh.import_public_key(" ".join(parts[start : start + 2]))
                except (asyncssh.KeyImportError, ValueError):
                    break
                known[key.get_fingerprint("sha256")] = " ".join(parts[start + 2 :])
                break
    return known
