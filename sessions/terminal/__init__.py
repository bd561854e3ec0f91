"""Terminal emulation without Qt: a fast screen model with our own scrollback, driven by a fast tokenizer."""

from sessions.terminal.lines import DEFAULT_SCROLLBACK, Line, Scrollback
from sessions.terminal.screen import TerminalScreen
from sessions.terminal.stream import TerminalStream
from sessions.terminal.style import DEFAULT_STYLE, Style
from sessions.terminal.titles import sanitize_title
from sessions.terminal.width import STUB

__all__ = [
    "DEFAULT_SCROLLBACK",
    "DEFAULT_STYLE",
    "STUB",
    "Line",
    "Scrollback",
    "Style",
    "TerminalScreen",
    "TerminalStream",
    "sanitize_title",
]
