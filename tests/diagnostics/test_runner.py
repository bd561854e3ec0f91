"""The runner against a real sshd: concurrency, streaming, raw files, missing tools, offline replay."""

from __future__ import annotations

import asyncio
import shutil
import time
from dataclasses import replace
from pathlib import Path

import asyncssh
import pytest

from sessions.diagnostics import (
    CommandResult,
    DiagnosticsRunner,
    Finding,
    Status,
    allowed_commands,
    analyse_folder,
    detect_profile,
    diagnose,
    is_allowed,
    load_profile,
    start_run,
)
from sessions.diagnostics.checks import run_check
from sessions.diagnostics.raw import parse, read_folder, write_check
from sessions.diagnostics.runner import FindingMade
from sessions.errors import DiagnosticsError
from tests.diagnostics.conftest import open_connection
from tests.sshd import Sshd, run_sshd

FIXTURES = Path(__file__).parent / "fixtures" / "device-outputs"


async def test_linux_profile_runs_every_check_and_keeps_raw_output(
    conn: asyncssh.SSHClientConnection, tmp_path: Path
) -> None:
    sunk: list[Finding] = []
    runner = await start_run(conn, "linux", raw_dir=tmp_path)
    runner.subscribe(lambda event: sunk.append(event.finding) if isinstance(event, FindingMade) else None)
    results = await runner.run_all()
    profile = load_profile("linux")
    assert [r.check for r in results] == profile.ids()
    assert sunk == [f for r in sorted(results, key=lambda r: sunk.index(r.findings[0])) for f in r.findings]
    by_id = {r.check: r for r in results}
    assert by_id["os"].status is Status.OK and "runs" in by_id["os"].findings[0].summary
    assert by_id["memory"].status is not Status.ERROR
    assert by_id["space"].status is not Status.ERROR
    assert by_id["load"].status is not Status.ERROR
    if shutil.which("sensors") is None:
        assert by_id["sensors"].findings[0].status is Status.ERROR
        assert by_id["sensors"].findings[0].summary == "sensors is not installed on this device."
    for result in results:
        saved = parse((tmp_path / f"{result.check}.out").read_bytes())
        assert saved.check == result.check and saved.profile == "linux"
        assert saved.results == tuple(replace(r, duration=round(r.duration, 3)) for r in result.results)
        assert all(r.started and r.duration >= 0 for r in saved.results)
    os_run = parse((tmp_path / "os.out").read_bytes()).results[0]
    assert os_run.exit_status == 0 and os_run.stdout == Path("/etc/os-release").read_text()


async def test_offline_reanalysis_gives_the_same_findings(
    conn: asyncssh.SSHClientConnection, tmp_path: Path
) -> None:
    live = await diagnose(conn, "linux", raw_dir=tmp_path)
    offline = await analyse_folder(tmp_path)
    assert [r.findings for r in offline] == [r.findings for r in live]


async def test_missing_tool_timeout_and_fallback(
    conn: asyncssh.SSHClientConnection, tmp_path: Path, vendor_profile: Path
) -> None:
    profile = load_profile("vendor-test")
    assert "sensors" not in profile.ids() and "widget" in profile.ids()
    runner = DiagnosticsRunner(conn, profile, raw_dir=tmp_path)
    widget = await runner.run_check("widget")
    assert widget.findings[0].status is Status.ERROR
    assert widget.findings[0].summary == "vz-no-such-tool is not installed on this device."
    assert widget.results[0].exit_status == 127
    started = time.monotonic()
    slow = await runner.run_check("slow")
    assert time.monotonic() - started < 4
    assert slow.findings[0].status is Status.ERROR
    assert "did not finish within 0.5 s" in slow.findings[0].summary
    assert parse((tmp_path / "slow.out").read_bytes()).results[0].timed_out
    fallback = await runner.run_check("fallback")
    assert fallback.findings[0].status is Status.OK
    assert [r.command for r in fallback.results] == ["vz-no-such-tool --os", "cat /etc/os-release"]


async def test_stripped_path_is_an_error_not_a_crash(conn: asyncssh.SSHClientConnection) -> None:
    profile = load_profile("linux")
    runner = DiagnosticsRunner(conn, profile)

    async def no_path(command: str, role: str, item: str, timeout: float):  # type: ignore[no-untyped-def]
        return await runner.execute(f"PATH=/nonexistent {command}", role, item, timeout)

    from sessions.diagnostics.checks import run_check

    result = await run_check(profile.check("memory"), no_path)
    assert result.findings[0].status is Status.ERROR
    assert "is not installed on this device" in result.findings[0].summary


