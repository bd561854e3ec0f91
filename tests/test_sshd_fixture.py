"""The sshd fixture itself works with stock OpenSSH ssh."""

import subprocess

from tests.sshd import Sshd


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
