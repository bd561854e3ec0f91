"""Archive fixtures: a record made by a real SSH session (command typed, Korean chat) and built records."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sessions.archive import ArchiveIndex
from sessions.live import LiveSession, Output, SessionRequest, SessionState
from sessions.recording import DeviceInfo
from sessions.ssh.client import connect
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from tests.archive.builders import build_record
from tests.sshd import Sshd

TYPED = "echo vz-typed-$((6*7))-mdadm"
KOREAN_CHAT = "디스크에서 이상한 소리가 나요"


async def live_record(sshd: Sshd, archive: Path) -> Path:
    """A real session over sshd: a typed command and its output, a Korean chat line, a finding."""
    target = Target(sshd.host, sshd.port, sshd.user, sshd.client_key)
    request = SessionRequest(
        label="nas-live",
        technician="Kim Minsu",
        device=DeviceInfo(name="nas-live", host=sshd.host, port=sshd.port, user=sshd.user),
        archive_root=archive,
    )
    output = bytearray()

    async def opener(progress):  # type: ignore[no-untyped-def]
        return await connect(target, trust=HostKeyTrust(accept_new=True), on_progress=progress)

    session = LiveSession(request, opener)
    session.subscribe(lambda event: output.extend(event.data) if isinstance(event, Output) else None)
    task = asyncio.create_task(session.run())
    while session.state is not SessionState.ACTIVE:
        await asyncio.sleep(0.02)
    session.record_event(
        "chat.message",
        {"id": "c1", "from": "customer", "lang": "ko", "text": KOREAN_CHAT,
         "translation": {"lang": "en", "text": "The disk makes a strange noise", "provider": "test"}},
    )  # fmt: skip
    session.write(f"{TYPED}\r".encode())
    for _ in range(250):
        if b"vz-typed-42-mdadm" in output:
            break
        await asyncio.sleep(0.02)
    session.record_event(
        "diagnostics.finding",
        {"check": "md", "target": "md0", "status": "warn", "summary": "md degraded", "evidence": ["[U_]"]},
    )
    session.record_event("outcome", {"outcome": "resolved", "summary": "replaced the second disk"})
    session.end()
    await asyncio.wait_for(task, 10)
    assert session.recorder is not None
    return session.recorder.folder


@pytest.fixture
def index(archive: Path, tmp_path: Path) -> Iterator[ArchiveIndex]:
    with ArchiveIndex(archive, tmp_path / "index.sqlite3") as opened:
        yield opened


def day(n: int, hour: int = 9) -> datetime:
    return datetime(2025, 3, n, hour, 0, 0, tzinfo=UTC)


def varied_archive(archive: Path) -> list[Path]:
    """Five built sessions that differ in every filterable way."""
    specs = [
        (day(3), "kim", "nas-a", "ko", "resolved", 9, False),
        (day(4), "lee", "nas-b", "ja", "not_resolved", 2, False),
        (day(5), "kim", "qnap-c", "ko", "escalated", 5, True),
        (day(6), "park", "nas-d", "en", "workaround", 7, False),
        (day(7), "lee", "nas-e", "ko", "resolved", 10, False),
    ]
    folders = []
    for started, tech, device, lang, outcome, score, escalated in specs:
        events: list[tuple[float, str, dict[str, object]]] = [
            (3.0, "chat.message", {"id": "1", "from": "customer", "lang": lang, "text": f"help {device}"}),
            (9.5, "chat.message", {"id": "2", "from": "technician", "lang": "en", "text": "looking"}),
            (20.0, "diagnostics.finding",
             {"check": "md", "target": "md0", "status": "warn", "summary": "md degraded", "evidence": []}),
        ]  # fmt: skip
        if escalated:
            events.append((30.0, "escalation.bundled", {"bundle_id": "b1", "ticket": "HQ-77"}))
        events.append((60.0, "outcome", {"outcome": outcome, "summary": f"{outcome} on {device}"}))
        events.append(
            (61.0, "survey", {"solved": outcome == "resolved", "score": score, "comment": f"c-{device}"})
        )
        if outcome == "not_resolved":
            events.append((62.0, "followup.opened", {"due": "2025-03-11"}))
        folders.append(
            build_record(
                archive, started, technician=tech,
                device=DeviceInfo(name=device, host="192.0.2.9", port=22, user="admin"),
                output=[(1.0, f"$ uname -a\r\nLinux {device}\r\n")], events=events,
                meta={"platform": "DSM 7.2", "outcome": outcome, "survey_score": score},
            )
        )  # fmt: skip
    return folders
