"""Kernel log (`dmesg`, `journalctl -k`): disk, RAID and filesystem errors, by patterns from the profile."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sessions.diagnostics.findings import Finding, Status, worst
from sessions.diagnostics.parsers.context import ParseContext, ParseError, join_names, plural


@dataclass(frozen=True, slots=True)
class LogPattern:
    """One kind of trouble: a regex (with an optional ``dev`` group), what to call it, how bad it is."""

    regex: re.Pattern[str]
    label: str
    status: Status

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> LogPattern:
        try:
            return cls(re.compile(str(data["regex"])), str(data["label"]), Status(data.get("status", "warn")))
        except (KeyError, re.error, ValueError) as exc:
            raise ParseError(f"a kernel log pattern in the profile is invalid: {exc}") from exc


# Used when a profile gives no patterns of its own; profiles normally list them (resources/diagnostics).
DEFAULT_PATTERNS: Sequence[Mapping[str, str]] = (
    {"regex": r"(?P<dev>ata\d+(\.\d+)?): error: \{[^}]*\bUNC\b", "label": "unreadable-sector (UNC) error"},
    {"regex": r"\[(?P<dev>sd[a-z]+)\].*(Medium Error|Unrecovered read error)", "label": "medium error"},
    {"regex": r"I/O error,? (on )?dev (?P<dev>[\w-]+)", "label": "I/O error"},
    {
        "regex": r"md/raid\d*:(?P<dev>md\d+): Disk failure on (?P<member>\w+)",
        "label": "RAID disk failure",
        "status": "fail",
    },
    {"regex": r"BTRFS \w+ \(device (?P<dev>[\w-]+)\): csum failed", "label": "btrfs checksum error"},
    {
        "regex": r"BTRFS .*bdev (?P<dev>\S+) errs: (?!wr 0, rd 0, flush 0, corrupt 0, gen 0)",
        "label": "btrfs device error report",
    },
    {"regex": r"EXT4-fs error \(device (?P<dev>[\w-]+)\)", "label": "ext4 filesystem error"},
    {"regex": r"XFS \((?P<dev>[\w-]+)\): (Corruption|metadata I/O error)", "label": "XFS corruption"},
    # The disk or its controller refuses TRIM: no data is lost; discard should be turned off for it.
    {
        "regex": r"critical target error, dev (?P<dev>[\w-]+), sector \d+ op 0x3:\(DISCARD\)",
        "label": "rejected TRIM (discard) request",
    },
    {"regex": r"critical medium error, dev (?P<dev>[\w-]+)", "label": "critical medium error"},
    {
        "regex": r"critical (target|nexus|space allocation) error, dev (?P<dev>[\w-]+)",
        "label": "block-layer error",
    },
)


def parse_kernel_log(text: str, ctx: ParseContext) -> list[Finding]:
    """One finding: ok when no pattern matches, else the worst pattern's status with counts per kind."""
    patterns = [LogPattern.from_mapping(p) for p in ctx.params.get("patterns", DEFAULT_PATTERNS)]
    max_evidence = int(ctx.number("max_evidence", 20))
    counts: dict[str, int] = {}
    devices: dict[str, list[str]] = {}
    statuses: list[Status] = []
    evidence: list[str] = []
    lines = text.splitlines()
    if text.strip().startswith(("dmesg: read kernel buffer failed", "-- No entries --")) and len(lines) < 3:
        raise ParseError(text.strip())
    for line in lines:
        for pattern in patterns:
            match = pattern.regex.search(line)
            if not match:
                continue
            counts[pattern.label] = counts.get(pattern.label, 0) + 1
            statuses.append(pattern.status)
            names = [v for k, v in match.groupdict().items() if v and k in ("dev", "member")]
            known = devices.setdefault(pattern.label, [])
            known.extend(n for n in names if n not in known)
            if len(evidence) < max_evidence:
                evidence.append(line.strip())
            break
    if not counts:
        summary = (
            f"The kernel log shows no disk, RAID or filesystem errors ({plural(len(lines), 'line')} read)."
        )
        return [ctx.make(Status.OK, summary, [], "kernel log")]
    parts = [
        plural(n, label) + (f" ({join_names(devices[label])})" if devices[label] else "")
        for label, n in counts.items()
    ]
    status = worst(statuses)
    advice = "a disk or array is failing" if status is Status.FAIL else "check the disks it names"
    summary = f"The kernel log shows {join_names(parts)}: {advice}."
    return [ctx.make(status, summary, evidence, "kernel log")]
