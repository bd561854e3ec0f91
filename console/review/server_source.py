"""The team server's records as a ReviewSource (`valuezone review --server`; the follow-up queue's).

The ordinary review window reads through it: the sessions, search hits and report come from the team
server (what the member may see: a lead their teams'); a session opened is fetched into a cache folder
first, so the player finds a hit's moment in it as in a local record; notes and tags go to the server,
which appends them to its copy (and audits a lead's views), and the record is fetched again. The cache
holds the team's customers' data: it is emptied when the source is made and when the window closes.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from console.review.source import Choices, Progress
from sessions.archive import Filters, Hit, Report, SessionRow, render_html
from sessions.paths import app_dirs
from sessions.team.client import TeamClient, cache_entry
from sessions.team.queries import filters_to_json, hit_from_json, row_from_json
from sessions.team.reports import report_from_json

ClientFactory = Callable[[], Awaitable[TeamClient]]


def cache_folder() -> Path:
    """Where fetched records are kept while they are looked at."""
    return app_dirs().data / "team-cache"


class ServerSource:
    """Reads the team server at *server* (host:port) through *client*, a coroutine function returning a
    connected TeamClient (the console's TeamService asks for host keys and passphrases in its window)."""

    def __init__(self, client: ClientFactory, server: str, cache: Path | None = None) -> None:
        self.client = client
        self.server = server
        self.cache = cache or cache_folder()
        self.close()

    def title(self) -> str:
        return QCoreApplication.translate("ServerSource", "team server %1").replace("%1", self.server)

    async def refresh(self, progress: Progress) -> str:
        """Connect (the server indexes records as they arrive): who the server says we are."""
        member = (await self.client()).member
        teams = ", ".join(member.get("teams") or []) or QCoreApplication.translate("ServerSource", "no team")
        line = QCoreApplication.translate("ServerSource", "Team server %1: %2 (%3; %4)")
        line = line.replace("%1", self.server)
        line = line.replace("%2", str(member.get("name", ""))).replace("%3", str(member.get("role", "")))
        return line.replace("%4", teams)

    async def choices(self) -> Choices:
        answer = await (await self.client()).request("languages")
        return Choices(tuple(answer.get("languages") or ()), tuple(answer.get("platforms") or ()))

    async def sessions(self, filters: Filters, text: str) -> list[SessionRow]:
        answer = await (await self.client()).request("sessions", filters=filters_to_json(filters), query=text)
        return [row_from_json(row) for row in answer["rows"]]

    async def search(self, text: str, filters: Filters, limit: int) -> list[Hit]:
        client = await self.client()
        answer = await client.request("search", query=text, limit=limit, filters=filters_to_json(filters))
        return [hit_from_json(hit) for hit in answer["hits"]]

    async def pinpoint(self, hits: list[Hit], text: str) -> list[Hit]:
        """As they are: the records are on the server; the player finds the moment in a fetched one."""
        return hits

    async def report(self, filters: Filters, text: str) -> Report:
        """The server's report over exactly the sessions ``sessions(filters, text)`` lists."""
        answer = await (await self.client()).request("report", filters=filters_to_json(filters), query=text)
        return report_from_json(answer["report"])

    def report_html(self, report: Report, charts: dict[str, bytes]) -> str:
        return render_html(report, charts)

    async def record(self, key: str) -> Path:
        """*key* is a session id: the server's copy, fetched into the cache folder."""
        folder = cache_entry(self.cache, key)
        return await (await self.client()).get_record(key, folder)

    async def append(self, folder: Path, kind: str, data: dict[str, Any]) -> None:
        """A note or tag goes to the server, which appends it to its copy; then the copy comes back."""
        client = await self.client()
        if kind == "tag":
            await client.request("tag.add", session_id=folder.name, tag=data["tag"])
        else:
            await client.request("note.add", session_id=folder.name, text=data["text"], t=data.get("t"))
        await client.get_record(folder.name, folder)

    def close(self) -> None:
        """Forget every fetched record (the window closed; none stays on this disk)."""
        shutil.rmtree(self.cache, ignore_errors=True)
