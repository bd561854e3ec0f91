"""The Diagnostics dock driven standalone against the real sshd, asyncio running inside Qt (qasync)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from console.diagnostics.dock import DiagnosticsDock
from sessions.diagnostics import DiagnosticsRunner, Finding, Status, load_profile
from sessions.diagnostics.runner import FindingMade
from tests.diagnostics.conftest import open_connection
from tests.sshd import Sshd


def until(loop: asyncio.AbstractEventLoop, signal: SignalInstance, timeout: float) -> object:
    """Run the asyncio loop (inside Qt) until *signal* fires; its first argument."""
    fired: asyncio.Future[object] = loop.create_future()

    def on_signal(value: object) -> None:
        if not fired.done():
            fired.set_result(value)

    signal.connect(on_signal)
    try:
        return loop.run_until_complete(asyncio.wait_for(fired, timeout))
    finally:
        signal.disconnect(on_signal)


def _running(dock: DiagnosticsDock) -> int:
    return sum(dock.table.topLevelItem(i).text(0) == "running" for i in range(dock.table.topLevelItemCount()))


def test_dock_runs_fills_rows_reruns_and_copies(
    qtbot: QtBot, qasync_loop: asyncio.AbstractEventLoop, sshd: Sshd, vendor_profile: Path, tmp_path: Path
) -> None:
    conn = qasync_loop.run_until_complete(open_connection(sshd))
    recorded: list[Finding] = []
    profile = load_profile("vendor-test")

    async def make_runner() -> DiagnosticsRunner:
        runner = DiagnosticsRunner(conn, profile, raw_dir=tmp_path)
        runner.subscribe(
            lambda event: recorded.append(event.finding) if isinstance(event, FindingMade) else None
        )
        return runner

    dock = DiagnosticsDock()
    qtbot.addWidget(dock)
    dock.show()
    for widget in (dock.run_button, dock.rerun_button, dock.copy_button, dock.table, dock.details):
        assert widget.objectName() and widget.accessibleName()
    dock.set_runner_factory(make_runner)
    rows_at_first_result: list[tuple[int, int]] = []
    dock.check_finished.connect(
        lambda _: rows_at_first_result.append((dock.table.topLevelItemCount(), _running(dock)))
    )
    with qtbot.waitSignal(dock.run_requested, timeout=1000):
        qtbot.mouseClick(dock.run_button, Qt.MouseButton.LeftButton)
    code = until(qasync_loop, dock.run_finished, 90)
    assert "stopped" not in dock.state_label.text(), dock.state_label.text()
    assert code in (1, 2, 3)  # widget/slow errors, maybe warnings about this host
    # every row was there, the others still "running", when the first result filled in
    assert rows_at_first_result[0] == (len(profile.checks), len(profile.checks) - 1)
    rows = {dock.table.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole): dock.table.topLevelItem(i)
            for i in range(dock.table.topLevelItemCount())}  # fmt: skip
    assert rows["widget"].text(0) == "could not check"
    assert rows["widget"].text(2) == "vz-no-such-tool is not installed on this device."
    assert rows["os"].text(0) == "ok"
    assert {f.check for f in recorded} == set(profile.ids())

    dock.table.setCurrentItem(rows["widget"])
    assert "vz-no-such-tool" in dock.details.toPlainText()
    qtbot.mouseClick(dock.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().startswith("[ERROR] widget: vz-no-such-tool is not installed")

    dock.table.setCurrentItem(rows["os"])
    qtbot.mouseClick(dock.rerun_button, Qt.MouseButton.LeftButton)
    assert until(qasync_loop, dock.check_finished, 30) == "os" and rows["os"].text(0) == "ok"
    assert [r.status for r in dock.results() if r.check == "os"] == [Status.OK]
    conn.close()
    qasync_loop.run_until_complete(conn.wait_closed())
