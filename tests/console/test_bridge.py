"""The one core→Qt bridge: events from any thread arrive on the Qt thread, in order, routed by type."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from console.kit.bridge import EventBridge
from sessions.escalation import Outbox
from sessions.events import Subscribers
from tests.qt import release_qt_garbage


@dataclass(frozen=True, slots=True)
class Progress:
    done: int


@dataclass(frozen=True, slots=True)
class Finished:
    total: int


class Publisher:
    """A core object as they all are: one Subscribers, `subscribe()` offered."""

    def __init__(self) -> None:
        self.events: Subscribers[object] = Subscribers("test publisher")

    def subscribe(self, callback):  # type: ignore[no-untyped-def]
        return self.events.subscribe(callback)


def test_events_published_in_a_worker_thread_reach_slots_on_the_qt_thread_in_order(qtbot: QtBot) -> None:
    publisher = Publisher()
    owner = QWidget()
    qtbot.addWidget(owner)
    seen: list[tuple[str, object, bool]] = []
    on_qt_thread = QApplication.instance().thread()  # type: ignore[union-attr]
    bridge = EventBridge(publisher, owner)
    bridge.on(Progress, lambda e: seen.append(("progress", e.done, QThread.currentThread() is on_qt_thread)))
    bridge.on(Finished, lambda e: seen.append(("finished", e.total, QThread.currentThread() is on_qt_thread)))

    def work() -> None:
        for done in range(1, 101):
            publisher.events.emit(Progress(done))
        publisher.events.emit(Finished(100))
        publisher.events.emit("an event nobody routes")

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(10)
    qtbot.waitUntil(lambda: len(seen) == 101)
    assert [done for kind, done, _ in seen if kind == "progress"] == list(range(1, 101))
    assert seen[-1][:2] == ("finished", 100)
    assert all(qt_thread for *_, qt_thread in seen)


def test_every_event_also_comes_out_as_the_received_signal(qtbot: QtBot) -> None:
    publisher = Publisher()
    bridge = EventBridge(publisher)
    with qtbot.waitSignal(bridge.received, timeout=2000) as blocker:
        publisher.events.emit(Finished(3))
    assert blocker.args == [Finished(3)]
    bridge.close()


def test_a_closed_bridge_hears_nothing_more(qtbot: QtBot) -> None:
    publisher = Publisher()
    seen: list[object] = []
    bridge = EventBridge(publisher).on(Progress, seen.append)
    publisher.events.emit(Progress(1))
    bridge.close()
    bridge.close()  # twice is harmless
    publisher.events.emit(Progress(2))
    qtbot.wait(50)
    assert seen == [Progress(1)]
    assert len(publisher.events) == 0


def test_a_window_that_is_gone_is_unsubscribed(qtbot: QtBot) -> None:
    publisher = Publisher()
    window = QWidget()
    EventBridge(publisher, window).on(Progress, lambda e: None)
    assert len(publisher.events) == 1
    window.deleteLater()
    release_qt_garbage()
    assert len(publisher.events) == 0
    publisher.events.emit(Progress(1))  # nobody left to call: no crash


@pytest.mark.expected_log("slot bug for the crash dialog")
def test_a_bug_in_a_slot_reaches_the_crash_dialog(qtbot: QtBot) -> None:
    import sys

    from console.app.crash import install_crash_hook

    publisher = Publisher()

    def slot(_event: Progress) -> None:
        raise RuntimeError("slot bug for the crash dialog")

    bridge = EventBridge(publisher).on(Progress, slot)
    previous = sys.excepthook
    install_crash_hook()
    try:
        publisher.events.emit(Progress(1))
        qtbot.waitUntil(lambda: any(w.objectName() == "crashDialog" for w in QApplication.topLevelWidgets()))
    finally:
        sys.excepthook = previous
        bridge.close()


def test_the_outbox_publishes_through_the_bridge_from_another_thread(qtbot: QtBot, tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    seen: list[str] = []
    bridge = EventBridge(outbox).on(object, lambda item: seen.append(item.state.value))
    bundle = tmp_path / "case.tar.gz"
    bundle.write_bytes(b"not really a bundle")
    args = (bundle, "b-1", "0" * 64, 19, "https://hq.example/bundles")
    thread = threading.Thread(target=outbox.enqueue, args=args)
    thread.start()
    thread.join(10)
    qtbot.waitUntil(lambda: seen == ["queued"])
    bridge.close()
    outbox.close()