async def test_results_stream_as_they_finish_and_run_concurrently(
    conn: asyncssh.SSHClientConnection, vendor_profile: Path
) -> None:
    runner = DiagnosticsRunner(conn, load_profile("vendor-test"))
    order = [r.check async for r in runner.run(["sleepy", "os", "widget"])]
    assert order[-1] == "sleepy"  # the slow one is reported last although it was started first
    started = time.monotonic()
    done = [r async for r in runner.run(["sleepy"] * 4)]
    assert len(done) == 4 and all(r.status is Status.OK for r in done)
    assert time.monotonic() - started < 6  # one after another would take at least 8 s


async def test_auto_detection_picks_the_matching_profile(
    conn: asyncssh.SSHClientConnection, vendor_profile: Path
) -> None:
    assert (await detect_profile(conn)).name == "vendor-test"
    vendor_profile.unlink()
    assert (await detect_profile(conn)).name == "linux"


def test_allow_list_for_the_agent() -> None:
    commands = allowed_commands(["linux"])
    assert "cat /proc/mdstat" in commands and "smartctl -j -a {item}" in commands
    assert is_allowed("smartctl -j -a /dev/sda") and is_allowed("smartctl -a /dev/nvme0")
    assert is_allowed("mdadm --detail /dev/md127") and is_allowed("df -Pk")
    for bad in (
        "smartctl -j -a /dev/sda; rm -rf /",
        "smartctl -j -a /dev/sda $(reboot)",
        "smartctl -j -a /etc/shadow",
        "btrfs device stats /../../etc",
        "rm -rf /",
        "df -Pk && reboot",
    ):
        assert not is_allowed(bad), bad
    assert is_allowed("cat /etc.defaults/VERSION")  # a detection command of synology-dsm


def test_damaged_raw_output_is_refused(tmp_path: Path) -> None:
    (tmp_path / "os.out").write_text(
        "# valuezone diagnostics raw output v1\ncheck: os\nprofile: linux\n\n## command\n"
    )
    with pytest.raises(DiagnosticsError):
        read_folder(tmp_path)
    with pytest.raises(DiagnosticsError, match=r"no <check>\.out"):
        read_folder(_empty(tmp_path))


def _empty(base: Path) -> Path:
    folder = base / "empty"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a raw output")
    return folder


def _sessions(sshd: Sshd) -> tuple[int, int]:
    """(exec sessions, SFTP sessions) sshd has started so far, from its log."""
    log = (sshd.folder / "sshd.log").read_text(errors="replace")
    return log.count("Starting session: command"), log.count("Starting session: subsystem 'sftp'")


async def test_plain_files_are_read_over_one_sftp_session(
    sshd: Sshd, conn: asyncssh.SSHClientConnection, tmp_path: Path
) -> None:
    execs_before, sftp_before = _sessions(sshd)
    results = await diagnose(conn, "linux", raw_dir=tmp_path)
    ran = {r.command: r for result in results for r in result.results}
    read = {c for c, r in ran.items() if r.via == "sftp"}
    assert read >= {"cat /etc/os-release", "cat /proc/meminfo", "cat /proc/loadavg", "cat /proc/cpuinfo"}
    assert all(r.via == "exec" for c, r in ran.items() if not c.startswith("cat /"))
    await asyncio.sleep(0.2)  # sshd writes its log lines as the sessions start
    execs, sftp = _sessions(sshd)
    assert sftp - sftp_before == 1  # one SFTP session for every file of the run
    assert execs - execs_before == len(ran) - len(read)  # and no shell for any of them
    memory = parse((tmp_path / "memory.out").read_bytes()).results[0]
    assert memory.via == "sftp" and memory.command == "cat /proc/meminfo"
    assert "via: sftp\n" in (tmp_path / "memory.out").read_text()
    md = {r.check: r for r in results}["md-raid"]
    if not Path("/proc/mdstat").exists():  # cat's own words, so the check reads it the same way
        assert md.results[0].exit_status == 1
        assert md.results[0].stderr == "cat: /proc/mdstat: No such file or directory\n"
        assert md.findings[0].status is Status.OK and "no software RAID" in md.findings[0].summary


