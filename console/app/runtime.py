"""The console's runtime: the QApplication, settings at start, the asyncio loop inside Qt (qasync)."""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from collections.abc import Awaitable, Callable

from PySide6.QtWidgets import QApplication

from console.app.crash import install_crash_hook
from console.app.logfile import setup_logging
from sessions import __version__
from sessions.config import Settings
from sessions.errors import ConfigError, SupportError
from sessions.paths import app_dirs

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, with the log, crash hook and UI language set up."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Valuezone")
    app.setOrganizationName("Valuezone")
    app.setApplicationVersion(__version__)
    setup_logging()
    install_crash_hook()
    return app


def load_settings() -> tuple[Settings, str | None]:
    """The settings, and a message when the file was broken and defaults are used instead."""
    path = app_dirs().settings_file
    try:
        return Settings.load(path), None
    except ConfigError as exc:
        log.warning("%s", exc)
        return Settings(path), str(exc)


_exit_jobs: list[Callable[[], Awaitable[object]]] = []


def at_exit(job: Callable[[], Awaitable[object]]) -> None:
    """Await *job* (at most 5 s) after the window closed, before run_loop returns."""
    _exit_jobs.append(job)


def run_loop(app: QApplication, start: Callable[[], object]) -> int:
    """Run asyncio inside Qt's event loop: call *start* once, return when the app quits (after exit jobs)."""
    import qasync

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    with loop:
        loop.call_soon(start)
        loop.run_until_complete(closed.wait())
        for job in _exit_jobs:
            try:
                loop.run_until_complete(asyncio.wait_for(job(), 5))
            except (TimeoutError, SupportError, OSError) as exc:
                log.warning("clean-up at exit did not finish: %s", exc)
        _exit_jobs.clear()
        finish_tasks(loop)
    return 0


def finish_tasks(loop: asyncio.AbstractEventLoop, timeout: float = 5.0) -> None:
    """Cancel every task still on *loop* and run it until they have finished (at most *timeout* seconds).

    A task left pending when the loop closes is destroyed unfinished, and a coroutine it had created but
    not started yet is never run at all; asyncio.run does the same before it closes its loop.
    """
    deadline = time.monotonic() + timeout
    while (tasks := asyncio.all_tasks(loop)) and (left := deadline - time.monotonic()) > 0:
        for task in tasks:
            task.cancel()
        loop.run_until_complete(asyncio.wait(tasks, timeout=left))
