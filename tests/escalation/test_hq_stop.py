"""`valuezone hq serve` stops cleanly on SIGTERM (what systemd and `kill` send) and on SIGINT, also when it
was started with SIGINT ignored (a script's `cmd &`, nohup): it closes its socket and its database and
exits 0, instead of dying half-way or never stopping."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.escalation.conftest import TOKEN, Tls
from tests.sshd import free_port


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize(
    ("sent", "sigint_ignored"),
    [(signal.SIGTERM, False), (signal.SIGINT, False), (signal.SIGTERM, True), (signal.SIGINT, True)],
    ids=["SIGTERM", "SIGINT", "SIGTERM, started with SIGINT ignored", "SIGINT, started with it ignored"],
)
def test_hq_serve_stops_on_a_signal(
    tmp_path: Path, tls: Tls, sent: signal.Signals, sigint_ignored: bool
) -> None:
    tokens = tmp_path / "tokens"
    tokens.write_text(f"vendor {TOKEN}\n")
    database = tmp_path / "team.db"
    server = subprocess.Popen(
        [
            sys.executable, "-m", "console.cli", "hq", "serve", "--listen", f"127.0.0.1:{free_port()}",
            "--inbox", str(tmp_path / "inbox"), "--tokens", str(tokens), "--tls-cert", str(tls.cert),
            "--tls-key", str(tls.key), "--db", f"sqlite:{database}",
        ],
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ignore_sigint if sigint_ignored else None,  # (the child ignores it from the start)
    )  # fmt: skip
    assert server.stderr is not None
    try:
        for line in server.stderr:
            if line.startswith("limits: "):  # (the last line before it serves)
                break
        server.send_signal(sent)
        assert server.wait(timeout=20) == 0
    finally:
        server.kill()
        server.wait()
    rest = server.stderr.read()
    assert "Traceback" not in rest, rest
    assert rest.strip().endswith("stopped"), rest
