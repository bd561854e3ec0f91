"""The sshd fixture itself works with stock OpenSSH ssh, and on a busy machine."""

import socket
import subprocess
from pathlib import Path

import pytest

import tests.sshd
from tests.sshd import Sshd, run_sshd


def test_stock_ssh_runs_a_command(sshd: Sshd, tmp_path) -> None:
    known = tmp_path / "known_hosts"
    known.write_text(sshd.known_hosts_line())
    out = subprocess.run(
        [
            "ssh",
            "-p",
            str(sshd.port),
            "-i",
            str(sshd.client_key),
            "-o",
            f"UserKnownHostsFile={known}",
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            "BatchMode=yes",
            f"{sshd.user}@127.0.0.1",
            "echo hi",
        ],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert out.stdout == "hi\n", out.stderr


def test_a_port_taken_first_is_not_mistaken_for_sshd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program takes the port picked for sshd first: sshd is started again on another port, and the
    fixture never mistakes the other program for sshd."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        taken = other.getsockname()[1]
        picks = iter([taken])
        real = tests.sshd.free_port
        monkeypatch.setattr(tests.sshd, "free_port", lambda: next(picks, None) or real())
        with run_sshd(tmp_path / "sshd") as server:
            assert server.port != taken
            with socket.create_connection(("127.0.0.1", server.port), 5) as sock:
                assert sock.recv(64).startswith(b"SSH-2.0-OpenSSH")
