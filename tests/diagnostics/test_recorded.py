"""A run into a session's record, the one setup the console's dock and the CLI share."""

from __future__ import annotations

import json
from pathlib import Path

import asyncssh

from sessions.diagnostics import Status
from sessions.diagnostics.raw import read_folder
from sessions.diagnostics.recorded import start_run
from sessions.diagnostics.runner import CheckFinished, DiagnosticsEvent
from sessions.recording import DeviceInfo, Recorder, open_record, verify


async def test_a_run_into_a_record_keeps_raw_outputs_marker_findings_and_platform(
    conn: asyncssh.SSHClientConnection, tmp_path: Path
) -> None:
    device = DeviceInfo(name="box", host="127.0.0.1", port=22, user="kim")
    recorder = Recorder.create(tmp_path, technician="Kim", device=device, title="box")
    runner = await start_run(conn, "linux", record=recorder)
    seen: list[DiagnosticsEvent] = []
    runner.subscribe(seen.append)
    results = [result async for result in runner.run()]
    recorder.close()

    assert [e.result.check for e in seen if isinstance(e, CheckFinished)] == [r.check for r in results]
    raw = recorder.folder / "diagnostics" / "raw"
    assert {saved.check for saved in read_folder(raw)} == {r.check for r in results}
    record = open_record(recorder.folder)
    kinds = [event["type"] for event in record.events()]
    assert kinds.count("diagnostics.finding") == sum(len(r.findings) for r in results)
    markers = [entry.data for entry in record.cast_entries() if entry.code == "m"]
    assert markers == ["diagnostics: linux"]
    os_result = next(r for r in results if r.check == "os")
    if os_result.status is Status.OK:
        meta = json.loads((recorder.folder / "session.json").read_text())
        assert meta.get("platform"), meta
    assert verify(recorder.folder).ok


async def test_without_a_record_raw_outputs_go_where_asked(
    conn: asyncssh.SSHClientConnection, tmp_path: Path
) -> None:
    runner = await start_run(conn, "auto", raw_dir=tmp_path / "raw")
    assert runner.profile.name  # detected on the device
    result = await runner.run_check(runner.profile.ids()[0])
    assert (tmp_path / "raw" / f"{result.check}.out").is_file()
