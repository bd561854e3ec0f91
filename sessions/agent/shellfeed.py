"""The customer's live view of the technician's terminals: a TerminalWatch per terminal that emits events."""

from __future__ import annotations

import time
from collections.abc import Callable

from sessions.agent.events import AgentEventValue, ShellClosed, ShellOpened, ShellOutput, ShellResized
from sessions.visible import visible


class ShellFeed:
    """Numbers the terminals the technician opens and turns what each prints into agent events."""

    def __init__(
        self,
        emit: Callable[[AgentEventValue], None],
        on_closed: Callable[[ShellClosed, float], None],
        on_unseen: Callable[[int, int], None],
    ) -> None:
        self._emit = emit
        self._on_closed = on_closed
        self.on_unseen = on_unseen  # (shell, characters typed that the terminal did not show)
        self._count = 0
        self.open: dict[int, float] = {}  # shell number → when it opened (monotonic)

    def watch(self, command: str | None, size: tuple[int, int, int, int]) -> _Watch:
        """A watch for a new terminal of *size* (cols, rows, …) running *command* (None: a login shell)."""
        self._count += 1
        number = self._count
        self.open[number] = time.monotonic()
        cols, rows = size[0] or 80, size[1] or 24
        self._emit(ShellOpened(number, visible(command or ""), cols, rows))
        return _Watch(self, number)

    def _closed(self, number: int, status: int | None) -> None:
        started = self.open.pop(number, time.monotonic())
        self._on_closed(ShellClosed(number, status), time.monotonic() - started)


class _Watch:
    def __init__(self, feed: ShellFeed, number: int) -> None:
        self._feed = feed
        self._number = number

    def output(self, data: bytes) -> None:
        self._feed._emit(ShellOutput(self._number, data))

    def resized(self, cols: int, rows: int) -> None:
        self._feed._emit(ShellResized(self._number, cols, rows))

    def closed(self, status: int | None) -> None:
        self._feed._closed(self._number, status)

    def typed_unseen(self, count: int) -> None:
        self._feed.on_unseen(self._number, count)


def duration(seconds: float, text: Callable[..., str]) -> str:
    """How long a terminal was open, in the catalogue's words (*text* is Catalogue.text): 45 s, 12 min …"""
    if seconds < 60:
        return text("view.duration_seconds", n=max(0, round(seconds)))
    minutes = round(seconds / 60)
    if minutes < 60:
        return text("view.duration_minutes", n=minutes)
    return text("view.duration_hours", h=minutes // 60, m=f"{minutes % 60:02d}")
