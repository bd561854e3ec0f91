"""Pushing an archive to the team server: every finished record not on the server yet, through the outbox.

1. Scan the archive: each finished record's head (session.json's event count and last hash) is queued
   unless the outbox says that head was pushed.
2. Ask the server which queued heads it already holds (`record.have`, in batches): those are marked
   pushed without sending anything (a push killed after the server stored a record ends here).
3. Send the rest one by one: a new record with its three files, a known one (notes or follow-up closures
   added since) with session.json and events.jsonl only.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sessions.recording import iter_records
from sessions.recording.meta import SESSION_FILE
from sessions.team.client import TeamClient
from sessions.team.outbox import Push, PushOutbox
from sessions.team.protocol import MAX_RECORD, RECORD_FILES, TeamRefusal

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class PushReport:
    """What one push run did."""

    stored: int = 0
    extended: int = 0
    already: int = 0
    refused: list[Push] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return self.stored + self.extended


def scan(archive: Path, outbox: PushOutbox, server: str, *, retry_refused: bool = False) -> PushReport:
    """Queue every finished record whose head is not pushed yet; unfinished and unreadable ones listed."""
    report = PushReport()
    for folder in iter_records(archive):
        try:
            meta = json.loads((folder / SESSION_FILE).read_bytes())
            session_id, events = str(meta["session_id"]), meta["events"]
            count, head = int(events["count"]), str(events["last_hash"])
        except (OSError, ValueError, KeyError, TypeError):
            report.unreadable.append(str(folder))
            continue
        if not meta.get("ended"):
            report.unfinished.append(str(folder))
            continue
        outbox.note_head(server, session_id, folder, count, head, retry=retry_refused)
    return report


async def push_queued(
    client: TeamClient, outbox: PushOutbox, server: str, report: PushReport, progress: Progress | None = None
) -> PushReport:
    """Send what the outbox holds for *server*; connection errors propagate (the rest stays queued)."""
    emit = progress or (lambda stage, done, total: None)
    queued = outbox.queued(server)
    batch = int(client.hello.get("limits", {}).get("have_batch", 200))
    to_send: list[tuple[Push, bool]] = []
    for start in range(0, len(queued), batch):
        chunk = queued[start : start + batch]
        items = [{"session_id": p.session_id, "count": p.count, "hash": p.hash} for p in chunk]
        answer = await client.request("record.have", items=items)
        for push, state in zip(chunk, answer["items"], strict=True):
            if state["state"] in ("same", "purged"):  # purged by retention: nothing more to send
                outbox.pushed(push, push.count, push.hash)
                report.already += 1
            elif state["state"] == "foreign":
                outbox.refused(
                    push, f"Session {push.session_id} was pushed by someone else.", "Leave it to them."
                )
                report.refused.append(push)
            else:
                to_send.append((push, state["state"] == "missing"))
        emit("checking", min(start + batch, len(queued)), len(queued))
    for number, (push, whole) in enumerate(to_send, start=1):
        await _send(client, outbox, push, whole, report)
        emit("pushing", number, len(to_send))
    return report


async def _send(client: TeamClient, outbox: PushOutbox, push: Push, whole: bool, report: PushReport) -> None:
    limit = int(client.hello.get("limits", {}).get("record_bytes", MAX_RECORD))
    size = _size(Path(push.folder), whole)
    if size > limit:
        report.refused.append(
            outbox.refused(
                push,
                f"Session {push.session_id} is {size >> 20} MB; the server takes {limit >> 20} MB at most.",
                "Ask the relay's administrator to raise --team-max-record-mb, then use --retry-refused.",
            )
        )
        return
    try:
        answer = await client.put_record(Path(push.folder), with_cast=whole)
    except TeamRefusal as refusal:
        if refusal.reason not in ("refused", "forbidden"):
            raise
        report.refused.append(outbox.refused(push, refusal.message, refusal.hint))
        return
    except FileNotFoundError:
        report.refused.append(
            outbox.refused(push, f"The record folder {push.folder} is gone.", "Nothing to push.")
        )
        return
    outbox.pushed(push, int(answer["count"]), str(answer["hash"]))
    if answer["state"] == "stored":
        report.stored += 1
    elif answer["state"] == "extended":
        report.extended += 1
    else:
        report.already += 1


def _size(folder: Path, whole: bool) -> int:
    names = RECORD_FILES if whole else RECORD_FILES[:2]
    total = 0
    for name in names:
        with contextlib.suppress(OSError):
            total += (folder / name).stat().st_size
    return total
