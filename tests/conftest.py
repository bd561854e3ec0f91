"""Shared fixtures: a real sshd on loopback, an in-memory keyring, and a private VALUEZONE_HOME."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import hypothesis  # noqa: F401  (imported early: its plugin importing it at the summary hit a CPython 3.11 AST bug)
import keyring
import keyring.backend
import pytest

from tests.ports import held_port
from tests.sshd import Sshd, ensure_password_user, run_sshd

pytest_plugins = ["tests.gui_plugin"]  # GUI tests fail on unexpected warnings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Shells our tests start (the agent's own server inherits this; sshd gets it by SetEnv) run the machine's
# start-up files: where those run `pyenv init`, a lock left by a killed shell would hold each new shell
# for 60 s. One second is enough (pyenv only warns).
os.environ.setdefault("PYENV_REHASH_TIMEOUT", "1")


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives in this process only: tests never touch a real one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def vz_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own config/data/log/state folders."""
    home = tmp_path / "vzhome"
    monkeypatch.setenv("VALUEZONE_HOME", str(home))
    monkeypatch.setenv("SSH_AUTH_SOCK", "")  # no agent from the developer's desktop leaks in
    return home


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """An empty archive folder (records go in ARCHIVE/YYYY/MM/DD/<session>)."""
    root = tmp_path / "archive"
    root.mkdir()
    return root


@pytest.fixture(scope="session")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sshd]:
    """One real OpenSSH sshd on 127.0.0.1 for the whole run."""
    with run_sshd(tmp_path_factory.mktemp("sshd")) as server:
        yield server


@pytest.fixture
def down_port() -> Iterator[int]:
    """A loopback port that refuses connections (a server that is down) and no other program can take;
    an HQ receiver from start_hq(port=...) can come back on it."""
    with held_port() as port:
        yield port


@pytest.fixture(scope="session")
def password_user() -> tuple[str, str]:
    """A local account sshd accepts by password: (user, password)."""
    from tests.sshd import PASSWORD, PASSWORD_USER

    if not ensure_password_user():
        pytest.skip("creating the password account needs root")
    return PASSWORD_USER, PASSWORD
