"""The review window on the team's records (`valuezone review --server`, the follow-up queue's server mode).

The same window as over a local archive; the sessions, search hits and report come from the team server
(what the member may see: a lead their teams'), an opened session is fetched into a cache folder first,
and notes and tags go to the server, which appends them to its copy (and audits a lead's views).
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget

from console.kit.operations import Operation
from console.kit.tasks import spawn
from console.review.window import ReviewWindow
from sessions.archive import Filters, Hit, SessionRow
from sessions.paths import app_dirs
from sessions.team.client import TeamClient
from sessions.team.queries import filters_to_json, hit_from_json, row_from_json
from sessions.team.reports import report_from_json

log = logging.getLogger(__name__)
ClientSource = Callable[[], Awaitable[TeamClient]]


def cache_folder() -> Path:
    """Where fetched records are kept while they are looked at (emptied when the window opens)."""
    return app_dirs().data / "team-cache"


class ServerReviewWindow(ReviewWindow):
    """Reads the team server through *client* (a coroutine function returning a connected TeamClient)."""

    def __init__(
        self, client: ClientSource, server: str, author: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(None, author, parent)
        self.client = client
        self.server = server
        self.cache = cache_folder()
        shutil.rmtree(self.cache, ignore_errors=True)
        self.setWindowTitle(self.tr("Valuezone review — team server %s") % server)
        self.session_view.appender = self._append_on_server

    async def update_index(self) -> None:
        """Connect and say who we are to the server; then show the sessions."""
        self.statusBar().showMessage(self.tr("Connecting to the team server…"))
        hello = await Operation(self, self._hello).errors_to(self.statusBar()).run()
        if hello is None:
            return
        member, languages = hello
        teams = ", ".join(member.get("teams") or []) or self.tr("no team")
        message = self.tr("Team server %1: %2 (%3; %4)").replace("%1", self.server)
        message = message.replace("%2", str(member.get("name", ""))).replace(
            "%3", str(member.get("role", ""))
        )
        self.statusBar().showMessage(message.replace("%4", teams))
        self.filters.set_languages(languages)
        await self.query()

    async def _hello(self) -> tuple[dict[str, Any], list[str]]:
        client = await self.client()
        return client.member, list((await client.request("languages"))["languages"])

    async def query(self) -> None:
        self._generation += 1
        generation = self._generation
        filters, text = self.filters.filters(), self.search_box.text().strip()
        found = await Operation(self, lambda: self._ask(filters, text)).errors_to(self.statusBar()).run()
        if found is None or generation != self._generation:
            return
        rows, hits, report = found
        self._show_rows(rows)
        self._show_hits(hits, text)
        self.report.show_report(report)

    async def _ask(self, filters: Filters, text: str) -> tuple[list[SessionRow], list[Hit], Any]:
        client = await self.client()
        wire = filters_to_json(filters)
        rows = (await client.request("sessions", filters=wire, query=text))["rows"]
        hits = (await client.request("search", query=text, limit=200, filters=wire))["hits"] if text else []
        team = await client.request("report", since=filters.since)
        return (
            [row_from_json(r) for r in rows],
            [hit_from_json(h) for h in hits],
            report_from_json(team["report"]),
        )

    def open_key(self, key: str, at: float = 0.0) -> None:
        """*key* is a session id: fetch the server's copy, then show it."""
        spawn(self.fetch_and_open(key, at))

    async def fetch_and_open(self, session_id: str, at: float = 0.0) -> None:
        self.statusBar().showMessage(self.tr("Fetching the session from the team server…"))
        folder = await Operation(self, lambda: self.fetch(session_id)).errors_to(self.statusBar()).run()
        if folder is None:
            return
        self.statusBar().clearMessage()
        self.open_session(folder, at)

    async def fetch(self, session_id: str) -> Path:
        client = await self.client()
        return await client.get_record(session_id, self.cache / session_id)

    async def _append_on_server(self, folder: Path, kind: str, data: dict[str, Any]) -> None:
        client = await self.client()
        if kind == "tag":
            await client.request("tag.add", session_id=folder.name, tag=data["tag"])
        else:
            await client.request("note.add", session_id=folder.name, text=data["text"], t=data.get("t"))
        await client.get_record(folder.name, folder)

    def _on_session_view_record_changed(self, _folder: Path) -> None:
        spawn(self.query())

    def closeEvent(self, event: QCloseEvent) -> None:
        """The fetched records are the team's customers' data: none stays on this disk after the window."""
        self.session_view.player.pause()
        shutil.rmtree(self.cache, ignore_errors=True)
        super().closeEvent(event)
