"""ZFS: `zpool status` and `zpool list -v -p`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sessions.diagnostics.findings import Finding, Status
from sessions.diagnostics.parsers.context import ParseContext, ParseError, join_names

_STATES = {"ONLINE", "DEGRADED", "FAULTED", "OFFLINE", "UNAVAIL", "REMOVED", "SUSPENDED", "AVAIL", "INUSE"}
_BAD = {"DEGRADED", "FAULTED", "OFFLINE", "UNAVAIL", "REMOVED", "SUSPENDED"}
_SECTIONS = {"logs", "cache", "spares", "special", "dedup"}
_ROW = re.compile(r"^(\s*)(\S+)\s+([A-Z]+)(?:\s+(\d+\S*)\s+(\d+\S*)\s+(\d+\S*))?\s*(.*)$")


@dataclass
class PoolStatus:
    name: str
    state: str = ""
    scan: str = ""
    errors: str = ""
    lines: list[str] = field(default_factory=list)
    bad: list[tuple[str, str, str]] = field(default_factory=list)  # (device, state, detail)
    counters: list[tuple[str, str]] = field(default_factory=list)  # (device, "read 1, write 2, cksum 3")
    spares: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # files with permanent errors (`zpool status -v`)


def _pools(text: str) -> list[PoolStatus]:
    pools: list[PoolStatus] = []
    in_config = in_files = False
    section = ""
    for raw in text.splitlines():
        line = raw.rstrip()
        key = re.match(r"^\s*(pool|state|status|action|see|scan|scrub|config|errors):\s*(.*)$", line)
        if key and key.group(1) == "pool":
            pools.append(PoolStatus(key.group(2)))
            in_config, section = False, ""
        if not pools:
            continue
        pool = pools[-1]
        if key:
            in_config = key.group(1) == "config"
            in_files = key.group(1) == "errors" and "following files" in key.group(2)
            _set_field(pool, key.group(1), key.group(2), line)
        elif in_files and line.strip():
            pool.files.append(line.strip())
        elif in_config and line.strip():
            section = _read_config_row(pool, line, section)
    return pools


def _set_field(pool: PoolStatus, name: str, value: str, line: str) -> None:
    if name == "state":
        pool.state = value.strip()
    elif name in ("scan", "scrub"):
        pool.scan = value.strip()
    elif name == "errors":
        pool.errors = value.strip()
    if name in ("pool", "state", "scan", "scrub", "errors"):
        pool.lines.append(line.strip())


def _read_config_row(pool: PoolStatus, line: str, section: str) -> str:
    stripped = line.strip()
    if stripped.split()[0] in _SECTIONS and len(stripped.split()) == 1:
        return stripped
    row = _ROW.match(line.expandtabs(8))
    if not row or row.group(2) == "NAME":
        return section
    device, state, detail = row.group(2), row.group(3), row.group(7).strip()
    if section == "spares":
        if state == "AVAIL":
            pool.spares.append(device)
        return section
    if state in _BAD:
        pool.bad.append((device, state, detail))
        pool.lines.append(stripped)
    counts = [row.group(4), row.group(5), row.group(6)]
    if all(counts) and any(c != "0" for c in counts):
        pool.counters.append((device, f"read {counts[0]}, write {counts[1]}, checksum {counts[2]}"))
        if state not in _BAD:
            pool.lines.append(stripped)
    return section


def parse_zpool_status(text: str, ctx: ParseContext) -> list[Finding]:
    """One finding per pool: DEGRADED/FAULTED pools fail naming the devices at fault."""
    if "no pools available" in text:
        return [ctx.make(Status.OK, "There are no ZFS pools on this device.", [text.strip()], "")]
    pools = _pools(text)
    if not pools:
        raise ParseError("this is not `zpool status` output")
    return [_judge_pool(pool, ctx) for pool in pools]


def _judge_pool(pool: PoolStatus, ctx: ParseContext) -> Finding:
    label = f"Pool {pool.name}"
    leaves = [b for b in pool.bad if not re.match(r"^(mirror|raidz\d?|draid\d?)(-\d+)?", b[0])]
    if pool.name in {b[0] for b in leaves}:
        leaves = [b for b in leaves if b[0] != pool.name]
    named = [f"{dev} is {state}" + (f" ({detail})" if detail else "") for dev, state, detail in leaves]
    counters = {dev: text for dev, text in pool.counters}
    named = [n + (f", {counters[n.split()[0]]} errors" if n.split()[0] in counters else "") for n in named]
    spare = f"; spare {join_names(pool.spares)} is available" if pool.spares else ""
    data_errors = pool.errors and not pool.errors.startswith("No known data errors")
    if not pool.state:
        summary = f"{label}: the output was cut before its state, so its health is not known."
        return ctx.make(Status.ERROR, summary, pool.lines, pool.name)
    if pool.state in ("FAULTED", "UNAVAIL", "SUSPENDED") or data_errors:
        unusable = pool.state in ("FAULTED", "UNAVAIL", "SUSPENDED")
        parts = [f"is {pool.state}" + (" and cannot be used" if unusable else "")]
        if named:
            parts.append(join_names(named))
        if data_errors:
            parts.append(_data_errors(pool))
        summary = f"{label} {'; '.join(parts)}."
        return ctx.make(Status.FAIL, summary, pool.lines + pool.files[:_MAX_FILES], pool.name)
    if pool.state != "ONLINE":
        resilver = re.search(r"resilver in progress", pool.scan)
        devices = join_names(named) or "a device is missing"
        if resilver:
            progress = re.search(r"([\d.]+)% done", " ".join(pool.lines))
            done = f", {progress.group(1)}% done" if progress else ""
            summary = f"{label} is {pool.state} and resilvering{done}: {devices}."
            return ctx.make(Status.WARN, summary, pool.lines, pool.name)
        return ctx.make(Status.FAIL, f"{label} is {pool.state}: {devices}{spare}.", pool.lines, pool.name)
    if pool.counters:
        errs = "; ".join(f"{dev}: {text}" for dev, text in pool.counters)
        summary = f"{label} is ONLINE but devices logged errors ({errs}); run `zpool clear` after checking."
        return ctx.make(Status.WARN, summary, pool.lines, pool.name)
    scan = f"; last scan: {pool.scan}" if pool.scan else ""
    return ctx.make(Status.OK, f"{label} is healthy (ONLINE){scan}.", pool.lines, pool.name)


_MAX_FILES = 20


def _data_errors(pool: PoolStatus) -> str:
    """``it has permanent errors in 3 files: /tank/a, /tank/b and /tank/c`` (or ZFS's own sentence)."""
    if not pool.files:
        return f"it has data errors ({pool.errors.rstrip(':. ')}); `zpool status -v` lists the files"
    shown = pool.files[:_MAX_FILES]
    more = f" and {len(pool.files) - len(shown)} more" if len(pool.files) > len(shown) else ""
    what = "file" if len(pool.files) == 1 else "files"
    return (
        f"it has permanent errors in {len(pool.files)} {what} (restore them from a backup): "
        f"{', '.join(shown)}{more}"
    )


_H_COLUMNS = ("name", "size", "alloc", "free", "cap", "health")


def _columns(lines: list[str], ctx: ParseContext) -> tuple[list[str], list[str]]:
    """The column names and the data rows: from the header, or for `-H -o …` from ``columns``."""
    if lines[0].split()[0] == "NAME":
        return [w.lower() for w in lines[0].split()], lines[1:]
    columns = [str(c).lower() for c in ctx.params.get("columns", _H_COLUMNS)]
    first = lines[0].split("\t") if "\t" in lines[0] else lines[0].split()
    if len(first) >= len(columns) and first[columns.index("health")].strip() in _STATES:
        return columns, lines
    raise ParseError("this is not `zpool list` output")


def parse_zpool_list(text: str, ctx: ParseContext) -> list[Finding]:
    """`zpool list [-v] [-p]` with its header, or `zpool list -H -o name,size,alloc,free,cap,health`.

    Columns are read by name: ZFS versions differ (CKPOINT, EXPANDSZ, FRAG come and go; old ones say
    CAPACITY). Health and capacity go against ``warn_percent`` / ``fail_percent``.
    """
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        raise ParseError("`zpool list` printed nothing")
    if "no pools available" in text:
        return [ctx.make(Status.OK, "There are no ZFS pools on this device.", [text.strip()], "")]
    columns, rows = _columns(lines, ctx)
    cap_at = next((columns.index(c) for c in ("cap", "capacity") if c in columns), None)
    health_at = columns.index("health") if "health" in columns else None
    pools: list[tuple[str, str, float | None, list[str], list[str]]] = []
    for line in rows:
        words = line.split()
        if not line[:1].isspace():
            if words[0] in _SECTIONS:
                continue
            health = _word(words, health_at) if health_at is not None else ""
            if health not in _STATES:
                health = next((w for w in reversed(words) if w in _STATES), "")
            cap = _percent(_word(words, cap_at)) if cap_at is not None else None
            pools.append((words[0], health, cap, [line.rstrip()], []))
            continue
        health = next((w for w in reversed(words) if w in _STATES), "")
        if pools and health in _BAD and not re.match(r"^(mirror|raidz|draid)", words[0]):
            pools[-1][4].append(f"{words[0]} is {health}")
            pools[-1][3].append(line.rstrip())
    return [_judge_pool_list(name, health, cap, ev, bad, ctx) for name, health, cap, ev, bad in pools]


def _word(words: list[str], index: int | None) -> str:
    return words[index] if index is not None and index < len(words) else ""


def _percent(value: str) -> float | None:
    try:
        return float(value.rstrip("%"))
    except ValueError:
        return None


def _judge_pool_list(
    name: str, health: str, cap: float | None, evidence: list[str], bad: list[str], ctx: ParseContext
) -> Finding:
    label = f"Pool {name}"
    used = f"{cap:g}% used" if cap is not None else "usage unknown"
    if health != "ONLINE":
        devices = f": {join_names(bad)}" if bad else ""
        return ctx.make(
            Status.FAIL, f"{label} is {health or 'in an unknown state'}{devices} ({used}).", evidence, name
        )
    if cap is not None and cap >= ctx.number("fail_percent", 95):
        return ctx.make(Status.FAIL, f"{label} is almost full: {used}.", evidence, name)
    if cap is not None and cap >= ctx.number("warn_percent", 80):
        return ctx.make(
            Status.WARN, f"{label} is getting full: {used}; ZFS slows down when full.", evidence, name
        )
    return ctx.make(Status.OK, f"{label} is healthy (ONLINE), {used}.", evidence, name)
