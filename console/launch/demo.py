"""`valuezone demo`: a relay, a customer agent with its window, and the console joined by code, all here.

Everything listens on 127.0.0.1 only and lives under one temporary VALUEZONE_HOME; consent is shown to
the "customer" and approved automatically (the demo is the only place that does that). The demo's
technician is "Demo Technician" of "Valuezone Demo" (Settings ▸ Identity), and the relay lists its key
under that name, as a relay's administrator would. The customer's window goes on the right third of the
screen, the console on the rest, so neither covers the other's panels.
"""

from __future__ import annotations

import getpass
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect
from PySide6.QtWidgets import QApplication

from console.agent.window import AgentWindow
from console.mainwindow.window import MainWindow
from console.session.tab import SessionTab
from sessions import vendor
from sessions.agent.core import Agent, AgentConfig
from sessions.identity import Identity
from sessions.relay.server import Relay, RelayConfig
from sessions.relay.techkey import ensure_technician_key
from sessions.secrets import keyring_available
from sessions.ssh.target import Target

log = logging.getLogger(__name__)
DEMO_IDENTITY = Identity("Demo Technician", "Valuezone Demo")
DEMO_TECHNICIAN = DEMO_IDENTITY.label()
# The customer's window takes this share of the screen's width (within these bounds, pixels).
CUSTOMER_SHARE, CUSTOMER_MIN, CUSTOMER_MAX = 1 / 3, 420, 640
GAP = 8


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
    identity = Identity.from_settings(window.settings)
    if not identity.name:
        identity = DEMO_IDENTITY
        identity.store(window.settings)
    # The demo's key lives in its throwaway folder: without a keyring it has no passphrase to ask.
    key = ensure_technician_key(
        comment=identity.key_comment(), passphrase=None if keyring_available() else ""
    )
    relay_dir = home / "demo-relay"
    relay_dir.mkdir(parents=True, exist_ok=True)
    technicians = relay_dir / "technicians"
    technicians.write_text(identity.public_line(key.public_line) + "\n", encoding="utf-8")
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


def demo_geometries(area: QRect) -> tuple[QRect, QRect]:
    """Where the console and the customer's window go on a screen's available *area*: side by side."""
    customer_width = max(CUSTOMER_MIN, min(CUSTOMER_MAX, int(area.width() * CUSTOMER_SHARE)))
    console = QRect(area.left(), area.top(), area.width() - customer_width - GAP, area.height())
    customer = QRect(console.right() + 1 + GAP, area.top(), customer_width, area.height())
    return console, customer


def place_side_by_side(window: MainWindow, agent_window: AgentWindow, area: QRect | None = None) -> None:
    """The console on the left, the customer's window on the right third: neither covers the other."""
    if area is None:
        screen = QApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
    console, customer = demo_geometries(area)
    for widget, rect in ((window, console), (agent_window, customer)):
        frame = widget.frameGeometry().size() - widget.geometry().size()  # title bar and borders
        widget.setGeometry(
            rect.left(), rect.top(), rect.width() - frame.width(), rect.height() - frame.height()
        )
        widget.move(rect.topLeft())
    window.fit_docks()  # the docks' default share of the console's new width
