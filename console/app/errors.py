"""How an error reads in the console: in the UI language, what happened and, apart, what to do next.

Every place the console shows a SupportError goes through `render_error`, never `str(exc)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sessions.errors import SupportError


@dataclass(frozen=True, slots=True)
class RenderedError:
    """*text* says what happened, *hint* what to do next (shown on a line of its own)."""

    text: str
    hint: str = ""

    def lines(self) -> str:
        """For a dialog or a label: the hint on a line of its own."""
        return f"{self.text}\n{self.hint}" if self.hint else self.text

    def line(self) -> str:
        """For one line (a status bar)."""
        return f"{self.text} {self.hint}".strip()


def render_error(exc: SupportError) -> RenderedError:
    """The error as the person reads it."""
    return RenderedError(exc.message, exc.hint)
