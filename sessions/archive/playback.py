"""Replaying a record without Qt: the screen at time T, playback with speed and idle-time limit, markers.

Seeking resets the emulator and feeds the cast up to T; keyframes (copies of the screen model taken about
every KEYFRAME_CHARS of output, at the end of a line so that no escape sequence is half-parsed) make a
seek feed little more than that. The replay screen keeps no scrollback: the player shows the screen.
"""

from __future__ import annotations

import bisect
import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sessions.archive.extract import SEGMENT_SECONDS
from sessions.archive.moments import appearance, within
from sessions.recording import Record, open_record
from sessions.terminal import TerminalScreen, TerminalStream

KEYFRAME_CHARS = 256 * 1024
SPEEDS = (1.0, 2.0, 4.0, 8.0, 16.0)


@dataclass(frozen=True, slots=True)
class Marker:
    """A point on the timeline: ``kind`` chat | finding | escalation | outcome | survey | note | mark."""

    t: float
    kind: str
    label: str


def markers_of(record: Record) -> list[Marker]:
    """The timeline's markers: chat, findings, escalation, outcome, survey, lead notes and cast markers."""
    found: list[Marker] = []
    for event in record.events():
        kind, t, data = event.get("type", ""), float(event.get("t", 0.0)), event.get("data") or {}
        if kind == "chat.message":
            found.append(Marker(t, "chat", f"{data.get('from', '')}: {data.get('text', '')}"))
        elif kind == "diagnostics.finding":
            found.append(Marker(t, "finding", f"{data.get('status', '')} {data.get('summary', '')}"))
        elif kind == "diagnostics.interrupted":  # Stop during a run: "INT sent to smartctl -a /dev/sda"
            found.append(Marker(t, "finding", str(data.get("text", ""))))
        elif kind.startswith("escalation."):
            found.append(Marker(t, "escalation", kind.split(".", 1)[1]))
        elif kind == "outcome":
            found.append(Marker(t, "outcome", str(data.get("outcome", ""))))
        elif kind == "survey":
            found.append(Marker(t, "survey", f"{data.get('score', '')}/10"))
        elif kind == "annotation":
            at = data.get("t", data.get("at"))
            if isinstance(at, (int, float)) and not isinstance(at, bool):
                found.append(Marker(float(at), "note", str(data.get("text", ""))))
    for entry in record.cast_entries():
        if entry.code == "m":
            found.append(Marker(entry.t, "mark", entry.data))
    return sorted(found, key=lambda marker: marker.t)


class Playback:
    """The emulator driven by a record's cast. Time is always the recorded time (as in hits and markers)."""

    def __init__(self, folder: Path) -> None:
        self.record = open_record(folder)
        header = self.record.header()
        self.cols, self.rows = int(header.get("width", 80)), int(header.get("height", 24))
        self.entries = [entry for entry in self.record.cast_entries() if entry.code in ("o", "r")]
        self.times = [entry.t for entry in self.entries]
        self.duration = max(
            self.times[-1] if self.times else 0.0, float(self.record.meta.get("duration") or 0)
        )
        self.markers = markers_of(self.record)
        self.position = 0.0
        self._next = 0  # index of the first entry not yet fed
        self._keyframes: list[tuple[int, TerminalScreen]] = []
        self._new_emulator()
        self._build_keyframes()

    @property
    def screen(self) -> TerminalScreen:
        return self._screen

    def text(self) -> str:
        """What the screen shows now, one line per row, trailing spaces removed."""
        return "\n".join(line.rstrip() for line in self._screen.display)

    def seek(self, t: float) -> None:
        """Show the screen as it was at recorded time *t* (clamped to the session)."""
        t = max(0.0, min(t, self.duration))
        target = bisect.bisect_right(self.times, t)
        if target < self._next or self._keyframe_within(self._next, target):
            self._restore(target)
        self._feed_until(target)
        self.position = t

    def advance(self, wall_seconds: float, speed: float = 1.0, idle_limit: float | None = 2.0) -> bool:
        """Play on for *wall_seconds* at *speed*; a pause longer than *idle_limit* is cut to it.

        Returns False when the end was reached.
        """
        step = wall_seconds * speed
        if idle_limit is not None and self._next < len(self.times):
            waiting = self.times[self._next] - self.position
            if waiting > idle_limit:
                self.position = self.times[self._next] - idle_limit
        self.position = min(self.position + step, self.duration)
        self._feed_until(bisect.bisect_right(self.times, self.position))
        return self.position < self.duration

    def first_appearance(self, patterns: Sequence[re.Pattern[str]], start: float) -> float | None:
        """When the output from *start* on (a terminal hit's segment) first shows every pattern (see
        sessions/archive/moments.py), or None if it never does."""
        first = bisect.bisect_left(self.times, start)
        last = bisect.bisect_right(self.times, start + SEGMENT_SECONDS)
        entries = [(entry.t, entry.data if entry.code == "o" else "") for entry in self.entries[first:last]]
        return appearance(within(entries), patterns)

    # --- internals ------------------------------------------------------------------------------------
    def _new_emulator(self) -> None:
        self._screen = TerminalScreen(self.cols, self.rows, scrollback=0)
        self._stream = TerminalStream(self._screen)
        self._next = 0

    def _feed_until(self, target: int) -> None:
        while self._next < target:
            entry = self.entries[self._next]
            if entry.code == "o":
                self._stream.feed_text(entry.data)
            else:
                cols, _, rows = entry.data.partition("x")
                if cols.isdigit() and rows.isdigit():
                    self._screen.resize(rows=int(rows), cols=int(cols))
            self._next += 1

    def _keyframe_within(self, start: int, end: int) -> bool:
        """Whether a keyframe lies after *start* and at or before *end* (restoring it saves feeding)."""
        return any(start < index <= end for index, _screen in self._keyframes)

    def _restore(self, target: int) -> None:
        best = None
        for index, screen in self._keyframes:
            if index <= target:
                best = (index, screen)
        if best is None:
            self._new_emulator()
            return
        self._screen = copy.deepcopy(best[1])
        self._stream = TerminalStream(self._screen)
        self._next = best[0]

    def _build_keyframes(self) -> None:
        fed = 0
        last = 0
        for index, entry in enumerate(self.entries):
            fed += len(entry.data)
            if fed - last >= KEYFRAME_CHARS and entry.code == "o" and entry.data.endswith("\n"):
                self._feed_until(index + 1)
                self._keyframes.append((index + 1, copy.deepcopy(self._screen)))
                last = fed
        self._new_emulator()
