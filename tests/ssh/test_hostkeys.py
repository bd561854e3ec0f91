"""Host-key trust against the real sshd: asked, accepted, refused, accept-new, changed, OpenSSH-readable."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sessions.errors import HostKeyChangedError, HostKeyUnknownError
from sessions.ssh.client import connect
from sessions.ssh.hostkeys import HostKeyQuestion, HostKeyTrust, host_entry_name, read_known_hosts
from sessions.ssh.target import Target
from tests.sshd import Sshd, keygen


class Asker:
    """An `ask` callback that records the questions and answers as told."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.questions: list[HostKeyQuestion] = []

    async def __call__(self, question: HostKeyQuestion) -> bool:
        self.questions.append(question)
        return self.answer


async def _connect_and_close(target: Target, trust: HostKeyTrust) -> None:
    conn = await connect(target, trust=trust, timeout=10)
    conn.close()
    await conn.wait_closed()


async def test_unknown_key_is_asked_and_remembered(sshd: Sshd, key_target: Target, known_hosts: Path) -> None:
    ask = Asker(True)
    await _connect_and_close(key_target, HostKeyTrust(known_hosts=known_hosts, ask=ask))
    [question] = ask.questions
    assert question == HostKeyQuestion("127.0.0.1", sshd.port, "ED25519", sshd.fingerprint())
    assert question.host_display == f"[127.0.0.1]:{sshd.port}"
    assert len(read_known_hosts(known_hosts)) == 1

    again = Asker(True)
    await _connect_and_close(key_target, HostKeyTrust(known_hosts=known_hosts, ask=again))
    assert again.questions == []


async def test_refused_key_is_not_stored(sshd: Sshd, key_target: Target, known_hosts: Path) -> None:
    ask = Asker(False)
    with pytest.raises(HostKeyUnknownError) as caught:
        await connect(key_target, trust=HostKeyTrust(known_hosts=known_hosts, ask=ask), timeout=10)
    assert caught.value.fingerprint == sshd.fingerprint()
    assert sshd.fingerprint() in str(caught.value)
    assert not known_hosts.exists()


async def test_unknown_key_without_ask_tells_what_to_do(
    sshd: Sshd, key_target: Target, known_hosts: Path
) -> None:
    with pytest.raises(HostKeyUnknownError) as caught:
        await connect(key_target, trust=HostKeyTrust(known_hosts=known_hosts), timeout=10)
    text = str(caught.value)
    assert sshd.fingerprint() in text and "--accept-new" in text and "console" in text
    assert f"[127.0.0.1]:{sshd.port}" in text


async def test_accept_new_trusts_without_asking(sshd: Sshd, key_target: Target, known_hosts: Path) -> None:
    notices: list[str] = []
    trust = HostKeyTrust(known_hosts=known_hosts, accept_new=True, notify=notices.append)
    await _connect_and_close(key_target, trust)
    assert notices == [
        f"Warning: Permanently added '[127.0.0.1]:{sshd.port}' (ED25519) to the list of known hosts."
    ]
    [entry] = read_known_hosts(known_hosts)
    assert entry.patterns.startswith("|1|")  # hashed, like OpenSSH's HashKnownHosts
    assert entry.matches(host_entry_name("127.0.0.1", sshd.port))
    assert not entry.matches("127.0.0.1")  # port 22 is a different entry


async def test_changed_key_is_refused_naming_file_and_line(
    sshd: Sshd, key_target: Target, known_hosts: Path, tmp_path: Path
) -> None:
    stale = Path(f"{keygen(tmp_path / 'old_host_key')}.pub").read_text().split()
    known_hosts.parent.mkdir(parents=True, exist_ok=True)
    known_hosts.write_text(
        f"# comment\nother.example ssh-ed25519 {stale[1]}\n[127.0.0.1]:{sshd.port} {stale[0]} {stale[1]}\n"
    )
    ask = Asker(True)
    for accept_new in (False, True):
        trust = HostKeyTrust(known_hosts=known_hosts, ask=ask, accept_new=accept_new)
        with pytest.raises(HostKeyChangedError) as caught:
            await connect(key_target, trust=trust, timeout=10)
        text = str(caught.value)
        assert f"{known_hosts}:3" in text
        assert sshd.fingerprint() in text and "intercepting" in text and "reinstalled" in text
        assert caught.value.fingerprint == sshd.fingerprint()
    assert ask.questions == []
    assert len(known_hosts.read_text().splitlines()) == 3  # nothing was added


async def test_user_known_hosts_is_read_not_written(
    sshd: Sshd, key_target: Target, known_hosts: Path, fake_home: Path
) -> None:
    user_file = fake_home / ".ssh" / "known_hosts"
    user_file.write_text(sshd.known_hosts_line())
    await _connect_and_close(key_target, HostKeyTrust(known_hosts=known_hosts))
    assert user_file.read_text() == sshd.known_hosts_line()
    assert not known_hosts.exists()
    with pytest.raises(HostKeyUnknownError):
        await connect(key_target, trust=HostKeyTrust(known_hosts=known_hosts, read_user_known_hosts=False))


async def test_openssh_accepts_our_known_hosts(sshd: Sshd, key_target: Target, known_hosts: Path) -> None:
    await _connect_and_close(key_target, HostKeyTrust(known_hosts=known_hosts, accept_new=True))
    result = subprocess.run(
        [
            "ssh",
            *("-p", str(sshd.port), "-i", str(sshd.client_key)),
            *("-o", f"UserKnownHostsFile={known_hosts}", "-o", "GlobalKnownHostsFile=/dev/null"),
            *("-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes"),
            f"{sshd.user}@127.0.0.1",
            "echo trusted",
        ],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "trusted\n"
    found = subprocess.run(
        ["ssh-keygen", "-F", f"[127.0.0.1]:{sshd.port}", "-f", str(known_hosts)],
        capture_output=True,
        text=True,
    )
    assert found.returncode == 0 and "found: line 1" in found.stdout


def test_plain_wildcard_and_negated_patterns(tmp_path: Path) -> None:
    key = Path(f"{keygen(tmp_path / 'k')}.pub").read_text().split()
    path = tmp_path / "known_hosts"
    path.write_text(
        f"*.example.com,!bad.example.com {key[0]} {key[1]}\n[nas?]:2222 {key[0]} {key[1]}\ngarbage\n"
    )
    first, second = read_known_hosts(path)
    assert first.matches("good.example.com") and not first.matches("bad.example.com")
    assert second.matches("[nas1]:2222") and not second.matches("[nas1]:22")
    assert second.location == f"{path}:2"


async def test_unwritable_known_hosts_warns_and_connects(
    sshd: Sshd, key_target: Target, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the config folder should be")
    notices: list[str] = []
    trust = HostKeyTrust(known_hosts=blocker / "known_hosts", accept_new=True, notify=notices.append)
    await _connect_and_close(key_target, trust)
    assert len(notices) == 1 and "could not add" in notices[0] and "asked again" in notices[0]
