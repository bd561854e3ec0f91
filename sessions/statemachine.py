"""One small state-machine helper: states and events as enums, one transition table, `fire`, `can`.

A `Table` is the whole machine on paper (docs/state-machines.md is written from the tables); a
`Machine` is one running instance of it. The one rule for an event the table has no entry for:
`fire` raises `TransitionError`, a bug in the caller and never an error a person reads. A caller
that may race with another path asks `can(event)` first.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from sessions.events import Subscribers, Unsubscribe

S = TypeVar("S", bound=enum.Enum)
E = TypeVar("E", bound=enum.Enum)


class TransitionError(RuntimeError):
    """An event that the current state does not accept (a bug in the caller, not a user error)."""


@dataclass(frozen=True, slots=True)
class Transition(Generic[S, E]):
    """One step a machine took: *old* --*event*--> *new* (*new* may equal *old* for a self-loop)."""

    old: S
    event: E
    new: S


class Table(Generic[S, E]):
    """A machine's states, events and transitions; *terminal* states must have no exits."""

    def __init__(
        self,
        name: str,
        initial: S,
        transitions: Mapping[tuple[S, E], S],
        *,
        terminal: Iterable[S] = (),
        describe: Callable[[S], str] | None = None,
    ) -> None:
        self.name = name
        self.initial = initial
        self.transitions: dict[tuple[S, E], S] = dict(transitions)
        self.terminal = frozenset(terminal)
        self.states: tuple[S, ...] = tuple(type(initial))
        events = {event for _state, event in self.transitions}
        self.events: tuple[E, ...] = tuple(type(next(iter(events)))) if events else ()
        self._describe = describe
        self._check()

    def _check(self) -> None:
        for (state, _event), target in self.transitions.items():
            if state not in self.states or target not in self.states:
                raise ValueError(f"{self.name}: {state} -> {target} leaves the state enum")
        exits = {state for state, _event in self.transitions}
        bad = sorted(s.name for s in self.terminal if s in exits)
        if bad:
            raise ValueError(f"{self.name}: terminal states with exits: {', '.join(bad)}")

    def target(self, state: S, event: E) -> S:
        """The state *event* leads to from *state*; raises TransitionError when the table has none."""
        target = self.transitions.get((state, event))
        if target is None:
            raise TransitionError(f"{self.name}: {event.name} in state {state.name}")
        return target

    def allows(self, state: S, event: E) -> bool:
        return (state, event) in self.transitions

    def exits(self, state: S) -> dict[E, S]:
        return {event: target for (source, event), target in self.transitions.items() if source is state}

    def reachable(self) -> set[S]:
        seen, todo = {self.initial}, [self.initial]
        while todo:
            for target in self.exits(todo.pop()).values():
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen

    def start(self, state: S | None = None) -> Machine[S, E]:
        """A running machine in *state* (the initial state unless given)."""
        return Machine(self, self.initial if state is None else state)

    def describe(self, state: S) -> str:
        return self._describe(state) if self._describe else ""


class Machine(Generic[S, E]):
    """One instance of a Table: its current state, `fire`, `can`, and change subscribers."""

    def __init__(self, table: Table[S, E], state: S) -> None:
        self.table = table
        self._state = state
        self._changes: Subscribers[Transition[S, E]] = Subscribers(table.name)

    @property
    def state(self) -> S:
        return self._state

    @property
    def done(self) -> bool:
        """True in a terminal state."""
        return self._state in self.table.terminal

    def can(self, event: E) -> bool:
        return self.table.allows(self._state, event)

    def fire(self, event: E) -> S:
        """Apply *event* and tell the subscribers; raises TransitionError when the table has no entry."""
        old = self._state
        self._state = self.table.target(old, event)
        self._changes.emit(Transition(old, event, self._state))
        return self._state

    def subscribe(self, callback: Callable[[Transition[S, E]], None]) -> Unsubscribe:
        """Call *callback* with every transition (self-loops included)."""
        return self._changes.subscribe(callback)

    def __repr__(self) -> str:
        return f"<{self.table.name} {self._state.name}>"
