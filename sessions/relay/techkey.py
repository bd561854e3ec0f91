"""The technician's relay key: ed25519 in the data folder, shared by the console and `diagnose --code`.

How its private half is protected depends on the computer:

- with an OS keyring, Valuezone makes a random passphrase and keeps it there (nothing to type);
- without one (a headless box), the technician chooses the passphrase when the key is made, and it is
  asked when the key is needed, like `ssh-add` (sessions/relay/unlock.py); an empty one is allowed
  only when chosen explicitly.

`<key>.json` beside the key records which (never the passphrase). A key from before that file has
`Protection.UNKNOWN`: Valuezone made it with a random passphrase meant for the keyring, so when the
keyring does not have it the key cannot be opened any more and `lost_passphrase_error` says what to
do (make a new key and send its public line to the relay's administrator).
"""

from __future__ import annotations

import enum
import json
import os
import secrets as pysecrets
import socket
import time
from dataclasses import dataclass
from pathlib import Path

import asyncssh

from sessions import secrets
from sessions.errors import TechnicianKeyError, TechnicianKeyLockedError
from sessions.paths import app_dirs
from sessions.ssh.agent import agent_holds
from sessions.ssh.auth import PASSPHRASE_KIND, passphrase_name

KDF_ROUNDS = 64  # bcrypt rounds of the OpenSSH key format (ssh-keygen -a; the bcrypt library warns below 50)


class Protection(enum.Enum):
    """How the private key file is protected (recorded in `<key>.json`)."""

    KEYRING = "keyring"  # a random passphrase, kept in the OS keyring
    PASSPHRASE = "passphrase"  # one the technician chose, asked when the key is needed
    NONE = "none"  # no passphrase: the technician chose that explicitly
    UNKNOWN = "unknown"  # made before this was recorded: a random passphrase meant for the keyring


@dataclass(frozen=True, slots=True)
class TechnicianKey:
    """Where the key is and the public line to hand to the relay's administrator (no secret in here)."""

    path: Path
    public_line: str
    fingerprint: str
    created: bool
    protection: Protection = Protection.UNKNOWN

    @property
    def public_data(self) -> bytes:
        return bytes(asyncssh.import_public_key(self.public_line).public_data)


def default_key_path() -> Path:
    return app_dirs().technician_key


