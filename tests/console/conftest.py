"""Console test helpers: the asyncio loop inside Qt (qasync), waiting on conditions, finding widgets."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtWidgets import QApplication, QWidget

from console.app.runtime import finish_tasks, install_loop_handler, run_until_done
from sessions.agent.core import Agent, AgentConfig
from sessions.relay.server import Relay, RelayConfig
from sessions.relay.techkey import ensure_technician_key
from sessions.ssh.target import Target
from tests.qt import release_qt_garbage

T = TypeVar("T")
W = TypeVar("W", bound=QWidget)


class QtLoop:
    """Runs coroutines on a qasync loop, so Qt events and asyncio both progress, as in the app.

    The app's loop runs for its whole life. Here it runs only inside `run()`, while Qt events are also
    processed between runs (qtbot, pytest-qt's own hooks), and qasync then steps asyncio callbacks too;
    so between runs the loop still counts as the running one, or those steps would fail with "no
    running event loop" or bind a queue to no loop.
    """

    def __init__(self, app: QApplication) -> None:
        self.loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(self.loop)
        install_loop_handler(self.loop)  # as the app does: a bug the loop reports reaches the crash dialog
        asyncio.events._set_running_loop(self.loop)

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        try:
            return run_until_done(self.loop, asyncio.wait_for(coro, timeout))
        finally:
            asyncio.events._set_running_loop(self.loop)

    def close(self) -> None:
        """Cancel what is still running and let it finish (as asyncio.run does), then close the loop."""
        finish_tasks(self.loop)
        run_until_done(self.loop, asyncio.sleep(0.05))
        asyncio.events._set_running_loop(None)
        self.loop.close()
        asyncio.set_event_loop(None)
        release_qt_garbage()


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[QtLoop]:
    loop = QtLoop(qapp)
    yield loop
    loop.close()


async def until(predicate: Callable[[], T], timeout: float = 20, what: str = "condition") -> T:
    """Wait (letting Qt and asyncio run) until *predicate* returns something truthy, and return it."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.02)


def visible(kind: type[W], name: str) -> W | None:
    """The visible top-level-or-child widget of *kind* with objectName *name*, if any."""
    for top in QApplication.topLevelWidgets():
        found = [top] if top.objectName() == name and isinstance(top, kind) else []
        found += top.findChildren(kind, name)
        for widget in found:
            if widget.isVisible():
                return widget
    return None


@pytest.fixture
def relay_and_agent(qloop: QtLoop, tmp_path: Path) -> Iterator[tuple[Relay, Agent]]:
    """A relay on 127.0.0.1:0 that knows this test's technician key, and a (not yet started) agent."""
    key = ensure_technician_key()
    kind, blob = key.public_line.split()[:2]
    technicians = tmp_path / "technicians"
    technicians.write_text(f"{kind} {blob} Kim Minsu <kim@acme.example>\n")
    relay = qloop.run(Relay.start(RelayConfig(technicians_file=technicians, state_dir=tmp_path / "relay")))
    agent = Agent(
        AgentConfig(relay=Target("127.0.0.1", relay.port, "support"), state_dir=tmp_path / "agent", lang="ko")
    )
    yield relay, agent
    qloop.run(agent.end("test over"))
    qloop.run(relay.close())
