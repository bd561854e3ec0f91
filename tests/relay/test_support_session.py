"""SupportSession by code on loopback: stages as an enum, chat opened, a dropped link resumed, one record."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sessions.chat.conversation import ChatEntry
from sessions.live import SessionState, SessionStatus
from sessions.recording import open_record, verify
from sessions.ssh.target import Target
from sessions.stages import SessionStage
from sessions.support import (
    ChatEntryChanged,
    ChatOpened,
    SessionPlan,
    SessionSetup,
    SupportEventValue,
    SupportSession,
)
from tests.core.test_support_session import Answers, _until


async def test_by_code_session_chats_resumes_after_a_drop_and_keeps_one_record(
    make_agent, relay_target: Target, tech_key: Path, tmp_path: Path
) -> None:
    run = await make_agent()
    setup = SessionSetup(
        technician="Kim Minsu",
        archive_root=tmp_path / "archive",
        seal_key=None,
        technician_key=tech_key,
        code_known_hosts=tmp_path / "code_known_hosts",
    )
    session = SupportSession(
        SessionPlan.by_code(run.agent.code, relay_target, accept_new=True), setup, Answers()
    )
    seen: list[SupportEventValue] = []
    session.subscribe(seen.append)
    session.start()
    await _until(lambda: session.state is SessionState.ACTIVE, "the shell through the relay")
    stages = [e.stage for e in seen if isinstance(e, SessionStatus) and e.stage is not None]
    assert SessionStage.RELAY in stages and SessionStage.CUSTOMER in stages
    assert stages.index(SessionStage.RELAY) < stages.index(SessionStage.CUSTOMER)
    await _until(lambda: any(isinstance(e, ChatOpened) for e in seen), "the chat")

    await run.agent.send_chat("hello from the customer")
    entries: list[ChatEntry] = []

    def said() -> bool:
        entries[:] = [e.entry for e in seen if isinstance(e, ChatEntryChanged)]
        return any(entry.message.text == "hello from the customer" for entry in entries)

    await _until(said, "the customer's line in the technician's chat")

    run.agent._link.conn.abort()  # the customer's network drops
    await _until(
        lambda: any(isinstance(e, SessionStatus) and e.state is SessionState.RECONNECTING for e in seen),
        "reconnecting",
    )
    await _until(lambda: session.state is SessionState.ACTIVE, "resumed", timeout=30)
    await _until(lambda: sum(isinstance(e, ChatOpened) for e in seen) == 2, "the chat reopened")

    session.end()
    await asyncio.wait_for(session.wait(), 15)
    assert session.state is SessionState.ENDED
    assert session.live is not None and session.live.recorder is not None
    folder = session.live.recorder.folder
    assert verify(folder).ok
    kinds = [event["type"] for event in open_record(folder).events()]
    assert kinds.count("session.started") == 1 and kinds.count("session.ended") == 1
    assert "recording.gap" in kinds and "chat.message" in kinds
    assert run.agent.code not in repr([e for e in seen if isinstance(e, SessionStatus)])
