"""Compiling regular expressions with possessive quantifiers so they match the same on every Python 3.11.

The terminal's tokenizer writes its runs with possessive quantifiers (``*+``, ``++``, ``?+``, ``{m,n}+``):
they never give back what they took, which keeps a failed match from backtracking. CPython's ``re`` got
them in 3.11.0 with a bug that 3.11.2 (Debian 12's python3) still has: a possessive group repeated
possessively keeps what its last, failed, iteration consumed (``(?:[ -~]*+\\r\\n)*+`` takes the ``d`` of
``"a\\r\\nb\\r\\nd"``), and text at the end of a read went missing from the screen. Where a probe finds that
bug, each possessively repeated group is compiled as an atomic group around a greedy repeat, which is
what a possessive repeat means and which 3.11.2 gets right (tests/test_patterns.py checks the rewrite).
"""

from __future__ import annotations

import re

__all__ = ["POSSESSIVE_WORKS", "atomic", "compile_pattern"]


def _possessive_works() -> bool:
    """Whether this Python's ``re`` repeats a possessive group possessively without keeping a failed try."""
    probe = re.compile("(\r\n(?:[\x20-\x7e]*+(?:\x1b\\[K)?+\r\n)*+)")
    return probe.split("a\r\nb\r\nc\r\nd") == ["a", "\r\nb\r\nc\r\n", "d"]


POSSESSIVE_WORKS = _possessive_works()


def atomic(pattern: str) -> str:
    """*pattern* with each possessively repeated group written as an atomic group around a greedy repeat
    (``(?:x)*+`` -> ``(?>(?:x)*)``: the same matches by definition, which 3.11.2 gets right); possessive
    quantifiers on single characters and classes stay (3.11.2 gets those right). Escapes and character
    classes are read as such."""
    out: list[str] = []
    opens: list[int] = []  # where in *out* each open group starts
    last_group: int | None = None  # where the group that just closed starts, while nothing follows it
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            last_group = None
            continue
        if char == "[":
            end = i + 1
            if end < n and pattern[end] == "^":
                end += 1
            if end < n and pattern[end] == "]":
                end += 1
            while end < n and pattern[end] != "]":
                end += 2 if pattern[end] == "\\" else 1
            out.append(pattern[i : end + 1])
            i = end + 1
            last_group = None
            continue
        if char == "(":
            opens.append(len(out))
            out.append(char)
            i += 1
            last_group = None
            continue
        if char == ")":
            out.append(char)
            last_group = opens.pop()
            i += 1
            continue
        quantifier = re.match(r"[*+?](?!\?)|\{[0-9]*(?:,[0-9]*)?\}", pattern[i:])
        if quantifier and last_group is not None and pattern.startswith("+", i + len(quantifier.group())):
            group = "".join(out[last_group:])
            del out[last_group:]
            out.append(f"(?>{group}{quantifier.group()})")
            i += len(quantifier.group()) + 1
            last_group = None
            continue
        out.append(char)
        i += 1
        last_group = None
    return "".join(out)


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile``, right also where possessive groups are broken (then they are written atomic)."""
    return re.compile(pattern if POSSESSIVE_WORKS else atomic(pattern), flags)
