"""Room for the terminal: 100×30 cells at 1366×768 and 1920×1080, docks tabbed on the right, the layout
remembered under VALUEZONE_HOME, and the demo's customer window beside the console, not over its panels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QDockWidget

from console.agent.window import AgentWindow
from console.launch.demo import place_side_by_side
from console.mainwindow import layout
from console.mainwindow.window import MainWindow
from sessions.agent.core import Agent
from sessions.config import Settings
from sessions.paths import app_dirs
from sessions.relay.server import Relay
from tests.console.conftest import QtLoop, until
from tests.console.helpers_room import active, console, ended, open_direct, settled
from tests.sshd import Sshd

RIGHT = Qt.DockWidgetArea.RightDockWidgetArea


@pytest.mark.parametrize("size", [(1366, 768), (1366, 700), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_new_session_gets_at_least_100_by_30_cells(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, sshd: Sshd, size: tuple[int, int]
) -> None:
    """1366×700 is what a 1366×768 screen leaves a window under a title bar and a panel."""
    window = console(qtbot, size)
    tab = open_direct(window, sshd)

    async def scenario() -> None:
        await active(tab)
        await settled()
        assert tab.terminal.cols >= 100 and tab.terminal.rows >= 30, (tab.terminal.cols, tab.terminal.rows)
        qtbot.keyClicks(tab.terminal, "stty size")
        qtbot.keyClick(tab.terminal, Qt.Key.Key_Return)  # the PTY has the widget's size
        grid = f"{tab.terminal.rows} {tab.terminal.cols}"
        await until(lambda: grid in tab.terminal.snapshot_text(), what=f"stty size {grid}")
        await ended(tab)

    qloop.run(scenario())
    docks = window.side_docks()
    assert all(window.dockWidgetArea(dock) == RIGHT and not dock.isFloating() for dock in docks)
    shown = {dock for dock in docks[1:] if not dock.isHidden()}  # Files waits for Tools ▸ Files
    assert set(window.tabifiedDockWidgets(window.devices)) == shown  # one tabbed column
    assert layout.DOCK_MIN <= window.devices.width() <= layout.DOCK_MAX


def test_the_layout_is_remembered_and_can_be_reset(qtbot, qloop: QtLoop) -> None:  # type: ignore[no-untyped-def]
    window = console(qtbot, (780, 700))  # within the offscreen screen, which restoreGeometry keeps to
    window.removeDockWidget(window.devices)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, window.devices)
    window.devices.show()
    window.diagnostics.panel.splitter.setSizes([500, 120])
    window.diagnostics.set_splitter_sizes(window.diagnostics.panel.splitter.sizes())
    sizes = window.diagnostics.splitter_sizes
    geometry = window.size().toTuple()
    window.close()
    saved = layout.layout_file()
    assert saved.is_relative_to(Path(app_dirs().config)) and saved.exists()  # under VALUEZONE_HOME

    again = console(qtbot)
    assert again.size().toTuple() == geometry
    assert again.dockWidgetArea(again.devices) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert again.diagnostics.splitter_sizes == sizes
    assert again.diagnostics.panel_for("a new tab").splitter.sizes() == sizes  # new tabs' panels too

    again.reset_layout()
    assert again.dockWidgetArea(again.devices) == RIGHT
    assert set(again.tabifiedDockWidgets(again.devices)) == set(again.side_docks()[1:])


def test_a_saved_layout_from_another_version_is_ignored(qtbot, qloop: QtLoop) -> None:  # type: ignore[no-untyped-def]
    first = console(qtbot, (1400, 800))
    first.close()
    store = layout._store()
    store.setValue("layout/version", layout.LAYOUT_VERSION + 1)
    store.sync()
    window = MainWindow(Settings(app_dirs().settings_file))
    qtbot.addWidget(window)
    assert window.dockWidgetArea(window.devices) == RIGHT  # the default, not an odd old arrangement


@pytest.mark.parametrize("screen", [QRect(0, 0, 1366, 768), QRect(0, 0, 1920, 1080)], ids=["1366", "1920"])
def test_the_demo_customer_window_does_not_cover_the_console_panels(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, relay_and_agent: tuple[Relay, Agent], screen: QRect
) -> None:
    _relay, agent = relay_and_agent
    window = console(qtbot)
    customer = AgentWindow(agent)
    qtbot.addWidget(customer)
    customer.show()
    place_side_by_side(window, customer, screen)
    qloop.run(settled())
    console_frame, customer_frame = window.frameGeometry(), customer.frameGeometry()
    assert screen.contains(console_frame) and screen.contains(customer_frame)
    assert not console_frame.intersects(customer_frame)
    for dock in window.findChildren(QDockWidget):
        if dock.isVisible():
            where = QRect(dock.mapToGlobal(QPoint(0, 0)), dock.size())
            assert not where.intersects(customer_frame), dock.objectName()
    assert customer_frame.width() >= screen.width() // 3 - 1  # a window the customer can read
