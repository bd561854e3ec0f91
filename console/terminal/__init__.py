"""The terminal widget: a QPainter view of the Qt-free screen model in sessions.terminal."""

from console.terminal.widget import TerminalWidget

__all__ = ["TerminalWidget"]
