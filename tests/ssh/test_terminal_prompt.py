"""The CLI's host-key prompt: OpenSSH's words on a terminal, a refusal naming --accept-new without one."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest

from sessions.errors import HostKeyUnknownError
from sessions.ssh.client import connect
from sessions.ssh.hostkeys import HostKeyQuestion, HostKeyTrust
from sessions.ssh.target import Target
from sessions.ssh.terminal_prompt import (
    TerminalHostKeyPrompt,
    add_connect_options,
    target_from_args,
    trust_from_args,
)
from tests.sshd import Sshd


class TtyInput(io.StringIO):
    """Typed answers on something that claims to be a terminal."""

    def isatty(self) -> bool:
        return True


QUESTION = HostKeyQuestion("127.0.0.1", 2222, "ED25519", "SHA256:abcDEF0123")


async def test_non_interactive_refusal_names_fingerprint_and_flag(
    sshd: Sshd, key_target: Target, known_hosts: Path
) -> None:
    trust = HostKeyTrust(known_hosts=known_hosts, ask=TerminalHostKeyPrompt(stdin=io.StringIO()))
    with pytest.raises(HostKeyUnknownError) as caught:
        await connect(key_target, trust=trust)
    text = str(caught.value)
    assert text.startswith(f"The authenticity of host '[127.0.0.1]:{sshd.port}' can't be established")
    assert f"ED25519 key fingerprint is {sshd.fingerprint()}" in text
    assert "re-run with --accept-new" in text
    assert not known_hosts.exists()


async def test_interactive_yes_prints_openssh_prompt() -> None:
    err = io.StringIO()
    assert await TerminalHostKeyPrompt(stdin=TtyInput("yes\n"), stderr=err)(QUESTION)
    assert err.getvalue() == (
        "The authenticity of host '[127.0.0.1]:2222' can't be established.\n"
        "ED25519 key fingerprint is SHA256:abcDEF0123.\n"
        "Are you sure you want to continue connecting (yes/no/[fingerprint])? "
    )


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [
        ("no\n", False),
        ("", False),
        ("maybe\nyes\n", True),
        ("SHA256:abcDEF0123\n", True),
        ("SHA256:x\n", False),
    ],
)
async def test_interactive_answers(typed: str, accepted: bool) -> None:
    err = io.StringIO()
    assert await TerminalHostKeyPrompt(stdin=TtyInput(typed), stderr=err)(QUESTION) is accepted
    if typed.startswith("maybe"):
        assert "Please type 'yes', 'no' or the fingerprint: " in err.getvalue()


def test_argparse_helper() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("destination")
    add_connect_options(parser)
    args = parser.parse_args(["--accept-new", "-i", "/keys/id", "admin@nas:2222"])
    trust = trust_from_args(args)
    assert trust.accept_new and isinstance(trust.ask, TerminalHostKeyPrompt)
    assert target_from_args(args.destination, args) == Target("nas", 2222, "admin", Path("/keys/id"))
    assert not trust_from_args(parser.parse_args(["nas"])).accept_new
