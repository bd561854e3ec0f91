"""What the technician sends to a command run without a terminal, shown to the customer line by line.

`ssh … sh` runs a shell whose commands arrive on its standard input, not in the exec request, so the
feed's "Technician ran: sh" alone would hide everything after it. Every line sent is shown as the
activity line "Technician typed into sh: …" (controls made visible). Bounded, so a file
piped in (`cat > file`) or a flood cannot bury the feed or the agent's memory:

- a line longer than ``LONG`` characters as shown shows its start and its end, and how many bytes are
  between (a real command at the end of a line of padding is still seen);
- after ``SHOWN`` lines, one line says that the rest is counted, not shown, and when the input ends the
  count is given ("… 4,801 more lines (48,046 bytes) …"), so a real command after a flood of padding
  cannot pass unnoticed.
"""

from __future__ import annotations

from collections.abc import Callable

from sessions.visible import visible

ActivityFn = Callable[..., None]  # activity(key, **values): a line of the feed (sessions.agent.catalogue)

SHOWN = 200  # lines shown one by one per command
LONG = 300  # characters of one line shown whole; longer lines keep their start and end
HEAD, TAIL = 200, 100  # characters shown of a long line
_KEEP = 4 * (HEAD + TAIL)  # bytes kept of a line while it arrives (UTF-8: at most 4 bytes a character)


def _decoded(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")  # a byte that is not UTF-8 is shown as ⟨0xFF⟩


class InputFeed:
    """Splits the bytes sent to *command* into lines and reports them through *activity*."""

    def __init__(self, command: str, activity: ActivityFn) -> None:
        self.command = command
        self.activity = activity
        self.shown = 0
        self.more_lines = 0
        self.more_bytes = 0
        self.head = bytearray()  # the line arriving: its first bytes …
        self.tail = bytearray()  # … and its last ones, with the count of those dropped between
        self.dropped = 0
        self.ended = False

    def data(self, data: bytes) -> None:
        """Bytes the technician sent (before any goes to the command)."""
        start = 0
        while not self.ended:
            end = data.find(b"\n", start)
            if end < 0:
                self._add(data[start:])
                return
            self._add(data[start:end])
            self._line(with_feed=True)
            start = end + 1

    def end(self) -> None:
        """The input ended (EOF) or the channel closed: the last line and the count, once."""
        if self.ended:
            return
        if self.head or self.dropped:
            self._line(with_feed=False)
        self.ended = True
        if self.more_lines:
            self.activity(
                "input_more", command=self.command, lines=f"{self.more_lines:,}", bytes=f"{self.more_bytes:,}"
            )

    def _add(self, part: bytes) -> None:
        if self.shown >= SHOWN:  # counted only
            self.dropped += len(part)
            return
        room = _KEEP - len(self.head)
        self.head += part[:room]
        rest = part[room:] if room > 0 else part
        if rest:
            self.tail += rest
            if len(self.tail) > _KEEP:
                self.dropped += len(self.tail) - _KEEP
                del self.tail[: len(self.tail) - _KEEP]

    def _line(self, *, with_feed: bool) -> None:
        size = len(self.head) + len(self.tail) + self.dropped + int(with_feed)
        if self.shown >= SHOWN:
            self.more_lines += 1
            self.more_bytes += size
        else:
            self.shown += 1
            self.activity("typed_input", command=self.command, line=self._text())
            if self.shown == SHOWN:
                self.activity("input_counted", command=self.command, limit=str(SHOWN))
        self.head.clear()
        self.tail.clear()
        self.dropped = 0

    def _text(self) -> str:
        """The line as shown (controls made visible): whole, or its start, ⟨n more bytes⟩ and its end."""
        head = _pieces(bytes(self.head))
        tail = _pieces(bytes(self.tail))
        if not tail and not self.dropped and sum(len(shown) for _, shown in head) <= LONG:
            return "".join(shown for _, shown in head)
        start = _fill(head, HEAD)
        end = _fill(tail if tail else head[len(start) :], TAIL, from_end=True)
        total = len(self.head) + len(self.tail) + self.dropped
        between = total - sum(size for size, _ in start + end)
        return f"{''.join(s for _, s in start)} ⟨{between:,} more bytes⟩ {''.join(s for _, s in end)}"


def _pieces(data: bytes) -> list[tuple[int, str]]:
    """(bytes it took, how it is shown) for each character of *data*."""
    return [(len(char.encode("utf-8", "surrogateescape")), visible(char)) for char in _decoded(data)]


def _fill(pieces: list[tuple[int, str]], width: int, *, from_end: bool = False) -> list[tuple[int, str]]:
    """The first (or last) *pieces* that fit in *width* shown characters."""
    chosen: list[tuple[int, str]] = []
    used = 0
    for piece in reversed(pieces) if from_end else pieces:
        if used + len(piece[1]) > width:
            break
        chosen.append(piece)
        used += len(piece[1])
    return chosen[::-1] if from_end else chosen
