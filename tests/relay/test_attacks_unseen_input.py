"""Commands typed where the customer cannot see them: the input of a command run without a terminal.

`ssh … sh` (no PTY) runs a shell whose commands come on its standard input, not in the exec request:
before, the customer read only "Technician ran: sh" while the technician ran anything they liked.
Each attack goes through a real relay and agent on loopback, with asyncssh as the technician.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from sessions.relay.client import JoinOptions, connect_by_code


async def _feed_until(run, needle: str, timeout: float = 10.0) -> list[str]:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not any(needle in line for line in run.activity()):
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"{needle!r} never reached the customer's feed: {run.activity()}")
        await asyncio.sleep(0.02)
    return run.activity()


async def test_commands_sent_to_a_shell_without_a_terminal_are_shown(
    make_agent, relay_target, tech_key, trust, tmp_path: Path
) -> None:
    run = await make_agent(scope="full")
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    marker = tmp_path / "written-unseen"
    process = await conn.create_process("sh", encoding=None)  # no PTY: commands go on stdin
    process.stdin.write(f"touch {marker}\n".encode())
    process.stdin.write(b"echo \x1b[2K\x1b[1Ahidden\rok; ")  # a line in two writes, with controls
    process.stdin.write(b"id -u\n")
    process.stdin.write(
        b"true" + b" " * 100_000 + b"; echo in-the-middle;" + b"\t" * 50_000 + b"\n"
    )  # padded
    process.stdin.write_eof()
    result = await process.wait()
    assert result.exit_status == 0 and marker.exists()
    feed = await _feed_until(run, "id -u")
    assert "Technician ran: sh" in feed
    assert f"Technician typed into sh: touch {marker}" in feed
    assert "Technician typed into sh: echo ␛[2K␛[1Ahidden␍ok; id -u" in feed
    long = await _feed_until(run, "in-the-middle")
    assert "Technician typed into sh: true⟨100,000 × ␠⟩; echo in-the-middle;⟨50,000 × \t⟩" in long
    conn.close()


async def test_a_last_line_without_a_line_feed_and_binary_input_are_shown_too(
    make_agent, relay_target, tech_key, trust, tmp_path: Path
) -> None:
    run = await make_agent(scope="full")
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    process = await conn.create_process("sh", encoding=None)
    process.stdin.write(b"echo no-line-feed")  # sh runs it at EOF
    process.stdin.write_eof()
    assert (await process.wait()).stdout == b"no-line-feed\n"
    await _feed_until(run, "Technician typed into sh: echo no-line-feed")

    copy = tmp_path / "copy.bin"
    blob = bytes(range(256)) * 400  # 100 KiB that is not text: shown as symbols, then counted
    process = await conn.create_process(f"cat > {copy}", encoding=None)
    process.stdin.write(blob)
    process.stdin.write_eof()
    await process.wait()
    assert copy.read_bytes() == blob
    feed = await _feed_until(run, "more lines")
    lines = blob.split(b"\n")  # 401: the last has no line feed
    rest = len(blob) - sum(len(line) + 1 for line in lines[:200])
    assert (
        f"The technician sent {len(lines) - 200:,} more lines ({rest:,} bytes) to cat > {copy} that are not "
        "shown one by one: ask them what they ran, or end the session" in feed
    )
    first = next(line for line in feed if line.startswith(f"Technician typed into cat > {copy}: "))
    assert first.endswith(": ␀␁␂␃␄␅␆␇␈\t")  # NUL and every control shown as a symbol
    second = feed[feed.index(first) + 1]
    assert "⟨0xFF⟩" in second and "⟨U+0080⟩" not in second  # bytes that are not UTF-8, by value
    varied = bytes(range(33, 127)) * 20  # 1,880 characters, none repeated: its start and its end
    process = await conn.create_process("cat > /dev/null", encoding=None)
    process.stdin.write(varied + b"\n")
    process.stdin.write_eof()
    await process.wait()
    line = next(line for line in await _feed_until(run, "bytes not shown") if "bytes not shown" in line)
    start, end = varied[:400].decode(), varied[-200:].decode()
    assert line == f"Technician typed into cat > /dev/null: {start} ⟨1,280 bytes not shown⟩ {end}"
    assert not any(set(line) & {"\x00", "\x1b", "\r", "\x9b"} for line in feed)
    conn.close()


async def test_a_flood_of_lines_cannot_push_the_real_command_out_of_sight(
    make_agent, relay_target, tech_key, trust, tmp_path: Path
) -> None:
    """After the first lines, the rest is counted; the count is shown when the input ends."""
    run = await make_agent(scope="full")
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    marker = tmp_path / "after-the-flood"
    process = await conn.create_process("sh", encoding=None)
    process.stdin.write(b": padding\n" * 5000 + f"touch {marker}\n".encode())
    process.stdin.write_eof()
    await process.wait()
    assert marker.exists()
    feed = await _feed_until(run, "more lines")
    typed = [line for line in feed if line.startswith("Technician typed into sh")]
    assert len(typed) == 200  # the first 200 lines, then a count the customer cannot miss
    rest = 4800 * len(b": padding\n") + len(f"touch {marker}\n".encode())
    assert (
        f"The technician sent 4,801 more lines ({rest:,} bytes) to sh that are not shown one by one: "
        "ask them what they ran, or end the session" in feed
    )
    assert (
        "The technician sent more than 200 lines to sh: from here on they are counted, not shown one by one"
        in feed
    )
    conn.close()


async def test_padding_in_a_command_or_a_path_is_counted_not_shown_as_blank_space(
    make_agent, relay_target, tech_key, trust, tmp_path: Path
) -> None:
    """`true<5,000 spaces>; id` put the real command past the end of the customer's line."""
    run = await make_agent(scope="full")
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    assert (await conn.run("true" + " " * 5000 + "; echo padded")).stdout == "padded\n"
    target = tmp_path / ("notes" + "\u3000" * 60 + ".txt")
    async with conn.start_sftp_client() as sftp, sftp.open(str(target), "w") as handle:
        await handle.write("x")
    feed = await _feed_until(run, "notes")
    assert "Technician ran: true⟨5,000 × ␠⟩; echo padded" in feed
    assert f"Technician is writing {tmp_path}/notes⟨60 × U+3000⟩.txt (SFTP)" in feed
    conn.close()


async def test_a_file_piped_in_is_looked_at_only_up_to_a_budget_then_counted(
    make_agent, relay_target, tech_key, trust, tmp_path: Path
) -> None:
    """Each MiB looked at costs the agent's loop ~0.3 s; 5 lines of 300 KiB: 4 shown (256 KiB each), then
    counted, so the customer's /end never waits behind a file being piped in."""
    run = await make_agent(scope="full")
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    line = bytes(range(33, 127)) * 3268 + b"\n"  # 300 KiB of varied text
    process = await conn.create_process("cat > /dev/null", encoding=None)
    process.stdin.write(line * 5 + b"touch /tmp/after-the-budget\n")
    process.stdin.write_eof()
    await process.wait()
    feed = await _feed_until(run, "more lines")
    typed = [entry for entry in feed if entry.startswith("Technician typed into cat > /dev/null: ")]
    assert len(typed) == 4 and all("more bytes not shown⟩" in entry for entry in typed)
    rest = len(line) + len(b"touch /tmp/after-the-budget\n")
    assert (
        f"The technician sent 2 more lines ({rest:,} bytes) to cat > /dev/null that are not shown"
        in " ".join(feed)
    )
    assert (
        "The technician sent more than 4 lines to cat > /dev/null: from here on they are counted"
        in " ".join(feed)
    )
    conn.close()
