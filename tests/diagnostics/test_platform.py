"""session.json `platform` from the os check's output, and the archive report's "… on DSM 7.2"."""

from __future__ import annotations

from pathlib import Path

from sessions.archive import build_report, open_index
from sessions.diagnostics import load_profile
from sessions.diagnostics.findings import Finding, Status
from sessions.diagnostics.platform import platform_label, platform_of
from sessions.recording import DeviceInfo, Recorder


def test_labels_from_real_outputs() -> None:
    dsm7 = 'majorversion="7"\nminorversion="3"\nproductversion="7.3.2"\nos_name="DSM"\nbuildnumber="86009"\n'
    dsm6 = (
        'majorversion="6"\nminorversion="2"\nproductversion="6.2.3"\nbuildphase="GM"\nbuildnumber="25426"\n'
    )
    assert platform_label(dsm7) == "DSM 7.3"
    assert platform_label(dsm6) == "DSM 6.2"
    debian = (
        'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n'
    )
    assert platform_label(debian) == "Debian 12"
    ubuntu = 'NAME="Ubuntu"\nVERSION_ID="22.04"\nID=ubuntu\n'
    assert platform_label(ubuntu) == "Ubuntu 22.04"
    assert platform_label("5.1.0\n", "QNAP QTS") == "QTS 5.1"
    assert platform_label("command not found") == ""


def test_only_the_os_check_sets_it() -> None:
    qts = load_profile("qnap-qts")
    ok = Finding("os", "firmware", Status.OK, "The device runs QNAP QTS 5.1.0.", ("5.1.0",))
    assert platform_of(ok, qts) == "QTS 5.1"
    assert platform_of(Finding("md-raid", "md0", Status.OK, "fine", ("5.1.0",)), qts) == ""
    assert platform_of(Finding("os", "", Status.ERROR, "could not run", ()), qts) == ""


def test_recurring_findings_name_the_platform(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    for number in range(3):
        recorder = Recorder.create(archive, technician="kim", device=DeviceInfo(f"nas{number}", "192.0.2.7"))
        finding = Finding("md-raid", "md2", Status.FAIL, "md degraded", ("[U_]",))
        recorder.event("diagnostics.finding", finding.to_dict())
        recorder.update_meta(platform="DSM 7.2" if number < 2 else "QTS 5.1")
        recorder.close()
    with open_index(archive, tmp_path / "index.sqlite3") as index:
        index.update()
        labels = {item.label: item.sessions for item in build_report(index).recurring}
    assert labels == {"md degraded on DSM 7.2": 2}
