"""Find text in a terminal's scrollback and screen: matches as cell spans in global row numbers.

Rows are numbered as the widget numbers them: the scrollback's oldest kept row is ``added - len(history)``,
the screen's first row is ``added``. A wide character counts once in the text and covers two cells.
Smart case: a needle with no capital letter matches any case.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sessions.terminal import STUB, Line, TerminalScreen


@dataclass(frozen=True, slots=True)
class Match:
    """One match: *row* (global), cells [start, end) on it."""

    row: int
    start: int
    end: int


def _rows(screen: TerminalScreen) -> Iterator[tuple[int, Line]]:
    history = screen.history
    first = history.added - len(history)
    for index, line in enumerate(history):
        yield first + index, line
    for index in range(screen.rows):
        yield history.added + index, screen.buffer[index]


def _cells_of(line: Line) -> tuple[str, list[int]]:
    """The row's text and, for each of its characters, the cell it is in."""
    text: list[str] = []
    cells: list[int] = []
    for cell, chars in enumerate(line.chars):
        if chars == STUB:
            continue
        text.append(chars)
        cells.extend([cell] * len(chars))
    return "".join(text), cells


def _matches_in(row: int, line: Line, needle: str, fold: bool) -> list[Match]:
    text, cells = _cells_of(line)
    haystack = text.lower() if fold else text
    found: list[Match] = []
    at = haystack.find(needle)
    while at >= 0:
        last = cells[at + len(needle) - 1]
        width = 2 if last + 1 < len(line.chars) and line.chars[last + 1] == STUB else 1
        found.append(Match(row, cells[at], last + width))
        at = haystack.find(needle, at + len(needle))
    return found


def find_all(screen: TerminalScreen, needle: str) -> list[Match]:
    """Every match of *needle* in the scrollback and on the screen, oldest first (none for "")."""
    if not needle:
        return []
    fold = needle == needle.lower()
    wanted = needle.lower() if fold else needle
    found: list[Match] = []
    for row, line in _rows(screen):
        text = line.text
        if wanted in (text.lower() if fold else text):
            found.extend(_matches_in(row, line, wanted, fold))
    return found


def step(matches: list[Match], current: Match | None, *, older: bool) -> Match | None:
    """The match after *current* going up (*older*) or down; from nothing, the newest or the oldest."""
    if not matches:
        return None
    if current is None:
        return matches[-1] if older else matches[0]
    key = (current.row, current.start)
    if older:
        before = [m for m in matches if (m.row, m.start) < key]
        return before[-1] if before else matches[-1]  # wraps around to the newest
    after = [m for m in matches if (m.row, m.start) > key]
    return after[0] if after else matches[0]  # wraps around to the oldest
