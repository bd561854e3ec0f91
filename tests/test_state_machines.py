"""Every state machine of the core, checked and drawn: docs/state-machines.md is written from the tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessions.agent.events import TABLE as AGENT
from sessions.escalation.outbox import TABLE as OUTBOX
from sessions.live import TABLE as LIVE
from sessions.relay.joined import TABLE as BY_CODE
from sessions.relay.pairing import TABLE as PAIRING
from sessions.statemachine import Table

DOC = Path(__file__).resolve().parent.parent / "docs" / "state-machines.md"
MACHINES: list[tuple[Table, str, str]] = [  # type: ignore[type-arg]
    (PAIRING, "sessions/relay/pairing.py", "One session code on the relay, from issue to close."),
    (AGENT, "sessions/agent/events.py", "The customer's agent: code shown, consent asked, served, ended."),
    (BY_CODE, "sessions/relay/joined.py", "The technician's session by code, rejoining after dropped links."),
    (LIVE, "sessions/live.py", "One terminal session in the console or a test: connect, shell, record."),
    (OUTBOX, "sessions/escalation/outbox.py", "One bundle on its way to one destination (rows in SQLite)."),
]


@pytest.mark.parametrize("table", [m[0] for m in MACHINES], ids=[m[0].name for m in MACHINES])
def test_terminal_states_have_no_exits_and_every_state_is_reachable(table: Table) -> None:  # type: ignore[type-arg]
    assert table.terminal, f"{table.name} declares no terminal state"
    for state in table.states:
        exits = table.exits(state)
        if state in table.terminal:
            assert not exits, f"{table.name}: terminal {state.name} has exits {exits}"
        else:
            assert exits, f"{table.name}: {state.name} is a dead end but not declared terminal"
    assert table.reachable() == set(table.states), f"{table.name}: unreachable states"
    assert set(table.events) == {event for _state, event in table.transitions}, "events never used"


HEADER = """\
Written by `tests/test_state_machines.py` from the transition tables (`sessions.statemachine.Table`);
do not edit by hand. Each machine has one table; `fire(event)` on an event the table lacks raises
`TransitionError` (a bug, never an error a person reads), so a caller that may race asks `can(event)`
first. Terminal states (drawn to `[*]`) have no exits; the test checks that, and that every state is
reachable from the initial one. A machine tells its watchers through `subscribe()` (sessions/events.py)."""


def _node(state: object) -> str:
    return state.name  # type: ignore[attr-defined]


def render(machines: list[tuple[Table, str, str]]) -> str:  # type: ignore[type-arg]
    lines = ["# State machines", "", *HEADER.splitlines(), ""]
    for table, module, summary in machines:
        lines += [
            f"## {table.name}",
            "",
            f"{summary} Table: `{module}`.",
            "",
            "```mermaid",
            "stateDiagram-v2",
        ]
        lines.append(f"    [*] --> {_node(table.initial)}")
        for (state, event), target in table.transitions.items():
            lines.append(f"    {_node(state)} --> {_node(target)}: {event.name}")
        lines += [f"    {_node(state)} --> [*]" for state in table.states if state in table.terminal]
        lines += ["```", "", "| state | event | next state |", "|---|---|---|"]
        for (state, event), target in table.transitions.items():
            lines.append(f"| `{_node(state)}` | `{event.name}` | `{_node(target)}` |")
        terminal = ", ".join(f"`{_node(s)}`" for s in table.states if s in table.terminal)
        lines += ["", f"Initial: `{_node(table.initial)}`. Terminal: {terminal}.", ""]
    return "\n".join(lines)


def test_docs_state_machines_is_written_from_the_tables() -> None:
    text = render(MACHINES)
    old = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    if old != text:
        DOC.write_text(text, encoding="utf-8")
    assert old == text, "docs/state-machines.md was out of date and has been rewritten: commit it"
