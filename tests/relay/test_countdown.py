"""The code's time left, live: rewritten in place on a terminal, a line a minute otherwise."""

from __future__ import annotations

import asyncio
import os
import pty
import re
import sys
from pathlib import Path

import pyte

from sessions.relay.client import JoinOptions, connect_by_code
from sessions.ssh.target import Target
from tests.relay.conftest import TECH_NAME
from tests.relay.processes import line_matching, relay_and_agents, start_agent

TICK = re.compile(r"\r\x1b\[K코드 만료까지 (\d+):(\d\d) 남았습니다\.")


async def test_on_a_terminal_the_countdown_line_is_rewritten_each_second(
    tmp_path: Path, technicians_file: Path, tech_key: Path, trust
) -> None:
    async with relay_and_agents(tmp_path, technicians_file) as (port, _, agents):
        master, slave = pty.openpty()
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "console.cli", "agent", "--relay", f"127.0.0.1:{port}", "--lang", "ko",
            "--state-dir", str(tmp_path / "agent"), stdin=slave, stdout=slave, stderr=slave,
        )  # fmt: skip
        agents.append(process)
        os.close(slave)
        raw, screen = bytearray(), ""

        async def read_until(pattern: re.Pattern[str], count: int = 1) -> list[re.Match[str]]:
            nonlocal screen
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 20
            while len(found := list(pattern.finditer(screen))) < count:
                assert loop.time() < deadline, screen
                raw.extend(await asyncio.to_thread(os.read, master, 4096))
                screen = raw.decode(errors="replace")
            return found

        ticks = await read_until(TICK, 3)  # three seconds of countdown, each one rewriting the line
        seconds = [int(m.group(1)) * 60 + int(m.group(2)) for m in ticks]
        assert seconds[0] > seconds[-1] >= 590 and seconds == sorted(seconds, reverse=True)
        # What the customer types meanwhile stays on their line: the countdown is rewritten above it.
        os.write(master, b"/en")
        await read_until(TICK, len(TICK.findall(screen)) + 2)
        shown = pyte.Screen(100, 30)
        pyte.Stream(shown).feed(screen)
        row = shown.cursor.y
        assert shown.display[row].rstrip() == "/en", shown.display
        assert shown.display[row - 1].startswith("코드 만료까지 9:5"), shown.display
        assert sum("코드 만료까지" in line for line in shown.display) == 1  # one line, rewritten
        os.write(master, b"\x15")  # Ctrl-U: the customer erases what they typed
        code = re.search(r"세션 코드: (\d{3} \d{3} \d{3})", screen)
        assert code is not None
        target = Target("127.0.0.1", port, "kim")
        join = asyncio.ensure_future(
            connect_by_code(target, code.group(1), JoinOptions(technician_key=tech_key, trust=trust))
        )
        await read_until(re.compile(re.escape("허용할까요? [y/N]")))
        asked_at = screen.index("허용할까요?")
        # The question starts on a clean line: the countdown was erased before it was printed.
        assert screen[: screen.index(f"{TECH_NAME}님이 이 장치에")].endswith(("\r\x1b[K", "\n"))
        await asyncio.sleep(1.5)
        os.write(master, b"n\n")
        await read_until(re.compile("연결을 거절하셨습니다"))
        assert not TICK.search(
            screen[asked_at : screen.index("연결을 거절하셨습니다")]
        )  # no tick while asking
        join.cancel()
        os.close(master)


async def test_without_a_terminal_a_line_a_minute(tmp_path: Path, technicians_file: Path) -> None:
    async with relay_and_agents(tmp_path, technicians_file, "--code-ttl", "62") as (port, seen, agents):
        agent = await start_agent(port, tmp_path / "agent", agents, "--lang", "en")
        await line_matching(agent.stdout, r"Session code: \d{3} \d{3} \d{3}", seen)
        line = await line_matching(agent.stdout, r"The code expires in (\d+) min\.", seen)
        assert line.group(1) == "1" and "\x1b" not in "".join(seen) and "\r" not in "".join(seen)
