"""Where the review window reads records: one small interface, the archive's own index behind it here.

The window asks a ReviewSource for everything it shows (sessions, hits, the report, a record to replay)
and hands it the lead's notes and tags; it never touches an index or a server itself. `ArchiveSource`
reads a local archive through its SQLite index on worker threads. A team-server source (`valuezone review
--server`) implements the same methods over its connection: a record it opens is fetched into a local
folder first, so the player, the search hit's moment and the notes work on it unchanged.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sessions.archive import (
    ArchiveIndex,
    Filters,
    Hit,
    IndexStats,
    Report,
    SessionRow,
    build_report,
    languages,
    pinpoint,
    platforms,
    render_html,
    search,
    sessions,
)
from sessions.recording import append_event

Progress = Callable[[int, int], None]  # (records looked at, records in all), called from any thread


@dataclass(frozen=True, slots=True)
class Choices:
    """What the filter bar offers besides free text: the values seen in the records."""

    languages: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()


class ReviewSource(Protocol):
    """What the review window asks of the records it shows. Any method may raise SupportError (shown
    in the window's status bar); none may block the loop (work in a thread, or await the network)."""

    def title(self) -> str:
        """What the window's title names: the archive folder, or the team server."""
        ...

    async def refresh(self, progress: Progress) -> IndexStats | str:
        """Bring what is read up to date (index new records, connect); the stats, or a status line."""
        ...

    async def choices(self) -> Choices: ...

    async def sessions(self, filters: Filters, text: str) -> list[SessionRow]:
        """The sessions passing *filters* and containing every word of *text*, newest first."""
        ...

    async def search(self, text: str, filters: Filters, limit: int) -> list[Hit]:
        """The newest *limit* places *text* occurs, in sessions passing *filters*."""
        ...

    async def pinpoint(self, hits: list[Hit], text: str) -> list[Hit]:
        """*hits* with a terminal hit's ``t`` at the moment its words appear (asked after the hits are
        shown: it reads the records; hits it cannot place are returned as they were)."""
        ...

    async def report(self, filters: Filters, text: str) -> Report:
        """The report over exactly the sessions ``sessions(filters, text)`` lists."""
        ...

    def report_html(self, report: Report, charts: dict[str, bytes]) -> str:
        """The page File ▸ Export report… saves (the same as the command line's ``review report``)."""
        ...

    async def record(self, key: str) -> Path:
        """The folder to replay for a row's or hit's ``folder`` (a server fetches its copy first)."""
        ...

    async def append(self, folder: Path, kind: str, data: dict[str, Any]) -> None:
        """Add a lead's ``annotation`` or ``tag`` event to the record in *folder*."""
        ...

    def close(self) -> None:
        """The window closed: forget what was kept for it (a server's fetched copies)."""
        ...


class ArchiveSource:
    """A local archive folder read through its index (sessions.archive), on worker threads."""

    def __init__(self, index: ArchiveIndex) -> None:
        self.index = index

    def title(self) -> str:
        return str(self.index.archive)

    async def refresh(self, progress: Progress) -> IndexStats:
        return await asyncio.to_thread(self.index.update, progress)

    async def choices(self) -> Choices:
        def read() -> Choices:
            return Choices(tuple(languages(self.index)), tuple(platforms(self.index)))

        return await asyncio.to_thread(read)

    async def sessions(self, filters: Filters, text: str) -> list[SessionRow]:
        return await asyncio.to_thread(sessions, self.index, filters, text=text)

    async def search(self, text: str, filters: Filters, limit: int) -> list[Hit]:
        return await asyncio.to_thread(search, self.index, text, limit=limit, filters=filters)

    async def pinpoint(self, hits: list[Hit], text: str) -> list[Hit]:
        return await asyncio.to_thread(pinpoint, self.index.archive, hits, text)

    async def report(self, filters: Filters, text: str) -> Report:
        return await asyncio.to_thread(build_report, self.index, filters, text)

    def report_html(self, report: Report, charts: dict[str, bytes]) -> str:
        return render_html(report, charts)

    async def record(self, key: str) -> Path:
        return self.index.archive / key

    async def append(self, folder: Path, kind: str, data: dict[str, Any]) -> None:
        await asyncio.to_thread(append_event, folder, kind, data)

    def close(self) -> None:
        """Nothing kept: the index stays open for whoever opened it."""
