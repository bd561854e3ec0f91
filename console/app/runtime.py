"""The console's runtime: the QApplication, settings at start, the asyncio loop inside Qt (qasync)."""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QApplication

from console.app import messages
from console.app.crash import install_crash_hook, show_exception
from console.app.i18n import install_translator, resolve_language
from console.app.logfile import setup_logging
from sessions import __version__
from sessions.config import Settings
from sessions.errors import ConfigError, SupportError
from sessions.paths import app_dirs

log = logging.getLogger(__name__)
T = TypeVar("T")


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


def start_application(language: str = "") -> tuple[QApplication, Settings]:
    """The application and its settings; the UI in *language*, else the configured one, else the locale's."""
    app = create_application()
    settings = load_settings()
    install_translator(resolve_language(language or settings.get("ui", "language", "")))
    return app, settings


def load_settings() -> Settings:
    """The settings; a broken file is said (on the message path) and the defaults are used instead."""
    path = app_dirs().settings_file
    try:
        return Settings.load(path)
    except ConfigError as exc:
        messages.warning(exc.message, exc.hint)
        return Settings(path)


_exit_jobs: list[Callable[[], Awaitable[object]]] = []


def at_exit(job: Callable[[], Awaitable[object]]) -> None:
    """Await *job* (at most 5 s) after the window closed, before run_loop returns."""
    _exit_jobs.append(job)


def run_loop(app: QApplication, start: Callable[[], object]) -> int:
    """Run asyncio inside Qt's event loop: call *start* once, return when the app quits (after exit jobs)."""
    import qasync

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    install_loop_handler(loop)
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    with loop:
        loop.call_soon(start)
        run_until_done(loop, closed.wait())
        for job in _exit_jobs:
            try:
                run_until_done(loop, asyncio.wait_for(job(), 5))
            except (TimeoutError, SupportError, OSError) as exc:
                log.warning("clean-up at exit did not finish: %s", exc)
        _exit_jobs.clear()
        finish_tasks(loop)
    return 0


def run_until_done(loop: asyncio.AbstractEventLoop, work: Awaitable[T]) -> T:
    """`loop.run_until_complete(work)` without qasync's last pass over Qt events after the loop stopped.

    That pass steps coroutines while no loop is running: one that awaits then (a `finally:` block
    closing a channel) fails with "no running event loop" and leaves its work undone. Here every
    step runs inside the loop; when Qt quits (the window closed), the loop runs again until *work* is done.
    """
    future = asyncio.ensure_future(work, loop=loop)
    future.add_done_callback(lambda _: loop.stop())
    while not future.done():  # Qt's quit() ends a pass too: the work goes on in the next one
        loop.run_forever()
    return future.result()


def install_loop_handler(loop: asyncio.AbstractEventLoop) -> None:
    """What the loop cannot hand to anyone (a callback's exception, a task's unretrieved one) is shown."""
    loop.set_exception_handler(_on_loop_exception)


def _on_loop_exception(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    exc = context.get("exception")
    if isinstance(exc, SupportError):
        messages.error(exc)
    elif isinstance(exc, Exception):
        log.error("asyncio: %s", context.get("message", "unhandled exception"))
        show_exception(exc)
    else:
        loop.default_exception_handler(context)


def finish_tasks(loop: asyncio.AbstractEventLoop, timeout: float = 5.0) -> None:
    """Cancel every task still on *loop* and run it until they have finished (at most *timeout* seconds).

    A task left pending when the loop closes is destroyed unfinished, and a coroutine it had created but
    not started yet is never run at all; asyncio.run does the same before it closes its loop.
    """
    deadline = time.monotonic() + timeout
    while (tasks := asyncio.all_tasks(loop)) and (left := deadline - time.monotonic()) > 0:
        for task in tasks:
            task.cancel()
        run_until_done(loop, asyncio.wait(tasks, timeout=left))
