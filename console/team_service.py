"""The console's link to the team server (Settings ▸ Team server): one client, pushing records by itself.

When a team server is set, finished records go to it through the push outbox: when the console starts,
after each session ends, and every ten minutes; the follow-up queue and the review window read the
team's records from it. Host keys are never asked about in the background: the relay's key must be
trusted already (joining a session through the relay, or the first push from the command line, does
that); an interactive caller passes its own trust.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from console.tasks import spawn
from sessions.config import Settings
from sessions.errors import SupportError
from sessions.recording import archive_root
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.team.client import TeamClient

log = logging.getLogger(__name__)
PUSH_EVERY_MS = 10 * 60 * 1000
DEFAULT_PORT = 2222


def team_server(settings: Settings) -> str:
    """The `[team] server` setting (host:port), '' when none is set."""
    return str(settings.get("team", "server", "") or "").strip()


class TeamService(QObject):
    """Owns the push loop and a shared TeamClient; `status_changed` carries a sentence for the status bar."""

    status_changed = Signal(str)
    pushed = Signal(object)  # PushReport

    def __init__(
        self, settings: Settings, key_file: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.key_file = key_file
        self._client: TeamClient | None = None
        self._client_for = ""
        self._pushing: asyncio.Task[Any] | None = None
        self.timer = QTimer(self, interval=PUSH_EVERY_MS)
        self.timer.timeout.connect(self.push_soon)
        self.timer.start()

    @property
    def server(self) -> str:
        return team_server(self.settings)

    def target(self) -> Any:
        from console.commands.team_options import server_target

        return server_target(self.server)

    async def client(self, trust: HostKeyTrust | None = None) -> TeamClient:
        """A connected client for the current setting (reused while it stays up)."""
        if not self.server:
            raise SupportError("No team server is set.", "Set one in Tools ▸ Settings ▸ Team server.")
        if self._client is not None and (self._client_for != self.server or self._client.conn.is_closed()):
            await self.close()
        if self._client is None:
            self._client = await TeamClient.connect(
                self.target(), trust=trust or HostKeyTrust(), technician_key=self.key_file
            )
            self._client_for = self.server
        return self._client

    def close_now(self) -> None:
        """Drop the connection at once (the window is closing)."""
        self.timer.stop()
        if self._client is not None:
            self._client.conn.close()
            self._client = None

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(Exception):
                await client.close()

    # --- pushing ------------------------------------------------------------------------------------
    def push_soon(self) -> None:
        """Push in the background unless a push is running or no server is set."""
        if self.server and (self._pushing is None or self._pushing.done()):
            self._pushing = spawn(self.push())

    async def push(self) -> Any:
        from sessions.team.outbox import PushOutbox
        from sessions.team.push import push_queued, scan

        if not self.server:
            return None
        server, archive = self.target().host_port, archive_root(self.settings)
        outbox = await asyncio.to_thread(PushOutbox)
        try:
            report = await asyncio.to_thread(scan, archive, outbox, server) if archive.is_dir() else None
            if report is None or not outbox.queued(server):
                return report
            await push_queued(await self.client(), outbox, server, report)
        except SupportError as exc:
            self.status_changed.emit(self.tr("Team server: %s") % exc)
            await self.close()
            return None
        finally:
            outbox.close()
        message = self.tr("Team server: %1 records pushed, %2 refused").replace("%1", str(report.sent))
        self.status_changed.emit(message.replace("%2", str(len(report.refused))))
        self.pushed.emit(report)
        return report
