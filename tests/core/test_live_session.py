"""LiveSession against the real sshd: connect, shell, record output only, end cleanly."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from sessions.errors import AuthenticationError
from sessions.live import LiveSession, Output, SessionRequest, SessionState, SessionStatus
from sessions.recording import DeviceInfo, open_record, verify
from sessions.ssh.auth import Credentials
from sessions.ssh.client import connect
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from tests.sshd import Sshd


def _request(sshd: Sshd, archive: Path) -> SessionRequest:
    return SessionRequest(
        label="test device",
        technician="Kim Minsu",
        device=DeviceInfo(name="nas-1", host=sshd.host, port=sshd.port, user=sshd.user),
        archive_root=archive,
    )


async def test_session_records_output_but_not_input(sshd: Sshd, tmp_path: Path) -> None:
    target = Target(sshd.host, sshd.port, sshd.user, sshd.client_key)
    statuses: list[SessionStatus] = []
    output = bytearray()

    async def opener(progress):  # type: ignore[no-untyped-def]
        return await connect(target, trust=HostKeyTrust(accept_new=True), on_progress=progress)

    session = LiveSession(_request(sshd, tmp_path / "archive"), opener)
    session.subscribe(lambda e: statuses.append(e) if isinstance(e, SessionStatus) else None)
    session.subscribe(lambda e: output.extend(e.data) if isinstance(e, Output) else None)
    task = asyncio.create_task(session.run())
    while session.state is not SessionState.ACTIVE:
        await asyncio.sleep(0.02)
    secret_typed = "typed-secret-4711"
    session.write(f"# {secret_typed}\rprintf '\\xea\\xb0\\x80 ok\\n'\r".encode())
    for _ in range(200):
        if "가 ok".encode() in output:
            break
        await asyncio.sleep(0.02)
    assert "가 ok".encode() in output
    session.end()
    await asyncio.wait_for(task, 10)
    assert statuses[-1].state is SessionState.ENDED
    assert [s.state for s in statuses][:1] == [SessionState.CONNECTING]

    folder = session.recorder.folder  # type: ignore[union-attr]
    report = verify(folder)
    assert report.ok
    record = open_record(folder)
    assert "가 ok" in record.terminal_text()
    types = [event["type"] for event in record.events()]
    assert types[0] == "session.started" and types[-1] == "session.ended"
    assert types.count("session.started") == 1 and types.count("session.ended") == 1
    ended = list(record.events())[-1]["data"]
    assert "cast" in ended and ended["reason"] == "The technician ended the session."


async def test_refused_login_fails_with_a_clear_error(sshd: Sshd, tmp_path: Path) -> None:
    target = Target(sshd.host, sshd.port, "nobody-here")
    statuses: list[SessionStatus] = []

    async def opener(progress):  # type: ignore[no-untyped-def]
        creds = Credentials(use_agent=False, use_default_keys=False)
        return await connect(
            target, trust=HostKeyTrust(accept_new=True), credentials=creds, on_progress=progress
        )

    session = LiveSession(_request(sshd, tmp_path), opener)
    session.subscribe(lambda e: statuses.append(e) if isinstance(e, SessionStatus) else None)
    with pytest.raises(AuthenticationError) as caught:
        await session.run()
    assert "nobody-here" in str(caught.value)
    assert statuses[-1].state is SessionState.FAILED
    assert session.recorder is None  # nothing to record: no session happened


def test_records_written_before_one_ended_event_still_verify(tmp_path: Path) -> None:
    """Older live sessions wrote their own session.started and session.ended next to the recorder's."""
    from sessions.recording import Recorder

    device = DeviceInfo(name="nas-1", host="192.0.2.7", port=22, user="admin")
    recorder = Recorder.create(tmp_path, technician="Kim", device=device, title="nas-1")
    recorder.event("session.started", {"label": "nas-1"})
    recorder.output(b"uptime\r\n")
    recorder.event("session.ended", {"reason": "The technician ended the session."})
    recorder.close()
    report = verify(recorder.folder)
    assert report.ok, report.summary()
    kinds = [event["type"] for event in open_record(recorder.folder).events()]
    assert kinds.count("session.started") == 2 and kinds.count("session.ended") == 2
