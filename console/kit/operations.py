"""Background work started from the UI, with one success and one failure path (after Anki's aqt/operations).

    Operation(self, self._load).success(self._show).errors_to(self.status).run_in_background()

The work runs on the asyncio loop (a coroutine) or in a worker thread (`Operation.in_thread`), so the
UI never blocks. When it returns, `success` gets the result on the UI thread; when it raises an
expected error (SupportError), `failure` gets it, `errors_to` shows it in a label or status bar
(rendered in the UI language, its hint on its own line), and without either it goes to the message
path. Nothing is called once *parent* is gone. Anything else it raises is a bug: the crash dialog.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QStatusBar

from console.app import messages
from console.app.errors import render_error
from console.kit.tasks import spawn
from sessions.errors import SupportError

log = logging.getLogger(__name__)
T = TypeVar("T")


class Operation(Generic[T]):
    """One piece of background work for *parent* (a widget or window)."""

    def __init__(self, parent: QObject, work: Callable[[], Awaitable[T]]) -> None:
        self.parent = parent
        self._work = work
        self._on_success: Callable[[T], object] | None = None
        self._on_failure: Callable[[SupportError], object] | None = None

    @classmethod
    def in_thread(cls, parent: QObject, function: Callable[..., T], *args: Any) -> Operation[T]:
        """*function*(*args) in a worker thread (blocking I/O, SQLite, CPU-heavy work)."""
        return cls(parent, functools.partial(asyncio.to_thread, function, *args))

    def success(self, callback: Callable[[T], object]) -> Operation[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[SupportError], object]) -> Operation[T]:
        """*callback* handles an expected error (instead of the message path)."""
        self._on_failure = callback
        return self

    def errors_to(self, place: QLabel | QStatusBar) -> Operation[T]:
        """Show an expected error in *place*, where the person is looking."""
        if isinstance(place, QStatusBar):
            return self.failure(lambda exc: place.showMessage(render_error(exc).line()))
        return self.failure(lambda exc: place.setText(render_error(exc).lines()))

    def run_in_background(self) -> asyncio.Task[T | None]:
        """Start it and return at once; the task is kept until done."""
        return spawn(self.run())

    async def run(self) -> T | None:
        """Run it here and now; the result, or None when it failed (the failure was handled)."""
        try:
            result = await self._work()
        except SupportError as exc:
            if not shiboken6.isValid(self.parent):
                log.info("%s (its window was closed)", exc)
            elif self._on_failure is not None:
                self._on_failure(exc)
            else:
                messages.error(exc)
            return None
        if self._on_success is not None and shiboken6.isValid(self.parent):
            self._on_success(result)
        return result
