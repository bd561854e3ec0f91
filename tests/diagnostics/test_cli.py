"""`valuezone diagnose`: exit codes, --json and --offline, through main(argv) and a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from console.cli import main
from sessions.diagnostics.raw import CommandResult, write_check
from tests.sshd import Sshd

FIXTURES = Path(__file__).parent / "fixtures" / "device-outputs"


def _saved(
    folder: Path, check: str, command: str, fixture: str | None, *, stderr: str = "", status: int = 0
) -> None:
    stdout = (FIXTURES / fixture).read_text() if fixture else ""
    write_check(
        folder, check, "linux", [CommandResult(command, exit_status=status, stdout=stdout, stderr=stderr)]
    )


@pytest.mark.parametrize(
    ("files", "code"),
    [
        ([("memory", "free -k", "free/procps_kib_16gib_server_low_free_high_cache.txt")], 0),
        ([("md-raid", "cat /proc/mdstat", "mdstat/raid6_6disk_two_missing_recovery_19pct.txt")], 1),
        (
            [
                ("md-raid", "cat /proc/mdstat", "mdstat/raid1_server_all_arrays_degraded_failed_member.txt"),
                ("memory", "free -k", "free/procps_kib_1gib_host_only_5mib_free.txt"),
            ],
            2,
        ),
        ([("sensors", "sensors", None)], 3),
    ],
)
def test_offline_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: list[tuple[str, str, str | None]], code: int
) -> None:
    for check, command, fixture in files:
        if fixture:
            _saved(tmp_path, check, command, fixture)
        else:
            _saved(tmp_path, check, command, None, stderr="sh: sensors: not found\n", status=127)
    assert main(["diagnose", "--offline", str(tmp_path), "--json"]) == code
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "valuezone.diagnostics/1" and document["exit_code"] == code
    assert [c["id"] for c in document["checks"]] == [f[0] for f in files]
    if code == 3:
        assert document["checks"][0]["findings"][0]["summary"] == "sensors is not installed on this device."


def test_offline_table_names_the_failed_disk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _saved(
        tmp_path, "md-raid", "cat /proc/mdstat", "mdstat/raid1_server_all_arrays_degraded_failed_member.txt"
    )
    assert main(["diagnose", "--offline", str(tmp_path)]) == 2
    out = capsys.readouterr().out
    assert "FAIL" in out and "sda1 has failed" in out and "│ md0 : active raid1" in out


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diagnose"]) == 1
    assert "Say which device" in capsys.readouterr().err
    assert main(["diagnose", "--code", "482913557"]) == 1
    assert main(["diagnose", "--offline", "/nonexistent-folder"]) == 1


def test_live_run_in_a_subprocess(sshd: Sshd, vz_home: Path) -> None:
    destination = f"{sshd.user}@{sshd.host}:{sshd.port}"
    command = [
        sys.executable,
        "-m",
        "console.cli",
        "diagnose",
        "--json",
        "--accept-new",
        "-i",
        str(sshd.client_key),
    ]
    env = {**os.environ, "VALUEZONE_HOME": str(vz_home)}
    done = subprocess.run([*command, destination], capture_output=True, text=True, env=env, timeout=90)
    document = json.loads(done.stdout)
    statuses = {f["status"] for c in document["checks"] for f in c["findings"]}
    expected = 2 if "fail" in statuses else 1 if "warn" in statuses else 3 if "error" in statuses else 0
    assert done.returncode == expected == document["exit_code"]
    assert document["profile"] == "linux" and Path(document["raw_dir"], "os.out").is_file()


def test_unreachable_device_exits_4(
    vz_home: Path, capsys: pytest.CaptureFixture[str], down_port: int
) -> None:
    assert main(["diagnose", "--accept-new", f"nobody@127.0.0.1:{down_port}"]) == 4
    assert "valuezone:" in capsys.readouterr().err
