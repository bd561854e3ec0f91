"""Each stage of connecting is reported in order, and each failure names its stage and what was there."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from sessions.errors import (
    ConnectError,
    ConnectTimeoutError,
    HostKeyChangedError,
    HostUnreachableError,
    NotSshError,
)
from sessions.ssh.client import connect
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.stages import ConnectStage, StageTracker
from sessions.ssh.target import Target
from tests.ssh.other_servers import http_server, listening, tls_context
from tests.sshd import Sshd, free_port, keygen, run_sshd

FIRST_THREE = ["resolving", "connecting", "waiting for the server"]


async def _fail(port: int, trust: HostKeyTrust, timeout: float = 20) -> tuple[ConnectError, list[str]]:
    stages: list[str] = []
    with pytest.raises(ConnectError) as caught:
        await connect(
            Target("127.0.0.1", port, "kim"), trust=trust, timeout=timeout, on_progress=stages.append
        )
    return caught.value, stages


def test_stage_tracker_reports_skipped_stages_once_and_in_order() -> None:
    seen: list[str] = []
    tracker = StageTracker(seen.append)
    tracker.reach(ConnectStage.BANNER)  # through a tunnel: no name lookup, no TCP of our own
    tracker.reach(ConnectStage.KEY_EXCHANGE)
    tracker.reach(ConnectStage.AUTHENTICATING)  # a host key vouched for by a CA: no question
    tracker.reach(ConnectStage.HOST_KEY)  # never back
    assert seen == ["waiting for the server", "key exchange", "verifying host key", "authenticating"]


async def test_every_stage_in_order_on_a_real_sshd(sshd: Sshd, accept_new: HostKeyTrust) -> None:
    stages: list[str] = []
    conn = await connect(
        Target(sshd.host, sshd.port, sshd.user, sshd.client_key), trust=accept_new, on_progress=stages.append
    )
    conn.close()
    await conn.wait_closed()
    assert stages == [*FIRST_THREE, "key exchange", "verifying host key", "authenticating"]


async def test_closed_port(accept_new: HostKeyTrust) -> None:
    port = free_port()
    error, stages = await _fail(port, accept_new)
    assert isinstance(error, HostUnreachableError)
    assert str(error).startswith(f"127.0.0.1:{port} refused the connection: nothing is listening")
    assert error.stage == "connecting" and stages == ["resolving", "connecting"]


async def test_silent_listener_times_out_waiting_for_the_greeting(accept_new: HostKeyTrust) -> None:
    async with listening("silent") as server:
        error, stages = await _fail(server.port, accept_new, timeout=1.5)
        await asyncio.wait_for(server.peer_closed.wait(), 5)  # nothing left half-open
    assert isinstance(error, ConnectTimeoutError)
    assert "accepted the connection but said nothing within 1.5 s" in str(error)
    assert "SSH is usually 22" in error.hint
    assert error.stage == "waiting for the server" and stages == FIRST_THREE
    assert "host key" not in str(error).lower()  # not "checking the host key" before a word was said


async def test_http_server(accept_new: HostKeyTrust, tmp_path: Path) -> None:
    with http_server(tmp_path) as port:
        error, stages = await _fail(port, accept_new)
    assert isinstance(error, NotSshError)
    assert str(error).startswith(f"127.0.0.1:{port} answered HTTP, not SSH")
    assert error.hint.startswith("Is the port right? SSH is usually 22")
    assert error.stage == "waiting for the server" and stages == FIRST_THREE


async def test_web_server_status_line(accept_new: HostKeyTrust) -> None:
    async with listening("nginx") as server:
        error, _ = await _fail(server.port, accept_new)
    assert isinstance(error, NotSshError)
    assert "answered HTTP, not SSH (“HTTP/1.1 400 Bad Request”)" in str(error)


async def test_tls_server(accept_new: HostKeyTrust, tmp_path: Path) -> None:
    async with listening("tls", tls_context(tmp_path)) as server:
        error, _ = await _fail(server.port, accept_new)
    assert isinstance(error, NotSshError)
    assert "answered with TLS (an encrypted service such as HTTPS), not SSH" in str(error)
    assert error.stage == "waiting for the server"


@pytest.mark.parametrize(
    ("behaviour", "words"),
    [
        ("smtp", "answered like a mail server (SMTP), not SSH (“220 mail.example.com ESMTP Postfix"),
        ("ftp", "answered like a file transfer server (FTP), not SSH (“220 (vsFTPd 3.0.3)”)"),
        ("ssh1", "speaks only the old SSH protocol 1 (“SSH-1.5-OldBox_1.2.27”)"),
    ],
)
async def test_other_greetings_end_the_attempt_at_once(
    behaviour: str, words: str, accept_new: HostKeyTrust
) -> None:
    async with listening(behaviour) as server:
        error, _ = await _fail(server.port, accept_new, timeout=60)  # no waiting for the timeout
    assert isinstance(error, NotSshError), error
    assert words in str(error)
    assert error.stage == "waiting for the server"


async def test_server_that_closes_right_after_accepting(accept_new: HostKeyTrust) -> None:
    async with listening("close") as server:
        error, stages = await _fail(server.port, accept_new)
    assert type(error) is ConnectError
    assert "accepted the connection and closed it without a word" in str(error)
    assert "TCP wrappers" in error.hint
    assert error.stage == "waiting for the server" and stages == FIRST_THREE


async def test_no_common_key_exchange(tmp_path: Path, accept_new: HostKeyTrust) -> None:
    with run_sshd(tmp_path / "old", extra="KexAlgorithms diffie-hellman-group1-sha1") as old:
        error, stages = await _fail(old.port, accept_new)
    assert "share no encryption method" in str(error)
    assert error.stage == "key exchange" and stages == [*FIRST_THREE, "key exchange"]


async def test_changed_host_key_names_the_host_key_stage(tmp_path: Path, known_hosts: Path) -> None:
    old_key = keygen(tmp_path / "old_host")
    kind, blob = Path(f"{old_key}.pub").read_text().split()[:2]
    with run_sshd(tmp_path / "sshd") as server:  # the device now shows another key than the one we knew
        known_hosts.parent.mkdir(parents=True, exist_ok=True)
        known_hosts.write_text(f"[127.0.0.1]:{server.port} {kind} {blob}\n")
        error, stages = await _fail(server.port, HostKeyTrust(known_hosts=known_hosts))
    assert isinstance(error, HostKeyChangedError) and "has CHANGED" in str(error)
    assert error.stage == "verifying host key"
    assert stages == [*FIRST_THREE, "key exchange", "verifying host key"]
