"""SupportSession without a display: a direct session connects, records, diagnoses and ends; errors coded."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from pathlib import Path

from sessions.diagnostics.runner import FindingMade
from sessions.ending import Ending
from sessions.live import Output, SessionState, SessionStatus
from sessions.recording import open_record, verify
from sessions.relay.unlock import PassphraseAnswer, PassphraseQuestion
from sessions.ssh.hostkeys import HostKeyQuestion
from sessions.ssh.target import Target
from sessions.stages import SessionStage
from sessions.support import Failed, SessionPlan, SessionSetup, SupportEventValue, SupportSession
from tests.sshd import Sshd


class Answers:
    """The technician's answers while connecting: trust the host, never a password."""

    def __init__(self) -> None:
        self.questions: list[str] = []

    async def host_key(self, question: HostKeyQuestion) -> bool:
        self.questions.append(question.fingerprint)
        return True

    async def password(self, target: Target) -> tuple[str, bool] | None:
        self.questions.append(f"password for {target.display}")
        return None

    def password_refused(self, target: Target, refused: int) -> None:
        self.questions.append(f"refused {refused}")

    async def passphrase(self, key_file: Path) -> tuple[str, bool] | None:
        return None

    async def technician_passphrase(self, question: PassphraseQuestion) -> PassphraseAnswer | None:
        self.questions.append("technician passphrase")
        return None


async def _until(check: Callable[[], object], what: str, timeout: float = 15) -> None:
    for _ in range(int(timeout / 0.02)):
        if check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


async def test_direct_session_connects_records_diagnoses_and_ends(sshd: Sshd, tmp_path: Path) -> None:
    target = Target(sshd.host, sshd.port, sshd.user, sshd.client_key)
    plan = dataclasses.replace(SessionPlan.direct(target), profile="linux")
    setup = SessionSetup(technician="Kim Minsu", archive_root=tmp_path / "archive", seal_key=None)
    answers = Answers()
    session = SupportSession(plan, setup, answers)
    seen: list[SupportEventValue] = []
    session.subscribe(seen.append)
    session.start()
    await _until(lambda: session.state is SessionState.ACTIVE, "the shell")
    assert answers.questions, "an unknown host key is asked about"
    stages = [e.stage for e in seen if isinstance(e, SessionStatus) and e.state is SessionState.CONNECTING]
    assert stages[0] is SessionStage.CONNECTING and stages[-1] is SessionStage.OPENING_SHELL

    session.write(b"echo support-$((6*7))\r")
    await _until(lambda: b"support-42" in b"".join(e.data for e in seen if isinstance(e, Output)), "output")
    assert session.can_diagnose() and session.can_end()
    runner = await session.diagnostics_runner()
    findings: list[FindingMade] = []
    runner.subscribe(lambda e: findings.append(e) if isinstance(e, FindingMade) else None)
    await runner.run_check("os")
    assert findings
    due = session.record_ending(Ending("not_resolved", "disk replaced later"), working_days=2)
    assert due is not None

    session.end()
    await asyncio.wait_for(session.wait(), 10)
    assert session.state is SessionState.ENDED and not session.is_live()
    assert session.live is not None and session.live.recorder is not None
    folder = session.live.recorder.folder
    assert verify(folder).ok
    kinds = [event["type"] for event in open_record(folder).events()]
    assert "diagnostics.finding" in kinds and "followup.opened" in kinds
    assert (folder / "diagnostics" / "raw" / "os.out").is_file()


async def test_a_refused_login_is_one_failed_event_with_a_code(sshd: Sshd, tmp_path: Path) -> None:
    target = Target(sshd.host, sshd.port, "nobody-here")
    setup = SessionSetup(technician="Kim", archive_root=tmp_path, seal_key=None)
    session = SupportSession(SessionPlan.direct(target, accept_new=True), setup, Answers())
    failed: list[Failed] = []
    session.subscribe(lambda e: failed.append(e) if isinstance(e, Failed) else None)
    session.start()
    await asyncio.wait_for(session.wait(), 20)
    assert session.state is SessionState.FAILED
    assert len(failed) == 1 and failed[0].code.startswith("connect.")
    assert "nobody-here" in failed[0].message
    assert not session.can_end()
