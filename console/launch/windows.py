"""Opening the windows: the console, the demo, the customer's window (`agent --gui`), the self-test."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QTimer

from console.app.runtime import at_exit, run_loop, start_application
from sessions import __version__

log = logging.getLogger(__name__)


def run_console(open_target: str | None = None, key_file: str | None = None, accept_new: bool = False) -> int:
    """Open the console window (optionally connecting to *open_target*) and run until it closes."""
    app, settings = start_application()
    from console.mainwindow.window import MainWindow

    window = MainWindow(settings)
    window.show()

    def start() -> None:
        window.ask_identity_if_new()  # the first run: name and company (Later: Tools ▸ Identity)
        if open_target:
            window.open_address(open_target, key_file=key_file, accept_new=accept_new)

    log.info("Valuezone %s started", __version__)
    return run_loop(app, start)


def run_demo(home: Path, *, customer_lang: str = "ko", quit_after: float = 0) -> int:
    """`valuezone demo`: console + relay + agent on this machine (see console/launch/demo.py)."""
    app, settings = start_application()
    from console.kit.tasks import spawn
    from console.launch.demo import place_side_by_side, start_demo
    from console.mainwindow.window import MainWindow

    window = MainWindow(settings)
    window.show()

    async def begin() -> None:
        demo = await start_demo(window, home, customer_lang=customer_lang)  # an error goes to the window
        place_side_by_side(window, demo.agent_window)
        at_exit(demo.close)
        if quit_after:
            QTimer.singleShot(int(quit_after * 1000), app.quit)

    return run_loop(app, lambda: spawn(begin()))


def run_agent_window(config: object, *, quit_after: float = 0) -> int:
    """`valuezone agent --gui`: the customer's window around the agent; closing it ends the session."""
    customer_lang = str(getattr(config, "lang", "") or "").split("-")[0]  # `--lang`, else the UI setting
    app, _settings = start_application(customer_lang)
    from console.agent.qt_words import install_qt_words
    from console.agent.window import AgentWindow
    from sessions.agent.core import Agent, AgentConfig

    assert isinstance(config, AgentConfig)
    agent = Agent(config)
    install_qt_words(agent.texts.lang)  # Qt's own menus (Copy, Paste) in the customer's language too
    window = AgentWindow(agent)
    window.show()

    def begin() -> None:
        window.start()  # the window shows the code, or why there is none; closing it cancels this
        if quit_after:
            QTimer.singleShot(int(quit_after * 1000), app.quit)

    at_exit(agent.end)
    return run_loop(app, begin)


def self_test() -> int:
    """Start offscreen, open the main window, close it, exit 0 (used to smoke-test frozen builds)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app, settings = start_application()
    from console.mainwindow.window import MainWindow

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
