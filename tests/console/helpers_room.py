"""Opening the console and a session as the room, keys, tabs and identity tests need them."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from console.mainwindow.window import MainWindow
from console.session.tab import SessionTab
from sessions.config import Settings
from sessions.live import SessionState
from sessions.paths import app_dirs
from tests.console.conftest import until
from tests.sshd import Sshd


def console(qtbot, size: tuple[int, int] | None = None, settings: Settings | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    """A console window (fresh VALUEZONE_HOME), shown at *size*."""
    window = MainWindow(settings or Settings(app_dirs().settings_file))
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    return window


def open_direct(window: MainWindow, sshd: Sshd) -> SessionTab:
    """A direct session to the test sshd, its host key accepted on first use."""
    tab = window.open_address(
        f"{sshd.user}@{sshd.host}:{sshd.port}", key_file=str(sshd.client_key), accept_new=True
    )
    assert tab is not None
    return tab


async def active(tab: SessionTab) -> SessionTab:
    await until(lambda: tab.bridge and tab.bridge.session.state is SessionState.ACTIVE, what="the shell")
    return tab


async def ended(tab: SessionTab) -> SessionTab:
    tab.end()
    await until(tab.is_over, what="the session ended")
    return tab


async def settled() -> None:
    """Let pending layout and timers run."""
    for _ in range(5):
        QApplication.processEvents()
        await until(lambda: True)
