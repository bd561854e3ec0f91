"""Lines typed on a stock OpenSSH customer's terminal, read without asyncssh's line editor.

asyncssh's line editor builds a table of every printable character below U+10000 for each terminal
session it serves: tens of milliseconds of relay CPU per unauthenticated `ssh -tt support@relay`, for a
prompt that only ever reads `y`, `n` and `/end`. This reader does what that prompt needs: it echoes what
is typed (on a terminal), honours Backspace, ends a line on Enter, and treats Ctrl-C as a break.
"""

from __future__ import annotations

from collections import deque

import asyncssh

_ERASE = "\x7f\b"
_INTERRUPT = "\x03"
_END_OF_INPUT = "\x04"


class TypedLines:
    """`await readline()` on a session channel opened with `line_editor=False`."""

    def __init__(self, process: asyncssh.SSHServerProcess[str]) -> None:
        self._process = process
        self._echo = process.get_terminal_type() is not None
        self._typed = ""
        self._lines: deque[str] = deque()
        self._after_cr = False
        self._ended = False

    async def readline(self) -> str:
        """The next line with its "\\n"; "" once input has ended. Ctrl-C raises BreakReceived.

        TerminalSizeChanged from the channel passes through; what was typed so far is kept.
        """
        while not self._lines:
            if self._ended:
                return ""
            data = await self._process.stdin.read(1024)
            if not data:
                self._end()
            elif self._feed(data):
                raise asyncssh.BreakReceived(0)
        return self._lines.popleft()

    def _end(self) -> None:
        self._ended = True
        if self._typed:
            self._lines.append(self._typed)
            self._typed = ""

    def _feed(self, data: str) -> bool:
        """Take typed characters; True when Ctrl-C was among them."""
        shown: list[str] = []
        for char in data:
            after_cr, self._after_cr = self._after_cr, char == "\r"
            if char == "\n" and after_cr:
                continue  # "\r\n" is one Enter
            if char in "\r\n":
                self._lines.append(self._typed + "\n")
                self._typed = ""
                shown.append("\r\n")
            elif char in _ERASE:
                if self._typed:
                    self._typed = self._typed[:-1]
                    shown.append("\b \b")
            elif char == _INTERRUPT:
                self._write(shown)
                return True
            elif char == _END_OF_INPUT and not self._typed:
                self._end()
                break
            elif char.isprintable():
                self._typed += char
                shown.append(char)
        self._write(shown)
        return False

    def _write(self, shown: list[str]) -> None:
        if self._echo and shown and not self._process.is_closing():
            self._process.stdout.write("".join(shown))
