"""Every command that listens says so when its port is taken or not its to take: exit 1, no traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.escalation.conftest import make_tls
from tests.sshd import keygen


@pytest.fixture
def taken() -> Iterator[int]:
    """A port on 127.0.0.1 held by another program (a listening socket of ours)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


@pytest.fixture
def files(tmp_path: Path) -> Path:
    key = keygen(tmp_path / "tech")
    (tmp_path / "technicians").write_text(Path(f"{key}.pub").read_text())
    (tmp_path / "tokens").write_text("vendor s3cret-token-for-tests\n")
    make_tls(tmp_path)
    return tmp_path


def _relay(files: Path, listen: str) -> list[str]:
    return ["relay", "--listen", listen, "--technicians", str(files / "technicians"),
            "--state-dir", str(files / "state")]  # fmt: skip


def _hq(files: Path, listen: str) -> list[str]:
    return ["hq", "serve", "--listen", listen, "--inbox", str(files / "inbox"),
            "--tokens", str(files / "tokens"), "--tls-cert", str(files / "cert.pem"),
            "--tls-key", str(files / "key.pem")]  # fmt: skip


def _run(args: list[str], loop: str = "") -> subprocess.CompletedProcess[str]:
    """The command as a person runs it; *loop* `asyncio` turns uvloop off (sessions/eventloop.py)."""
    env = {**os.environ, "VALUEZONE_EVENT_LOOP": loop}
    return subprocess.run(
        [sys.executable, "-m", "console.cli", *args], capture_output=True, text=True, timeout=60, env=env
    )


@pytest.mark.parametrize(
    ("command", "who"), [(_relay, "another relay?"), (_hq, "another receiver?")], ids=["relay", "hq-serve"]
)
def test_a_taken_port_is_named_without_a_traceback(command, who: str, taken: int, files: Path) -> None:  # type: ignore[no-untyped-def]
    done = _run(command(files, f"127.0.0.1:{taken}"))
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert (
        f"Port {taken} on 127.0.0.1 is in use ({who}): stop it or choose another --listen port" in done.stderr
    ), done.stderr


@pytest.mark.parametrize("loop", ["asyncio", "uvloop"])
def test_the_relay_says_so_on_either_event_loop(loop: str, taken: int, files: Path) -> None:
    if loop == "uvloop":
        pytest.importorskip("uvloop")
    done = _run(_relay(files, f"127.0.0.1:{taken}"), "" if loop == "uvloop" else loop)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"Port {taken} on 127.0.0.1 is in use (another relay?)" in done.stderr


@pytest.mark.parametrize("command", [_relay, _hq], ids=["relay", "hq-serve"])
def test_an_address_not_on_this_machine_is_named(command, files: Path) -> None:  # type: ignore[no-untyped-def]
    done = _run(command(files, "192.0.2.1:2222"))  # TEST-NET-1: never an address of this machine
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "192.0.2.1 is not an address of this machine" in done.stderr and "--listen" in done.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root may listen on any port")
@pytest.mark.parametrize("command", [_relay, _hq], ids=["relay", "hq-serve"])
def test_a_privileged_port_is_named(command, files: Path) -> None:  # type: ignore[no-untyped-def]
    done = _run(command(files, "127.0.0.1:22"))
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "Port 22 on 127.0.0.1" in done.stderr and "--listen" in done.stderr
