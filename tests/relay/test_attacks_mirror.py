"""Hiding a shell from the terminal agent's `--mirror` with the alternate screen.

`tput smcup` (ESC [?1049h) switches the terminal to the alternate screen, which full-screen programs
use. Before, the mirror only announced "a full-screen program is running" and printed nothing more, so
a technician who switched screens at the prompt typed every later command unseen by the customer.
Through a real relay and the terminal agent as a process; the technician is asyncssh with a PTY.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from sessions.agent.mirror import LineMirror
from tests.relay.processes import relay_and_agents
from tests.relay.test_customer_view import _joined_terminal_agent, _until_output, bytes_until, shell_at_prompt


async def test_commands_typed_on_the_alternate_screen_are_mirrored(
    tmp_path: Path, technicians_file: Path, tech_key: Path, trust
) -> None:
    async with relay_and_agents(tmp_path, technicians_file) as (port, _seen, agents):
        agent, conn, raw = await _joined_terminal_agent(
            tmp_path, port, agents, tech_key, trust, "--mirror", "--lang", "en"
        )
        shell, seen = await shell_at_prompt(conn)
        shell.stdin.write("printf '\\033[?1049h\\033[H\\033[2J'\r")  # tput smcup; clear
        shell.stdin.write("echo hidden-$((6*7))\r")
        await _until_output(shell, r"hidden-42", seen)
        shell.stdin.write("printf '\\033[?1049l'; exit\r")
        await asyncio.wait_for(shell.wait_closed(), 10)
        await bytes_until(agent.stdout, r"terminal 1 closed", raw)
        agent.stdin.write(b"/end\n")
        raw.append(await asyncio.wait_for(agent.stdout.read(), 20))
        conn.close()
    text = b"".join(raw).decode("utf-8", "replace")
    assert "full-screen program is running in terminal 1" in text
    assert "echo hidden-$((6*7))" in text, text  # the command as typed …
    assert "│ hidden-42\n" in text, text  # … and what it printed
    assert b"\x1b" not in b"".join(raw)


def test_a_full_screen_program_redrawing_prints_each_changed_row_once() -> None:
    """top, watch: the same rows drawn again print nothing; a row that changed prints once."""
    mirror = LineMirror(40, 5)
    mirror.feed(b"\x1b[?1049h")
    frame = b"\x1b[Hload 0.10\x1b[K\r\nPID 1 init\x1b[K\r\nPID 2 sshd\x1b[K\r\n"
    assert mirror.feed(frame) == ["load 0.10", "PID 1 init", "PID 2 sshd"]
    assert mirror.feed(frame) == []
    assert mirror.feed(frame.replace(b"0.10", b"0.25")) == ["load 0.25"]
    assert mirror.feed(b"\x1b[?1049l") == [] and mirror.finish() == []


def test_a_one_row_scroll_region_does_not_keep_rows_from_being_printed() -> None:
    """DECSTBM 1;1: every line feed scrolls the top row away, and the cursor never leaves it downwards."""
    mirror = LineMirror(40, 10)
    rows = mirror.feed(b"\x1b[1;1r\x1b[1;1H$ touch /tmp/evil\r\n$ rm -rf x\r\n$ id\r\n")
    assert rows == ["$ touch /tmp/evil", "$ rm -rf x", "$ id"]


def test_the_switch_and_the_first_command_in_one_read_are_mirrored() -> None:
    mirror = LineMirror(40, 10)
    assert mirror.feed(b"$ tput smcup\r\n") == ["$ tput smcup"]
    assert mirror.feed(b"\x1b[?1049h\x1b[H\x1b[2J$ echo hidden\r\nhidden\r\n") == ["$ echo hidden", "hidden"]
