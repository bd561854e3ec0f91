"""Stock asciinema plays our casts, and a real SSH session's record verifies and holds no typed secret."""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import asyncssh
import pytest

from sessions.recording import DeviceInfo, Recorder, open_record, terminal_text, verify
from tests.recording.builders import finished_record
from tests.sshd import Sshd

ASCIINEMA = "/usr/bin/asciinema"


def asciinema_cat(cast: Path) -> str:
    """`asciinema cat` reads /dev/tty, so run it under script(1) for a terminal."""
    done = subprocess.run(
        ["script", "-qec", f"{ASCIINEMA} cat {cast}", "/dev/null"],
        capture_output=True,
        timeout=30,
        check=True,
    )
    return done.stdout.decode("utf-8", "replace")


@pytest.mark.skipif(not Path(ASCIINEMA).exists() or not shutil.which("script"), reason="needs asciinema")
def test_stock_asciinema_cat_prints_the_output(make_recorder: Callable[..., Recorder]) -> None:
    folder = finished_record(make_recorder)
    out = asciinema_cat(folder / "terminal.cast")
    assert "디스크 정상 ok" in out and "ls" in out


async def run_session(sshd: Sshd, recorder: Recorder, secret: str) -> None:
    known = asyncssh.import_known_hosts(sshd.known_hosts_line())
    async with asyncssh.connect(
        sshd.host,
        port=sshd.port,
        username=sshd.user,
        client_keys=[str(sshd.client_key)],
        known_hosts=known,
        agent_path=None,
    ) as conn:
        process = await conn.create_process(term_type="xterm-256color", term_size=(80, 24), encoding=None)
        seen = bytearray()

        async def pump() -> None:
            while chunk := await process.stdout.read(1024):
                seen.extend(chunk)
                recorder.output(chunk)

        async def shown(marker: bytes) -> None:  # type when the shell shows it is ready, as a person would
            while not re.search(marker, seen):
                await asyncio.sleep(0.02)

        reader = asyncio.create_task(pump())
        await asyncio.wait_for(shown(rb"[#$] $"), 20)  # the prompt: typed-ahead input can be lost to readline
        process.stdin.write(b'stty -echo; read -r PW; stty echo; echo "len=${#PW}"\n')
        await asyncio.sleep(0.5)
        process.stdin.write(secret.encode() + b"\n")
        await asyncio.wait_for(shown(b"len="), 20)
        process.stdin.write(b"printf '\\xea\\xb0\\x80 ok\\n'\n")
        process.change_terminal_size(100, 30)
        recorder.resize(100, 30)
        process.stdin.write(b"exit\n")
        await asyncio.wait_for(reader, 20)


@pytest.mark.timeout(60)
async def test_real_ssh_session_record(sshd: Sshd, archive: Path) -> None:
    secret = "Hunter2-typed-only-vz"
    device = DeviceInfo(name="loopback", host=sshd.host, port=sshd.port, user=sshd.user)
    rec = Recorder.create(archive, technician="kim", device=device, via="direct", cols=80, rows=24)
    await run_session(sshd, rec, secret)
    rec.close("resolved")
    report = verify(rec.folder)
    assert report.ok, report.lines()
    text = terminal_text(rec.folder)
    assert "가 ok" in text and f"len={len(secret)}" in text
    for path in rec.folder.rglob("*"):
        assert secret.encode() not in path.read_bytes(), f"the typed secret reached {path}"
    assert any(e.code == "r" and e.data == "100x30" for e in open_record(rec.folder).cast_entries())
    if Path(ASCIINEMA).exists() and shutil.which("script"):
        assert "가 ok" in asciinema_cat(rec.folder / "terminal.cast")
