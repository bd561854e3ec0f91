"""Starting the console: QApplication, the asyncio loop inside Qt (qasync), log, crash hook, language."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from console.applog import setup_logging
from console.crash import install_crash_hook
from console.i18n import install_translator, resolve_language
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


def run_console(open_target: str | None = None, key_file: str | None = None, accept_new: bool = False) -> int:
    """Open the console window (optionally connecting to *open_target*) and run until it closes."""
    app = create_application()
    settings, settings_problem = load_settings()
    install_translator(resolve_language(settings.get("ui", "language", "")))
    from console.main_window import MainWindow

    window = MainWindow(settings)
    window.show()
    if settings_problem:
        window.show_notice(settings_problem)

    def start() -> None:
        if open_target:
            window.open_address(open_target, key_file=key_file, accept_new=accept_new)

    log.info("Valuezone %s started", __version__)
    return run_loop(app, start)


def run_demo(home: Path, *, customer_lang: str = "ko", quit_after: float = 0) -> int:
    """`valuezone demo`: console + relay + agent on this machine (see console/demo.py)."""
    app = create_application()
    settings, _ = load_settings()
    install_translator(resolve_language(settings.get("ui", "language", "")))
    from console.demo import place_side_by_side, start_demo
    from console.main_window import MainWindow
    from console.tasks import spawn

    window = MainWindow(settings)
    window.show()

    async def begin() -> None:
        try:
            demo = await start_demo(window, home, customer_lang=customer_lang)
        except SupportError as exc:
            window.show_notice(str(exc))
            return
        place_side_by_side(window, demo.agent_window)
        _exit_jobs.append(demo.close)
        if quit_after:
            QTimer.singleShot(int(quit_after * 1000), app.quit)

    return run_loop(app, lambda: spawn(begin()))


def run_agent_window(config: object, *, quit_after: float = 0) -> int:
    """`valuezone agent --gui`: the customer's window around the agent; closing it ends the session."""
    app = create_application()
    settings, _ = load_settings()
    customer_lang = str(getattr(config, "lang", "") or "").split("-")[0]  # `--lang`, else the UI setting
    install_translator(resolve_language(customer_lang or settings.get("ui", "language", "")))
    from console.agent_window import AgentWindow
    from sessions.agent.core import Agent, AgentConfig

    assert isinstance(config, AgentConfig)
    agent = Agent(config)
    window = AgentWindow(agent)
    window.show()

    def begin() -> None:
        window.start()  # the window shows the code, or why there is none; closing it cancels this
        if quit_after:
            QTimer.singleShot(int(quit_after * 1000), app.quit)

    _exit_jobs.append(agent.end)
    return run_loop(app, begin)


def self_test() -> int:
    """Start offscreen, open the main window, close it, exit 0 (used to smoke-test frozen builds)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_application()
    settings, _ = load_settings()
    install_translator(resolve_language(settings.get("ui", "language", "")))
    from console.main_window import MainWindow

    window = MainWindow(settings)
    window.show()
    ok = window.isVisible()

    def finish() -> None:
        window.close()
        app.quit()

    QTimer.singleShot(300, finish)
    run_loop(app, lambda: None)
    print("valuezone self-test: main window opened and closed" if ok else "self-test: window did not open")
    return 0 if ok else 1
