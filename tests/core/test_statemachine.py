"""The state-machine helper: one table, fire, can, one rule for illegal events, change subscribers."""

from __future__ import annotations

import enum

import pytest

from sessions.statemachine import Table, Transition, TransitionError


class Door(enum.Enum):
    SHUT = "shut"
    OPEN = "open"
    GONE = "gone"


class Push(enum.Enum):
    OPEN = "open"
    SHUT = "shut"
    KNOCK = "knock"
    BURN = "burn"


TABLE = Table(
    "door",
    Door.SHUT,
    {
        (Door.SHUT, Push.OPEN): Door.OPEN,
        (Door.OPEN, Push.SHUT): Door.SHUT,
        (Door.SHUT, Push.KNOCK): Door.SHUT,
        (Door.SHUT, Push.BURN): Door.GONE,
        (Door.OPEN, Push.BURN): Door.GONE,
    },
    terminal={Door.GONE},
)


def test_fire_moves_and_tells_subscribers_every_step_self_loops_included() -> None:
    machine = TABLE.start()
    seen: list[Transition[Door, Push]] = []
    machine.subscribe(seen.append)
    assert machine.fire(Push.KNOCK) is Door.SHUT
    assert machine.fire(Push.OPEN) is Door.OPEN
    assert seen == [Transition(Door.SHUT, Push.KNOCK, Door.SHUT), Transition(Door.SHUT, Push.OPEN, Door.OPEN)]


def test_an_event_the_table_lacks_raises_and_leaves_the_state_alone() -> None:
    machine = TABLE.start(Door.OPEN)
    assert not machine.can(Push.OPEN)
    with pytest.raises(TransitionError, match="door: OPEN in state OPEN"):
        machine.fire(Push.OPEN)
    assert machine.state is Door.OPEN


def test_terminal_state_is_done_and_accepts_nothing() -> None:
    machine = TABLE.start()
    machine.fire(Push.BURN)
    assert machine.done
    assert not any(machine.can(event) for event in Push)


def test_a_table_whose_terminal_state_has_an_exit_is_refused() -> None:
    with pytest.raises(ValueError, match="terminal states with exits: GONE"):
        Table("bad", Door.SHUT, {(Door.GONE, Push.OPEN): Door.OPEN}, terminal={Door.GONE})


def test_a_failing_subscriber_does_not_stop_the_machine_nor_the_others(caplog) -> None:
    machine = TABLE.start()
    seen: list[Door] = []

    def broken(_step: Transition[Door, Push]) -> None:
        raise RuntimeError("window bug")

    machine.subscribe(broken)
    unsubscribe = machine.subscribe(lambda step: seen.append(step.new))
    machine.fire(Push.OPEN)
    unsubscribe()
    unsubscribe()  # twice is harmless
    machine.fire(Push.SHUT)
    assert seen == [Door.OPEN]
    assert machine.state is Door.SHUT
    assert "door subscriber failed on Transition" in caplog.text


def test_table_knows_its_states_events_exits_and_reachable_states() -> None:
    assert TABLE.states == (Door.SHUT, Door.OPEN, Door.GONE)
    assert TABLE.events == tuple(Push)
    assert TABLE.exits(Door.OPEN) == {Push.SHUT: Door.SHUT, Push.BURN: Door.GONE}
    assert TABLE.reachable() == set(Door)
