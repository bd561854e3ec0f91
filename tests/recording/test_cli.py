"""`valuezone verify RECORD_DIR`: OK line and exit 0, or `<file>:<line>: ...` and exit 1."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest

from console.cli import main
from sessions.recording import Recorder
from tests.recording.builders import finished_record


def test_verify_command_ok(
    make_recorder: Callable[..., Recorder], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = finished_record(make_recorder)
    assert main(["verify", str(folder)]) == 0
    assert capsys.readouterr().out == "OK: 4 events, 5 cast lines, chain intact\n"


def test_verify_command_names_the_bad_line(
    make_recorder: Callable[..., Recorder], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = finished_record(make_recorder)
    path = folder / "events.jsonl"
    path.write_bytes(path.read_bytes().replace("안녕하세요".encode(), "안녕히가요".encode()))
    assert main(["verify", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:2: This line was changed")


def test_verify_command_in_a_fresh_process_without_qt(make_recorder: Callable[..., Recorder]) -> None:
    folder = finished_record(make_recorder)
    code = (
        "import sys; from console.cli import main; rc = main(['verify', sys.argv[1]]);"
        "assert 'PySide6' not in sys.modules; sys.exit(rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(folder)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: 4 events")


def test_recording_package_never_imports_qt() -> None:
    code = "import sys, sessions.recording; assert 'PySide6' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
