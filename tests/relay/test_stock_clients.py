"""Stock clients against the relay: OpenSSH as customer (-R) and as technician (-J), paramiko through it."""

from __future__ import annotations

import asyncio
import contextlib
import re
import socket
from pathlib import Path

import paramiko
import pytest

from sessions.relay.server import Relay

CODE_LINE = re.compile(rb"Session code: (\d{3}) (\d{3}) (\d{3})")


def _config(tmp_path: Path, relay: Relay, tech_key: Path, device_key: Path) -> Path:
    path = tmp_path / "ssh_config"
    path.write_text(
        f"""Host relay
  HostName 127.0.0.1
  Port {relay.port}
  User kim
  IdentityFile {tech_key}
Host vz*
  IdentityFile {device_key}
  IdentityFile {tech_key}
Host *
  IdentitiesOnly yes
  BatchMode yes
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
"""
    )
    return path


async def _technician(openssh: str, config: Path, code: str, user: str, command: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        openssh, "-F", str(config), "-J", "relay", f"{user}@vz{code}", command,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 30)
    return process.returncode or 0, out.decode(), err.decode()


async def _read_until(
    stream: asyncio.StreamReader, pattern: re.Pattern[bytes], seen: bytearray
) -> re.Match[bytes]:
    while not (match := pattern.search(seen)):
        chunk = await asyncio.wait_for(stream.read(4096), 15)
        if not chunk:
            raise AssertionError(f"stream ended before {pattern.pattern!r}: {bytes(seen)!r}")
        seen += chunk
    return match


async def _stock_customer(openssh: str, config: Path, relay: Relay, sshd) -> asyncio.subprocess.Process:  # type: ignore[no-untyped-def]
    """A customer with stock OpenSSH only: `ssh -R vz:22:…` to the relay, in a terminal (-tt)."""
    customer = await asyncio.create_subprocess_exec(
        openssh, "-F", str(config), "-tt", "-p", str(relay.port),
        "-R", f"vz:22:127.0.0.1:{sshd.port}", "support@127.0.0.1",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert customer.stdin is not None and customer.stdout is not None
    return customer


async def test_openssh_customer_and_openssh_technician(
    relay: Relay, sshd, openssh, tmp_path, tech_key
) -> None:
    config = _config(tmp_path, relay, tech_key, sshd.client_key)
    customer = await _stock_customer(openssh, config, relay, sshd)
    seen = bytearray()
    try:
        code = "".join(m.decode() for m in (await _read_until(customer.stdout, CODE_LINE, seen)).groups())
        technician = asyncio.ensure_future(
            _technician(openssh, config, code, sshd.user, "echo via-stock-ssh")
        )
        await _read_until(customer.stdout, re.compile(rb"Allow\? \[y/N\]"), seen)
        assert b"Kim Minsu <kim@acme.example> wants to connect" in seen
        customer.stdin.write(b"y\r")
        status, out, err = await technician
        assert (status, out) == (0, "via-stock-ssh\n"), err
        customer.stdin.write(b"/end\r")
        await _read_until(customer.stdout, re.compile(rb"Session ended"), seen)
    finally:
        if customer.returncode is None:
            customer.kill()
        await customer.wait()


async def test_openssh_technician_to_our_agent(
    make_agent, relay: Relay, sshd, openssh, tmp_path, tech_key
) -> None:
    run = await make_agent()
    config = _config(tmp_path, relay, tech_key, sshd.client_key)
    status, out, err = await _technician(openssh, config, run.agent.code, "anyone", "echo inside-agent")
    assert (status, out) == (0, "inside-agent\n"), err
    assert "Technician ran: echo inside-agent" in run.activity()


async def test_openssh_customer_declines(relay: Relay, sshd, openssh, tmp_path, tech_key) -> None:
    config = _config(tmp_path, relay, tech_key, sshd.client_key)
    customer = await _stock_customer(openssh, config, relay, sshd)
    seen = bytearray()
    try:
        code = "".join(m.decode() for m in (await _read_until(customer.stdout, CODE_LINE, seen)).groups())
        technician = asyncio.ensure_future(_technician(openssh, config, code, sshd.user, "true"))
        await _read_until(customer.stdout, re.compile(rb"Allow\? \[y/N\]"), seen)
        customer.stdin.write(b"n\r")
        status, _, err = await technician
        assert status != 0 and "The customer declined" in err
    finally:
        customer.kill()
        await customer.wait()


def _paramiko_exec(relay_port: int, tech_key: Path, code: str, command: str) -> tuple[int, bytes]:
    sock = socket.create_connection(("127.0.0.1", relay_port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    outer = paramiko.Transport(sock)
    outer.connect(username="kim", pkey=paramiko.Ed25519Key.from_private_key_file(str(tech_key)))
    try:
        channel = outer.open_channel("direct-tcpip", (f"vz{code}", 22), ("127.0.0.1", 0), timeout=10)
        inner = paramiko.Transport(channel)
        inner.start_client(timeout=10)
        inner.auth_publickey("paramiko", paramiko.Ed25519Key.from_private_key_file(str(tech_key)))
        session = inner.open_session(timeout=10)
        session.exec_command(command)
        output = session.makefile("rb").read()
        status = session.recv_exit_status()
        inner.close()
        return status, output
    finally:
        outer.close()


async def test_paramiko_through_direct_tcpip(make_agent, relay: Relay, tech_key) -> None:
    run = await make_agent()
    status, output = await asyncio.to_thread(
        _paramiko_exec, relay.port, tech_key, run.agent.code, "echo paramiko-ok"
    )
    assert (status, output) == (0, b"paramiko-ok\n")


async def test_openssh_customer_without_terminal_cannot_be_asked(
    relay: Relay, sshd, openssh, tmp_path, tech_key
) -> None:
    from sessions.relay.audit import read_audit

    config = _config(tmp_path, relay, tech_key, sshd.client_key)
    customer = await asyncio.create_subprocess_exec(
        openssh, "-F", str(config), "-N", "-p", str(relay.port),
        "-R", f"vz:22:127.0.0.1:{sshd.port}", "support@127.0.0.1",
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(200):
            issued = [e for e in read_audit(relay.audit.path) if e["event"] == "code.issued"]
            if issued:
                break
            await asyncio.sleep(0.05)
        else:
            pytest.fail("no code issued")
        status, _, err = await _technician(openssh, _config(tmp_path, relay, tech_key, sshd.client_key),
                                           issued[0]["code"], sshd.user, "true")  # fmt: skip
        assert status != 0 and "cannot be asked" in err
    finally:
        customer.kill()
        await customer.wait()


@pytest.mark.parametrize("keys", [b"/enx\x7fd\r", b"\x03"], ids=["backspace-then-end", "ctrl-c"])
async def test_openssh_customer_terminal_editing(
    relay: Relay, sshd, openssh, tmp_path, tech_key, keys
) -> None:
    config = _config(tmp_path, relay, tech_key, sshd.client_key)
    customer = await _stock_customer(openssh, config, relay, sshd)
    seen = bytearray()
    try:
        await _read_until(customer.stdout, CODE_LINE, seen)
        customer.stdin.write(keys)
        await _read_until(customer.stdout, re.compile(rb"Session ended"), seen)
        if keys.startswith(b"/"):
            assert b"/enx\x08 \x08d\r\n" in seen  # typed keys echoed, the erased one rubbed out
    finally:
        with contextlib.suppress(ProcessLookupError):  # it may have exited with the session already
            customer.kill()
        await customer.wait()
