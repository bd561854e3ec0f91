"""Console test helpers: the asyncio loop inside Qt (qasync), waiting on conditions, finding widgets."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtWidgets import QApplication, QWidget

T = TypeVar("T")
W = TypeVar("W", bound=QWidget)


class QtLoop:
    """Runs coroutines on a qasync loop, so Qt events and asyncio both progress, as in the app."""

    def __init__(self, app: QApplication) -> None:
        self.loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(self.loop)

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        return self.loop.run_until_complete(asyncio.wait_for(coro, timeout))

    def close(self) -> None:
        for task in asyncio.all_tasks(self.loop):
            task.cancel()
        self.loop.run_until_complete(asyncio.sleep(0.05))
        self.loop.close()
        asyncio.set_event_loop(None)


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
