"""The CLI end to end: escalate build --collect, token, send, outbox, open, and `hq serve` as a process."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from console.cli import main
from sessions.escalation import read_manifest
from tests.escalation.conftest import TOKEN, Tls
from tests.sshd import Sshd


def _hq_port(process: subprocess.Popen[bytes]) -> int:
    """The port `hq serve --listen 127.0.0.1:0` got, from the line it prints when it listens."""
    assert process.stderr is not None
    seen = []
    while line := process.stderr.readline().decode():  # printed once it listens
        seen.append(line)
        if match := re.match(r"receiving bundles at https://127\.0\.0\.1:(\d+)/bundles", line):
            return int(match.group(1))
    raise AssertionError(f"hq serve did not start: {seen}")


def test_build_collect_send_outbox_open(
    tmp_path: Path, vz_home: Path, sshd: Sshd, tls: Tls, record: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    device = tmp_path / "device"
    device.mkdir()
    (device / "app.log").write_text("start\npassword=opensesame99\nend\n")
    profiles = vz_home / "config" / "diagnostics"
    profiles.mkdir(parents=True)
    (profiles / "lab.toml").write_text(f'[profile]\ntitle = "lab"\n[logs]\npaths = ["{device}/*.log"]\n')
    out = tmp_path / "bundle.tar.gz"
    code = main(
        ["escalate", "build", "--record", str(record), "--collect", f"{sshd.user}@{sshd.host}:{sshd.port}",
         "-i", str(sshd.client_key), "--accept-new", "--profile", "lab", "--ticket", "T-7",
         "--consent-by", "customer Lee", "--out", str(out)]
    )  # fmt: skip
    assert code == 0
    printed = capsys.readouterr().out
    assert "password 1" in printed and f"logs{device}/app.log" in printed
    manifest = read_manifest(out)
    assert manifest.ticket == "T-7" and manifest.redactions["password"] >= 1

    tokens = tmp_path / "tokens"
    tokens.write_text(f"vendor {TOKEN}\n")
    inbox = tmp_path / "inbox"
    hq = subprocess.Popen(
        [sys.executable, "-m", "console.cli", "hq", "serve", "--listen", "127.0.0.1:0",
         "--inbox", str(inbox), "--tokens", str(tokens),
         "--tls-cert", str(tls.cert), "--tls-key", str(tls.key)],
        stderr=subprocess.PIPE, env={**os.environ},
    )  # fmt: skip
    try:
        port = _hq_port(hq)
        url = f"https://127.0.0.1:{port}/bundles"
        monkeypatch.setattr(sys, "stdin", io.StringIO(TOKEN + "\n"))
        assert main(["escalate", "token", url]) == 0
        assert main(["escalate", "send", str(out), "--to", url, "--ca", str(tls.cert)]) == 0
        assert "\ndelivered " in capsys.readouterr().out
        assert main(["escalate", "outbox", "--retry", "--ca", str(tls.cert)]) == 0
        assert "delivered" in capsys.readouterr().out
    finally:
        hq.terminate()
        hq.wait(10)
    assert (inbox / f"{manifest.bundle_id}.tar.gz").is_file()
    opened = tmp_path / "opened"
    assert main(["escalate", "open", str(inbox / f"{manifest.bundle_id}.tar.gz"), "--to", str(opened)]) == 0
    assert (opened / "summary.md").is_file() and b"opensesame99" not in (
        opened / f"logs{device}/app.log"
    ).read_bytes()


def test_build_without_consent_writes_nothing(tmp_path: Path, record: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "b.tar.gz"
    assert main(["escalate", "build", "--record", str(record), "--out", str(out)]) == 1
    assert "consent" in capsys.readouterr().err and not out.exists()


def test_hq_serve_refuses_plain_http_off_loopback(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    tokens = tmp_path / "tokens"
    tokens.write_text(f"vendor {TOKEN}\n")
    args = ["hq", "serve", "--listen", "0.0.0.0:0", "--inbox", str(tmp_path), "--tokens", str(tokens)]
    assert main(args) == 1
    assert "loopback" in capsys.readouterr().err
