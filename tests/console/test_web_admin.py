"""Tools ▸ Web admin page, driven as a technician and a customer would: a real HTTP server on loopback
behind the agent (refused without the customer's yes, served with it, closed when the session ends) and
behind a real sshd (a direct session just forwards). The browser is Qt's URL handler, so the test sees
the URL the console would open instead of launching one."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import http.server
import socket
import threading
import urllib.request
from collections.abc import Iterator
from typing import ClassVar

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QMessageBox, QPushButton, QSpinBox

from console.agent.window import AgentWindow
from console.mainwindow.window import MainWindow
from sessions.agent.core import Agent
from sessions.config import Settings
from sessions.live import SessionState
from sessions.paths import app_dirs
from sessions.relay.server import Relay
from sessions.ssh.target import Target
from tests.console.conftest import QtLoop, until, visible
from tests.sshd import Sshd

PAGE = b"<html><title>NAS admin</title><body>RAID: degraded</body></html>"


class _Admin(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def admin_page() -> Iterator[tuple[int, list[str]]]:
    """The device's web admin page: a real HTTP server on 127.0.0.1 (its port, the paths it served)."""
    requests: ClassVar[list[str]] = []
    handler = type("Admin", (_Admin,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], requests
    server.shutdown()
    server.server_close()


class _Browser(QObject):
    """Stands in for the system browser: Qt hands it the URLs QDesktopServices.openUrl gets."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def browser() -> Iterator[_Browser]:
    catcher = _Browser()
    for scheme in ("http", "https"):
        QDesktopServices.setUrlHandler(scheme, catcher, "show")
    yield catcher
    for scheme in ("http", "https"):
        QDesktopServices.unsetUrlHandler(scheme)


def _get(url: str) -> bytes:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy from the env
    with opener.open(url, timeout=10) as reply:
        return bytes(reply.read())


def _refused(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(2)
        return probe.connect_ex(("127.0.0.1", port)) != 0


async def _ask_for_page(qtbot, window: MainWindow, port: int) -> None:  # type: ignore[no-untyped-def]
    """Tools ▸ Web admin page… (Ctrl+Shift+B), http, the device's port typed, Open."""
    window.activateWindow()
    window.tool_actions.web.trigger()
    dialog = await until(lambda: visible(QDialog, "webAdminDialog"), what="the web admin question")
    scheme = dialog.findChild(QComboBox, "webAdminScheme")
    spin = dialog.findChild(QSpinBox, "webAdminPort")
    if scheme.currentText() == "https":  # the first time; then the last page asked for is offered
        assert spin.value() == 443
        qtbot.keyClick(scheme, Qt.Key.Key_Down)
        assert scheme.currentText() == "http" and spin.value() == 80  # the default port moved along
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), str(port))
    qtbot.mouseClick(dialog.findChild(QPushButton, "webAdminOpen"), Qt.MouseButton.LeftButton)


def test_through_the_agent_only_with_the_customers_yes_and_closed_at_the_end(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, relay_and_agent: tuple[Relay, Agent], admin_page, browser: _Browser
) -> None:
    port, served = admin_page
    relay, agent = relay_and_agent
    agent.config = dataclasses.replace(agent.config, auto_consent=True)  # the session itself; not the page
    customer = AgentWindow(agent)
    qtbot.addWidget(customer)
    customer.show()
    window = MainWindow(Settings(app_dirs().settings_file))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qloop.run(agent.start())
    tab = window.join_code(agent.code, Target("127.0.0.1", relay.port, ""), accept_new=True)

    async def scenario() -> int:
        await until(lambda: tab.support.state is SessionState.ACTIVE, what="the session")
        # 1. the customer says no: nothing opened, nothing served, the technician told why
        await _ask_for_page(qtbot, window, port)
        asked = await until(lambda: visible(QDialog, "questionDialog"), what="the customer's question")
        assert asked.windowTitle() == "장치의 웹 관리 페이지를 열까요?"
        body = " ".join(label.text() for label in asked.findChildren(QLabel))
        assert f"포트 {port}" in body and "Kim Minsu" in body and "허용하시겠습니까?" in body
        decline = asked.findChild(QPushButton, "questionDecline")
        assert decline.text() == "허용 안 함"
        qtbot.mouseClick(decline, Qt.MouseButton.LeftButton)
        notice = await until(lambda: visible(QMessageBox, "noticeDialog"), what="the refusal")
        assert f"(port {port}) was not opened" in notice.text() and "did not allow" in notice.text()
        qtbot.mouseClick(notice.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        assert browser.opened == [] and served == []

        # 2. asked again, the customer allows: the browser opens a 127.0.0.1 address that serves the page
        await _ask_for_page(qtbot, window, port)
        asked = await until(lambda: visible(QDialog, "questionDialog"), what="asked again")
        qtbot.mouseClick(asked.findChild(QPushButton, "questionAgree"), Qt.MouseButton.LeftButton)
        await until(lambda: browser.opened, what="the browser opened")
        [url] = browser.opened
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        assert await asyncio.to_thread(_get, url + "status") == PAGE
        assert await asyncio.to_thread(_get, url) == PAGE  # another connection: not asked again
        assert visible(QDialog, "questionDialog") is None and served == ["/status", "/"]
        feed = [customer.activity.item(i).text() for i in range(customer.activity.count())]
        assert any(f"웹 관리 페이지(포트 {port})를 열도록 허용했습니다" in line for line in feed), feed
        assert any(f"웹 관리 페이지(포트 {port})를 허용하지 않았습니다" in line for line in feed), feed
        assert f"Web admin page of {tab.support.plan.label} opened" in window.statusBar().currentMessage()

        # 3. the same page again: the open forward is reused, no new question
        await _ask_for_page(qtbot, window, port)
        await until(lambda: len(browser.opened) == 2, what="opened again")
        assert browser.opened[1] == url and visible(QDialog, "questionDialog") is None
        local = int(url.rsplit(":", 1)[1].strip("/"))
        tab.end()
        await until(lambda: tab.support.state is SessionState.ENDED, what="the session ended")
        return local

    local = qloop.run(scenario())
    assert _refused(local)  # the forward went with the session
    with contextlib.suppress(Exception):
        window.close()


def test_a_direct_ssh_session_just_forwards(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, sshd: Sshd, admin_page, browser: _Browser
) -> None:
    port, served = admin_page
    window = MainWindow(Settings(app_dirs().settings_file))
    qtbot.addWidget(window)
    window.show()
    tab = window.open_address(
        f"{sshd.user}@{sshd.host}:{sshd.port}", key_file=str(sshd.client_key), accept_new=True
    )
    assert tab is not None

    async def scenario() -> int:
        await until(lambda: tab.support.state is SessionState.ACTIVE, what="the session")
        await _ask_for_page(qtbot, window, port)
        await until(lambda: browser.opened, what="the browser opened")
        assert await asyncio.to_thread(_get, browser.opened[0]) == PAGE
        # a port where nothing listens: said plainly, no browser
        with socket.socket() as spare:
            spare.bind(("127.0.0.1", 0))
            nothing = spare.getsockname()[1]
        await _ask_for_page(qtbot, window, nothing)
        notice = await until(lambda: visible(QMessageBox, "noticeDialog"), what="nothing there")
        assert f"Nothing answered on port {nothing}" in notice.text()
        qtbot.mouseClick(notice.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        assert len(browser.opened) == 1
        tab.end()
        await until(lambda: tab.support.state is SessionState.ENDED, what="the session ended")
        return int(browser.opened[0].rsplit(":", 1)[1].strip("/"))

    local = qloop.run(scenario())
    assert served == ["/"] and _refused(local)
