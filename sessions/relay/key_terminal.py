"""The technician key on a terminal: its passphrase chosen (twice, like ssh-keygen) and typed (like ssh-add).

Used by `valuezone key` and `valuezone diagnose --code`.
"""

from __future__ import annotations

import asyncio
import getpass
import sys
from pathlib import Path
from typing import TextIO

from sessions import secrets
from sessions.errors import TechnicianKeyError
from sessions.relay.techkey import TechnicianKey, create_technician_key, default_key_path, read_technician_key
from sessions.relay.unlock import PassphraseAnswer, PassphraseQuestion, TechnicianKeyAccess
from sessions.ssh.terminal_prompt import is_interactive

NEW_PASSPHRASE_TRIES = 3
EMPTY_WARNING = (
    "Without a passphrase, anyone who can read {path} can log in to your relays as you "
    "(a stolen laptop or backup is enough)."
)


def _yes(question: str, stdin: TextIO, stderr: TextIO) -> bool:
    stderr.write(question)
    stderr.flush()
    return stdin.readline().strip().lower() in ("y", "yes")


def ask_new_passphrase(
    path: Path, *, stdin: TextIO | None = None, stderr: TextIO | None = None
) -> str | None:
    """A passphrase typed twice (no echo); "" only after the technician confirms the warning; None: gave up.

    Blocking: call it in a worker thread from async code.
    """
    stdin, stderr = stdin or sys.stdin, stderr or sys.stderr
    for _ in range(NEW_PASSPHRASE_TRIES):
        first = getpass.getpass(f"Enter a passphrase for the technician key {path} (empty for none): ")
        second = getpass.getpass("Enter the same passphrase again: ")
        if first != second:
            stderr.write("The passphrases do not match. Try again.\n")
            continue
        if first:
            return first
        stderr.write(EMPTY_WARNING.format(path=path) + "\n")
        if _yes("Keep the key without a passphrase? [y/N] ", stdin, stderr):
            return ""
    return None


def create_on_terminal(
    path: Path | None = None, *, choose: bool = False, out: TextIO | None = None
) -> TechnicianKey:
    """Make the technician key: a random passphrase in the keyring when there is one (unless *choose*),
    else one the technician types twice. Prints where it is and the public line for the administrator."""
    out = out or sys.stdout
    path = path or default_key_path()
    passphrase: str | None = None
    if choose or not secrets.keyring_available():
        if not is_interactive():
            raise TechnicianKeyError(
                "This computer has no keyring, so the technician key needs a passphrase you choose, and "
                "there is no terminal to type it on.",
                "Run `valuezone key new` on a terminal.",
                code="techkey.no_keyring_needs_passphrase",
            )
        passphrase = ask_new_passphrase(path)
        if passphrase is None:
            raise TechnicianKeyError(
                "No technician key was made: the passphrases did not match.",
                code="techkey.passphrases_differ",
            )
    key = create_technician_key(path, passphrase=passphrase)
    print_created(key, out)
    return key


def print_created(key: TechnicianKey, out: TextIO) -> None:
    out.write(
        f"Your technician key is {key.path} ({key.fingerprint}).\n"
        "Send this line to your relay's administrator, who adds it to the relay's technicians file:\n\n"
        f"{key.public_line}\n\n"
    )
    out.flush()


class TerminalKeyPrompt:
    """TechnicianKeyAccess's `ask` on a terminal: ssh-add's words, and AddKeysToAgent=ask's question."""

    def __init__(self, stdin: TextIO | None = None, stderr: TextIO | None = None) -> None:
        self.stdin = stdin or sys.stdin
        self.stderr = stderr or sys.stderr
        self._add: bool | None = None

    async def __call__(self, question: PassphraseQuestion) -> PassphraseAnswer | None:
        return await asyncio.to_thread(self._ask_blocking, question)

    def _ask_blocking(self, question: PassphraseQuestion) -> PassphraseAnswer | None:
        if question.attempt == 1:
            prompt = f"Enter passphrase for the technician key {question.path}: "
        else:
            prompt = (
                f"Bad passphrase, try again for {question.path} ({question.attempt} of {question.tries}): "
            )
        passphrase = getpass.getpass(prompt)
        if not passphrase:
            return None
        if question.can_add_to_agent and self._add is None:
            self._add = _yes(
                "Add it to your ssh-agent, so it is not asked again while the agent runs? [y/N] ",
                self.stdin,
                self.stderr,
            )
        return PassphraseAnswer(passphrase, add_to_agent=bool(self._add))


def access_for_terminal(path: Path | None = None, *, create: bool = False) -> TechnicianKeyAccess:
    """The technician key for a command-line run: asked on the terminal, or not at all without one.

    *create*: make the key first when there is none (on a terminal), printing its public line.
    """
    path = path or default_key_path()
    if create and read_technician_key(path) is None:
        sys.stdout.write("You have no technician key yet; making one now.\n")
        create_on_terminal(path)
    return TechnicianKeyAccess(path, ask=TerminalKeyPrompt() if is_interactive() else None)
