"""When a terminal search hit appears: the index keeps one time per segment of output (about 2 KB or
10 s); the moment its words first show is found in the cast, on the text as the index saw it (escape
sequences stripped, backspaces applied)."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from pathlib import Path

from sessions.archive.extract import SEGMENT_SECONDS
from sessions.archive.search import Hit, term_patterns
from sessions.errors import RecordError
from sessions.recording import strip_escapes
from sessions.recording.meta import CAST_FILE
from sessions.recording.safeio import read_lines

LOOK_CHARS = 256 * 1024  # how much output from a segment's start is searched for the words
PINPOINTED = 200  # hits whose moment pinpoint() looks up, at most
_TIME = re.compile(rb"\[\s*(-?\d[\d.eE+-]*)\s*,")
Entry = tuple[float, str]  # (cast time, output text)


def appearance(entries: Sequence[Entry], patterns: Sequence[re.Pattern[str]]) -> float | None:
    """The time of the entry whose output completes the last of *patterns* (all of them shown by the
    entries up to it), or None when they never all show. Cleans log2(len) prefixes, not one per entry."""

    def shown(count: int) -> bool:
        text = strip_escapes("".join(data for _t, data in entries[:count]))
        return all(pattern.search(text) for pattern in patterns)

    if not patterns or not entries or not shown(len(entries)):
        return None
    low, high = 1, len(entries)  # the fewest entries that show them all: shown(high) holds
    while low < high:
        middle = (low + high) // 2
        if shown(middle):
            high = middle
        else:
            low = middle + 1
    return entries[high - 1][0]


def within(entries: Sequence[Entry]) -> list[Entry]:
    """The first *entries* (from a segment's start) that can hold a hit: SEGMENT_SECONDS, LOOK_CHARS."""
    if not entries:
        return []
    end, size, kept = entries[0][0] + SEGMENT_SECONDS, 0, []
    for t, data in entries:
        if t > end or size > LOOK_CHARS:
            break
        kept.append((t, data))
        size += len(data)
    return kept


def _segment(folder: Path, start: float) -> list[Entry]:
    """Output entries of *folder*'s cast from time *start* on, as far as a hit can reach."""
    found: list[Entry] = []
    size = 0
    for number, raw, complete in read_lines(folder / CAST_FILE):
        stamp = _TIME.match(raw)
        if number == 1 or not complete or stamp is None or float(stamp.group(1)) < start:
            continue
        try:
            t, code, data = json.loads(raw)
        except (ValueError, TypeError):
            break
        if t > start + SEGMENT_SECONDS or size > LOOK_CHARS:
            break
        if code == "o" and isinstance(data, str):
            found.append((float(t), data))
            size += len(data)
    return found


def moment(folder: Path, start: float, patterns: Sequence[re.Pattern[str]]) -> float | None:
    """When *patterns* first all show in *folder*'s output from the segment starting at *start*."""
    try:
        return appearance(_segment(folder, start), patterns)
    except (OSError, RecordError, ValueError):  # the record changed or went since it was indexed
        return None


def pinpoint(archive: Path, hits: list[Hit], text: str) -> list[Hit]:
    """*hits* with each terminal hit's ``t`` moved from its segment's start to the moment its words
    appear (the first PINPOINTED hits; a hit whose record cannot be read keeps its segment's time)."""
    patterns = term_patterns(text)
    out = []
    for number, hit in enumerate(hits):
        if hit.kind == "terminal" and not hit.pinpointed and number < PINPOINTED:
            found = moment(archive / hit.folder, hit.t, patterns)
            hit = hit if found is None else dataclasses.replace(hit, t=found, pinpointed=True)
        out.append(hit)
    return out
