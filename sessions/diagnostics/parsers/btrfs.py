"""Btrfs: `btrfs device stats` in its key-value form and the tabular `-T` form."""

from __future__ import annotations

import re

from sessions.diagnostics.findings import Finding, Status
from sessions.diagnostics.parsers.context import ParseContext, ParseError, join_names

_KEYVAL = re.compile(r"^\[(?P<dev>[^\]]+)\]\.(?P<counter>\w+)\s+(?P<value>\d+)\s*$")
_TABLE_COLUMNS = {
    "Write errors": "write_io_errs",
    "Read errors": "read_io_errs",
    "Flush errors": "flush_io_errs",
    "Corruption errors": "corruption_errs",
    "Generation errors": "generation_errs",
}
_WORDS = {
    "write_io_errs": "write",
    "read_io_errs": "read",
    "flush_io_errs": "flush",
    "corruption_errs": "corruption",
    "generation_errs": "generation",
}


def read_device_stats(text: str) -> dict[str, tuple[dict[str, int], list[str]]]:
    """Device → (counter → value, the lines that show it), from either output form."""
    lines = [ln.rstrip() for ln in text.splitlines() if ln.strip()]
    if lines and lines[0].lstrip().startswith("Id") and "Path" in lines[0]:
        return _read_table(lines)
    devices: dict[str, tuple[dict[str, int], list[str]]] = {}
    for line in lines:
        match = _KEYVAL.match(line.strip())
        if not match:
            raise ParseError(f"unexpected line in `btrfs device stats`: {line!r}")
        counters, evidence = devices.setdefault(match.group("dev"), ({}, []))
        counters[match.group("counter")] = int(match.group("value"))
        evidence.append(line)
    if not devices:
        raise ParseError("`btrfs device stats` printed nothing")
    return devices


def _read_table(lines: list[str]) -> dict[str, tuple[dict[str, int], list[str]]]:
    header = lines[0]
    names = [c for c in _TABLE_COLUMNS if c in header]
    devices: dict[str, tuple[dict[str, int], list[str]]] = {}
    for line in lines[1:]:
        words = line.split()
        if not words or set(words[0]) == {"-"}:
            continue
        values = words[-len(names) :]
        path = " ".join(words[1 : len(words) - len(names)])
        counters = {_TABLE_COLUMNS[n]: int(v) for n, v in zip(names, values, strict=True)}
        devices[path] = (counters, [header, line])
    return devices


def parse_btrfs_device_stats(text: str, ctx: ParseContext) -> list[Finding]:
    """One finding per device; ``fail_counters`` fail, any other non-zero counter warns."""
    fail_counters = ctx.names("fail_counters") or {"write_io_errs", "read_io_errs", "flush_io_errs"}
    findings = []
    for device, (counters, evidence) in read_device_stats(text).items():
        nonzero = {k: v for k, v in counters.items() if v > 0}
        if not nonzero:
            summary = f"Btrfs device {device} has no recorded errors."
            findings.append(ctx.make(Status.OK, summary, evidence, device))
            continue
        status = Status.FAIL if fail_counters & nonzero.keys() else Status.WARN
        counts = join_names([f"{v} {_WORDS.get(k, k)}" for k, v in nonzero.items()])
        advice = "the disk or its cable is failing" if status is Status.FAIL else "data failed its checksum"
        summary = (
            f"Btrfs device {device} has recorded errors ({counts}), so {advice}; the counters are "
            "totals since they were last reset with `btrfs device stats -z`."
        )
        findings.append(ctx.make(status, summary, evidence, device))
    return findings


def btrfs_mounts(text: str) -> list[str]:
    """Discovery: btrfs mount points from /proc/mounts (or one path per line, as findmnt prints)."""
    seen: list[str] = []
    for line in text.splitlines():
        words = line.split()
        path = words[0] if len(words) == 1 else ""
        if len(words) >= 3 and words[2] == "btrfs":  # /proc/mounts: device, mount point, type, …
            path = words[1]
        if path.startswith("/") and path not in seen:
            seen.append(path)
    return seen
