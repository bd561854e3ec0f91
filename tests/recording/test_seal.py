"""The technician's seal: seal.sig is an OpenSSH SSHSIG over the sealed chain, checked by verify and by
stock `ssh-keygen -Y verify` (the outside reference); a re-hashed chain no longer matches it."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path

import asyncssh
import pytest

from sessions.live import LiveSession, SessionRequest, SessionState
from sessions.recording import DeviceInfo, verify
from sessions.recording.seal import NAMESPACE, Sealer, check_seal, seal_message, technician_seal_key
from sessions.relay.techkey import ensure_technician_key
from sessions.ssh.client import connect
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from tests.recording.attacks import rehash_with
from tests.recording.builders import written_record
from tests.recording.cli import CLI
from tests.sshd import Sshd

SSH_KEYGEN = shutil.which("ssh-keygen")


def vz(*args: str) -> subprocess.CompletedProcess[bytes]:
    """`valuezone ARGS` in a fresh process, bytes output (the seal message is signed as bytes)."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore:DSA is deprecated"}
    return subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, timeout=60, env=env)


def _key(comment: str) -> asyncssh.SSHKey:
    return asyncssh.generate_private_key("ssh-ed25519", comment=comment)


def _keygen_verify(tmp_path: Path, key: asyncssh.SSHKey, principal: str, sig: Path, message: bytes) -> bool:
    """OpenSSH's own verdict: `ssh-keygen -Y verify` with the key as the principal's allowed signer."""
    assert SSH_KEYGEN is not None
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(f'{principal} namespaces="{NAMESPACE}" {key.export_public_key().decode()}')
    done = subprocess.run(
        [SSH_KEYGEN, "-Y", "verify", "-f", str(allowed), "-I", principal, "-n", NAMESPACE, "-s", str(sig)],
        input=message,
        capture_output=True,
        timeout=30,
    )
    return done.returncode == 0 and b"Good" in done.stdout


@pytest.mark.skipif(SSH_KEYGEN is None, reason="needs OpenSSH's ssh-keygen")
def test_a_sealed_record_is_signed_and_openssh_agrees(archive: Path, tmp_path: Path) -> None:
    key = _key("kim")
    folder = written_record(archive, sealer=Sealer(key))
    report = verify(folder)
    assert report.ok, report.lines()
    assert report.seal is not None and report.seal.fingerprint == key.get_fingerprint("sha256")
    assert f"signed by {report.seal.fingerprint}" in report.lines()[0]
    message = vz("verify", "--seal-message", str(folder))
    assert message.returncode == 0, message.stderr
    assert message.stdout == seal_message(report.session_id, report.sealed_at, report.sealed_hash)
    assert _keygen_verify(tmp_path, key, "kim", folder / "seal.sig", message.stdout)
    # the reverse: a signature made by ssh-keygen -Y sign is one verify accepts
    private = tmp_path / "id_ed25519"
    private.write_bytes(key.export_private_key())
    private.chmod(0o600)
    signed = subprocess.run(
        [SSH_KEYGEN, "-Y", "sign", "-f", str(private), "-n", NAMESPACE],
        input=message.stdout,
        capture_output=True,
        timeout=30,
        check=True,
    )
    assert check_seal(signed.stdout, message.stdout).fingerprint == key.get_fingerprint("sha256")


@pytest.mark.skipif(SSH_KEYGEN is None, reason="needs OpenSSH's ssh-keygen")
def test_a_fully_rehashed_chain_breaks_the_seal(archive: Path, tmp_path: Path) -> None:
    key = _key("kim")
    folder = written_record(archive, sealer=Sealer(key))
    rehash_with(folder, 2, text="나중에 바꾼 말")  # the customer's chat line, every hash after it redone
    report = verify(folder)
    assert not report.ok
    assert report.summary().startswith("seal.sig: seal.sig does not sign this record's sealed chain")
    message = vz("verify", "--seal-message", str(folder)).stdout  # the chain as it is now
    assert not _keygen_verify(tmp_path, key, "kim", folder / "seal.sig", message)
    done = vz("verify", str(folder))
    assert done.returncode == 1 and done.stderr.decode().count("\n") == 1
    assert "seal.sig" in done.stderr.decode()


def test_a_resigned_chain_is_caught_by_the_signers_list_only(archive: Path, tmp_path: Path) -> None:
    """What a signature does not prove: someone holding another key re-hashes and signs again."""
    kim, mallory = _key("kim"), _key("mallory")
    folder = written_record(archive, sealer=Sealer(kim))
    rehash_with(folder, 2, text="forged")
    report = verify(folder)
    sealer = Sealer(mallory)
    (folder / "seal.sig").write_bytes(
        sealer.sign(seal_message(report.session_id, report.sealed_at, report.sealed_hash))
    )
    assert verify(folder).ok  # on its own, a re-signed record is a valid record by another key
    technicians = tmp_path / "technicians.txt"
    technicians.write_text(f"# the relay's technicians\n{kim.export_public_key().decode()}")
    done = vz("verify", "--signers", str(technicians), str(folder))
    assert done.returncode == 1
    assert "a key not in the signers list" in done.stderr.decode()
    assert mallory.get_fingerprint("sha256") in done.stderr.decode()
    unsigned = written_record(archive)  # sealed but never signed: refused when a signature is required
    done = vz("verify", "--signers", str(technicians), str(unsigned))
    assert done.returncode == 1 and "not signed" in done.stderr.decode()
    good = written_record(archive, sealer=Sealer(kim))
    done = vz("verify", "--signers", str(technicians), str(good))
    assert done.returncode == 0 and b"(kim)" in done.stdout


def test_a_seal_without_a_sealed_end_is_an_error(archive: Path) -> None:
    from tests.recording.attacks import cut_tail

    folder = written_record(archive, sealer=Sealer(_key("kim")))
    cut_tail(folder, 3)  # the two lines after the end and session.ended itself
    report = verify(folder)
    assert not report.ok and "no sealed session.ended" in report.summary()


async def test_a_live_session_is_signed_with_the_technician_key(sshd: Sshd, archive: Path) -> None:
    """The console's path: SessionRequest.seal_key = technician_seal_key, a real session over sshd."""
    assert technician_seal_key() is None  # no technician key yet: records are not signed
    created = ensure_technician_key(comment="Kim Minsu")  # passphrase in the (test) keyring
    target = Target(sshd.host, sshd.port, sshd.user, sshd.client_key)
    request = SessionRequest(
        label="nas",
        technician="Kim Minsu",
        device=DeviceInfo(name="nas", host=sshd.host, port=sshd.port, user=sshd.user),
        archive_root=archive,
        seal_key=technician_seal_key,
    )

    async def opener(progress):  # type: ignore[no-untyped-def]
        return await connect(target, trust=HostKeyTrust(accept_new=True), on_progress=progress)

    session = LiveSession(request, opener)
    task = asyncio.create_task(session.run())
    while session.state is not SessionState.ACTIVE:
        await asyncio.sleep(0.02)
    session.end()
    await asyncio.wait_for(task, 10)
    assert session.recorder is not None
    report = verify(session.recorder.folder)
    assert report.ok, report.lines()
    assert report.seal is not None and report.seal.fingerprint == created.fingerprint
