"""What the customer sees is the truth: the terminal agent as a process, attacked through a real relay.

A hostile technician puts terminal controls in everything the customer reads (their name, a command,
an SFTP path, chat, a question) to erase or rewrite a line; the agent's stdout bytes must hold none.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import re
import sys
from pathlib import Path
from typing import Any

import asyncssh

from sessions.chat.link import ChatLink
from sessions.chat.message import ChatMessage
from sessions.relay.client import JoinOptions, connect_by_code
from sessions.relay.server import Relay
from sessions.ssh.target import Target
from tests.relay import test_stock_clients as stock
from tests.relay.processes import LISTENING, line_matching, relay_and_agents, start_agent, start_relay

# Each tries to rewrite what the customer reads: erase the line, move up, set the title, reverse text.
ERASE = "\r\x1b[2K"
UP = "\x1b[1A"
TITLE = "\x1b]0;all good\x07"
RLO = "\u202e"
CSI8 = "\u009b2K"  # the one-character (C1) CSI
COLUMN_1 = "\x1b[1G"  # a name cannot hold \r (it ends a line of the technicians file): this does the same
FAKE_LINE = "[00:00:00] Technician ran: ls -l"
HOSTILE_NAME = f"Mallory{COLUMN_1}\x1b[2K{UP}Acme Security Team{TITLE}{RLO}moc.emca"


def hostile_technicians(tmp_path: Path, tech_key: Path) -> Path:
    kind, blob = Path(f"{tech_key}.pub").read_text().split()[:2]
    path = tmp_path / "technicians"
    path.write_text(f"{kind} {blob} {HOSTILE_NAME}\n", encoding="utf-8")
    return path


async def bytes_until(stream: asyncio.StreamReader | None, pattern: str, raw: list[bytes]) -> re.Match[str]:
    """Read lines until one matches *pattern*, keeping every line's bytes exactly as printed in *raw*."""
    assert stream is not None
    while True:
        try:
            line = await asyncio.wait_for(stream.readline(), 20)
        except TimeoutError:
            raise AssertionError(f"no {pattern!r} in 20 s: {b''.join(raw)!r}") from None
        if not line:
            raise AssertionError(f"output ended before {pattern!r}: {raw}")
        raw.append(line)
        if match := re.search(pattern, line.decode("utf-8", "replace")):
            return match


async def test_terminal_agent_never_prints_a_control_that_came_from_the_technician(
    tmp_path: Path, tech_key: Path, trust
) -> None:
    technicians = hostile_technicians(tmp_path, tech_key)
    raw: list[bytes] = []
    async with relay_and_agents(tmp_path, technicians) as (port, _seen, agents):
        agent = await start_agent(port, tmp_path / "agent", agents, "--lang", "en")
        assert agent.stdin is not None
        code = (await bytes_until(agent.stdout, r"Session code: (\d{3} \d{3} \d{3})", raw)).group(1)
        join = asyncio.ensure_future(
            connect_by_code(
                Target("127.0.0.1", port, "kim"), code, JoinOptions(technician_key=tech_key, trust=trust)
            )
        )
        await bytes_until(agent.stdout, r"wants to connect", raw)
        agent.stdin.write(b"y\n")
        conn = await asyncio.wait_for(join, 20)
        command = f"true '{ERASE}{UP}harmless{TITLE}{RLO}{CSI8}'"
        assert (await conn.run(command)).exit_status == 0
        link = await ChatLink.open(conn)
        await link.send(ChatMessage("technician", f"hello{ERASE}{UP}Your bank called{TITLE}{RLO}", "en"))
        await link.send(ChatMessage("technician", f"ok\n{FAKE_LINE}", "en"))  # a line that looks like ours
        weird = os.fsencode(str(tmp_path)) + b"/\xff" + f"{UP}{ERASE}x".encode()
        async with conn.start_sftp_client() as sftp:
            with contextlib.suppress(asyncssh.SFTPError):  # no such file: the attempt is what counts
                await sftp.open(weird)
        await bytes_until(agent.stdout, r"Technician is reading", raw)
        agent.stdin.write(b"/end\n")
        assert agent.stdout is not None
        raw.append(await asyncio.wait_for(agent.stdout.read(), 20))
        assert await asyncio.wait_for(agent.wait(), 10) == 0
        conn.close()
    out = b"".join(raw)
    text = out.decode("utf-8", "replace")
    for control in (b"\x1b", b"\r", b"\x07", RLO.encode(), "\u009b".encode(), b"\xff"):
        assert control not in out, (control, text)
    # Everything is there, shown as text.
    assert "Mallory␛[1G␛[2K␛[1AAcme Security Team␛]0;all good␇⟨U+202E⟩moc.emca wants to connect" in text
    assert "Technician ran: true '␍␛[2K␛[1Aharmless␛]0;all good␇⟨U+202E⟩⟨U+009B⟩2K'" in text
    assert "Technician: hello␍␛[2K␛[1AYour bank called␛]0;all good␇⟨U+202E⟩" in text
    assert f"Technician: ok␊{FAKE_LINE}" in text and f"\n{FAKE_LINE}" not in text
    assert re.search(r"Technician is reading .*/⟨0xFF⟩␛\[1A␍␛\[2Kx \(SFTP\)", text), text
    assert "ended the session" in text or "You ended the session" in text