async def test_without_sftp_files_are_read_with_cat(tmp_path: Path) -> None:
    with run_sshd(tmp_path / "sshd", extra="Subsystem sftp /nonexistent/vz-sftp-server") as server:
        connection = await open_connection(server)
        try:
            runner = DiagnosticsRunner(connection, load_profile("linux"))
            os_check = await runner.run_check("os")
        finally:
            connection.close()
    assert os_check.status is Status.OK
    assert [(r.command, r.via) for r in os_check.results] == [("cat /etc/os-release", "exec")]


@pytest.mark.parametrize("sessions", [1, 2])
async def test_the_servers_session_limit_is_learnt_not_reported(
    tmp_path: Path, vendor_profile: Path, sessions: int
) -> None:
    with run_sshd(tmp_path / "sshd", extra=f"MaxSessions {sessions}") as server:
        connection = await open_connection(server)
        try:
            runner = DiagnosticsRunner(connection, load_profile("vendor-test"), max_channels=8)
            done = [r async for r in runner.run(["sleepy", "os", "memory", "space", "network", "sleepy"])]
        finally:
            connection.close()
    assert len(done) == 6
    assert all(r.status is not Status.ERROR for r in done), [f.summary for r in done for f in r.findings]
    assert runner.channels.limit <= sessions and runner.channels.used == 0


async def test_inputs_saved_by_an_older_profile_still_answer(tmp_path: Path) -> None:
    uptime = " 10:00:00 up 3 days,  2:01,  1 user,  load average: 0.50, 0.40, 0.30\n"
    older = [
        CommandResult("uptime", exit_status=0, stdout=uptime),
        CommandResult("grep -c ^processor /proc/cpuinfo", "input:cores", exit_status=0, stdout="4\n"),
    ]
    write_check(tmp_path, "load", "linux", older)
    (load,) = await analyse_folder(tmp_path)
    assert load.status is Status.OK and load.findings[0].summary.startswith("Load is normal: 0.40")
    assert "on 4 cores" in load.findings[0].summary and "up 3 days,  2:01" in load.findings[0].summary


async def test_output_cut_by_a_timeout_is_read_as_far_as_it_got(
    conn: asyncssh.SSHClientConnection, tmp_path: Path
) -> None:
    """mdstat printed, then the command hangs: the arrays read are judged and the finding says it was cut."""
    from sessions.diagnostics.checks import run_check
    from sessions.diagnostics.parsers import CUT_NOTE
    from sessions.diagnostics.profiles import Check

    fixture = FIXTURES / "mdstat/raid1_server_all_arrays_degraded_failed_member.txt"
    lines = fixture.read_text().splitlines()
    head = "\n".join(lines[:11]) + "\n"  # md0, md3 and md1 whole, then md2's first line
    (tmp_path / "mdstat").write_text(head)
    runner = DiagnosticsRunner(conn, load_profile("linux"))
    # The timeout must leave a loaded machine time to start a shell and print: 5 s (the command hangs 60 s).
    check = Check("md-raid", "RAID", "mdstat", (f"cat {tmp_path / 'mdstat'}; sleep 60",), timeout=5.0)
    result = await run_check(check, runner.execute)
    by_target = {f.target: f for f in result.findings}
    assert by_target["md0"].status is Status.FAIL and "sda1 has failed" in by_target["md0"].summary
    assert by_target["md1"].status is Status.FAIL
    assert by_target["md2"].status is Status.WARN and "cut before its state line" in by_target["md2"].summary
    assert "sda3 is marked failed" in by_target["md2"].summary
    assert all(f.summary.endswith(CUT_NOTE) for f in result.findings)
    assert (
        by_target["md0"].evidence[-1]
        == "(cat did not finish within 5 s (the device may be busy or a disk may hang))"
    )
    assert result.results[0].timed_out


@pytest.mark.parametrize("duration", [1.6949, 0.0049, 2.99951, 12.345678])
async def test_a_failed_command_reads_back_with_the_same_evidence(tmp_path: Path, duration: float) -> None:
    """The raw file keeps milliseconds; the evidence must not round a second time (1.6949 → 1.695 → 1.70)."""
    missing = CommandResult(
        "sensors", exit_status=127, stderr="sh: 1: sensors: not found\n", started="t", duration=duration
    )
    check = load_profile("linux").check("sensors")

    async def answer(command: str, role: str, item: str, timeout: float) -> CommandResult:
        return replace(missing, command=command, role=role, item=item)

    live = await run_check(check, answer)
    write_check(tmp_path, "sensors", "linux", live.results)
    [offline] = await analyse_folder(tmp_path)
    assert offline.findings == live.findings
