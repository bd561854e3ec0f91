"""The one path for messages a person reads: kept until a window shows them, errors with their hint apart.

Anything in the console says `messages.error(exc)`, `messages.warning(text)` or `messages.info(text)`;
the main window (or the review window when it runs alone) attaches and shows them. Messages raised
before any window exists (a broken settings file, a missing keyring) are kept and shown once one
attaches. Every message is also written to the log.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, Signal

from console.app.errors import render_error
from sessions.errors import SupportError

log = logging.getLogger(__name__)


class Level(enum.Enum):
    INFO = "info"  # the status bar
    WARNING = "warning"  # the status bar and a notice the person closes
    ERROR = "error"  # the same, for something that did not happen


@dataclass(frozen=True, slots=True)
class Message:
    """What the person reads: *text*, and what to do next (*hint*) shown on a line of its own."""

    level: Level
    text: str
    hint: str = ""

    def lines(self) -> str:
        return f"{self.text}\n{self.hint}" if self.hint else self.text


Receiver = Callable[[Message], None]


class MessageBridge(QObject):
    """Delivers messages to the first window that attached; holds them while none has."""

    _posted = Signal(object)  # Message, from any thread; delivered on the Qt thread

    def __init__(self) -> None:
        super().__init__()
        self.held: list[Message] = []
        self._receivers: list[tuple[QObject, Receiver]] = []
        self._posted.connect(self._deliver)

    def post(self, message: Message) -> None:
        log.info("message to the person (%s): %s", message.level.value, message.lines())
        self._posted.emit(message)

    def attach(self, window: QObject, receiver: Receiver) -> None:
        """*receiver* shows messages from now on (while *window* lives), the held ones first."""
        self._receivers.append((window, receiver))
        window.destroyed.connect(lambda *_: self._detach(window))
        held, self.held = self.held, []
        for message in held:
            self._deliver(message)

    def _detach(self, window: QObject) -> None:
        self._receivers = [(w, r) for w, r in self._receivers if w is not window]

    def _deliver(self, message: Message) -> None:
        self._receivers = [(w, r) for w, r in self._receivers if shiboken6.isValid(w)]
        if not self._receivers:
            self.held.append(message)
            return
        self._receivers[0][1](message)


_bridge: MessageBridge | None = None


def bridge() -> MessageBridge:
    """The process's message bridge (made on first use)."""
    global _bridge
    if _bridge is None:
        _bridge = MessageBridge()
    return _bridge


def info(text: str) -> None:
    bridge().post(Message(Level.INFO, text))


def warning(text: str, hint: str = "") -> None:
    bridge().post(Message(Level.WARNING, text, hint))


def error(problem: SupportError | str, hint: str = "") -> None:
    """Show an error: a SupportError in the UI language (its hint on its own line), or a text."""
    if isinstance(problem, SupportError):
        rendered = render_error(problem)
        bridge().post(Message(Level.ERROR, rendered.text, rendered.hint))
    else:
        bridge().post(Message(Level.ERROR, problem, hint))
