"""The redaction rules' prefilter: which lines of a text each rule must look at, in a few fast scans.

Every trigger starts with a literal (`pass`, `key`, `비밀`). One Aho-Corasick pass (ahocorasick-rs) finds
which literals occur in the text at all; most do not, and cost nothing more. Triggers that start with the
same literal are joined into one regex (`pass(?:rest1|rest2|…)`), run once over the text for each literal
that occurs; it stops only where some trigger really matches. Each rule then checks its own triggers on
those lines only. Triggers never cross a line end; they run on the lower-cased text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

try:  # a declared dependency; without it every literal is scanned for with re
    import ahocorasick_rs as _aho
except ImportError:  # pragma: no cover
    _aho = None  # type: ignore[assignment]


def _ahocorasick() -> Any:
    """ahocorasick_rs, or None."""
    return _aho


_META = frozenset(".^$*+?{}[]\\|()")
Line = tuple[int, int]


def literal_prefix(pattern: str) -> str:
    """The characters every match of *pattern* starts with (`pwd?s?\\b` → `pw`); "" when unsure."""
    if _top_level_bar(pattern):
        return ""
    out = []
    for index, char in enumerate(pattern):
        if char in _META:
            break
        if pattern[index + 1 : index + 2] in ("?", "*", "{"):
            break  # this character is optional
        out.append(char)
    return "".join(out)


def _top_level_bar(pattern: str) -> bool:
    depth, escaped, in_class = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


@dataclass(frozen=True, slots=True)
class _Group:
    literal: str  # "" for a trigger that does not start with a literal (always scanned)
    scan: re.Pattern[str]  # the literal followed by any of its triggers' rests: one scan per text
    ascii: bool  # False: led by a non-ASCII letter, so it cannot match ASCII-only text


class TriggerIndex:
    """For each rule (by position), the lines where one of its triggers matches."""

    def __init__(self, triggers_by_rule: Sequence[Sequence[str]]) -> None:
        by_key: dict[str, list[str]] = {}
        for triggers in triggers_by_rule:
            for pattern in triggers:
                patterns = by_key.setdefault(literal_prefix(pattern) or pattern, [])
                if pattern not in patterns:
                    patterns.append(pattern)
        keys = list(by_key)
        self._groups = [_group(key, by_key[key]) for key in keys]
        self._finders = _Finders(self._groups)
        self._rules: list[list[tuple[int, re.Pattern[str] | None]]] = []
        for triggers in triggers_by_rule:
            uses = []
            for pattern in triggers:
                key = literal_prefix(pattern) or pattern
                alone = len(by_key[key]) == 1 or pattern == key
                uses.append((keys.index(key), None if alone else re.compile(pattern)))
            self._rules.append(uses)

    def lines(self, lowered: str) -> list[set[Line]]:
        """For each rule, the (start, end) of the lines of *lowered* that it must look at."""
        ascii_only = lowered.isascii()
        present = self._finders.present(lowered, ascii_only)
        scanned = [
            _lines(lowered, g.scan) if (g.ascii or not ascii_only) and (i in present or not g.literal) else []
            for i, g in enumerate(self._groups)
        ]
        out = []
        for uses in self._rules:
            lines: set[Line] = set()
            for group, check in uses:
                lines.update(c for c in scanned[group] if check is None or check.search(lowered, c[0], c[1]))
            out.append(lines)
        return out


class _Finders:
    """Which groups' literals occur in a text: one Aho-Corasick pass (over bytes when the text is ASCII)."""

    def __init__(self, groups: list[_Group]) -> None:
        self._index = [i for i, g in enumerate(groups) if g.literal]
        self._ascii_index = [i for i in self._index if groups[i].ascii]
        self._any: Any = None
        self._ascii: Any = None
        module = _ahocorasick()
        if module is not None and self._index:
            self._any = module.AhoCorasick([groups[i].literal for i in self._index])
            if self._ascii_index:
                literals = [groups[i].literal.encode() for i in self._ascii_index]
                self._ascii = module.BytesAhoCorasick(literals)

    def present(self, lowered: str, ascii_only: bool) -> set[int]:
        if ascii_only and self._ascii is not None:
            hits = self._ascii.find_matches_as_indexes(lowered.encode("ascii"), overlapping=True)
            return {self._ascii_index[h[0]] for h in hits}
        if self._any is not None:
            try:
                hits = self._any.find_matches_as_indexes(lowered, overlapping=True)
            except UnicodeEncodeError:  # bytes that were not UTF-8 (surrogate escapes): scan for all
                return set(self._index)
            return {self._index[h[0]] for h in hits}
        return set(self._index)


def _group(key: str, patterns: list[str]) -> _Group:
    ascii_led = key[:1].isascii()
    literal = key if literal_prefix(patterns[0]) else ""
    if len(patterns) == 1:
        return _Group(literal, re.compile(patterns[0]), ascii_led)
    if any(p == key for p in patterns):  # one trigger is the bare literal: every occurrence counts
        return _Group(literal, re.compile(re.escape(key)), ascii_led)
    rests = "|".join(f"(?:{p[len(key) :]})" for p in patterns)
    return _Group(literal, re.compile(f"{re.escape(key)}(?:{rests})"), ascii_led)


def _lines(lowered: str, scan: re.Pattern[str]) -> list[Line]:
    lines = []
    hit = scan.search(lowered)
    while hit is not None:
        start = lowered.rfind("\n", 0, hit.start()) + 1
        end = lowered.find("\n", hit.end() if hit.end() > hit.start() else hit.start())
        end = len(lowered) if end < 0 else end
        lines.append((start, end))
        hit = scan.search(lowered, end)
    return lines
