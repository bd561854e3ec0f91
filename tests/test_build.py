"""The frozen one-folder build (PyInstaller, build.spec) builds and passes --self-test."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_frozen_build_passes_self_test(tmp_path: Path) -> None:
    if importlib.util.find_spec("PyInstaller") is None and os.environ.get("CI") != "true":
        pytest.skip("PyInstaller is not installed (pip install -e '.[build]')")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "build"),
            "build.spec",
        ],
        cwd=ROOT,
        check=True,
        timeout=850,
    )
    exe = tmp_path / "dist" / "valuezone" / "valuezone"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "VALUEZONE_HOME": str(tmp_path / "home")}
    result = subprocess.run([str(exe), "--self-test"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "main window opened and closed" in result.stdout
    version = subprocess.run([str(exe), "--version"], env=env, capture_output=True, text=True, timeout=60)
    assert version.stdout.startswith("valuezone ")
