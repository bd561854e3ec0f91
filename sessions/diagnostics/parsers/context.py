"""What a parser receives besides the output text: check id, target, thresholds and auxiliary outputs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sessions.diagnostics.findings import Finding, Status, finding


class ParseError(ValueError):
    """The output is not in a format this parser knows; the runner tries the next command or reports it."""


@dataclass(frozen=True, slots=True)
class ParseContext:
    """Everything a parser may use. Parsers are pure: same context and text, same findings."""

    check: str
    target: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    extra: Mapping[str, str] = field(default_factory=dict)
    # The output was cut short (the command timed out or its channel closed): keep what was read, say so.
    cut: bool = False

    def number(self, key: str, default: float) -> float:
        value = self.params.get(key, default)
        return float(value)

    def names(self, key: str) -> frozenset[str]:
        return frozenset(str(v) for v in self.params.get(key, ()))

    def make(self, status: Status, summary: str, evidence: Any = (), target: str | None = None) -> Finding:
        return finding(self.check, self.target if target is None else target, status, summary, evidence)


def plural(count: int | float, word: str, many: str | None = None) -> str:
    """``1 disk``, ``3 disks``."""
    number = int(count) if float(count).is_integer() else count
    return f"{number} {word if number == 1 else (many or word + 's')}"


def join_names(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