async def _until_output(process: asyncssh.SSHClientProcess, pattern: str, seen: list[str]) -> re.Match[str]:
    """Read the technician's terminal until *pattern* shows (10 s)."""
    while True:
        if match := re.search(pattern, "".join(seen)):
            return match
        try:
            chunk = await asyncio.wait_for(process.stdout.read(4096), 10)
        except TimeoutError:
            raise AssertionError(f"no {pattern!r} in 10 s: {''.join(seen)!r}") from None
        if not chunk:
            raise AssertionError(f"the shell ended before {pattern!r}: {''.join(seen)!r}")
        seen.append(chunk)


# As a script's `agent &` (SIGINT and SIGQUIT ignored), `trap '' INT` or a service manager leaves them;
# a blocked SIGINT is what a thread-spawned or badly written launcher leaves.
IGNORING_LAUNCHER = """
import os, signal, sys
for sig in (signal.SIGINT, signal.SIGQUIT, signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU):
    signal.signal(sig, signal.SIG_IGN)
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGQUIT})
os.execv(sys.executable, [sys.executable, "-m", "console.cli", *sys.argv[1:]])
"""


async def test_ctrl_c_works_in_the_shell_of_an_agent_started_with_signals_ignored(
    tmp_path: Path, technicians_file: Path, tech_key: Path, trust
) -> None:
    """A script's background job (`agent &`), nohup or `trap '' INT` hands the agent ignored signals."""
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), SHELL="/bin/bash", PYENV_REHASH_TIMEOUT="1")
    async with relay_and_agents(tmp_path, technicians_file) as (port, _seen, agents):
        agent = await asyncio.create_subprocess_exec(
            sys.executable, "-c", IGNORING_LAUNCHER, "agent", "--relay", f"127.0.0.1:{port}",
            "--state-dir", str(tmp_path / "agent"), "--lang", "en",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
            env=env,
        )  # fmt: skip
        agents.append(agent)
        assert agent.stdin is not None
        raw: list[bytes] = []
        code = (await bytes_until(agent.stdout, r"Session code: (\d{3} \d{3} \d{3})", raw)).group(1)
        join = asyncio.ensure_future(
            connect_by_code(
                Target("127.0.0.1", port, "kim"), code, JoinOptions(technician_key=tech_key, trust=trust)
            )
        )
        await bytes_until(agent.stdout, r"wants to connect", raw)
        agent.stdin.write(b"y\n")
        conn = await asyncio.wait_for(join, 20)
        shell, seen = await shell_at_prompt(conn)
        shell.stdin.write("PS1='vz-prompt$ '\r")
        await _until_output(shell, r"vz-prompt\$ $", seen)
        shell.stdin.write("grep -E '^Sig(Ign|Blk)' /proc/self/status\r")
        blocked = await _until_output(shell, r"SigBlk:\s+([0-9a-f]+)", seen)
        ignored = await _until_output(shell, r"SigIgn:\s+([0-9a-f]+)", seen)
        assert (int(ignored.group(1), 16), int(blocked.group(1), 16)) == (0, 0), "signals the agent inherited"
        await _until_output(shell, r"vz-prompt\$ $", seen)
        seen.clear()
        shell.stdin.write("sleep 100; echo slept\r")
        await _until_output(shell, r"sleep 100; echo slept\r\n", seen)
        await asyncio.sleep(0.3)  # sleep is running
        shell.stdin.write("\x03")  # Ctrl+C, as the technician's terminal sends it
        await _until_output(shell, r"\^C.*\r\n.*vz-prompt\$ $", seen)
        assert "slept" not in "".join(seen).split("echo slept", 1)[1]
        shell.stdin.write("echo after-$((6*7))\r")
        await _until_output(shell, r"after-42", seen)
        shell.close()
        conn.close()
        agent.stdin.write(b"/end\n")
        assert await asyncio.wait_for(agent.wait(), 10) == 0


