"""The customer's window asks again when a technician who left comes back, and offers (in the customer's
language) to let them back in without asking for N minutes; that choice is shown in the activity feed."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from console.agent.window import AgentWindow
from sessions.agent.core import Agent
from sessions.relay.client import JoinOptions, connect_by_code, connect_relay
from sessions.relay.server import Relay
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from tests.console.conftest import QtLoop, until, visible


def test_rejoin_is_asked_again_and_the_window_is_the_customers_choice(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, relay_and_agent: tuple[Relay, Agent], tmp_path
) -> None:
    relay, agent = relay_and_agent  # the agent speaks Korean
    customer = AgentWindow(agent)
    qtbot.addWidget(customer)
    customer.show()
    target = Target("127.0.0.1", relay.port, "kim")
    trust = HostKeyTrust(known_hosts=tmp_path / "known_hosts", read_user_known_hosts=False, accept_new=True)

    lines: list[str] = []  # every line the feed showed, in order
    customer.activity.model().rowsInserted.connect(
        lambda _parent, first, last: lines.extend(
            customer.activity.item(i).text() for i in range(first, last + 1)
        )
    )

    asked_again: list[str] = []  # the second question's text and offer, read before it is answered

    async def join_then_drop(button: str | None) -> None:
        drops = sum("연결이 끊겼습니다" in line for line in lines)
        relay_conn = await connect_relay(target, trust=trust)
        joining = asyncio.ensure_future(
            connect_by_code(
                target, agent.code, JoinOptions(trust=trust, data_leg=False), relay_conn=relay_conn
            )
        )
        if button is not None:
            box = await until(lambda: visible(QMessageBox, "consentDialog"), what="consent question")
            asked_again[:] = [box.text(), box.findChild(QPushButton, "consentAllowBackIn").text()]
            qtbot.mouseClick(box.findChild(QPushButton, button), Qt.MouseButton.LeftButton)
        inner = await asyncio.wait_for(joining, 20)
        assert (await inner.run("echo in")).stdout == "in\n"
        relay_conn.abort()  # the technician's network drops
        await until(lambda: sum("연결이 끊겼습니다" in line for line in lines) > drops, what="drop shown")

    async def scenario() -> None:
        await agent.start()
        await join_then_drop("consentAllow")
        await join_then_drop("consentAllowBackIn")  # asked again: the customer lets them back in
        question, offer = asked_again
        assert "Kim Minsu <kim@acme.example>님이 다시 연결하려고 합니다" in question
        assert offer == "허용하고 10분 동안은 묻지 않고 다시 들어오게 하기"
        assert any(
            "까지는 Kim Minsu <kim@acme.example>님이 다시 연결할 때 묻지 않습니다." in line for line in lines
        )
        asked = len([line for line in lines if "재연결을 허용하셨습니다" in line])
        await join_then_drop(None)  # within the window: no question
        assert any("질문 없이 다시 연결되었습니다" in line for line in lines), lines
        assert len([line for line in lines if "재연결을 허용하셨습니다" in line]) == asked

    qloop.run(scenario())
