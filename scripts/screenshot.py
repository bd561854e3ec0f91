"""Render the README screenshots offscreen: the demo joined by code, a command, a chat line, diagnostics.

Run: QT_QPA_PLATFORM=offscreen python scripts/screenshot.py docs/screenshot.png [WIDTHxHEIGHT]
(the console window at that size, 1600x860 by default; docs/console-1366x768.png and
docs/console-1920x1080.png are made this way). It prints the terminal's size in cells.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["VALUEZONE_HOME"] = tempfile.mkdtemp(prefix="vz-shot-")
# The demo's shell runs the machine's start-up files; where they run `pyenv init`, a stale rehash lock would
# hold the shell for 60 s (as in the tests).
os.environ.setdefault("PYENV_REHASH_TIMEOUT", "1")


async def until(predicate, timeout: float = 30.0):  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError("the screenshot scene did not come up")
        await asyncio.sleep(0.05)


def main(out: Path, size: tuple[int, int] = (1600, 860)) -> int:
    import qasync
    from PySide6.QtWidgets import QApplication

    from console.launch.demo import start_demo
    from console.mainwindow.window import MainWindow
    from sessions.config import Settings
    from sessions.live import SessionState
    from sessions.paths import app_dirs

    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    settings = Settings(app_dirs().settings_file)
    # No internet here: a LibreTranslate-speaking server on loopback (the tests' own) translates.
    from tests.translation.libre_server import LibreServer

    libre = LibreServer().__enter__()
    settings.set("translation", "providers", ["libre"])
    settings.set("translation", "libre_url", libre.url)
    window = MainWindow(settings)
    window.resize(*size)
    window.show()

    async def scene() -> None:
        demo = await start_demo(window, Path(os.environ["VALUEZONE_HOME"]))
        tab = demo.tab
        await until(lambda: tab.bridge and tab.bridge.session.state is SessionState.ACTIVE)
        await until(lambda: tab.terminal.snapshot_text().rstrip().endswith(("$", "#")), timeout=60)  # prompt
        tab.terminal.input_ready.emit(
            b"clear\r"
        )  # what the machine's start-up files printed is not the scene
        await until(
            lambda: len(tab.terminal.snapshot_text().strip().splitlines()) == 1, timeout=30
        )  # cleared
        tab.terminal.input_ready.emit(
            b"printf '\\033[1;32mvaluezone\\033[0m demo: \\xea\\xb0\\x80 ok\\n'; df -h / | head -3\r"
        )
        await until(lambda: tab.conversation is not None)
        await demo.agent.send_chat("안녕하세요, 디스크 오류")
        window.run_diagnostics()
        await until(lambda: len(window.diagnostics.results()) >= 5, timeout=60)
        await until(lambda: "가 ok" in tab.terminal.snapshot_text(), timeout=60)  # the shell may start slowly
        window.resize(*size)  # the demo put the console beside the customer's window: the size asked for
        window.fit_docks()
        await asyncio.sleep(1.0)
        window.statusBar().clearMessage()  # "no keyring on this (headless) machine" is not the scene
        window.grab().save(str(out))
        print(f"terminal: {tab.terminal.cols}x{tab.terminal.rows} cells in a {size[0]}x{size[1]} window")
        if out.name == "screenshot.png":
            demo.agent_window.grab().save(str(out.with_name("screenshot-customer.png")))
        await demo.close()

    with loop:
        loop.run_until_complete(scene())
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    width, _x, height = (sys.argv[2] if len(sys.argv) > 2 else "1600x860").partition("x")
    sys.exit(
        main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.png"), (int(width), int(height)))
    )
