"""`valuezone demo`: a relay, a customer agent with its window, and the console joined by code, all here.

Everything listens on 127.0.0.1 only and lives under one temporary VALUEZONE_HOME; consent is shown to
the "customer" and approved automatically (the demo is the only place that does that).
"""

from __future__ import annotations

import getpass
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from console.agent.window import AgentWindow
from console.mainwindow.window import MainWindow
from console.session.tab import SessionTab
from sessions import vendor
from sessions.agent.core import Agent, AgentConfig
from sessions.relay.server import Relay, RelayConfig
from sessions.relay.techkey import ensure_technician_key
from sessions.secrets import keyring_available
from sessions.ssh.target import Target

log = logging.getLogger(__name__)
DEMO_TECHNICIAN = "Demo Technician <demo@valuezone.example>"


@dataclass
class Demo:
    """The parts of a running demo, so tests and the caller can drive and stop them."""

    relay: Relay
    agent: Agent
    agent_window: AgentWindow
    tab: SessionTab

    async def close(self) -> None:
        await self.agent.end("demo")
        self.agent_window.close()
        await self.relay.close()


async def start_demo(window: MainWindow, home: Path, *, customer_lang: str = "ko") -> Demo:
    """Start relay and agent on loopback, show the customer's window, and join the console by code."""
    # The demo's key lives in its throwaway folder: without a keyring it has no passphrase to ask.
    key = ensure_technician_key(comment=DEMO_TECHNICIAN, passphrase=None if keyring_available() else "")
    kind, blob = key.public_line.split()[:2]
    relay_dir = home / "demo-relay"
    relay_dir.mkdir(parents=True, exist_ok=True)
    technicians = relay_dir / "technicians"
    technicians.write_text(f"{kind} {blob} {DEMO_TECHNICIAN}\n", encoding="utf-8")
    # The relay hands out the demo's made-up vendor, as a support team's relay hands out theirs.
    handed_out = vendor.load(vendor.demo_file())
    relay = await Relay.start(
        RelayConfig(technicians_file=technicians, state_dir=relay_dir, vendor=handed_out)
    )
    log.info("demo relay on 127.0.0.1:%d (%s)", relay.port, relay.fingerprint)

    agent = Agent(
        AgentConfig(
            relay=Target("127.0.0.1", relay.port, "support"),
            auto_consent=True,
            lang=customer_lang,
            state_dir=home / "demo-agent",
        )
    )
    agent_window = AgentWindow(agent, auto_consent=True)
    agent_window.show()
    await agent.start()
    # After the start: the vendor's title would otherwise hide that this window is the demo's customer.
    agent_window.setWindowTitle(
        QCoreApplication.translate("AgentWindow", "Valuezone support — customer side (demo)")
    )
    window.settings.set("relay", "address", f"127.0.0.1:{relay.port}")
    tab = window.join_code(agent.code, Target("127.0.0.1", relay.port, getpass.getuser()), accept_new=True)
    return Demo(relay, agent, agent_window, tab)


def place_side_by_side(window: MainWindow, agent_window: AgentWindow) -> None:
    screen = QApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    window.move(area.left() + 10, area.top() + 10)
    agent_window.move(
        min(area.right() - agent_window.width() - 10, window.geometry().right() + 20), area.top() + 40
    )
