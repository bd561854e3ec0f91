"""A Korean customer reads the terminal agent in Korean only: from the code to the end, errors included.

The terminal agent runs as a real process against a real relay; every line it prints is checked for
English sentences (names, commands, paths, the relay's address and the code are allowed).
"""

from __future__ import annotations

import ast
import asyncio
import json
import re
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from sessions import vendor
from sessions.agent.catalogue import Catalogue, languages
from sessions.chat.link import ChatLink
from sessions.chat.message import ChatMessage
from sessions.relay.client import connect_by_code
from sessions.ssh.target import Target
from tests.relay.conftest import TECH_NAME
from tests.relay.language import english_runs
from tests.relay.processes import line_matching, relay_and_agents, start_agent

ROOT = Path(__file__).resolve().parents[2]
FIELD = re.compile(r"\{(\w+)\}")


async def test_korean_customer_reads_no_english_from_code_to_the_technicians_end(
    tmp_path: Path, technicians_file: Path, tech_key: Path, trust
) -> None:
    probe = tmp_path / "상태.txt"
    probe.write_text("ok\n", encoding="utf-8")
    relay_args = ("--vendor", str(vendor.demo_file()))
    async with relay_and_agents(tmp_path, technicians_file, *relay_args) as (port, _, agents):
        agent = await start_agent(port, tmp_path / "agent", agents, "--lang", "ko")
        assert agent.stdin is not None
        printed: list[str] = []
        match = await line_matching(agent.stdout, r"세션 코드: (\d{3} \d{3} \d{3})", printed)
        join = asyncio.ensure_future(
            connect_by_code(
                Target("127.0.0.1", port, "kim"), match.group(1), technician_key=tech_key, trust=trust
            )
        )
        await line_matching(agent.stdout, re.escape("허용할까요? [y/N]"), printed)
        agent.stdin.write("네\n".encode())
        conn = await asyncio.wait_for(join, 20)
        assert (await conn.run("uptime")).exit_status == 0
        async with conn.start_sftp_client() as sftp, sftp.open(str(probe)) as handle:
            await handle.read()
        await line_matching(agent.stdout, r"파일을 읽고 있습니다", printed)
        link = await ChatLink.open(conn)
        await link.send(ChatMessage("technician", "디스크를 확인하겠습니다", "ko"))
        await line_matching(agent.stdout, r"기술자: 디스크를 확인하겠습니다", printed)
        agent.stdin.write("고맙습니다\n".encode())  # a chat line back
        assert (await asyncio.wait_for(anext(aiter(link)), 10)).text == "고맙습니다"
        link.close()
        conn.close()  # the technician ends the session
        await line_matching(
            agent.stdout, re.escape(f"세션 종료: {TECH_NAME}님이 세션을 끝냈습니다."), printed
        )
        assert await asyncio.wait_for(agent.wait(), 10) == 0
        printed += [line.decode() for line in (await agent.stdout.read()).splitlines()]
    text = "".join(printed)
    assert "에이스 스토리지 고객지원" in text and "전체 권한: 기술자가 이 장치에서" in text
    allowed = [
        TECH_NAME,
        match.group(1),
        f"127.0.0.1:{port}",
        "uptime",
        str(probe),
        "https://support.acme.example",
    ]
    assert english_runs(text, allowed) == [], text


@pytest.mark.parametrize(
    ("relay", "expected"),
    [
        ("127.0.0.1:1", "127.0.0.1:1의 지원 서비스에 연결할 수 없습니다. 이 장치가 인터넷에 연결되어 있는지"),
        ("no-such-host.invalid:2222", "no-such-host.invalid:2222 주소를 찾을 수 없습니다."),
    ],
)
async def test_a_relay_that_cannot_be_reached_is_explained_in_korean(
    tmp_path: Path, relay: str, expected: str
) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "console.cli", "agent", "--relay", relay, "--lang", "ko",
        "--state-dir", str(tmp_path / "agent"),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await asyncio.wait_for(process.communicate(), 60)
    text = out.decode()
    assert process.returncode == 1 and expected in text, text
    assert english_runs(text, [relay]) == [] and "Traceback" not in text


async def test_no_relay_address_and_a_bad_vendor_file_are_explained_in_korean(tmp_path: Path) -> None:
    for args, expected in (
        ([], "이 에이전트는 어디에 연결해야 할지 모릅니다."),
        (["--relay", "127.0.0.1:2222", "--vendor", str(tmp_path / "없음.toml")], "지원 업체 파일"),
    ):
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "console.cli", "agent", "--lang", "ko", *args,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        out, _ = await asyncio.wait_for(process.communicate(), 60)
        assert process.returncode == 1 and expected in out.decode(), out.decode()
        assert english_runs(out.decode(), ["valuezone agent --relay HOST:PORT", str(tmp_path)]) == []


