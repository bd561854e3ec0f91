"""Per-tab state: findings, chat and escalations belong to the tab they were made in and the docks follow
the current tab; an ended tab is read-only and offers Reconnect and Duplicate; each tab shows whether it
is being recorded."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from console.session.tab import Recording
from sessions.agent.core import Agent
from sessions.relay.server import Relay
from sessions.ssh.target import Target
from tests.console.conftest import QtLoop, until
from tests.console.helpers_room import active, console, ended, open_direct
from tests.sshd import Sshd

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_findings_belong_to_the_tab_they_were_made_in(qtbot, qloop: QtLoop, sshd: Sshd) -> None:  # type: ignore[no-untyped-def]
    window = console(qtbot, (1366, 768))
    first, second = open_direct(window, sshd), open_direct(window, sshd)

    async def scenario() -> None:
        await active(first)
        await active(second)
        window.tabs.setCurrentWidget(first)
        window.activateWindow()
        await until(window.isActiveWindow, what="the console in front")
        first.terminal.setFocus()
        finished: list[int] = []
        window.diagnostics.run_finished.connect(finished.append)
        qtbot.keyClick(first.terminal, Qt.Key.Key_D, CTRL_SHIFT)  # Run diagnostics, from the terminal
        await until(lambda: finished, timeout=90, what="the diagnostics run")
        made = len(window.diagnostics.results())
        assert made >= 5 and window.diagnostics.table.topLevelItemCount() == made
        assert first.plan.label in window.diagnostics.session_label.text()

        window.tabs.setCurrentWidget(second)  # the other tab: none of the first one's findings
        assert window.diagnostics.results() == [] and window.diagnostics.table.topLevelItemCount() == 0
        assert window.diagnostics.state_label.text() == "Not run yet."
        assert window.diagnostics.run_button.isEnabled()

        window.tabs.setCurrentWidget(first)  # and back: they are still there
        assert len(window.diagnostics.results()) == made

        await ended(first)  # an ended tab keeps its findings, but cannot run again
        assert len(window.diagnostics.results()) == made and not window.diagnostics.run_button.isEnabled()
        window.request_close_tab(window.tabs.indexOf(first))
        await until(lambda: window.tabs.count() == 1, what="the ended tab closed")
        assert window.current_tab() is second and window.diagnostics.results() == []
        await ended(second)

    qloop.run(scenario(), timeout=150)


def test_chat_and_escalations_follow_the_current_tab(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, relay_and_agent: tuple[Relay, Agent], sshd: Sshd, tmp_path
) -> None:
    relay, agent = relay_and_agent
    window = console(qtbot, (1366, 768))

    async def scenario() -> None:
        agent.config = dataclasses.replace(agent.config, auto_consent=True)  # the customer's yes
        await agent.start()
        by_code = window.join_code(agent.code, Target("127.0.0.1", relay.port, "kim"), accept_new=True)
        direct = open_direct(window, sshd)
        await active(direct)
        await until(lambda: by_code.conversation is not None, timeout=30, what="the chat open")
        window.tabs.setCurrentWidget(by_code)
        assert window.chat_dock.current_pane() is by_code.chat
        await agent.send_chat("hello from the customer")
        await until(lambda: by_code.chat.list.count() == 1, what="the customer's line")
        window.tabs.setCurrentWidget(direct)
        assert window.chat_dock.current_pane() is None  # a direct session has no chat
        assert "no chat" in window.chat_dock.placeholder.text()

        outbox = window.outbox.outbox  # two bundles, one escalated from each tab
        for tab, name in ((by_code, "bundle-a"), (direct, "bundle-b")):
            path = tmp_path / f"{name}.tar.gz"
            path.write_bytes(b"x")
            item = outbox.enqueue(path, name, "0" * 64, 1, "sftp://hq.invalid/in", ticket=name)
            window._on_escalation_queued(tab, item)  # what the Escalate dialog's "queued" does
        await until(lambda: window.escalations.visible_bundles() == ["bundle-b"], what="the direct tab's")
        window.tabs.setCurrentWidget(by_code)
        assert window.escalations.visible_bundles() == ["bundle-a"]
        window.escalations.only_session.setChecked(False)
        assert sorted(window.escalations.visible_bundles()) == ["bundle-a", "bundle-b"]
        await ended(direct)
        await ended(by_code)
        assert not by_code.chat.send_button.isEnabled() and not by_code.chat.compose.isEnabled()

    qloop.run(scenario(), timeout=120)


def test_an_ended_tab_is_read_only_and_offers_reconnect_and_duplicate(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, sshd: Sshd
) -> None:
    window = console(qtbot, (1366, 768))
    tab = open_direct(window, sshd)

    async def scenario() -> None:
        await active(tab)
        state, tip = tab.recording()
        folder = tab.bridge.session.recorder.folder  # type: ignore[union-attr]
        assert state is Recording.ON and tip == f"Recording to {folder}"
        index = window.tabs.indexOf(tab)
        assert not window.tabs.tabIcon(index).isNull() and f"Recording to {folder}" in window.tabs.tabToolTip(
            index
        )

        await ended(tab)
        assert tab.terminal.read_only
        sent: list[bytes] = []
        tab.terminal.input_ready.connect(sent.append)
        qtbot.keyClicks(tab.terminal, "ls")
        assert sent == []  # nothing typed into an ended session goes anywhere
        assert tab.recording() == (Recording.DONE, f"Recorded to {folder}")
        reconnect = tab.findChild(QPushButton, "sessionAction")
        duplicate = tab.findChild(QPushButton, "sessionSecondAction")
        assert reconnect.isVisible() and reconnect.text() == "Reconnect"
        assert duplicate.isVisible() and duplicate.text() == "Duplicate"
        assert window.actions_.reconnect.isEnabled()

        qtbot.mouseClick(duplicate, Qt.MouseButton.LeftButton)  # a new tab to the same device
        await until(lambda: window.tabs.count() == 2, what="the duplicate")
        copy = window.current_tab()
        assert copy is not None and copy is not tab and copy.plan == tab.plan
        await active(copy)

        window.tabs.setCurrentWidget(tab)
        qtbot.mouseClick(reconnect, Qt.MouseButton.LeftButton)  # same plan, new session, new record
        await active(tab)
        assert not tab.terminal.read_only and not tab.banner.isVisible()
        new_folder = tab.bridge.session.recorder.folder  # type: ignore[union-attr]
        assert new_folder != folder and tab.recording() == (Recording.ON, f"Recording to {new_folder}")
        tab.terminal.input_ready.disconnect(sent.append)
        qtbot.keyClicks(tab.terminal, "echo again-$((6*7))")
        qtbot.keyClick(tab.terminal, Qt.Key.Key_Return)
        await until(lambda: "again-42" in tab.terminal.snapshot_text(), what="the reconnected shell")
        await ended(tab)
        await ended(copy)

    qloop.run(scenario(), timeout=90)


def test_a_suspended_recording_shows_a_warning_on_the_tab(qtbot, qloop: QtLoop, sshd: Sshd) -> None:  # type: ignore[no-untyped-def]
    window = console(qtbot)
    tab = open_direct(window, sshd)

    async def scenario() -> None:
        await active(tab)
        tab._on_bridge_recording_problem(  # what the bridge delivers when writing the record fails
            __import__("sessions.live", fromlist=["RecordingProblem"]).RecordingProblem("The disk is full.")
        )
        state, tip = tab.recording()
        assert state is Recording.SUSPENDED and "suspended" in tip
        assert "suspended" in window.tabs.tabToolTip(window.tabs.indexOf(tab))
        await ended(tab)

    qloop.run(scenario())
