"""Credentials in OpenSSH's order: ssh-agent, the device's key file, default ~/.ssh keys, then a password.

Secrets come from the OS keyring (sessions.secrets) or from the person, through async callbacks; a
password or passphrase the person asked to save is stored only after it worked, and a saved one the
server (or the key file) refuses is deleted. A password is asked up to three times, like OpenSSH's
NumberOfPasswordPrompts; `on_password_refused` is told before each new try. Nothing here logs a secret.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import asyncssh

from sessions import secrets
from sessions.errors import AuthenticationError
from sessions.ssh.deadline import ConnectDeadline
from sessions.ssh.target import Target

log = logging.getLogger(__name__)

PASSWORD_KIND = "password"
PASSPHRASE_KIND = "passphrase"
DEFAULT_KEY_NAMES = ("id_ed25519", "id_ecdsa", "id_rsa", "id_ed448", "id_dsa")
PASSPHRASE_ATTEMPTS = 3
PASSWORD_TRIES = 3  # OpenSSH's NumberOfPasswordPrompts

AskPassword = Callable[[Target], Awaitable[tuple[str, bool] | None]]
AskPassphrase = Callable[[Path], Awaitable[tuple[str, bool] | None]]
PasswordRefused = Callable[[Target, int], None]


def password_name(target: Target) -> str:
    """The keyring name a target's password is filed under: `user@host:port`."""
    return target.display


def passphrase_name(key_file: Path) -> str:
    """The keyring name a key file's passphrase is filed under: its absolute path."""
    return str(key_file.expanduser().absolute())


def preload(target: Target) -> None:
    """Load the device's saved password and key passphrase, so the redactor knows them by value
    (sessions.secrets.held) even when a key logged in first and the password was never asked for.

    Blocking (a keyring lookup each): call it in a worker thread.
    """
    secrets.load(PASSWORD_KIND, password_name(target))
    if target.key_file is not None:
        secrets.load(PASSPHRASE_KIND, passphrase_name(target.key_file))


class Credentials:
    """How to authenticate: the same object can serve many connections.

    Args:
        ask_password: async `(target) -> (password, save) | None`; None means the user gave up.
        ask_passphrase: async `(key_file) -> (passphrase, save) | None` for an encrypted key file.
        use_agent: offer the keys of the ssh-agent at $SSH_AUTH_SOCK first.
        use_default_keys: offer unencrypted ~/.ssh/id_* keys (encrypted ones belong in the agent).
        keys: key pairs already unlocked (the technician key for the relay), offered before all else;
            `keys_label` names them in "tried: …".
        on_password_refused: `(target, refused_so_far)`, called before a password is asked again.
    """

    def __init__(
        self,
        ask_password: AskPassword | None = None,
        ask_passphrase: AskPassphrase | None = None,
        use_agent: bool = True,
        use_default_keys: bool = True,
        *,
        keys: Sequence[asyncssh.SSHKeyPair] = (),
        keys_label: str = "",
        on_password_refused: PasswordRefused | None = None,
    ) -> None:
        self.ask_password = ask_password
        self.ask_passphrase = ask_passphrase
        self.use_agent = use_agent
        self.use_default_keys = use_default_keys
        self.keys = tuple(keys)
        self.keys_label = keys_label or "given key"
        self.on_password_refused = on_password_refused

    def session(self, target: Target, deadline: ConnectDeadline | None = None) -> AuthSession:
        """The per-connection state that hands keys and passwords to asyncssh."""
        return AuthSession(self, target, deadline)