async def _relay_process(tmp_path: Path, technicians_file: Path) -> tuple[int, asyncio.subprocess.Process]:
    """A relay process of our own (to kill it), on a loopback port it chose."""
    relay = await start_relay(tmp_path / "relay", technicians_file)
    port = int((await line_matching(relay.stdout, LISTENING, [])).group(1))
    await line_matching(relay.stdout, r"Host key fingerprint", [])
    return port, relay


async def test_relay_killed_mid_session_prints_no_internal_error_to_the_customer(
    tmp_path: Path, technicians_file: Path, tech_key: Path, trust, vz_home: Path
) -> None:
    """Under uvloop, asyncssh's pipe transport on the PTY printed "Fatal error on transport" here."""
    port, relay = await _relay_process(tmp_path, technicians_file)
    agents: list[asyncio.subprocess.Process] = []
    raw: list[bytes] = []
    try:
        agent = await start_agent(port, tmp_path / "agent", agents, "--lang", "en")
        assert agent.stdin is not None and agent.stdout is not None
        code = (await bytes_until(agent.stdout, r"Session code: (\d{3} \d{3} \d{3})", raw)).group(1)
        join = asyncio.ensure_future(
            connect_by_code(
                Target("127.0.0.1", port, "kim"), code, JoinOptions(technician_key=tech_key, trust=trust)
            )
        )
        await bytes_until(agent.stdout, r"wants to connect", raw)
        agent.stdin.write(b"y\n")
        conn = await asyncio.wait_for(join, 20)
        shell = await conn.create_process(term_type="xterm", term_size=(80, 24))
        shell.stdin.write("yes | head -c 3000000\r")  # output in flight when the relay dies
        await asyncio.sleep(0.3)
        relay.kill()
        await relay.wait()
        await bytes_until(agent.stdout, r"Reconnecting to the relay", raw)
        await asyncio.sleep(1.5)  # reconnect attempts fail against the closed port
        agent.stdin.write(b"/end\n")
        raw.append(await asyncio.wait_for(agent.stdout.read(), 20))
        assert await asyncio.wait_for(agent.wait(), 10) == 0
        conn.abort()
    finally:
        for process in (*agents, relay):
            if process.returncode is None:
                process.kill()
                await process.wait()
    text = b"".join(raw).decode("utf-8", "replace")
    for internal in ("Fatal error", "Traceback", "Exception", "protocol:", "transport:", "was destroyed"):
        assert internal not in text, text
    assert "Session ended: You ended the session." in text
    assert list(vz_home.rglob("*.log")), "the agent keeps a log file for what the customer is not shown"


async def shell_at_prompt(conn: Any) -> tuple[Any, list[str]]:
    """A 100x30 xterm shell on *conn*, once its prompt is shown; what it printed so far."""
    shell = await conn.create_process(term_type="xterm", term_size=(100, 30))
    seen: list[str] = []
    await _until_output(shell, r"[#$] $", seen)
    return shell, seen


async def _joined_terminal_agent(tmp_path: Path, port: int, agents: list, tech_key: Path, trust, *args: str):  # type: ignore[no-untyped-def]
    """A terminal agent (with *args*) that a technician joined: (agent process, connection, raw lines)."""
    raw: list[bytes] = []
    agent = await start_agent(port, tmp_path / "agent", agents, *args)
    assert agent.stdin is not None
    code = (await bytes_until(agent.stdout, r"(\d{3} \d{3} \d{3})", raw)).group(1)  # in any language
    join = asyncio.ensure_future(
        connect_by_code(
            Target("127.0.0.1", port, "kim"), code, JoinOptions(technician_key=tech_key, trust=trust)
        )
    )
    await bytes_until(agent.stdout, r"\[y/N\]", raw)
    agent.stdin.write(b"y\n")
    return agent, await asyncio.wait_for(join, 20), raw


