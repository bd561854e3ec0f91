"""Fixtures for the SSH client tests: an isolated HOME (no ~/.ssh leaks in) and ready-made trust objects."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from tests.sshd import Sshd


@pytest.fixture(autouse=True)
def fake_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A HOME with an empty ~/.ssh, so the developer's keys and known_hosts never take part."""
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    return home


@pytest.fixture
def known_hosts(vz_home: Path) -> Path:
    return vz_home / "config" / "known_hosts"


@pytest.fixture
def accept_new(known_hosts: Path) -> HostKeyTrust:
    return HostKeyTrust(known_hosts=known_hosts, accept_new=True)


@pytest.fixture
def key_target(sshd: Sshd) -> Target:
    return Target(sshd.host, sshd.port, sshd.user, sshd.client_key)