class AuthSession:
    """Authentication for one connection attempt; `tried` lists what was offered, for error messages."""

    def __init__(self, credentials: Credentials, target: Target, deadline: ConnectDeadline | None) -> None:
        self.credentials = credentials
        self.target = target
        self.deadline = deadline
        self.tried: list[str] = []
        self.passwords_refused = 0  # asked passwords the server said no to
        self._phases = ["given", "agent", "key_file", "default_keys"]
        self._keys: list[asyncssh.SSHKeyPair] = []
        self._agent: asyncssh.SSHAgentClient | None = None
        self._password_source = ""  # "", "saved", "asked", "done"
        self._to_save: str | None = None

    # --- public keys ---------------------------------------------------------------------------------
    async def next_key(self) -> asyncssh.SSHKeyPair | None:
        """The next key to offer, loading each source only when the previous one is used up."""
        while not self._keys and self._phases:
            phase = self._phases.pop(0)
            if phase == "given":
                self._load_given()
            elif phase == "agent":
                await self._load_agent()
            elif phase == "key_file":
                await self._load_key_file()
            else:
                self._load_default_keys()
        return self._keys.pop(0) if self._keys else None

    def _load_given(self) -> None:
        if self.credentials.keys:
            self._keys += self.credentials.keys
            self.tried.append(self.credentials.keys_label)

    async def _load_agent(self) -> None:
        path = os.environ.get("SSH_AUTH_SOCK", "")
        if not self.credentials.use_agent or not path:
            return
        try:
            self._agent = await asyncssh.connect_agent(path)
            keys = await self._agent.get_keys() if self._agent else []
        except (OSError, ValueError, asyncssh.Error) as exc:
            log.info("ssh-agent at %s is not usable: %s", path, exc)
            return
        self._keys += keys
        self.tried.append(f"ssh-agent ({len(keys)} key{'s' if len(keys) != 1 else ''})")

    async def _load_key_file(self) -> None:
        key_file = self.target.key_file
        if key_file is None:
            return
        pairs = await self._unlock(key_file)
        if pairs:
            self._keys += pairs
            self.tried.append(f"key file {key_file}")

    async def _unlock(self, key_file: Path) -> list[asyncssh.SSHKeyPair]:
        """Load *key_file*, asking for its passphrase if it is encrypted."""
        pairs = self._read_key(key_file, None)
        if pairs is not None:
            return pairs
        name = passphrase_name(key_file)
        saved = secrets.load(PASSPHRASE_KIND, name)
        if saved is not None:
            pairs = self._read_key(key_file, saved)
            if pairs is not None:
                return pairs
            log.info("the saved passphrase for %s no longer opens it; deleting it", key_file)
            secrets.delete(PASSPHRASE_KIND, name)
        for _ in range(PASSPHRASE_ATTEMPTS if self.credentials.ask_passphrase else 0):
            assert self.credentials.ask_passphrase is not None
            answer = await self._asking(self.credentials.ask_passphrase(key_file))
            if answer is None:
                break
            passphrase, save = answer
            pairs = self._read_key(key_file, passphrase)
            if pairs is not None:
                secrets.remember(passphrase)
                if save:
                    secrets.store(PASSPHRASE_KIND, name, passphrase)
                return pairs
            log.info("wrong passphrase for %s", key_file)
        self.tried.append(f"key file {key_file} (encrypted, not unlocked)")
        return []

    @staticmethod
    def _read_key(key_file: Path, passphrase: str | None) -> list[asyncssh.SSHKeyPair] | None:
        """The key pairs, or None when a (different) passphrase is needed."""
        try:
            return list(asyncssh.load_keypairs([str(key_file)], passphrase))
        except asyncssh.KeyEncryptionError:
            return None
        except (asyncssh.KeyImportError, OSError) as exc:
            if passphrase is None:
                try:  # tell "encrypted" apart from "unreadable" without parsing asyncssh's message
                    asyncssh.load_keypairs([str(key_file)], "\0")
                except asyncssh.KeyEncryptionError:
                    return None
                except (asyncssh.KeyImportError, OSError):
                    pass
            raise AuthenticationError(
                f"The key file {key_file} cannot be used ({exc}).",
                "Choose an OpenSSH, PEM or PKCS#8 private key file that you can read.",
                code="connect.key_unusable",
                params={"key_file": key_file, "exc": exc},
            ) from exc

    def _load_default_keys(self) -> None:
        if not self.credentials.use_default_keys:
            return
        folder = Path.home() / ".ssh"
        explicit = self.target.key_file.expanduser().absolute() if self.target.key_file else None
        for name in DEFAULT_KEY_NAMES:
            path = folder / name
            if not path.is_file() or path.absolute() == explicit:
                continue
            try:
                pairs = list(asyncssh.load_keypairs([str(path)], None))
            except (asyncssh.KeyImportError, asyncssh.KeyEncryptionError, OSError):
                log.debug("skipping %s: encrypted or unreadable (add it to ssh-agent to use it)", path)
                continue
            self._keys += pairs
            self.tried.append(f"key file ~/.ssh/{name}")

    # --- passwords -----------------------------------------------------------------------------------
    async def next_password(self) -> str | None:
        """The saved password first (deleted if refused), then up to PASSWORD_TRIES asked ones."""
        name = password_name(self.target)
        if self._password_source == "":
            saved = secrets.load(PASSWORD_KIND, name)
            if saved is not None:
                self._password_source = "saved"
                self.tried.append("password (saved)")
                return saved
        elif self._password_source == "saved":
            log.info("the saved password for %s was refused; deleting it", name)
            secrets.delete(PASSWORD_KIND, name)
        elif self._password_source == "asked":
            self.passwords_refused += 1
        if self._password_source == "done" or self.passwords_refused >= PASSWORD_TRIES:
            self._give_up_passwords()
            return None
        self._password_source = "asked"
        if self.credentials.ask_password is None:
            self._give_up_passwords()
            return None
        if self.passwords_refused and self.credentials.on_password_refused is not None:
            self.credentials.on_password_refused(self.target, self.passwords_refused)
        answer = await self._asking(self.credentials.ask_password(self.target))
        if answer is None:
            self._give_up_passwords()
            return None
        password, save = answer
        secrets.remember(password)  # redacted by value wherever it shows up in this run, saved or not
        if "password" not in self.tried:
            self.tried.append("password")
        self._to_save = password if save else None
        return password

    def _give_up_passwords(self) -> None:
        self._password_source = "done"
        self._to_save = None

    async def _asking(self, question: Awaitable[tuple[str, bool] | None]) -> tuple[str, bool] | None:
        if self.deadline is None:
            return await question
        async with self.deadline.paused():
            return await question

    # --- after the attempt ---------------------------------------------------------------------------
    def succeeded(self) -> None:
        """Authentication worked: save an asked password the user wanted kept."""
        if self._to_save is not None:
            secrets.store(PASSWORD_KIND, password_name(self.target), self._to_save)
            log.info("saved the password for %s in the keyring", password_name(self.target))
        self._to_save = None

    def close(self) -> None:
        """Forget secrets and close the agent connection."""
        self._to_save = None
        self._keys.clear()
        if self._agent is not None:
            self._agent.close()
            self._agent = None

    def describe_tried(self) -> str:
        tried = [
            f"password ({self.passwords_refused} tries)"
            if item == "password" and self.passwords_refused > 1
            else item
            for item in self.tried
        ]
        return ", ".join(tried) if tried else "no credential (none was available)"