async def test_mirror_shows_the_technicians_terminal_as_plain_lines(
    tmp_path: Path, technicians_file: Path, tech_key: Path, trust
) -> None:
    async with relay_and_agents(tmp_path, technicians_file) as (port, _seen, agents):
        agent, conn, raw = await _joined_terminal_agent(
            tmp_path, port, agents, tech_key, trust, "--mirror", "--lang", "en"
        )
        shell, seen = await shell_at_prompt(conn)
        # What the device prints may try to act on the customer's terminal: title, clipboard, erase.
        shell.stdin.write(
            "printf 'x\\033]0;owned\\007\\033]52;c;ZWNobyBoaQ==\\007\\033[2J%s\\n' clipboard-$((6*7))\r"
        )
        await _until_output(shell, r"clipboard-42", seen)
        shell.stdin.write("exit\r")
        await asyncio.wait_for(shell.wait_closed(), 10)
        await bytes_until(agent.stdout, r"terminal 1 closed", raw)
        agent.stdin.write(b"/end\n")
        raw.append(await asyncio.wait_for(agent.stdout.read(), 20))
        conn.close()
    out = b"".join(raw)
    text = out.decode("utf-8", "replace")
    assert b"\x1b" not in out and b"\x07" not in out and b"\r" not in out, text
    assert "The technician's terminal is shown below as it runs" in text
    assert "│ ── terminal 1 opened ──" in text
    assert re.search(r"│ .*printf 'x\\033\]0;owned.*clipboard-\$\(\(6\*7\)\)", text), text  # as typed
    # What the terminal showed: the erase did its work in our emulator ("x" gone), nothing else did.
    assert "│  clipboard-42\n" in text and "owned\n" not in text
    assert "│ ── terminal 1 closed ──" in text
    assert re.search(r"The technician's terminal closed \(open for \d+ s\)", text), text


async def test_without_mirror_the_customer_is_told_how_to_watch_and_sees_no_output(
    tmp_path: Path, technicians_file: Path, tech_key: Path, trust
) -> None:
    async with relay_and_agents(tmp_path, technicians_file) as (port, _seen, agents):
        joined = await _joined_terminal_agent(tmp_path, port, agents, tech_key, trust, "--lang", "ko")
        agent, conn, raw = joined
        result = await conn.run("echo not-mirrored-$((6*7))", term_type="xterm")
        assert "not-mirrored-42" in str(result.stdout)
        await bytes_until(agent.stdout, r"--mirror", raw)
        await bytes_until(agent.stdout, r"기술자의 터미널이 닫혔습니다", raw)
        agent.stdin.write(b"/end\n")
        raw.append(await asyncio.wait_for(agent.stdout.read(), 20))
        conn.close()
    text = b"".join(raw).decode()
    assert "not-mirrored-42" not in text
    assert "에이전트를 --mirror 옵션으로 시작하세요" in text


async def test_forward_sshd_says_in_the_customers_language_what_cannot_be_shown(
    tmp_path: Path, technicians_file: Path
) -> None:
    async with relay_and_agents(tmp_path, technicians_file) as (port, _seen, agents):
        agent = await start_agent(
            port, tmp_path / "agent", agents, "--forward-sshd", "22", "--mirror", "--lang", "ko"
        )
        raw: list[bytes] = []
        await bytes_until(agent.stdout, r"처음부터 끝까지 암호화되어 있어", raw)
        await bytes_until(agent.stdout, r"--mirror로는 아무것도 보여 드릴 수 없습니다", raw)


async def test_stock_ssh_customer_sees_the_name_as_text_and_is_told_what_cannot_be_shown(
    relay_config, sshd, openssh, tmp_path: Path, tech_key: Path
) -> None:
    """A customer with stock OpenSSH (`ssh -R`) reads the relay's lines in their own terminal."""
    hostile = hostile_technicians(tmp_path, tech_key)
    relay = await Relay.start(dataclasses.replace(relay_config, technicians_file=hostile, consent_timeout=20))
    config = stock._config(tmp_path, relay, tech_key, sshd.client_key)
    customer = await stock._stock_customer(openssh, config, relay, sshd)
    seen = bytearray()
    try:
        match = await stock._read_until(customer.stdout, stock.CODE_LINE, seen)
        code = "".join(m.decode() for m in match.groups())
        technician = asyncio.ensure_future(stock._technician(openssh, config, code, sshd.user, "true"))
        await stock._read_until(customer.stdout, re.compile(rb"Allow\? \[y/N\]"), seen)
        assert customer.stdin is not None
        customer.stdin.write(b"y\r")
        await stock._read_until(customer.stdout, re.compile(rb"encrypted end to end"), seen)
        assert (await technician)[0] == 0
    finally:
        customer.kill()
        await customer.wait()
        await relay.close()
    text = seen.decode("utf-8", "replace")
    assert "Mallory␛[1G␛[2K␛[1AAcme Security Team␛]0;all good␇⟨U+202E⟩moc.emca wants to connect" in text
    assert "\x1b[1A" not in text and RLO not in text and "\x1b]0;" not in text
    assert "this relay cannot show you what they type or see" in text