def _about_file(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _protection(path: Path) -> Protection:
    try:
        return Protection(json.loads(_about_file(path).read_text(encoding="utf-8"))["protection"])
    except (OSError, ValueError, KeyError, TypeError):
        return Protection.UNKNOWN


def read_technician_key(path: Path | None = None) -> TechnicianKey | None:
    """The key at *path* (default: the data folder) without opening its private half; None if missing."""
    path = path or default_key_path()
    if not path.exists():
        return None
    pub = Path(f"{path}.pub")
    try:
        public = asyncssh.read_public_key(pub) if pub.exists() else asyncssh.read_private_key(path)
    except (asyncssh.KeyImportError, asyncssh.KeyEncryptionError, OSError, ValueError) as exc:
        raise TechnicianKeyError(
            f"The technician key {path} cannot be read ({exc}).",
            "Create a new key (Join by code ▸ Create a new key, or `valuezone key new --replace`) and send "
            "its public line to the relay's administrator.",
            code="techkey.unreadable",
            params={"path": path, "exc": exc},
        ) from exc
    return TechnicianKey(path, _line(public), public.get_fingerprint("sha256"), False, _protection(path))


def create_technician_key(
    path: Path | None = None, *, passphrase: str | None = None, comment: str = ""
) -> TechnicianKey:
    """Make a new key at *path* (which must not exist).

    *passphrase* None: a random one, kept in the OS keyring (TechnicianKeyError when there is none);
    "" : no passphrase (the technician chose that); otherwise the technician's own.
    """
    path = path or default_key_path()
    if passphrase is None:
        if not secrets.keyring_available():
            raise TechnicianKeyError(
                "This computer has no keyring to keep the technician key's passphrase in.",
                "Choose a passphrase for the key; it is asked when the key is needed.",
                code="techkey.no_keyring",
            )
        protection, passphrase = Protection.KEYRING, pysecrets.token_urlsafe(32)
    else:
        protection = Protection.PASSPHRASE if passphrase else Protection.NONE
    comment = comment or f"Valuezone technician on {socket.gethostname()}"
    key = asyncssh.generate_private_key("ssh-ed25519", comment=comment)
    if protection is Protection.KEYRING and not secrets.store(
        PASSPHRASE_KIND, passphrase_name(path), passphrase
    ):
        raise TechnicianKeyError(
            "The keyring did not keep the technician key's passphrase.", code="techkey.keyring_did_not_keep"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key.export_private_key(passphrase=passphrase or None, rounds=KDF_ROUNDS))
    Path(f"{path}.pub").write_bytes(key.export_public_key())
    about = {"protection": protection.value, "created": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    _about_file(path).write_text(json.dumps(about) + "\n", encoding="utf-8")
    if passphrase:
        secrets.remember(passphrase)
    remember_unlocked(path, key)
    return TechnicianKey(path, _line(key), key.get_fingerprint("sha256"), True, protection)


def replace_technician_key(
    path: Path | None = None, *, passphrase: str | None = None, comment: str = ""
) -> TechnicianKey:
    """A new key in place of the old one, which is kept beside it as `<key>.old-<time>` (and its .pub)."""
    path = path or default_key_path()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for suffix in ("", ".pub", ".json"):
        old = Path(f"{path}{suffix}")
        if old.exists():
            old.replace(Path(f"{path}.old-{stamp}{suffix}"))
    forget_unlocked(path)
    secrets.delete(PASSPHRASE_KIND, passphrase_name(path))
    return create_technician_key(path, passphrase=passphrase, comment=comment)


def ensure_technician_key(
    path: Path | None = None, comment: str = "", *, passphrase: str | None = None
) -> TechnicianKey:
    """The key at *path*, made with `create_technician_key(passphrase=…)` when missing."""
    existing = read_technician_key(path)
    if existing is not None:
        return existing
    return create_technician_key(path, passphrase=passphrase, comment=comment)


def _line(key: asyncssh.SSHKey) -> str:
    return key.export_public_key().decode().strip()


# --- the unlocked key, in this process's memory for this run ---------------------------------------------
_unlocked: dict[Path, asyncssh.SSHKey] = {}


def remember_unlocked(path: Path, key: asyncssh.SSHKey) -> None:
    """Keep the opened key for the rest of this run (never written anywhere)."""
    _unlocked[path.absolute()] = key


def unlocked(path: Path) -> asyncssh.SSHKey | None:
    return _unlocked.get(path.absolute())


def forget_unlocked(path: Path | None = None) -> None:
    """Drop the opened key (all of them without *path*): the passphrase is asked again when needed."""
    if path is None:
        _unlocked.clear()
    else:
        _unlocked.pop(path.absolute(), None)


def open_without_asking(key: TechnicianKey) -> asyncssh.SSHKey | None:
    """The private key from this run's memory, with no passphrase, or with the keyring's; else None.

    Blocking (a key derivation when the keyring's passphrase is used): call it in a worker thread.
    """
    cached = unlocked(key.path)
    if cached is not None:
        return cached
    private = _try_open(key.path, None)
    if private is None:
        saved = secrets.load(PASSPHRASE_KIND, passphrase_name(key.path))
        private = _try_open(key.path, saved) if saved is not None else None
    if private is not None:
        remember_unlocked(key.path, private)
    return private


def _try_open(path: Path, passphrase: str | None) -> asyncssh.SSHKey | None:
    """The private key, or None when *passphrase* (None: no passphrase) does not open it."""
    try:
        return asyncssh.read_private_key(path, passphrase)
    except (asyncssh.KeyImportError, asyncssh.KeyEncryptionError):
        return None


def lost_passphrase_error(key: TechnicianKey) -> TechnicianKeyLockedError:
    """The key's random passphrase is gone (no keyring, or not in it): what happened and what to do."""
    return TechnicianKeyLockedError(
        f"The technician key {key.path} ({key.fingerprint}) cannot be opened any more: Valuezone made it "
        "with a random passphrase for the system keyring, and the keyring does not have it (this computer "
        "has no keyring, or it was reset).",
        "Create a new key (Join by code ▸ Create a new key, or `valuezone key new --replace`), then send "
        "its public key line to the relay's administrator, who lists it instead of the old one. If the "
        "keyring is only locked, unlock it and try again.",
        code="techkey.passphrase_lost",
        params={"path": key.path, "fingerprint": key.fingerprint},
    )


def load_technician_key(path: Path | None = None) -> asyncssh.SSHKey:
    """The unlocked private key without asking anyone (memory, no passphrase, keyring); for record seals.

    Raises TechnicianKeyError when the key is missing or needs a passphrase nobody has given in this run.
    Blocking: call it in a worker thread.
    """
    key = read_technician_key(path)
    if key is None:
        raise TechnicianKeyError(
            f"There is no technician key at {path or default_key_path()}.",
            code="techkey.missing",
            params={"path": path or default_key_path()},
        )
    private = open_without_asking(key)
    if private is not None:
        return private
    if key.protection in (Protection.KEYRING, Protection.UNKNOWN):
        raise lost_passphrase_error(key)
    raise TechnicianKeyError(
        f"The technician key {key.path} is locked: its passphrase has not been typed in this run.",
        "It is asked when you join a session by code.",
        code="techkey.locked",
        params={"path": key.path},
    )


def passphrase_lost(key: TechnicianKey) -> bool:
    """True when nothing on this computer can open *key* any more (see lost_passphrase_error).

    Quick (no key derivation): for dialogs. The ssh-agent is asked too: a key it holds still works.
    """
    if key.protection not in (Protection.KEYRING, Protection.UNKNOWN) or unlocked(key.path) is not None:
        return False
    if _try_open(key.path, None) is not None:
        return False
    if secrets.load(PASSPHRASE_KIND, passphrase_name(key.path)) is not None:
        return False
    return not agent_holds(key.public_data)