# --- the catalogue: every key the code uses, in all five languages, with the same placeholders ---------
def _catalogue(lang: str) -> dict[str, str]:
    data = tomllib.loads(resources.files("resources").joinpath("agent", f"{lang}.toml").read_text("utf-8"))
    return {f"{s}.{k}": v for s, table in data.items() if isinstance(table, dict) for k, v in table.items()}


def _keys_used_in_code() -> set[str]:
    """Catalogue keys the code names: text("s.k"), _t("k") (window.k), activity("k") and _activity("k")."""
    files = [*ROOT.glob("sessions/agent/*.py"), *ROOT.glob("sessions/relay/stock_words.py")]
    files += [*ROOT.glob("console/agent/*.py"), *ROOT.glob("console/commands/agent*.py")]
    prefixes = {"_t": "window.", "activity": "activity.", "_activity": "activity."}
    used: set[str] = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            value = node.args[0].value
            if not isinstance(value, str):
                continue
            if name in ("text", "has") and re.fullmatch(r"[a-z_]+\.[a-z_0-9]+", value):
                used.add(value)
            elif name in prefixes and re.fullmatch(r"[a-z_]+", value):
                used.add(prefixes[name] + value)
    return used


def test_every_key_used_in_code_is_in_all_five_languages_with_the_same_placeholders() -> None:
    used = _keys_used_in_code()
    dynamic = {f"consent.{p}_{s}" for p in ("scope", "name") for s in ("full", "diagnostics", "sshd")}
    dynamic |= {f"consent.who{a}{v}" for a in ("", "_again") for v in ("", "_vendor")}
    dynamic |= {f"ended.{k}" for k in ("you", "demo", "technician", "technician_unnamed", "code_expired",
                                        "closed_by_relay", "link_lost", "relay_changed")}  # fmt: skip
    assert len(used) > 80, sorted(used)  # the scan finds the code's keys
    english = _catalogue("en")
    canned = {"question.survey_solved", "question.survey_score"}  # from resources/canned
    missing = sorted(key for key in used | dynamic if key not in english and key not in canned)
    assert missing == [], missing
    assert set(languages()) == {"en", "ko", "ja", "zh-TW", "zh-CN"}
    for lang in languages():
        texts = _catalogue(lang)
        assert set(texts) == set(english), lang
        for key, value in english.items():
            if isinstance(value, str):
                assert set(FIELD.findall(texts[key])) == set(FIELD.findall(value)), (lang, key)
                if lang != "en" and key not in ("window.title", "view.live_tab"):
                    assert english_runs(texts[key], ["valuezone agent --relay HOST:PORT"]) == [], (lang, key)


def test_every_error_and_ending_has_customer_words_in_every_language() -> None:
    from sessions.agent import failures

    codes = {code for _cls, code in failures._BY_CLASS} | {failures.UNEXPECTED, "relay_busy", "no_relay"}
    for lang in languages():
        texts = Catalogue(lang)
        for code in codes:
            assert texts.has(f"errors.{code}"), (lang, code)
        rules = [
            rule["id"] for rule in tomllib.loads((ROOT / "resources" / "redaction.toml").read_text())["rule"]
        ]
        for rule in [*rules, "known_secret", "detect_secrets.AWSKeyDetector"]:
            name = texts.redaction_name(rule)
            assert name != texts.text("redaction.other") and "_" not in name, (lang, rule)


def test_catalogue_json_escape_free() -> None:
    """The TOML stays human-editable: no \\u escapes where a translator expects to read the language."""
    for lang in languages():
        text = resources.files("resources").joinpath("agent", f"{lang}.toml").read_text("utf-8")
        assert "\\u" not in text, lang
        json.dumps(text)  # and valid UTF-8 all the way


def test_an_errors_own_code_is_used_when_the_customer_table_has_it() -> None:
    from sessions.agent.failures import tag
    from sessions.errors import ConnectError, HostUnreachableError

    texts = Catalogue("ko")
    busy = tag(ConnectError("The relay turned this connection away: too many."), "relay_busy")
    assert texts.error(busy).startswith("지금은 지원 서비스가")  # the tag wins over the class
    coded = HostUnreachableError("127.0.0.1:1 refused the connection.")
    coded.code = "connect.unreachable"  # type: ignore[attr-defined]  # SupportError's stable code
    assert texts.error(coded, relay="r:1").startswith("r:1의 지원 서비스에 연결할 수 없습니다.")
    unknown = ConnectError("odd")
    unknown.code = "relay.something_new"  # type: ignore[attr-defined]
    assert texts.error(unknown, relay="r:1").startswith("r:1의 지원 서비스가 세션 코드를")  # by its class
    assert "자세한 내용은" in texts.error(RuntimeError("bug"))  # anything else: tell the technician, log