def test_mirror_keeps_a_finished_row_even_when_it_is_erased_in_the_same_read() -> None:
    """The rows the --mirror prints, fed as the PTY delivers them (several lines per read)."""
    from sessions.agent.mirror import LineMirror

    mirror = LineMirror(40, 5)
    assert mirror.feed(b"$ echo hi") == []  # the prompt line is not finished yet
    # Enter, output, then a command that moves up and erases the line it was typed on: all in one read.
    rows = mirror.feed(b"\r\nhi\r\n$ evil\r\n\x1b[1A\x1b[2K\rgood\r\n")
    assert rows == ["$ echo hi", "hi", "$ evil", "good"]
    assert mirror.feed(b"\x1b[H\x1b[2Jafter clear\r\n") == ["after clear"]  # a cleared screen counts again
    # A full-screen program: a row a line feed leaves is printed (tests/relay/test_attacks_mirror.py).
    assert mirror.feed(b"\x1b[?1049h\x1b[Htop - 10:00\r\nTasks: 90") == ["top - 10:00"]
    assert mirror.fullscreen_started == 1
    assert mirror.feed(b"\x1b[?1049l") == []  # top quits: its unfinished row is not printed
    # Clipboard (OSC 52) and title (OSC 0): gone, only the text stays.
    assert mirror.feed(b"\x1b]52;c;ZXZpbA==\x07\x1b]0;title\x07back\r\n") == ["back"]
    assert mirror.feed("x\u202ey\r\n".encode()) == ["x⟨U+202E⟩y"]
    assert mirror.finish() == []


def test_visible_shows_every_kind_of_control_and_leaves_text_alone() -> None:
    from sessions.visible import visible

    cases = {
        "a\r\x1b[2Kb\x07\x00\x7f": "a␍␛[2Kb␇␀␡",  # C0 and DEL: their pictures
        "\u009b2K\u0085": "⟨U+009B⟩2K⟨U+0085⟩",  # C1: CSI, NEL
        "\u202a\u202b\u202c\u202d\u202e": "⟨U+202A⟩⟨U+202B⟩⟨U+202C⟩⟨U+202D⟩⟨U+202E⟩",  # embeddings, overrides
        "\u2066\u2069\u200e\u200f\u061c": "⟨U+2066⟩⟨U+2069⟩⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩",  # isolates, marks
        "\u200b\u200c\u200d\u2060\ufeff": "⟨U+200B⟩⟨U+200C⟩⟨U+200D⟩⟨U+2060⟩⟨U+FEFF⟩",  # zero width
        "a\u2028b\u2029c": "a⟨U+2028⟩b⟨U+2029⟩c",  # line and paragraph separators
        os.fsdecode(b"/tmp/\xff\xfe"): "/tmp/⟨0xFF⟩⟨0xFE⟩",  # bytes that were not UTF-8
        "smartctl -H /dev/sda\t# 디스크 検査 磁碟": "smartctl -H /dev/sda\t# 디스크 検査 磁碟",  # text stays
    }
    for raw, shown in cases.items():
        assert visible(raw) == shown
        assert visible(shown) == shown  # idempotent


async def test_typing_the_terminal_does_not_show_is_counted_never_shown(
    make_agent, relay_target, tech_key, trust
) -> None:
    """A password prompt, or `stty -echo` under a program that reads lines: the customer is told."""
    from sessions.agent.events import Activity

    run = await make_agent(lang="en")
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    shell = await conn.create_process(
        "stty -echo; echo ready-1; read -r secret; echo got-${#secret};"
        " stty echo; echo ready-2; read -r shown; echo got-${#shown}",
        term_type="xterm",
    )
    seen: list[str] = []
    await _until_output(shell, r"ready-1", seen)
    shell.stdin.write("hunter2-x\r")
    await _until_output(shell, r"got-9", seen)
    await _until_output(shell, r"ready-2", seen)
    shell.stdin.write("visible\r")
    await _until_output(shell, r"got-7", seen)
    conn.close()
    deadline = asyncio.get_running_loop().time() + 10
    while not [e for e in run.of(Activity) if e.key == "typed_unseen"]:
        assert asyncio.get_running_loop().time() < deadline, run.activity()
        await asyncio.sleep(0.05)
    feed = run.activity()
    assert "The technician typed 9 characters in terminal 1 that it does not show" in " ".join(feed), feed
    assert len([e for e in run.of(Activity) if e.key == "typed_unseen"]) == 1  # the echoed line is not
    assert not any("hunter2" in line for line in feed)
