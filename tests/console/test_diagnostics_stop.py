"""Stop in the diagnostics panel interrupts the checks still running with INT (as Ctrl+C), not by closing.

A real sshd (an ordinary account: sshd delivers signals from privilege-separated sessions only) runs a
profile with a check that would take a minute; the technician clicks Run, then Stop.
"""

from __future__ import annotations

from pathlib import Path

import asyncssh
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.diagnostics.panel import DiagnosticsPanel
from sessions.diagnostics.profiles import load_profile
from sessions.diagnostics.recorded import start_run
from sessions.diagnostics.runner import STOPPED, DiagnosticsEvent, Interrupted
from sessions.paths import app_dirs
from sessions.recording import DeviceInfo, Recorder, open_record
from tests.console.conftest import QtLoop, until
from tests.processes import running

SLOW = "sleep 60.321"
PROFILE = f"""
[profile]
title = "Slow test profile"

[[check]]
id = "slow"
title = "A check that takes a minute"
parser = "version"
commands = ["{SLOW}"]
timeout = 120

[[check]]
id = "later"
title = "A check after it"
parser = "version"
commands = ["uname -s"]
timeout = 10
"""


@pytest.fixture
def slow_profile() -> str:
    folder = app_dirs().config / "diagnostics"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "slowtest.toml").write_text(PROFILE, encoding="utf-8")
    return "slowtest"


async def _connect(sshd, password_user) -> asyncssh.SSHClientConnection:  # type: ignore[no-untyped-def]
    user, password = password_user
    return await asyncssh.connect(
        sshd.host, sshd.port, username=user, password=password, client_keys=None, known_hosts=None
    )


def test_stop_sends_int_to_the_running_check_and_the_record_names_it(
    qtbot: QtBot, qloop: QtLoop, sshd, password_user, slow_profile: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    panel = DiagnosticsPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 400)
    panel.show()
    recorder = Recorder.create(tmp_path / "archive", technician="kim", device=DeviceInfo("nas", "127.0.0.1"))

    async def scenario() -> None:
        conn = await _connect(sshd, password_user)
        try:
            runner = await start_run(conn, load_profile(slow_profile), record=recorder)
            seen: list[DiagnosticsEvent] = []
            runner.subscribe(seen.append)
            runner.channels.limit = 1  # one channel: "later" waits for the slow check's
            panel.set_runner(runner)
            assert not panel.stop_button.isEnabled()  # nothing runs yet
            qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
            await until(lambda: running(SLOW.split()), what="the slow check on the device")
            assert panel.stop_button.isEnabled()
            finished: list[int] = []
            panel.run_finished.connect(finished.append)
            qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
            assert not panel.stop_button.isEnabled()
            await until(lambda: finished, what="the run to end after Stop")
            assert panel.state_label.text().startswith("Stopped:")
            results = {r.check: r for r in panel.results()}
            slow = results["slow"].results[0]
            assert slow.error == "killed by signal INT"  # the command got INT; its channel was not closed
            assert results["later"].results[0].error == STOPPED  # and nothing started after Stop
            assert [e for e in seen if isinstance(e, Interrupted)] == [Interrupted(SLOW)]
            assert not running(SLOW.split())
            assert panel.run_button.isEnabled()  # a new run may start
        finally:
            conn.close()

    qloop.run(scenario())
    recorder.close()
    interrupted = [e for e in open_record(recorder.folder).events() if e["type"] == "diagnostics.interrupted"]
    assert [e["data"]["text"] for e in interrupted] == [f"INT sent to {SLOW}"]  # what a reader sees


def test_stop_is_off_when_no_run_is_under_way(qtbot: QtBot) -> None:
    panel = DiagnosticsPanel()
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.stop_button.isEnabled()
    panel.interrupt_run()  # nothing to interrupt: no error, no change
    assert panel.state_label.text() == "Not run yet."
