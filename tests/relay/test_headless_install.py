"""The headless install: `pip install valuezone` (no extras) in a real venv has no Qt, and its terminal agent
serves a real session through a real relay; windows say how to get the full install.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sessions.relay.client import JoinOptions, connect_by_code
from sessions.ssh.target import Target
from tests.relay.conftest import TECH_NAME
from tests.relay.processes import LISTENING, line_matching

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("console", "sessions", "translation", "resources", "pyproject.toml", "README.md")


@pytest.fixture(scope="module")
def headless_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv (no system site-packages) with `pip install <a copy of this checkout>`: the base install."""
    where = tmp_path_factory.mktemp("headless")
    source = where / "src"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    venv = where / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    result = subprocess.run([*pip, str(source)], capture_output=True, text=True, timeout=480, env=_env())
    assert result.returncode == 0, result.stdout + result.stderr
    return venv


def _env(**extra: str) -> dict[str, str]:
    """This process's environment without anything that would import the checkout instead of the install."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return {**env, **extra}


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_the_base_install_has_no_qt_and_no_translation_libraries(headless_venv: Path) -> None:
    python = str(headless_venv / "bin" / "python")
    gui = "('PySide6', 'qasync', 'lingua', 'deep_translator', 'detect_secrets', 'ahocorasick_rs')"
    probe = (
        "import importlib.util as u, sessions; "
        + f"print([m for m in {gui} if u.find_spec(m)], sessions.__file__)"
    )
    found = subprocess.run(
        [python, "-c", probe], capture_output=True, text=True, env=_env(), timeout=60, cwd=headless_venv
    )
    assert found.stdout.startswith("[] " + str(headless_venv)), found  # none of them; the installed copy


@pytest.mark.slow
@pytest.mark.timeout(600)
async def test_headless_terminal_agent_serves_a_session_through_a_real_relay(
    headless_venv: Path, tmp_path: Path, technicians_file: Path, tech_key: Path, trust
) -> None:
    bin_dir = headless_venv / "bin"
    env = _env(VALUEZONE_HOME=str(tmp_path / "home"))
    relay = await asyncio.create_subprocess_exec(
        str(bin_dir / "valuezone"), "relay", "--listen", "127.0.0.1:0", "--technicians",
        str(technicians_file), "--state-dir", str(tmp_path / "relay"),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT, env=env, cwd=tmp_path,
    )  # fmt: skip
    seen: list[str] = []
    started = [relay]
    try:
        port = int((await line_matching(relay.stdout, LISTENING, seen)).group(1))
        await _session(bin_dir, port, env, tmp_path, started, tech_key, trust, seen)
    finally:
        for process in started:
            if process.returncode is None:
                process.terminate()
                await asyncio.wait_for(process.wait(), 20)


async def _session(bin_dir, port, env, tmp_path, started, tech_key, trust, seen) -> None:  # type: ignore[no-untyped-def]
    """The customer starts the headless agent; a technician joins, runs a command; the customer ends."""
    agent = await asyncio.create_subprocess_exec(
        str(bin_dir / "valuezone-agent"), "--relay", f"127.0.0.1:{port}", "--lang", "ko",
        "--state-dir", str(tmp_path / "agent"),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        env=env, cwd=tmp_path,
    )  # fmt: skip
    started.append(agent)
    code = await line_matching(agent.stdout, r"세션 코드: (\d{3} \d{3} \d{3})", seen)
    target = Target("127.0.0.1", port, "kim")
    join = asyncio.ensure_future(
        connect_by_code(target, code.group(1), JoinOptions(technician_key=tech_key, trust=trust))
    )
    await line_matching(agent.stdout, re.escape(f"{TECH_NAME}님이 이 장치에 연결하려고 합니다."), seen)
    assert agent.stdin is not None
    agent.stdin.write("예\n".encode())
    conn = await asyncio.wait_for(join, 30)
    assert (await conn.run("echo headless-ok")).stdout == "headless-ok\n"
    await line_matching(agent.stdout, r"기술자가 실행한 명령: echo headless-ok", seen)
    agent.stdin.write(b"/end\n")
    await line_matching(agent.stdout, r"세션 종료: 고객님이 세션을 끝냈습니다\.", seen)
    assert await asyncio.wait_for(agent.wait(), 20) == 0
    conn.close()


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_windows_on_the_headless_install_say_how_to_get_them(headless_venv: Path, tmp_path: Path) -> None:
    env = _env(VALUEZONE_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    bin_dir = headless_venv / "bin"
    for command in (["valuezone"], ["valuezone", "demo", "--quit-after", "1"]):
        result = subprocess.run(
            [str(bin_dir / command[0]), *command[1:]],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            cwd=tmp_path,
        )
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert 'pip install "valuezone[gui]"' in result.stderr, result.stderr
    window = subprocess.run(
        [str(bin_dir / "valuezone-agent"), "--gui", "--lang", "ko", "--relay", "127.0.0.1:1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert window.returncode == 1 and "이 설치본에는 창 화면 기능이 없습니다." in window.stderr, window.stderr
