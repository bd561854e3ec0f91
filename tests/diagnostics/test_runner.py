"""The runner against a real sshd: concurrency, streaming, raw files, missing tools, offline replay."""

from __future__ import annotations

import shutil
import time
from dataclasses import replace
from pathlib import Path

import asyncssh
import pytest

from sessions.diagnostics import (
    DiagnosticsRunner,
    Finding,
    Status,
    allowed_commands,
    analyse_folder,
    detect_profile,
    diagnose,
    is_allowed,
    load_profile,
)
from sessions.diagnostics.raw import parse, read_folder
from sessions.errors import DiagnosticsError


async def test_linux_profile_runs_every_check_and_keeps_raw_output(
    conn: asyncssh.SSHClientConnection, tmp_path: Path
) -> None:
    sunk: list[Finding] = []
    results = await diagnose(conn, "linux", raw_dir=tmp_path, sink=sunk.append)
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
