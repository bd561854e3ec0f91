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
from sessions.relay.client import JoinOptions, connect_by_code
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
                Target("127.0.0.1", port, "kim"),
                match.group(1),
                JoinOptions(technician_key=tech_key, trust=trust),
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
    from sessions.agent.failures import CUSTOMER_KEYS, UNEXPECTED

    for lang in languages():
        texts = Catalogue(lang)
        for key in {*CUSTOMER_KEYS.values(), UNEXPECTED}:
            assert texts.has(f"errors.{key}"), (lang, key)
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


# --- the core's error codes → the customer's [errors] texts (sessions/agent/failures.py) --------------
# Where the agent meets SupportErrors: its own modules, the SSH client that reaches the relay, the chat
# it serves, the vendor file, the settings it reads the relay from, and its command line.
AGENT_PATHS = (
    "sessions/agent/*.py",
    "sessions/ssh/client.py",
    "sessions/ssh/failures.py",
    "sessions/ssh/hostkeys.py",
    "sessions/ssh/auth.py",
    "sessions/ssh/target.py",
    "sessions/chat/link.py",
    "sessions/vendor.py",
    "sessions/config.py",
    "console/commands/agent.py",
    "console/launch/gui_missing.py",
)
# Raised in those files but never on the customer's paths.
NOT_THE_CUSTOMERS = {
    "relay.unannounced": "the agent turns it into a refused channel for the technician (core.py)",
    "chat.open_failed": "ChatLink.open is the technician's end; the agent accepts chats",
    "connect.key_missing": "the agent offers no key to the relay (Credentials without keys or agent)",
    "connect.key_unusable": "the agent offers no key to the relay",
    "hostkey.declined": "the agent trusts a relay it meets first (accept_new); nobody is asked",
    "hostkey.unknown_not_asked": "the agent trusts a relay it meets first (accept_new)",
    "config.refused_key": "the agent never writes the settings file",
}


def _own_language_errors(lang: str) -> dict[str, str]:
    data = tomllib.loads(resources.files("resources").joinpath("agent", f"{lang}.toml").read_text("utf-8"))
    return data["errors"]


def test_every_code_on_the_agents_paths_maps_to_a_customer_text_in_all_five_languages() -> None:
    from sessions.agent.failures import CUSTOMER_KEYS, UNEXPECTED
    from sessions.errors import SupportError
    from tests.test_error_codes import _classes, sites

    files = [path for pattern in AGENT_PATHS for path in ROOT.glob(pattern)]
    met = {site.code for site in sites(files)} - {"dynamic.code"}
    assert len(met) > 30, sorted(met)  # the scan finds the SSH client's codes too
    assert sorted(met - set(CUSTOMER_KEYS) - set(NOT_THE_CUSTOMERS)) == []
    assert set(NOT_THE_CUSTOMERS) <= met  # an exception that no longer exists leaves the list
    # Every code in the table is one the core raises (or a class's default): a typo maps nothing.
    everywhere = [
        *ROOT.glob("sessions/**/*.py"),
        *ROOT.glob("translation/**/*.py"),
        *ROOT.glob("console/**/*.py"),
    ]
    known = {site.code for site in sites(everywhere)} | {c.default_code for c in _classes().values()}
    assert sorted(set(CUSTOMER_KEYS) - known) == []
    assert all(code != SupportError.default_code for code in CUSTOMER_KEYS)
    for lang in languages():  # in the language itself, not through the English fallback
        own = _own_language_errors(lang)
        missing = sorted({*CUSTOMER_KEYS.values(), UNEXPECTED} - set(own))
        assert missing == [], (lang, missing)
        for key in own:
            assert set(FIELD.findall(own[key])) <= {"relay", "path", "log"}, (lang, key)


def test_a_core_error_reads_as_its_customer_text_and_an_unknown_code_as_unexpected(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from sessions.errors import ConnectError, HostKeyChangedError, HostUnreachableError, SessionClosedError

    texts = Catalogue("ko")
    unreachable = HostUnreachableError("127.0.0.1:1 cannot be reached: refused.")  # connect.unreachable
    assert texts.error(unreachable, relay="r:1").startswith("r:1의 지원 서비스에 연결할 수 없습니다.")
    busy = ConnectError("The relay r:1 turned this connection away: too many.", code="relay.link_refused")
    assert texts.error(busy).startswith("지금은 지원 서비스가")
    changed = HostKeyChangedError("The host key of r has CHANGED.", code="hostkey.changed")
    assert texts.error(changed, relay="r:1") == _own_language_errors("ko")["relay_changed"].format(
        relay="r:1"
    )
    chat = SessionClosedError("No technician is connected to chat with yet.", code="chat.no_technician")
    assert texts.error(chat) == _own_language_errors("ko")["no_technician"]
    assert caplog.records == []  # known codes: nothing to log
    with caplog.at_level("WARNING", logger="sessions.agent.failures"):
        odd = ConnectError("The relay said something new (technician's words).", code="relay.something_new")
        told = texts.error(odd, relay="r:1")
    assert "자세한 내용은" in told and "technician's words" not in told  # "unexpected", in Korean
    assert "relay.something_new" in caplog.text and "technician's words" in caplog.text  # the log has it
    assert "자세한 내용은" in texts.error(RuntimeError("bug"))  # anything else: tell the technician, log


# Codes raised in modules the agent imports beyond AGENT_PATHS, each only on the technician's side.
TECHNICIANS_ONLY = {
    "code.not_a_code": "sessions.codes parses a code someone typed; the agent only displays its own",
    "code.typo": "sessions.codes parses a code someone typed; the agent only displays its own",
    "question.cannot_answer": "Conversation.ask is the technician's end; the agent answers questions",
    "question.chat_closed": "Conversation.ask is the technician's end",
    "question.dismissed": "Conversation.ask is the technician's end",
    "question.timed_out": "Conversation.ask is the technician's end",
    "question.unreadable_answer": "Conversation.ask is the technician's end",
    "relay.refused": "protocol.error_for_reason turns a refusal into the technician's error",
    "secrets.store_refused": "the agent stores no secret in the keyring",
    "session.no_shell": "sessions.ssh.shell opens the technician's shell",
}


def test_every_code_raised_in_a_module_the_agent_imports_is_mapped_or_the_technicians() -> None:
    """By import, not by a list of files: a module the agent starts to import brings its codes here."""
    import subprocess
    import sys

    from sessions.agent.failures import CUSTOMER_KEYS
    from tests.test_error_codes import sites

    program = (
        "import sys, console.commands.agent, console.launch.gui_missing, sessions.agent.core\n"
        "print(' '.join(m for m in sys.modules if m.split('.')[0] in ('sessions', 'translation')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    modules = set(done.stdout.split())
    files = [
        path
        for path in [*ROOT.glob("sessions/**/*.py"), *ROOT.glob("translation/**/*.py")]
        if ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__") in modules
    ]
    met = {site.code for site in sites(files)} - {"dynamic.code"}
    left = met - set(CUSTOMER_KEYS) - set(NOT_THE_CUSTOMERS) - set(TECHNICIANS_ONLY)
    assert sorted(left) == []
    assert set(TECHNICIANS_ONLY) <= met  # a code that is gone leaves the list
