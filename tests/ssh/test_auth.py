"""Authentication against the real sshd: keys, passphrases, passwords asked, saved, refused and deleted."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from sessions import secrets
from sessions.errors import AuthenticationError
from sessions.ssh.auth import Credentials
from sessions.ssh.client import connect
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from tests.sshd import Sshd, keygen, run_sshd


class PasswordAsker:
    """An `ask_password` callback giving the answers it was handed, in order."""

    def __init__(self, *answers: tuple[str, bool] | None) -> None:
        self.answers = list(answers)
        self.asked: list[Target] = []

    async def __call__(self, target: Target) -> tuple[str, bool] | None:
        self.asked.append(target)
        return self.answers.pop(0) if self.answers else None


async def _run(target: Target, trust: HostKeyTrust, credentials: Credentials, command: str = "whoami") -> str:
    conn = await connect(target, trust=trust, credentials=credentials, timeout=10)
    try:
        return str((await conn.run(command, check=True)).stdout)
    finally:
        conn.close()
        await conn.wait_closed()


@pytest.fixture
def password_target(sshd: Sshd, password_user: tuple[str, str]) -> Target:
    return Target(sshd.host, sshd.port, password_user[0])


async def test_key_file_auth(sshd: Sshd, key_target: Target, accept_new: HostKeyTrust) -> None:
    never = PasswordAsker()
    assert await _run(key_target, accept_new, Credentials(ask_password=never)) == f"{sshd.user}\n"
    assert never.asked == []


async def test_default_key_in_home_ssh_is_used(sshd: Sshd, accept_new: HostKeyTrust, fake_home: Path) -> None:
    shutil.copy(sshd.client_key, fake_home / ".ssh" / "id_ed25519")
    target = Target(sshd.host, sshd.port, sshd.user)
    assert await _run(target, accept_new, Credentials()) == f"{sshd.user}\n"


async def test_missing_key_file_is_a_clear_error(
    sshd: Sshd, accept_new: HostKeyTrust, tmp_path: Path
) -> None:
    target = Target(sshd.host, sshd.port, sshd.user, tmp_path / "nope")
    with pytest.raises(AuthenticationError, match="does not exist"):
        await connect(target, trust=accept_new)


async def test_password_asked_saved_then_taken_from_keyring(
    password_target: Target, password_user: tuple[str, str], accept_new: HostKeyTrust
) -> None:
    user, password = password_user
    first = PasswordAsker((password, True))
    assert await _run(password_target, accept_new, Credentials(ask_password=first)) == f"{user}\n"
    assert first.asked == [password_target]
    assert secrets.load("password", f"{user}@127.0.0.1:{password_target.port}") == password

    second = PasswordAsker()
    assert await _run(password_target, accept_new, Credentials(ask_password=second)) == f"{user}\n"
    assert second.asked == []


async def test_password_not_saved_when_not_asked_to(
    password_target: Target, password_user: tuple[str, str], accept_new: HostKeyTrust
) -> None:
    await _run(
        password_target, accept_new, Credentials(ask_password=PasswordAsker((password_user[1], False)))
    )
    assert secrets.load("password", password_target.display) is None


async def test_wrong_password_three_tries_like_openssh(
    password_target: Target, accept_new: HostKeyTrust
) -> None:
    ask = PasswordAsker(("wrong-1", True), ("wrong-2", True), ("wrong-3", True), ("never-asked", True))
    refused: list[int] = []
    credentials = Credentials(ask_password=ask, on_password_refused=lambda target, n: refused.append(n))
    with pytest.raises(AuthenticationError) as caught:
        await connect(password_target, trust=accept_new, credentials=credentials, timeout=10)
    text = str(caught.value)
    assert text.startswith("Permission denied (3 tries):"), text
    assert password_target.user in text and f"127.0.0.1:{password_target.port}" in text
    assert "Caps Lock" in caught.value.hint
    assert not any(f"wrong-{n}" in text for n in (1, 2, 3))
    assert len(ask.asked) == 3 and refused == [1, 2]  # asked again after each refusal, told before
    assert caught.value.stage == "authenticating"
    assert secrets.load("password", password_target.display) is None


async def test_wrong_password_then_right_one(
    password_target: Target, password_user: tuple[str, str], accept_new: HostKeyTrust
) -> None:
    ask = PasswordAsker(("wrong-password", True), (password_user[1], False))
    assert await _run(password_target, accept_new, Credentials(ask_password=ask)) == f"{password_user[0]}\n"
    assert len(ask.asked) == 2
    assert secrets.load("password", password_target.display) is None


async def test_cancelled_password_question_stops_asking(
    password_target: Target, accept_new: HostKeyTrust
) -> None:
    ask = PasswordAsker(("wrong-password", True), None)
    with pytest.raises(AuthenticationError) as caught:
        await connect(
            password_target, trust=accept_new, credentials=Credentials(ask_password=ask), timeout=10
        )
    assert len(ask.asked) == 2 and "refused to let user" in str(caught.value)
    assert "wrong-password" not in str(caught.value)


async def test_refused_saved_password_is_deleted_and_asked_once(
    password_target: Target, password_user: tuple[str, str], accept_new: HostKeyTrust
) -> None:
    secrets.store("password", password_target.display, "stale-password")
    ask = PasswordAsker((password_user[1], True))
    assert await _run(password_target, accept_new, Credentials(ask_password=ask)) == f"{password_user[0]}\n"
    assert len(ask.asked) == 1
    assert secrets.load("password", password_target.display) == password_user[1]


async def test_refused_saved_password_without_asker(
    password_target: Target, accept_new: HostKeyTrust
) -> None:
    secrets.store("password", password_target.display, "stale-password")
    with pytest.raises(AuthenticationError, match=r"password \(saved\)"):
        await connect(password_target, trust=accept_new, timeout=10)
    assert secrets.load("password", password_target.display) is None


@pytest.fixture
def encrypted_sshd(tmp_path: Path) -> Iterator[Sshd]:
    """A second sshd whose authorized key is passphrase-protected."""
    key = keygen(tmp_path / "encrypted_key")
    subprocess.run(["ssh-keygen", "-q", "-p", "-N", "correct horse", "-f", str(key)], check=True)
    with run_sshd(tmp_path / "sshd", client_key=key) as server:
        yield server


async def test_encrypted_key_passphrase_asked_saved_and_reused(
    encrypted_sshd: Sshd, known_hosts: Path
) -> None:
    target = Target(encrypted_sshd.host, encrypted_sshd.port, encrypted_sshd.user, encrypted_sshd.client_key)
    trust = HostKeyTrust(known_hosts=known_hosts, accept_new=True)
    asked: list[Path] = []
    answers = [("typo", False), ("correct horse", True)]

    async def ask_passphrase(key_file: Path) -> tuple[str, bool] | None:
        asked.append(key_file)
        return answers.pop(0)

    creds = Credentials(ask_passphrase=ask_passphrase)
    assert await _run(target, trust, creds) == f"{encrypted_sshd.user}\n"
    assert asked == [encrypted_sshd.client_key] * 2
    assert secrets.load("passphrase", str(encrypted_sshd.client_key.absolute())) == "correct horse"
    assert await _run(target, trust, creds) == f"{encrypted_sshd.user}\n"
    assert len(asked) == 2
