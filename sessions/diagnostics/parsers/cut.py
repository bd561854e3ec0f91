"""Output cut short (a timeout, a dropped channel): the note findings carry; JSON read up to the cut."""

from __future__ import annotations

import json
from typing import Any

CUT_NOTE = "The output was cut short; what came after the cut was not read."
_CLOSERS = {"{": "}", "[": "]"}


def with_cut_note(summary: str) -> str:
    """*summary* followed by the cut note (once)."""
    return summary if CUT_NOTE in summary else f"{summary} {CUT_NOTE}"


def _closers_at_line_ends(text: str) -> list[str]:
    """For each line end: the brackets that would close every object and array open there."""
    stack: list[str] = []
    in_string = escaped = False
    ends: list[str] = []
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in _CLOSERS:
            stack.append(_CLOSERS[char])
        elif char in "}]" and stack:
            stack.pop()
        if char == "\n":
            ends.append("".join(reversed(stack)) if not in_string else "\0")
    ends.append("".join(reversed(stack)) if not in_string else "\0")
    return ends


def load_cut_json(text: str, attempts: int = 64) -> Any:
    """The JSON document as far as it was printed: the longest run of whole lines that closes into JSON.

    smartctl prints one value per line, so a cut after any line loses at most the value that was open.
    Raises ``ValueError`` when no prefix reads.
    """
    lines = text.split("\n")
    closers = _closers_at_line_ends(text)
    for count in range(len(lines), max(0, len(lines) - attempts), -1):
        closing = closers[count - 1]
        if "\0" in closing:
            continue
        head = "\n".join(lines[:count]).rstrip().rstrip(",")
        if head.endswith(":"):  # a key whose value was cut
            head = head[: head.rstrip(":").rstrip().rfind('"', 0, len(head) - 2)].rstrip().rstrip(",")
            closing = _closers_at_line_ends(head)[-1]
        try:
            return json.loads(head + closing)
        except json.JSONDecodeError:
            continue
    raise ValueError("no complete JSON before the cut")
