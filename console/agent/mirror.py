"""The terminal agent's view of the technician's terminals: `--mirror` lines, or a hint how to see them."""

from __future__ import annotations

from collections.abc import Callable

from sessions.agent.catalogue import Catalogue
from sessions.agent.events import ShellClosed, ShellOpened, ShellOutput, ShellResized
from sessions.agent.mirror import LineMirror

PREFIX = "│ "  # marks a mirrored line: the technician's terminal, not the agent speaking


class ShellMirror:
    """Prints what each terminal shows as finished plain lines (*on*), else says once how to see it."""

    def __init__(self, say: Callable[[str], None], texts: Catalogue, *, on: bool) -> None:
        self.say = say
        self.texts = texts
        self.on = on
        self.mirrors: dict[int, LineMirror] = {}
        self._hinted = False
        self._announced = False

    def show(self, event: object) -> bool:
        """Handle *event* if it is about a terminal; False for any other event."""
        if isinstance(event, ShellOpened):
            self._opened(event)
        elif isinstance(event, ShellOutput):
            mirror = self.mirrors.get(event.shell)
            if mirror is not None:
                started = mirror.fullscreen_started
                self._lines(mirror.feed(event.data))
                if mirror.fullscreen_started != started:
                    self.say(self.texts.text("view.mirror_fullscreen", n=event.shell))
        elif isinstance(event, ShellResized):
            if event.shell in self.mirrors:
                self.mirrors[event.shell].resize(event.cols, event.rows)
        elif isinstance(event, ShellClosed):
            mirror = self.mirrors.pop(event.shell, None)
            if mirror is not None:
                self._lines(mirror.finish())
                self.say(self.texts.text("view.mirror_closed", n=event.shell))
        else:
            return False
        return True

    def _opened(self, event: ShellOpened) -> None:
        if not self.on:
            if not self._hinted:
                self._hinted = True
                self.say(self.texts.text("view.mirror_hint"))
            return
        if not self._announced:
            self._announced = True
            self.say(self.texts.text("view.mirror_on"))
        self.mirrors[event.shell] = LineMirror(event.cols, event.rows)
        command = f": {event.command}" if event.command else ""
        self.say(self.texts.text("view.mirror_opened", n=event.shell, command=command))

    def _lines(self, lines: list[str]) -> None:
        if lines:
            self.say("\n".join(PREFIX + line for line in lines))
