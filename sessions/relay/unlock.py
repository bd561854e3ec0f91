"""Opening the technician key when it is needed: ssh-agent, this run's memory, the keyring, or the technician.

The order is what ssh users expect: a key the ssh-agent holds is used with no question; a key opened
earlier in this run is used again; a passphrase in the OS keyring opens it; otherwise the technician is
asked (three tries, like ssh), and may add the key to the ssh-agent (like `ssh-add`) or, with a keyring,
save the passphrase there. A key whose random passphrase is lost raises TechnicianKeyLockedError with
what to do. The passphrase is never logged, never written to a file; the opened key stays in this
process's memory for the rest of the run.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import asyncssh

from sessions import secrets
from sessions.errors import SupportError, TechnicianKeyError
from sessions.relay.techkey import (
    Protection,
    TechnicianKey,
    default_key_path,
    lost_passphrase_error,
    open_without_asking,
    read_technician_key,
    remember_unlocked,
)
from sessions.ssh.agent import add_to_agent, agent_running, find_in_agent
from sessions.ssh.auth import PASSPHRASE_KIND, passphrase_name

log = logging.getLogger(__name__)
PASSPHRASE_TRIES = 3


@dataclass(frozen=True, slots=True)
class PassphraseQuestion:
    """What the technician is asked: which key, which try, and which offers to show. No secret."""

    path: Path
    fingerprint: str
    attempt: int  # 1, 2, 3
    tries: int
    can_add_to_agent: bool  # an ssh-agent is running
    can_save: bool  # a keyring is available


@dataclass(frozen=True, slots=True)
class PassphraseAnswer:
    passphrase: str
    add_to_agent: bool = False
    save: bool = False


AskPassphrase = Callable[[PassphraseQuestion], Awaitable[PassphraseAnswer | None]]


@dataclass
class OfferedKey:
    """The technician key ready to sign a login: from the ssh-agent or opened here."""

    key: TechnicianKey
    pair: asyncssh.SSHKeyPair
    source: str  # "ssh-agent" or "key file"
    agent: asyncssh.SSHAgentClient | None = None

    @property
    def label(self) -> str:
        return f"technician key {self.key.fingerprint} ({self.source})"

    def close(self) -> None:
        """Close the agent connection (once the login is done)."""
        if self.agent is not None:
            self.agent.close()
            self.agent = None


class TechnicianKeyAccess:
    """Opens the technician key at *path* (default: the data folder); `ask` None: nobody can answer."""

    def __init__(
        self, path: Path | None = None, *, ask: AskPassphrase | None = None, use_agent: bool = True
    ) -> None:
        self.path = path or default_key_path()
        self.ask = ask
        self.use_agent = use_agent

    def describe(self) -> TechnicianKey:
        """The key's public facts; TechnicianKeyError when there is none."""
        key = read_technician_key(self.path)
        if key is None:
            raise TechnicianKeyError(
                f"There is no technician key at {self.path} yet.",
                "Create it (Join by code in the console, or `valuezone key new`), then send its public key "
                "line to the relay's administrator.",
                code="techkey.not_made_yet",
                params={"path": self.path},
            )
        return key

    async def open(self) -> OfferedKey:
        """The key to log in to the relay with (see the module docstring for the order)."""
        key = self.describe()
        if self.use_agent:
            found = await find_in_agent(key.public_data)
            if found is not None:
                agent, pair = found
                log.info("the technician key %s is in the ssh-agent", key.fingerprint)
                return OfferedKey(key, pair, "ssh-agent", agent)
        private = await asyncio.to_thread(open_without_asking, key)
        if private is None:
            private = await self._ask(key)
        return OfferedKey(key, asyncssh.load_keypairs([private])[0], "key file")

    async def _ask(self, key: TechnicianKey) -> asyncssh.SSHKey:
        if key.protection in (Protection.KEYRING, Protection.UNKNOWN):
            raise lost_passphrase_error(key)
        if self.ask is None:
            raise TechnicianKeyError(
                f"The technician key {key.path} needs its passphrase, and there is nobody to ask here.",
                f"Add it to your ssh-agent first (`ssh-add {key.path}`), or run this on a terminal.",
                code="techkey.nobody_to_ask",
                params={"path": key.path},
            )
        can_add = self.use_agent and await agent_running()
        for attempt in range(1, PASSPHRASE_TRIES + 1):
            question = PassphraseQuestion(
                key.path, key.fingerprint, attempt, PASSPHRASE_TRIES, can_add, secrets.keyring_available()
            )
            answer = await self.ask(question)
            if answer is None:
                raise TechnicianKeyError(
                    "The technician key was not unlocked, so nothing was sent to the relay.",
                    "Join again and type the key's passphrase.",
                    code="techkey.not_unlocked",
                )
            private = await asyncio.to_thread(_decrypt, key.path, answer.passphrase)
            if private is not None:
                await self._keep(key, private, answer)
                return private
            log.info("wrong passphrase for the technician key (try %d of %d)", attempt, PASSPHRASE_TRIES)
        raise TechnicianKeyError(
            f"The passphrase for the technician key {key.path} was wrong {PASSPHRASE_TRIES} times.",
            "Try again with the passphrase you chose when the key was made. If it is forgotten, create a "
            "new key (`valuezone key new --replace`) and send its public line to the relay's administrator.",
            code="techkey.passphrase_wrong",
            params={"path": key.path, "tries": PASSPHRASE_TRIES},
        )

    async def _keep(self, key: TechnicianKey, private: asyncssh.SSHKey, answer: PassphraseAnswer) -> None:
        secrets.remember(answer.passphrase)
        remember_unlocked(key.path, private)
        if answer.save and secrets.keyring_available():
            secrets.store(PASSPHRASE_KIND, passphrase_name(key.path), answer.passphrase)
        if answer.add_to_agent:
            try:
                await add_to_agent(private)
            except SupportError as exc:  # the key is open for this run anyway
                log.warning("could not add the technician key to the ssh-agent: %s", exc)


def _decrypt(path: Path, passphrase: str) -> asyncssh.SSHKey | None:
    try:
        return asyncssh.read_private_key(path, passphrase)
    except (asyncssh.KeyEncryptionError, asyncssh.KeyImportError):
        return None
