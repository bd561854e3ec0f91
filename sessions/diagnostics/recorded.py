"""A diagnostics run set up once for every caller: the profile chosen, and with a record, the run in it.

The console's dock, `valuezone diagnose` and the team features all start a run here. With a session's
record the raw outputs go to ``<record>/diagnostics/raw``, a marker shows where the run began in the
terminal recording, every finding is a ``diagnostics.finding`` event (a command Stop interrupted, a
``diagnostics.interrupted`` one), and the platform the `os` check
found ("DSM 7.2") goes into session.json for the archive's reports.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import asyncssh

from sessions.diagnostics.checks import CheckResult
from sessions.diagnostics.platform import platform_of
from sessions.diagnostics.profiles import Profile
from sessions.diagnostics.runner import (
    DiagnosticsEvent,
    DiagnosticsRunner,
    FindingMade,
    Interrupted,
    detect_profile,
    resolve_profile,
)

AUTO = "auto"


class RecordLike(Protocol):
    """What a run needs of a session's record (sessions.recording.Recorder)."""

    @property
    def folder(self) -> Path: ...

    @property
    def closed(self) -> bool: ...

    def marker(self, label: str) -> None: ...

    def event(self, type_: str, data: dict[str, Any] | None = None) -> Any: ...

    def update_meta(self, **fields: Any) -> None: ...


async def choose_profile(conn: asyncssh.SSHClientConnection, name: str) -> Profile:
    """``auto`` (or nothing): detected on the device; else the named profile or combination."""
    return await detect_profile(conn) if name in ("", AUTO) else resolve_profile(name)


async def start_run(
    conn: asyncssh.SSHClientConnection,
    profile: str | Profile = AUTO,
    *,
    record: RecordLike | None = None,
    raw_dir: Path | None = None,
) -> DiagnosticsRunner:
    """A runner for *profile* on *conn*; with *record*, its outputs and findings go into that record.

    Without a record, raw outputs go to *raw_dir* (when given). Nothing runs until the caller iterates
    `runner.run()` (or calls `run_check`).
    """
    chosen = profile if isinstance(profile, Profile) else await choose_profile(conn, profile)
    if record is not None:
        raw_dir = record.folder / "diagnostics" / "raw"
        record.marker(f"diagnostics: {chosen.name}")
    runner = DiagnosticsRunner(conn, chosen, raw_dir=raw_dir)
    if record is not None:
        runner.subscribe(_into_record(record, chosen))
    return runner


async def diagnose(
    conn: asyncssh.SSHClientConnection,
    profile: str | Profile = AUTO,
    *,
    raw_dir: Path | None = None,
    record: RecordLike | None = None,
) -> list[CheckResult]:
    """Every check of *profile* (detected for ``auto``), in profile order once all are done."""
    runner = await start_run(conn, profile, record=record, raw_dir=raw_dir)
    return await runner.run_all()


def _into_record(record: RecordLike, profile: Profile) -> Callable[[DiagnosticsEvent], None]:
    def keep(event: DiagnosticsEvent) -> None:
        if isinstance(event, Interrupted):  # Stop: "INT sent to smartctl -a /dev/sda" in the record
            text = f"{event.signal} sent to {event.command}"
            record.event(
                "diagnostics.interrupted", {"signal": event.signal, "command": event.command, "text": text}
            )
            return
        if not isinstance(event, FindingMade):
            return
        record.event("diagnostics.finding", event.finding.to_dict())
        platform = platform_of(event.finding, profile)
        if platform and not record.closed:
            record.update_meta(platform=platform)  # "md degraded on DSM 7.2" in the archive's reports

    return keep
