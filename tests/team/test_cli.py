"""`valuezone relay --db` and `valuezone archive push` as separate processes, killed -9 mid-upload."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from sessions.relay.server import Relay
from sessions.team.database import SYSTEM
from sessions.team.outbox import PushOutbox
from tests.archive.builders import build_record
from tests.archive.conftest import day
from tests.relay.processes import line_matching
from tests.sshd import free_port
from tests.team.pgcluster import PgCluster


async def _run(*args: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "console.cli", *args,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 120)
    return process.returncode or 0, out.decode(), err.decode()


async def _relay_says(tmp_path: Path, technicians: Path, *args: str) -> list[str]:
    """Start `valuezone relay` with *args*, read up to its team-server line, stop it."""
    relay = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "console.cli", "relay", "--listen", f"127.0.0.1:{free_port()}",
        "--technicians", str(technicians), "--state-dir", str(tmp_path / "relay"), *args,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    seen: list[str] = []
    try:
        await line_matching(relay.stdout, r"^Team server: ", seen)
    finally:
        relay.send_signal(signal.SIGTERM)
        await asyncio.wait_for(relay.wait(), 20)
    return seen


async def test_relay_says_where_its_team_database_is(
    tmp_path: Path, pg_cluster: PgCluster, team_technicians: Path
) -> None:
    seen = await _relay_says(tmp_path, team_technicians)
    assert seen[-1].strip() == f"Team server: sqlite {tmp_path / 'relay' / 'team.sqlite3'}"
    url = pg_cluster.database()
    seen = await _relay_says(tmp_path, team_technicians, "--db", url)
    assert seen[-1].strip() == f"Team server: postgresql {url}"
    ours = [line for line in seen if "Traceback" in line or ("arning" in line and "dsa" not in line.lower())]
    assert not ours, seen  # (this machine's cryptography warns about DSA in asyncssh: not ours)
    code, _out, err = await _run(
        "relay", "--listen", f"127.0.0.1:{free_port()}", "--technicians", str(team_technicians),
        "--state-dir", str(tmp_path / "other"), "--db", url.replace("valuezone@", "postgres@"),
    )  # fmt: skip
    assert code == 1 and "is a superuser" in err and "Traceback" not in err, err


def _archive(root: Path, count: int, cast_kb: int = 1) -> list[Path]:
    filler = ("0123456789abcdef" * 64 + "\r\n") * cast_kb  # about cast_kb KiB of terminal output
    return [
        build_record(root, day(1 + n % 27, n % 24), output=[(1.0, f"record {n}\r\n{filler}")], duration=10.0)
        for n in range(count)
    ]


async def test_push_killed_mid_upload_resumes_and_sends_each_record_once(
    team_relay: Relay, people_keys: dict[str, Path], tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    folders = _archive(archive, 40, cast_kb=150)
    unfinished = build_record(archive, day(28), output=[(1.0, "still running\r\n")])
    meta = (unfinished / "session.json").read_text().replace('"ended":"', '"ended":null,"x":"')
    (unfinished / "session.json").write_text(meta)
    argv = ["archive", "push", str(archive), "--server", f"127.0.0.1:{team_relay.port}",
            "-i", str(people_keys["kim"]), "--accept-new", "--quiet"]  # fmt: skip
    assert team_relay.team is not None
    database = team_relay.team.database

    def stored() -> int:
        with database.tx(SYSTEM) as tx:
            return int(tx.rows("SELECT count(*) FROM records")[0][0])

    pusher = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "console.cli",
        *argv,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    for _ in range(3000):
        if stored() >= 5 or pusher.returncode is not None:
            break
        await asyncio.sleep(0.01)
    pusher.send_signal(signal.SIGKILL)
    await pusher.wait()
    assert 5 <= stored() < len(folders), "the push was not killed mid-upload"

    code, out, err = await _run(*argv)
    assert code == 0, err
    assert "1 not finished" in out
    assert stored() == len(folders)
    with database.tx(SYSTEM) as tx:
        assert tx.rows("SELECT count(*) FROM anchors") == [(len(folders),)]
        actions = dict(tx.rows("SELECT action, count(*) FROM audit GROUP BY action"))
    assert actions == {"record.stored": len(folders)}  # each record stored exactly once
    outbox = PushOutbox()
    assert outbox.counts(f"127.0.0.1:{team_relay.port}") == {
        "queued": 0,
        "pushed": len(folders),
        "refused": 0,
    }
    outbox.close()
    code, out, _err = await _run(*argv)  # nothing left to do
    assert code == 0 and out.startswith("0 pushed, 0 updated, 0 already")


async def test_a_refused_record_stays_in_the_outbox_with_the_reason(
    team_relay: Relay, people_keys: dict[str, Path], tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    _good, bad = _archive(archive, 2)
    (bad / "terminal.cast").write_bytes((bad / "terminal.cast").read_bytes() + b'[9.0,"o","added later"]\n')
    argv = ["archive", "push", str(archive), "--server", f"127.0.0.1:{team_relay.port}",
            "-i", str(people_keys["kim"]), "--accept-new", "--quiet"]  # fmt: skip
    code, out, err = await _run(*argv)
    assert code == 1 and out.startswith("1 pushed")
    assert f"refused: {bad}" in err and "does not verify" in err and "valuezone verify" in err
    code, out, err = await _run("archive", "outbox")
    assert code == 1 and "refused" in out and "does not verify" in out and str(bad) in out


async def test_archive_retention_days_as_typed_reach_the_team_server(
    team_relay: Relay, people_keys: dict[str, Path]
) -> None:
    """`archive retention TEAM DAYS`: the number goes as a number, `forever` as none; nonsense stays home."""
    server = ["--server", f"127.0.0.1:{team_relay.port}", "-i", str(people_keys["choi"]), "--accept-new"]
    code, out, err = await _run("archive", "retention", *server, "seoul", "30")
    assert (code, out.strip()) == (0, "seoul: 30 days"), err
    code, out, err = await _run("archive", "retention", *server, "seoul", "forever")
    assert (code, out.strip()) == (0, "seoul: forever"), err
    code, out, err = await _run("archive", "retention", *server, "seoul", "1e9")
    assert code == 2 and "from 1 to 100000, or forever" in err and "Traceback" not in err, err
    code, out, _err = await _run("archive", "retention", *server)
    assert code == 0 and out.startswith("seoul: forever (set by choi@acme.example"), out
