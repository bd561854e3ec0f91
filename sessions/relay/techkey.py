"""The technician's relay key: ed25519, created on first use, its passphrase kept in the OS keyring."""

from __future__ import annotations

import os
import secrets as pysecrets
import socket
from dataclasses import dataclass
from pathlib import Path

import asyncssh

from sessions import secrets
from sessions.errors import SecretStoreError
from sessions.paths import app_dirs
from sessions.ssh.auth import PASSPHRASE_KIND, passphrase_name

KEY_NAME = "technician_ed25519"


@dataclass(frozen=True, slots=True)
class TechnicianKey:
    """Where the key is and the public line to hand to the relay's administrator (no secret in here)."""

    path: Path
    public_line: str
    fingerprint: str
    created: bool


def default_key_path() -> Path:
    return app_dirs().data / KEY_NAME


def ensure_technician_key(path: Path | None = None, comment: str = "") -> TechnicianKey:
    """The technician's key at *path* (default: the data folder), created with a fresh passphrase if missing.

    The passphrase goes to the keyring under the key file's path, where the SSH client looks for it.
    """
    path = path or default_key_path()
    if path.exists():
        public = asyncssh.read_public_key(f"{path}.pub") if Path(f"{path}.pub").exists() else None
        if public is None:
            public = _load(path).convert_to_public()
        return TechnicianKey(path, _line(public), public.get_fingerprint("sha256"), False)
    comment = comment or f"Valuezone technician on {socket.gethostname()}"
    key = asyncssh.generate_private_key("ssh-ed25519", comment=comment)
    passphrase = pysecrets.token_urlsafe(32)
    in_keyring = secrets.store(PASSPHRASE_KIND, passphrase_name(path), passphrase)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key.export_private_key(passphrase=passphrase))
    Path(f"{path}.pub").write_bytes(key.export_public_key())
    if not in_keyring:
        secrets.take_fallback_notice()
    return TechnicianKey(path, _line(key), key.get_fingerprint("sha256"), True)


def _line(key: asyncssh.SSHKey) -> str:
    return key.export_public_key().decode().strip()


def _load(path: Path) -> asyncssh.SSHKey:
    passphrase = secrets.load(PASSPHRASE_KIND, passphrase_name(path))
    try:
        return asyncssh.read_private_key(path, passphrase)
    except (asyncssh.KeyEncryptionError, asyncssh.KeyImportError) as exc:
        raise SecretStoreError(
            f"The technician key {path} cannot be unlocked: its passphrase is not in the keyring.",
            f"Delete {path} and {path}.pub to create a new key, then send the new public key line "
            "to the relay's administrator.",
            code="secrets.technician_key_locked",
            params={"path": path},
        ) from exc


def load_technician_key(path: Path | None = None) -> asyncssh.SSHKey:
    """The unlocked private key (for code that talks to the relay without the SSH client's key search)."""
    return _load(path or default_key_path())
