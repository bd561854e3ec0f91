"""What a check concludes: a Finding (check, target, status, summary, evidence) and the run's exit code."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


class Status(enum.StrEnum):
    """How bad a finding is. ``error`` means the check could not tell (missing tool, no permission…)."""

    OK = "ok"
    WARN = "warn"
    FAIL = "fail"
    ERROR = "error"


# Worst first when sorting for a person: a failure matters more than a check that could not run.
_SEVERITY = {Status.OK: 0, Status.ERROR: 1, Status.WARN: 2, Status.FAIL: 3}


@dataclass(frozen=True, slots=True)
class Finding:
    """One conclusion about one thing (an array, a disk, a volume) that a technician can read aloud."""

    check: str
    target: str
    status: Status
    summary: str
    evidence: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "target": self.target,
            "status": self.status.value,
            "summary": self.summary,
            "evidence": list(self.evidence),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        return cls(
            check=str(data["check"]),
            target=str(data.get("target", "")),
            status=Status(data["status"]),
            summary=str(data["summary"]),
            evidence=tuple(str(line) for line in data.get("evidence", ())),
        )

    def as_text(self) -> str:
        """The finding as plain text, for the clipboard or a chat message."""
        head = f"[{self.status.value.upper()}] {self.check}"
        if self.target:
            head += f" ({self.target})"
        lines = [f"{head}: {self.summary}"]
        lines.extend(f"    {line}" for line in self.evidence)
        return "\n".join(lines)


def finding(check: str, target: str, status: Status, summary: str, evidence: Iterable[str] = ()) -> Finding:
    """Build a Finding, trimming evidence lines of trailing whitespace."""
    return Finding(check, target, status, summary, tuple(line.rstrip() for line in evidence))


def worst(statuses: Iterable[Status]) -> Status:
    """The most serious status (ok when there is none)."""
    return max(statuses, key=lambda s: _SEVERITY[s], default=Status.OK)


def exit_code(findings: Sequence[Finding]) -> int:
    """0 all ok, 1 any warn, 2 any fail, 3 when the only problems are checks that could not run."""
    statuses = {f.status for f in findings}
    if Status.FAIL in statuses:
        return 2
    if Status.WARN in statuses:
        return 1
    if Status.ERROR in statuses:
        return 3
    return 0
