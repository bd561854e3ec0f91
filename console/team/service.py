"""The console's link to the team server (Settings ▸ Team server): one client, pushing records by itself.

When a team server is set, finished records go to it through the push outbox: when the console starts,
after each session ends, and every ten minutes; the follow-up queue and the review window read the
team's records from it. The technician key is opened as for a session by code (ssh-agent, this run's
memory, the keyring). In the background nobody is asked anything: a key that needs its passphrase, or a
relay host key not trusted yet, waits for the next time the technician opens the follow-ups or the
team's review window, which ask (the key then stays open for this run).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from console.app import messages
from console.app.errors import render_error
from console.kit.prompts import await_dialog
from console.kit.tasks import spawn
from console.kit.widgets import named
from console.session.technician_key import ask_technician_passphrase
from sessions.config import Settings
from sessions.errors import ConfigError, SupportError
from sessions.recording import archive_root
from sessions.relay.unlock import PassphraseAnswer, PassphraseQuestion, TechnicianKeyAccess
from sessions.ssh.hostkeys import HostKeyQuestion, HostKeyTrust
from sessions.ssh.target import Target
from sessions.team.client import TeamClient, server_target, server_targets
from sessions.team.push import PushReport

log = logging.getLogger(__name__)
PUSH_EVERY_MS = 10 * 60 * 1000


def team_server(settings: Settings) -> str:
    """The `[team] server` setting (host:port), '' when none is set."""
    return str(settings.get("team", "server", "") or "").strip()


class TeamService(QObject):
    """Owns the push loop and a shared TeamClient; *window* is where questions are asked."""

    pushed = Signal(object)  # PushReport

    def __init__(
        self,
        settings: Settings,
        key_file: Path | None = None,
        parent: QObject | None = None,
        window: QWidget | None = None,
        *,
        server: str = "",
        accept_new: bool = False,
        pushes: bool = True,
    ) -> None:
        """*server* instead of the setting (`valuezone review --server`), which then never pushes."""
        super().__init__(parent)
        self.settings = settings
        self.key_file = key_file
        self.window = window
        self.accept_new = accept_new
        self._server = server
        self._client: TeamClient | None = None
        self._client_for = ""
        self._connecting: asyncio.Lock | None = None
        self._pushing: asyncio.Task[Any] | None = None
        self._closed = False
        self.timer = QTimer(self, interval=PUSH_EVERY_MS)
        self.timer.timeout.connect(self.push_soon)
        if pushes:
            self.timer.start()

    @property
    def server(self) -> str:
        return self._server or team_server(self.settings)

    def target(self) -> tuple[Target, ...]:
        """The team server's relays, in the order tried (one, or a deployment's list)."""
        return server_targets(self.server)

    async def client(self, trust: HostKeyTrust | None = None, *, interactive: bool = True) -> TeamClient:
        """A connected client for the current setting (reused while it stays up).

        *interactive*: the technician may be asked for the key's passphrase and about an unknown relay
        host key; in the background (pushes) nobody is, and the missing answer is the error. *trust*
        replaces the console's host-key policy.
        """
        if not self.server:
            raise ConfigError(
                "No team server is set.",
                "Set one in Tools ▸ Settings ▸ Team server.",
                code="team.no_server",
            )
        if self._connecting is None:
            self._connecting = asyncio.Lock()
        async with self._connecting:  # the follow-ups and a push may ask at once: one connection
            if self._client is not None and (
                self._client_for != self.server or self._client.conn.is_closed()
            ):
                await self.close()
            if self._client is None:
                ask = self._ask_passphrase if interactive else None
                self._client = await TeamClient.connect(
                    self.target(),
                    trust=trust
                    or HostKeyTrust(
                        ask=self._ask_host_key if interactive else None, accept_new=self.accept_new
                    ),
                    key_access=TechnicianKeyAccess(self.key_file, ask=ask),
                )
                self._client_for = self.server
            return self._client

    async def _ask_passphrase(self, question: PassphraseQuestion) -> PassphraseAnswer | None:
        return await ask_technician_passphrase(self.window, question)

    async def _ask_host_key(self, question: HostKeyQuestion) -> bool:
        box = relay_key_box(self.window, question)
        await await_dialog(box)
        clicked = box.clickedButton()
        return clicked is not None and clicked.objectName() == "teamHostKeyTrust"

    def close_now(self) -> None:
        """Drop the connection at once (the window is closing)."""
        self._closed = True
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
        if self._closed or not self.server or not self.timer.isActive():
            return
        if self._pushing is None or self._pushing.done():
            self._pushing = spawn(self.push())

    async def push(self) -> PushReport | None:
        """Queue and send every finished record not on the server yet; the outcome goes to the status bar."""
        if not self.server:
            return None
        try:
            report = await self._push()
        except SupportError as exc:
            messages.info(self.tr("Team server: %s") % render_error(exc).line())
            await self.close()
            return None
        if report is not None and (report.sent or report.refused):
            message = self.tr("Team server: %1 records pushed, %2 refused").replace("%1", str(report.sent))
            messages.info(message.replace("%2", str(len(report.refused))))
        if report is not None:
            self.pushed.emit(report)
        return report

    async def _push(self) -> PushReport | None:
        from sessions.team.outbox import PushOutbox
        from sessions.team.push import push_queued, scan

        server, archive = server_target(self.server).host_port, archive_root(self.settings)
        if not archive.is_dir():
            return None
        outbox = await asyncio.to_thread(PushOutbox)
        try:
            report = await asyncio.to_thread(scan, archive, outbox, server)
            if outbox.queued(server):
                await push_queued(await self.client(interactive=False), outbox, server, report)
            return report
        finally:
            outbox.close()


def relay_key_box(parent: QWidget | None, question: HostKeyQuestion) -> QMessageBox:
    """Trust on first use for the relay that serves the team: compared with what its administrator says."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("TeamHostKey", text)

    box = QMessageBox(parent)
    box.setObjectName("teamHostKeyDialog")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Unknown team server"))
    box.setText(
        tr(
            "This is the first connection to the team server {address}. Its {kind} key fingerprint is:"
        ).format(address=question.host_display, kind=question.key_type)
    )
    box.setInformativeText(
        f"<p><code>{question.fingerprint}</code></p><p>"
        + tr(
            "Compare it with the fingerprint the relay's administrator gives you (`valuezone relay` prints "
            "it when it starts). Trust this key and connect?"
        )
        + "</p>"
    )
    trust = box.addButton(tr("Trust and connect"), QMessageBox.ButtonRole.AcceptRole)
    named(trust, "teamHostKeyTrust", tr("Trust the team server's host key and connect"))
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    named(cancel, "teamHostKeyCancel", tr("Do not connect"))
    box.setDefaultButton(cancel)
    return box
