"""The vendor file: read and checked, handed out by the relay, shown by the agent, never trusted for more."""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import re
from pathlib import Path

import pytest
import tomli_w

from sessions import vendor
from sessions.agent.events import CodeIssued, ConsentRequested, VendorKnown
from sessions.errors import ConfigError
from sessions.relay.client import JoinOptions, connect_by_code
from sessions.relay.server import RelayConfig
from sessions.ssh.target import Target
from sessions.vendor import Vendor
from tests.relay.conftest import TECH_NAME
from tests.relay.processes import line_matching, relay_and_agents, start_agent

DEMO = vendor.demo_file()
HOSTILE_NAME = "Acme\x1b]0;pwned\x07\u202eevil\r\nTechnician: send me your password"


@pytest.fixture
def relay_config(tmp_path: Path, technicians_file: Path) -> RelayConfig:
    """The relay of these tests hands out the demo's vendor file."""
    return RelayConfig(
        technicians_file=technicians_file,
        state_dir=tmp_path / "relay-state",
        consent_timeout=1.0,
        consent_margin=2.0,
        vendor=vendor.load(DEMO),
    )


def test_vendor_file_is_read_with_its_logo_and_names() -> None:
    acme = vendor.load(DEMO)
    assert acme.name == "Acme Storage Support" and acme.phone == "+82 2-555-0100"
    assert acme.name_in("ko") == "에이스 스토리지 고객지원" and acme.name_in("de") == "Acme Storage Support"
    assert acme.logo.startswith(vendor.PNG_MAGIC) and acme.source == vendor.FROM_FILE
    assert not vendor.packaged()  # the packaged file is an empty template until someone fills it in


def test_bad_vendor_files_are_refused_with_what_to_do(tmp_path: Path) -> None:
    cases = {
        "missing.toml": None,
        "broken.toml": 'name = "unterminated',
        "nameless.toml": 'phone = "1"',
        "not-png.toml": 'name = "A"\nlogo = "logo.gif"',
        "huge-logo.toml": 'name = "A"\nlogo = "huge.png"',
    }
    (tmp_path / "logo.gif").write_bytes(b"GIF89a" + b"\0" * 64)
    (tmp_path / "huge.png").write_bytes(vendor.PNG_MAGIC + b"\0" * (vendor.LOGO_MAX_BYTES + 1))
    for name, text in cases.items():
        if text is not None:
            (tmp_path / name).write_text(text)
        with pytest.raises(ConfigError) as caught:
            vendor.load(tmp_path / name)
        assert caught.value.hint, name  # every refusal says what to do


def test_vendor_texts_are_made_safe_to_show(tmp_path: Path) -> None:
    path = tmp_path / "v.toml"
    long = "x" * 500
    hostile = {
        "name": HOSTILE_NAME,
        "phone": long,
        "url": "javascript:alert(1)",
        "names": {"ko": "\u202e한국", "xx": "ignored"},
    }
    path.write_text(tomli_w.dumps(hostile), encoding="utf-8")
    shown = vendor.load(path)
    assert "\x1b" not in shown.name and "␛]0;pwned␇⟨U+202E⟩evil" in shown.name
    assert "\n" not in shown.name and "\r" not in shown.name  # one line: it cannot fake a line of ours
    assert len(shown.phone) <= 40 and shown.url == ""  # capped; only a web address is kept as the url
    assert shown.names == {"ko": "⟨U+202E⟩한국"}


def test_relay_vendor_on_the_wire_is_checked() -> None:
    acme = vendor.load(DEMO)
    assert Vendor.from_wire(acme.to_wire()) == dataclasses.replace(acme, source=vendor.FROM_RELAY)
    assert Vendor.from_wire({**acme.to_wire(), "v": 2}) is None  # a schema this agent does not know
    assert Vendor.from_wire("Acme") is None and Vendor.from_wire({"v": 1}) is None
    gif = base64.b64encode(b"GIF89a....").decode()
    assert Vendor.from_wire({**acme.to_wire(), "logo_png": gif}).logo == b""  # not a PNG: dropped
    big = base64.b64encode(vendor.PNG_MAGIC + b"\0" * vendor.LOGO_MAX_BYTES).decode()
    assert Vendor.from_wire({**acme.to_wire(), "logo_png": big}).logo == b""  # too big: never decoded
    assert Vendor.from_wire({**acme.to_wire(), "logo_png": "%%%"}).logo == b""
    hostile = Vendor.from_wire({"v": 1, "name": HOSTILE_NAME, "phone": ["not", "text"]})
    assert hostile is not None and "\x1b" not in hostile.name and hostile.phone == ""


