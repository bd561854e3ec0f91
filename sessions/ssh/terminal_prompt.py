"""Host-key questions and passwords on a text terminal, so every connecting CLI command behaves like ssh.

On an interactive terminal an unknown key is asked about in OpenSSH's words; without a terminal the
connection is refused with the fingerprint and the `--accept-new` flag to use. Input is read in a
worker thread so the event loop keeps running.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from pathlib import Path
from typing import TextIO

from sessions.errors import HostKeyUnknownError
from sessions.ssh.auth import Credentials
from sessions.ssh.hostkeys import HostKeyQuestion, HostKeyTrust
from sessions.ssh.target import Target


def is_interactive(stdin: TextIO | None = None) -> bool:
    """True when a person can answer on this terminal."""
    stream = stdin or sys.stdin
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def prompt_text(question: HostKeyQuestion) -> str:
    """OpenSSH's first-contact message and question."""
    lines = [
        f"The authenticity of host '{question.host_display}' can't be established.",
        f"{question.key_type} key fingerprint is {question.fingerprint}.",
    ]
    if question.old_location:
        lines.append(
            f"Keys of another type are already known for this host "
            f"({question.old_location}: {question.old_fingerprint})."
        )
    lines.append("Are you sure you want to continue connecting (yes/no/[fingerprint])? ")
    return "\n".join(lines)


def refusal(question: HostKeyQuestion) -> HostKeyUnknownError:
    """The error for a non-interactive run that meets an unknown key."""
    return HostKeyUnknownError(
        f"The authenticity of host '{question.host_display}' can't be established: "
        f"{question.key_type} key fingerprint is {question.fingerprint}.",
        "No terminal to ask on. Check the fingerprint with the customer, then re-run with --accept-new "
        "to trust it on first use.",
        fingerprint=question.fingerprint,
        code="hostkey.unknown_batch",
        params={
            "host_display": question.host_display,
            "key_type": question.key_type,
            "fingerprint": question.fingerprint,
        },
    )


class TerminalHostKeyPrompt:
    """An `ask` callback for HostKeyTrust that talks to the terminal (or refuses without one)."""

    def __init__(self, stdin: TextIO | None = None, stderr: TextIO | None = None) -> None:
        self.stdin = stdin or sys.stdin
        self.stderr = stderr or sys.stderr

    async def __call__(self, question: HostKeyQuestion) -> bool:
        if not is_interactive(self.stdin):
            raise refusal(question)
        return await asyncio.to_thread(self._ask_blocking, question)

    def _read(self, prompt: str) -> str | None:
        self.stderr.write(prompt)
        self.stderr.flush()
        line = self.stdin.readline()
        return line.strip() if line else None

    def _ask_blocking(self, question: HostKeyQuestion) -> bool:
        answer = self._read(prompt_text(question))
        while True:
            if answer is None or answer.lower() == "no":
                return False
            if answer.lower() == "yes" or answer == question.fingerprint:
                return True
            if answer.startswith("SHA256:"):
                self.stderr.write("Warning: the fingerprint you entered does not match the host's key.\n")
                return False
            answer = self._read("Please type 'yes', 'no' or the fingerprint: ")


async def ask_password_on_terminal(target: Target) -> tuple[str, bool] | None:
    """Read a password without echo (never saved from the command line)."""
    if not is_interactive():
        return None
    password = await asyncio.to_thread(getpass.getpass, f"{target.display}'s password: ")
    return (password, False) if password else None


async def ask_passphrase_on_terminal(key_file: Path) -> tuple[str, bool] | None:
    """Read a key passphrase without echo (never saved from the command line)."""
    if not is_interactive():
        return None
    passphrase = await asyncio.to_thread(getpass.getpass, f"Enter passphrase for key '{key_file}': ")
    return (passphrase, False) if passphrase else None


def add_connect_options(parser: argparse.ArgumentParser) -> None:
    """Add `--accept-new` and `-i KEYFILE`, the options every connecting command shares."""
    parser.add_argument(
        "--accept-new",
        action="store_true",
        help="trust an unknown host key on first use (like StrictHostKeyChecking=accept-new); "
        "a changed key is still refused",
    )
    parser.add_argument(
        "-i",
        dest="key_file",
        metavar="KEYFILE",
        type=Path,
        default=None,
        help="private key file to log in with",
    )


def _notify(message: str) -> None:
    print(message, file=sys.stderr)


def trust_from_args(args: argparse.Namespace) -> HostKeyTrust:
    """The host-key policy for a CLI run: ask on a terminal, refuse without one, or --accept-new."""
    return HostKeyTrust(
        ask=TerminalHostKeyPrompt(), accept_new=bool(getattr(args, "accept_new", False)), notify=_notify
    )


def _password_refused(target: Target, refused: int) -> None:
    print("Permission denied, please try again.", file=sys.stderr)  # OpenSSH's words


def credentials_from_args(args: argparse.Namespace) -> Credentials:
    """Agent, keys, then a password from the terminal, three tries (the key file travels in the Target)."""
    return Credentials(
        ask_password=ask_password_on_terminal,
        ask_passphrase=ask_passphrase_on_terminal,
        on_password_refused=_password_refused,
    )


def target_from_args(spec: str, args: argparse.Namespace) -> Target:
    """Parse `[user@]host[:port]` and attach `-i KEYFILE`."""
    return Target.parse(spec, key_file=getattr(args, "key_file", None))
