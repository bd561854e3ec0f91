"""`valuezone demo` keeps every file it writes under VALUEZONE_HOME when that is set (as a person runs it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _files(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*")}


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_demo_writes_only_under_valuezone_home(tmp_path: Path) -> None:
    home, temp, runtime = tmp_path / "home", tmp_path / "tmp", tmp_path / "run"
    for folder in (home, temp, runtime):
        folder.mkdir(mode=0o700)
    vz_home = home / "portable"
    xdg = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")
    env = {k: v for k, v in os.environ.items() if k not in xdg}
    env.update(
        HOME=str(home), TMPDIR=str(temp), XDG_RUNTIME_DIR=str(runtime), VALUEZONE_HOME=str(vz_home),
        QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "console.cli", "demo", "--quit-after", "6"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=150,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"files in {vz_home / 'demo'}" in result.stdout
    written = _files(home) | _files(temp) | _files(runtime)
    outside = sorted(str(p) for p in written if vz_home not in p.parents and p != vz_home)
    assert outside == [], outside
    demo = vz_home / "demo"
    assert (demo / "demo-relay" / "audit.jsonl").is_file() and (demo / "log" / "valuezone.log").is_file()
    assert not (vz_home / "config").exists()  # the portable install's own settings are left alone
    assert (demo / "demo-agent" / "host_ed25519").is_file()  # the customer's agent ran, in there too
