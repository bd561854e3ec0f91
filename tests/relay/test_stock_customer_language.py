"""A customer on stock OpenSSH (`ssh -R`, nothing installed) is spoken to in the language their ssh sends."""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path

import pytest

from sessions import vendor
from sessions.relay.server import Relay, RelayConfig
from tests.relay.language import english_runs
from tests.relay.test_stock_clients import _config, _read_until, _technician

TECH = "Kim Minsu <kim@acme.example>"


@pytest.fixture
def relay_config(tmp_path: Path, technicians_file: Path) -> RelayConfig:
    return RelayConfig(
        technicians_file=technicians_file,
        state_dir=tmp_path / "relay-state",
        consent_timeout=5.0,
        vendor=vendor.load(vendor.demo_file()),
    )


async def _customer(openssh: str, config: Path, relay: Relay, sshd, lang: str):  # type: ignore[no-untyped-def]
    """`ssh -tt -R vz:22:… support@relay` with LANG set and sent (as Debian's and macOS's ssh_config do)."""
    return await asyncio.create_subprocess_exec(
        openssh, "-F", str(config), "-q", "-tt", "-o", "SendEnv=LANG", "-p", str(relay.port),
        "-R", f"vz:22:127.0.0.1:{sshd.port}", "support@127.0.0.1",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        env={**os.environ, "LANG": lang, "LC_ALL": ""},
    )  # fmt: skip


async def test_stock_ssh_customer_reads_korean(relay: Relay, sshd, openssh, tmp_path, tech_key) -> None:
    config = _config(tmp_path, relay, tech_key, sshd.client_key)
    customer = await _customer(openssh, config, relay, sshd, "ko_KR.UTF-8")
    seen = bytearray()
    try:
        found = await _read_until(customer.stdout, re.compile(rb"(\d{3}) (\d{3}) (\d{3})"), seen)
        code = "".join(m.decode() for m in found.groups())
        technician = asyncio.ensure_future(_technician(openssh, config, code, sshd.user, "echo via-stock"))
        await _read_until(customer.stdout, re.compile(re.escape("허용할까요? [y/N]").encode()), seen)
        customer.stdin.write("네\r".encode())
        status, out, err = await technician
        assert (status, out) == (0, "via-stock\n"), err
        customer.stdin.write(b"/end\r")
        await _read_until(customer.stdout, re.compile("세션 종료: 고객님이 세션을 끝냈습니다".encode()), seen)
    finally:
        if customer.returncode is None:
            customer.kill()
        await customer.wait()
    text = seen.decode()
    assert "세션 코드: " in text and "이 코드를 기술자에게 불러 주세요." in text
    assert f"에이스 스토리지 고객지원의 {TECH}님이 이 장치에 연결하려고 합니다." in text
    assert "장치 자체 로그인: 기술자가 이 장치의 SSH 서버에 연결하며" in text
    assert "이 중계 서버는 기술자가 입력하거나 보는 내용을 보여 드릴 수 없습니다." in text
    allowed = [TECH, " ".join((code[:3], code[3:6], code[6:])), "/end"]
    assert english_runs(text, allowed) == [], text


async def test_stock_ssh_without_a_known_language_gets_english(
    relay: Relay, sshd, openssh, tmp_path, tech_key
) -> None:
    config = _config(tmp_path, relay, tech_key, sshd.client_key)
    customer = await _customer(openssh, config, relay, sshd, "C")
    seen = bytearray()
    try:
        line = re.compile(rb"Session code: \d{3} \d{3} \d{3} \(expires in 10 min\)")
        await _read_until(customer.stdout, line, seen)
    finally:
        customer.kill()
        await customer.wait()
