"""HQ raises the unpacked-size limit for a bundle it trusts: `--max-unpacked-mb` on open and offline."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from console.cli import main
from tests.escalation.conftest import small_bundle
from tests.escalation.test_offline_bundle import _raw_dir


@pytest.fixture
def big_bundle(tmp_path: Path) -> Path:
    """A real bundle that unpacks to about 3 MB (a collected log) and holds a degraded mdstat."""
    logs = tmp_path / "logs" / "var" / "log"
    logs.mkdir(parents=True)
    lines = (
        f"Dec  6 03:{n // 60 % 60:02d}:{n % 60:02d} nas kernel: {os.urandom(24).hex()}\n"
        for n in range(40_000)
    )
    (logs / "messages").write_text("".join(lines))
    return small_bundle(tmp_path, raw_dir=_raw_dir(tmp_path), logs_dir=tmp_path / "logs")


def test_open_names_the_option_when_a_bundle_is_over_the_limit(
    big_bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opened = tmp_path / "opened"
    assert main(["escalate", "open", str(big_bundle), "--to", str(opened), "--max-unpacked-mb", "1"]) == 1
    err = capsys.readouterr().err
    assert "unpacks to more than 1 MB" in err and "--max-unpacked-mb" in err, err
    assert "Traceback" not in err
    assert (
        main(["escalate", "open", str(big_bundle), "--to", str(tmp_path / "again"), "--max-unpacked-mb", "8"])
        == 0
    )
    assert (tmp_path / "again" / "summary.md").is_file()


def test_offline_diagnose_takes_the_same_option(big_bundle: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diagnose", "--offline", str(big_bundle), "--max-unpacked-mb", "1"]) == 1
    err = capsys.readouterr().err
    assert "unpacks to more than 1 MB" in err and "--max-unpacked-mb" in err, err
    assert main(["diagnose", "--offline", str(big_bundle), "--json", "--max-unpacked", "8"]) == 2  # degraded
    assert json.loads(capsys.readouterr().out)["checks"]
