"""HQ opens a received bundle with `valuezone diagnose --offline BUNDLE.tar.gz` (hashes checked first)."""

from __future__ import annotations

import json
from pathlib import Path

from console.cli import main
from sessions.diagnostics.raw import CommandResult, write_check
from tests.escalation.conftest import small_bundle

FIXTURES = Path(__file__).resolve().parents[1] / "diagnostics" / "fixtures" / "device-outputs"


def _raw_dir(tmp_path: Path) -> Path:
    """A raw folder as the runner writes it, holding a real degraded mdstat."""
    raw = tmp_path / "raw"
    mdstat = (FIXTURES / "mdstat" / "raid1_server_all_arrays_degraded_failed_member.txt").read_text()
    write_check(raw, "md-raid", "linux", [CommandResult("cat /proc/mdstat", exit_status=0, stdout=mdstat)])
    return raw


def test_offline_reads_a_bundle_archive(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bundle = small_bundle(tmp_path, raw_dir=_raw_dir(tmp_path))
    code = main(["diagnose", "--offline", str(bundle), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 2, out  # the saved mdstat shows degraded arrays
    findings = [f for check in out["checks"] for f in check["findings"]]
    assert any(f["status"] == "fail" and f["check"] == "md-raid" for f in findings)


def test_offline_refuses_a_damaged_bundle(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bundle = small_bundle(tmp_path, raw_dir=_raw_dir(tmp_path))
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bundle.write_bytes(bytes(data))
    assert main(["diagnose", "--offline", str(bundle)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("valuezone: "), err
    assert bundle.name in err or "bundle" in err.lower(), err  # says which file is damaged
