"""Fixtures for terminal tests: a screen with its stream, and a helper that feeds text or bytes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sessions.terminal import TerminalScreen, TerminalStream


class Term:
    """A screen model, its stream, and what it sent back (replies) or announced (titles)."""

    def __init__(self, cols: int = 20, rows: int = 5, scrollback: int = 100) -> None:
        self.replies: list[str] = []
        self.titles: list[str] = []
        self.screen = TerminalScreen(
            cols, rows, scrollback=scrollback, on_reply=self.replies.append, on_title=self.titles.append
        )
        self.stream = TerminalStream(self.screen)

    def feed(self, data: str | bytes) -> Term:
        if isinstance(data, bytes):
            self.stream.feed(data)
        else:
            self.stream.feed_text(data)
        return self

    @property
    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def cell(self, x: int, y: int) -> str:
        return self.screen.buffer[y].chars[x]


@pytest.fixture
def term() -> Callable[..., Term]:
    """Make a Term: ``term(cols=20, rows=5, scrollback=100)``."""
    return Term
