"""The web admin pages of the session tabs: one forward per tab and port, opened in the system browser.

A forward belongs to its tab's session: it is closed when the session leaves the active state
(reconnecting, ended) or the tab closes. Opening the same page again reuses an open forward.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from console.app import messages
from console.kit.bridge import EventBridge
from console.kit.operations import Operation
from console.kit.prompts import await_dialog
from console.webadmin.dialog import WebAdminDialog
from sessions.live import SessionState, SessionStatus
from sessions.support import SupportSession
from sessions.webadmin import WebForward, WebTarget


class _TabPages(QObject):
    """One tab's forwards, closed with its session."""

    def __init__(self, support: SupportSession, parent: QObject) -> None:
        super().__init__(parent)
        self.support = support
        self.forwards: dict[WebTarget, WebForward] = {}
        self.last: WebTarget | None = None
        self.bridge = EventBridge(support, self)
        self.bridge.received.connect(self._on_event)

    def _on_event(self, event: object) -> None:
        if isinstance(event, SessionStatus) and event.state is not SessionState.ACTIVE:
            self.close_all()

    def close_all(self) -> None:
        for forward in self.forwards.values():
            forward.close()
        self.forwards.clear()


class WebAdmin(QObject):
    """`ask(tab)` is Tools ▸ Web admin page…; `open(tab, target)` does the work (tests call it too)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = parent
        self.pages: dict[int, _TabPages] = {}

    def _pages(self, tab: QObject) -> _TabPages | None:
        support = getattr(tab, "support", None)
        if not isinstance(support, SupportSession):
            return None
        pages = self.pages.get(id(tab))
        if pages is None:
            pages = _TabPages(support, self)
            key = id(tab)
            self.pages[key] = pages
            tab.destroyed.connect(lambda *_: self._forget(key))
        return pages

    def _forget(self, key: int) -> None:
        pages = self.pages.pop(key, None)
        if pages is not None:
            pages.close_all()
            pages.bridge.close()

    async def ask(self, tab: QObject | None) -> WebForward | None:
        """Which page (a dialog), then open it."""
        pages = self._pages(tab) if tab is not None else None
        if tab is None or pages is None:
            messages.info(
                QCoreApplication.translate(
                    "WebAdmin", "Open a session first: the web admin page opens through it."
                )
            )
            return None
        dialog = WebAdminDialog(pages.support.plan.label, pages.last, self.window)
        if await await_dialog(dialog) != WebAdminDialog.DialogCode.Accepted:
            return None
        return await self.open(tab, dialog.target())

    async def open(self, tab: QObject, target: WebTarget) -> WebForward | None:
        pages = self._pages(tab)
        live = pages.support.live if pages is not None else None
        conn: Any = live.connection if live is not None else None
        if pages is None or conn is None or pages.support.state is not SessionState.ACTIVE:
            messages.info(
                QCoreApplication.translate(
                    "WebAdmin", "The session is not connected: connect it, then open the web admin page."
                )
            )
            return None
        pages.last = target
        forward = pages.forwards.get(target)
        if forward is None or forward.closed:
            if pages.support.plan.via == "code":
                asking = QCoreApplication.translate(
                    "WebAdmin", "Asking the customer to allow the web admin page (port {port})…"
                )
                messages.info(asking.format(port=target.port))
            forward = await Operation(self.window, lambda: WebForward.open(conn, target)).run()
            if forward is None:
                return None
            if pages.support.state is not SessionState.ACTIVE:
                forward.close()
                return None
            pages.forwards[target] = forward
            if live is not None:
                live.record_event(
                    "web.forward", {"scheme": target.scheme, "port": target.port, "local": forward.local_port}
                )
        messages.info(
            QCoreApplication.translate(
                "WebAdmin",
                "Web admin page of {device} opened in your browser: {url} (until the session ends)",
            ).format(device=pages.support.plan.label, url=forward.url)
        )
        QDesktopServices.openUrl(QUrl(forward.url))
        return forward