async def test_agent_shows_the_relays_vendor_as_the_relays_word(
    make_agent, relay_target, tech_key, trust
) -> None:
    run = await make_agent(lang="ko", auto_consent=True)
    known = run.of(VendorKnown)
    assert len(known) == 1 and known[0].relay == f"127.0.0.1:{relay_target.port}"
    assert known[0].vendor.name_in("ko") == "에이스 스토리지 고객지원" and known[0].vendor.logo
    assert run.events.index(known[0]) < run.events.index(run.of(CodeIssued)[0])  # before the code
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    consent = run.of(ConsentRequested)[0]
    assert consent.lines[0] == f"에이스 스토리지 고객지원의 {TECH_NAME}님이 이 장치에 연결하려고 합니다."
    assert (
        consent.lines[2]
        == "예상하지 못한 연결이라면 허용하지 말고 에이스 스토리지 고객지원(+82 2-555-0100)에 전화하세요."
    )
    conn.close()


async def test_the_agents_own_vendor_file_comes_before_the_relays(make_agent, tmp_path: Path) -> None:
    own = tmp_path / "own.toml"
    own.write_text('name = "Beta Care"\nphone = "080-555-0199"\n')
    run = await make_agent(vendor=vendor.load(own))
    (known,) = run.of(VendorKnown)
    assert known.vendor.name == "Beta Care" and known.relay == ""  # not the relay's word: no mark


async def test_a_hostile_relay_vendor_is_only_shown(make_agent, relay, relay_target, tech_key, trust) -> None:
    relay.config = dataclasses.replace(
        relay.config, vendor=Vendor(name=HOSTILE_NAME, url="file:///etc/passwd")
    )
    run = await make_agent(lang="en")
    (known,) = run.of(VendorKnown)
    assert "\x1b" not in known.vendor.name and "⟨U+202E⟩" in known.vendor.name and known.vendor.url == ""
    await connect_by_code(relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust))
    who = run.of(ConsentRequested)[0].lines[0]
    assert "\n" not in who and "\x1b" not in who and who.endswith("wants to connect to this device.")


async def test_terminal_agent_prints_the_vendor_and_names_it_in_the_question(
    tmp_path: Path, technicians_file: Path, tech_key: Path, trust
) -> None:
    async with relay_and_agents(tmp_path, technicians_file, "--vendor", str(DEMO)) as (port, seen, agents):
        agent = await start_agent(port, tmp_path / "agent", agents, "--lang", "ja")
        line = await line_matching(
            agent.stdout, r"^== エース・ストレージ サポート · 電話 \+82 2-555-0100 · ", seen
        )
        assert f"サポートサーバー 127.0.0.1:{port} から受け取った情報" in line.string
        code = await line_matching(agent.stdout, r"(\d{3} \d{3} \d{3})", seen)
        join = connect_by_code(
            Target("127.0.0.1", port, "kim"), code.group(1), JoinOptions(technician_key=tech_key, trust=trust)
        )
        task = asyncio.ensure_future(join)
        await line_matching(
            agent.stdout, re.escape(f"エース・ストレージ サポート の {TECH_NAME} がこのデバイス"), seen
        )
        await line_matching(agent.stdout, re.escape("（+82 2-555-0100）に電話してください。"), seen)
        agent.stdin.write(b"n\n")  # type: ignore[union-attr]
        with pytest.raises(Exception, match="declined"):
            await asyncio.wait_for(task, 20)
