"""Render the Korean customer's window offscreen: the code screen (vendor, countdown) and the consent.

Run: QT_QPA_PLATFORM=offscreen python scripts/screenshot_customer.py docs/
Writes customer-ko-code.png and customer-ko-consent.png. A real relay on 127.0.0.1 hands out the demo's
vendor file (resources/demo/vendor.toml); a technician key claims the code, as in a real session.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["VALUEZONE_HOME"] = tempfile.mkdtemp(prefix="vz-shot-customer-")
SIZE = (760, 700)  # what the window takes on a 1366 × 768 screen


async def until(predicate, timeout: float = 30.0):  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not (value := predicate()):
        if loop.time() > deadline:
            raise TimeoutError("the screenshot scene did not come up")
        await asyncio.sleep(0.05)
    return value


def main(folder: Path) -> int:
    import asyncssh
    import qasync
    from PySide6.QtGui import QColor, QPainter
    from PySide6.QtWidgets import QApplication, QMessageBox

    from console.agent.window import AgentWindow
    from sessions import vendor
    from sessions.agent.core import Agent, AgentConfig
    from sessions.relay.client import connect_by_code
    from sessions.relay.server import Relay, RelayConfig
    from sessions.ssh.hostkeys import HostKeyTrust
    from sessions.ssh.target import Target

    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    home = Path(os.environ["VALUEZONE_HOME"])
    key = asyncssh.generate_private_key("ssh-ed25519")
    key.write_private_key(str(home / "tech_ed25519"))
    technicians = home / "technicians"
    technicians.write_text(f"{key.export_public_key().decode().strip()} 김민수 <minsu@acme.example>\n")

    async def scene() -> None:
        relay = await Relay.start(
            RelayConfig(
                technicians_file=technicians, state_dir=home / "relay", vendor=vendor.load(vendor.demo_file())
            )
        )
        agent = Agent(AgentConfig(relay=Target("127.0.0.1", relay.port), state_dir=home / "agent", lang="ko"))
        window = AgentWindow(agent)
        window.resize(*SIZE)
        window.show()
        await window.start()
        await asyncio.sleep(2.2)  # the countdown has ticked
        window.grab().save(str(folder / "customer-ko-code.png"))
        trust = HostKeyTrust(known_hosts=home / "kh", read_user_known_hosts=False, accept_new=True)
        target = Target("127.0.0.1", relay.port, "kim")
        join = asyncio.ensure_future(
            connect_by_code(target, agent.code, technician_key=home / "tech_ed25519", trust=trust)
        )
        box = await until(
            lambda: next((w for w in app.topLevelWidgets() if isinstance(w, QMessageBox)), None)
        )
        await asyncio.sleep(0.5)
        shot = window.grab()
        painter = QPainter(shot)
        dialog = box.grab()
        x, y, bar = (shot.width() - dialog.width()) // 2, (shot.height() - dialog.height()) // 3, 28
        # Offscreen there is no window manager: draw the dialog's frame and title bar as a desktop would.
        painter.fillRect(x - 1, y - bar - 1, dialog.width() + 2, dialog.height() + bar + 2, QColor("#3b3b3b"))
        painter.fillRect(x, y - bar, dialog.width(), bar, QColor("#dfe3e8"))
        painter.drawText(x + 10, y - 9, box.windowTitle())
        painter.drawPixmap(x, y, dialog)
        painter.end()
        shot.save(str(folder / "customer-ko-consent.png"))
        box.done(0)  # no
        await asyncio.gather(join, return_exceptions=True)
        await agent.end()
        window.close()
        await relay.close()

    with loop:
        loop.run_until_complete(scene())
    print(f"wrote {folder / 'customer-ko-code.png'} and {folder / 'customer-ko-consent.png'}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")))
