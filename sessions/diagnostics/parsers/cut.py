"""Output cut short (a timeout, a dropped channel): the note findings carry; JSON read up to the cut."""

from __future__ import annotations

import json
import re
from typing import Any

CUT_NOTE = "The output was cut short; what came after the cut was not read."
_CLOSERS = {"{": "}", "[": "]"}
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def with_cut_note(summary: str) -> str:
    """*summary* followed by the cut note (once)."""
    return summary if CUT_NOTE in summary else f"{summary} {CUT_NOTE}"


def _closers(head: str) -> str | None:
    """The brackets that close every object and array still open at the end of *head* (None: in a string)."""
    bare = _STRING.sub("", head)
    if '"' in bare:
        return None
    stack: list[str] = []
    for bracket in _BRACKETS.findall(bare):
        if bracket in _CLOSERS:
            stack.append(_CLOSERS[bracket])
        elif stack:
            stack.pop()
    return "".join(reversed(stack))


def load_cut_json(text: str, attempts: int = 8) -> Any:
    """The JSON document as far as it was printed: the longest run of whole lines that closes into JSON.

    smartctl prints one value per line, so a cut after any line loses at most the value that was open.
    Raises ``ValueError`` when no prefix reads.
    """
    lines = text.rstrip("\n").split("\n")
    for count in range(len(lines), max(0, len(lines) - attempts), -1):
        head = "\n".join(lines[:count]).rstrip().rstrip(",")
        if head.endswith(":"):  # a key whose value was cut: drop the key too
            head = head[: head.rstrip(":").rstrip().rfind('"', 0, len(head) - 2)].rstrip().rstrip(",")
        closing = _closers(head)
        if closing is None:
            continue
        try:
            return json.loads(head + closing)
        except json.JSONDecodeError:
            continue
    raise ValueError("no complete JSON before the cut")
