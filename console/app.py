"""Starting the console: QApplication, the asyncio loop inside Qt (qasync), log, crash hook, language."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from console.applog import setup_logging
from console.crash import install_crash_hook
from console.i18n import install_translator, resolve_language
from sessions import __version__
from sessions.config import Settings
from sessions.errors import ConfigError
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


def _run_loop(app: QApplication, start: Callable[[], object]) -> int:
    import qasync

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    with loop:
        loop.call_soon(start)
        loop.run_until_complete(closed.wait())
    return 0


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
    return _run_loop(app, start)


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
    _run_loop(app, lambda: None)
    print("valuezone self-test: main window opened and closed" if ok else "self-test: window did not open")
    return 0 if ok else 1
