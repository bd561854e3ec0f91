"""The core's one event style: subscribe(callback) -> Unsubscribe, every subscriber called, bugs logged."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from sessions.events import Subscribers


@dataclass(frozen=True, slots=True)
class Rang:
    times: int


def test_every_subscriber_gets_every_event_in_order_until_it_unsubscribes() -> None:
    subscribers: Subscribers[Rang] = Subscribers("bell")
    first: list[int] = []
    second: list[int] = []
    stop_first = subscribers.subscribe(lambda event: first.append(event.times))
    subscribers.subscribe(lambda event: second.append(event.times))
    subscribers.emit(Rang(1))
    stop_first()
    subscribers.emit(Rang(2))
    assert first == [1]
    assert second == [1, 2]
    assert len(subscribers) == 1


def test_a_subscriber_that_unsubscribes_while_called_does_not_skip_the_next(caplog) -> None:
    subscribers: Subscribers[Rang] = Subscribers("bell")
    seen: list[str] = []
    stop: list = []

    def once(event: Rang) -> None:
        seen.append("once")
        stop[0]()

    def broken(event: Rang) -> None:
        raise ValueError("bug")

    stop.append(subscribers.subscribe(once))
    subscribers.subscribe(broken)
    subscribers.subscribe(lambda event: seen.append("last"))
    subscribers.emit(Rang(1))
    subscribers.emit(Rang(2))
    assert seen == ["once", "last", "last"]
    assert caplog.text.count("bell subscriber failed on Rang") == 2


def test_subscribing_from_threads_while_emitting_loses_nobody() -> None:
    subscribers: Subscribers[Rang] = Subscribers()
    counts = [0] * 8
    barrier = threading.Barrier(8)

    def join(index: int) -> None:
        barrier.wait()
        subscribers.subscribe(lambda event: counts.__setitem__(index, counts[index] + 1))

    threads = [threading.Thread(target=join, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for _ in range(50):
        subscribers.emit(Rang(0))
    for thread in threads:
        thread.join(5)
    subscribers.emit(Rang(1))
    assert len(subscribers) == 8
    assert all(count >= 1 for count in counts)
