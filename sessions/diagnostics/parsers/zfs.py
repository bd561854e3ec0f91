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
class VdevGroup:
    """A `replacing` or `spare` vdev: its direct members as (indent, name), old device first."""

    kind: str
    indent: int
    members: list[tuple[int, str]] = field(default_factory=list)
    open: bool = True


@dataclass
class PoolStatus:
    name: str
    state: str = ""
    scan: str = ""
    errors: str = ""
    status: str = ""  # ZFS's own `status:` and `action:` sentences, continuation lines joined
    action: str = ""
    detail: str = ""  # the pool row's own note: "corrupted data", "incompatible version"
    lines: list[str] = field(default_factory=list)
    bad: list[tuple[str, str, str]] = field(default_factory=list)  # (device, state, detail)
    counters: list[tuple[str, str]] = field(default_factory=list)  # (device, "read 1, write 2, cksum 3")
    spares: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # files with permanent errors (`zpool status -v`)
    groups: list[VdevGroup] = field(default_factory=list)  # replacing-N / spare-N vdevs


# Vdevs that group others: their state follows their members', so the members are named instead.
_GROUP_VDEV = re.compile(r"^(mirror|raidz\d?|draid\d?|replacing|spare)(-\d+|:\S+)?$")
_TEXT_KEYS = ("status", "action", "scan", "scrub")
# An ONLINE pool's `status:` that asks for nothing urgent: newer features or an older on-disk format.
_NOTICE = re.compile(
    r"features are not enabled|features? (is|are) not (enabled|supported)|legacy on-disk|older on-disk"
)


def _pools(text: str) -> list[PoolStatus]:
    pools: list[PoolStatus] = []
    in_config = in_files = False
    section = last_key = ""
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
            last_key = key.group(1)
            _set_field(pool, key.group(1), key.group(2), line)
        elif in_files and line.strip():
            pool.files.append(line.strip())
        elif in_config and line.strip():
            section = _read_config_row(pool, line, section)
        elif last_key in _TEXT_KEYS and line[:1].isspace() and line.strip():
            _continue_field(pool, last_key, line.strip())
    return pools


def _set_field(pool: PoolStatus, name: str, value: str, line: str) -> None:
    if name == "state":
        pool.state = value.strip()
    elif name in ("scan", "scrub"):
        pool.scan = value.strip()
    elif name == "errors":
        pool.errors = value.strip()
    elif name in ("status", "action"):
        setattr(pool, name, value.strip())
    if name in ("pool", "state", "scan", "scrub", "errors", "status"):
        pool.lines.append(line.strip())


def _continue_field(pool: PoolStatus, name: str, text: str) -> None:
    """A wrapped `status:`/`action:` sentence or the scan's progress lines."""
    field_name = "scan" if name == "scrub" else name
    setattr(pool, field_name, f"{getattr(pool, field_name)} {text}".strip())
    if name != "action":
        pool.lines.append(text)


def _read_config_row(pool: PoolStatus, line: str, section: str) -> str:
    stripped = line.strip()
    if stripped.split()[0] in _SECTIONS and len(stripped.split()) == 1:
        return stripped
    row = _ROW.match(line.expandtabs(8))
    if not row or row.group(2) == "NAME":
        return section
    device, state, detail = row.group(2), row.group(3), row.group(7).strip()
    _group_member(pool, device, len(row.group(1)))
    if section == "spares":
        if state == "AVAIL":
            pool.spares.append(device)
        return section
    if device == pool.name:
        pool.detail = detail
    if state in _BAD:
        pool.bad.append((device, state, detail))
        pool.lines.append(stripped)
    counts = [row.group(4), row.group(5), row.group(6)]
    if all(counts) and any(c != "0" for c in counts):
        pool.counters.append((device, f"read {counts[0]}, write {counts[1]}, checksum {counts[2]}"))
        if state not in _BAD:
            pool.lines.append(stripped)
    return section


def _group_member(pool: PoolStatus, device: str, indent: int) -> None:
    """Record a `replacing`/`spare` vdev's direct members (old device first, the new one or spare last)."""
    for group in pool.groups:
        if group.open and group.indent >= indent:
            group.open = False
    inner = next((g for g in reversed(pool.groups) if g.open), None)
    if inner and (not inner.members or inner.members[0][0] == indent):
        inner.members.append((indent, device))
    match = re.match(r"^(replacing|spare)(-\d+)?$", device)
    if match:
        pool.groups.append(VdevGroup(match.group(1), indent))


def _changes(pool: PoolStatus) -> dict[str, str]:
    """``{old device: "sda is being replaced by sdc"}`` and ``{failed: "spare X has taken its place"}``."""
    found: dict[str, str] = {}
    for group in pool.groups:
        names = [name for _, name in group.members]
        if len(names) < 2 or _GROUP_VDEV.match(names[0]):
            continue
        if group.kind == "replacing":
            found[names[0]] = f"{names[0]} is being replaced by {names[-1]}"
        else:
            found[names[0]] = f"spare {names[-1]} has taken its place"
    return found


def parse_zpool_status(text: str, ctx: ParseContext) -> list[Finding]:
    """One finding per pool: DEGRADED/FAULTED pools fail naming the devices at fault."""
    if "no pools available" in text:
        return [ctx.make(Status.OK, "There are no ZFS pools on this device.", [text.strip()], "")]
    if text.strip() == "all pools are healthy":  # `zpool status -x`
        return [ctx.make(Status.OK, "All pools are healthy (`zpool status -x`).", [text.strip()], "")]
    named = re.fullmatch(r"pool '(\S+)' is healthy", text.strip())  # `zpool status -x NAME`
    if named:
        summary = f"Pool {named.group(1)} is healthy (`zpool status -x`)."
        return [ctx.make(Status.OK, summary, [text.strip()], named.group(1))]
    pools = _pools(text)
    if not pools:
        raise ParseError("this is not `zpool status` output")
    return [_judge_pool(pool, ctx) for pool in pools]


def _named(pool: PoolStatus) -> list[str]:
    """``sdb is FAULTED (cannot open), read 0, write 7, checksum 0 errors``, replacements and spares."""
    changes = _changes(pool)
    counters = dict(pool.counters)
    named = []
    for dev, state, detail in pool.bad:
        if _GROUP_VDEV.match(dev) or dev == pool.name:
            continue
        text = f"{dev} is {state}" + (f" ({detail})" if detail else "")
        text += f", {counters[dev]} errors" if dev in counters else ""
        if dev in changes and changes[dev].startswith("spare"):
            text += f" ({changes.pop(dev)})"
        named.append(text)
    return named + [text for dev, text in changes.items() if not text.startswith("spare")]


def _judge_pool(pool: PoolStatus, ctx: ParseContext) -> Finding:
    label = f"Pool {pool.name}"
    named = _named(pool)
    spare = f"; spare {pool.spares[0]} is available" if len(pool.spares) == 1 else ""
    spare = spare or (f"; spares {join_names(pool.spares)} are available" if pool.spares else "")
    data_errors = pool.errors and not pool.errors.startswith("No known")
    if not pool.state:
        summary = f"{label}: the output was cut before its state, so its health is not known."
        return ctx.make(Status.ERROR, summary, pool.lines, pool.name)
    if pool.state in ("FAULTED", "UNAVAIL", "SUSPENDED") or data_errors:
        unusable = pool.state in ("FAULTED", "UNAVAIL", "SUSPENDED")
        plain = not pool.detail or pool.detail == "insufficient replicas"  # says no more than the state
        why = f" ({pool.detail})" if unusable and not plain else ""
        parts = [f"is {pool.state}{why}" + (" and cannot be used" if unusable else "")]
        if named:
            parts.append(join_names(named))
        if data_errors:
            parts.append(_data_errors(pool))
        summary = f"{label} {'; '.join(parts)}."
        return ctx.make(Status.FAIL, summary, pool.lines + pool.files[:_MAX_FILES], pool.name)
    if pool.state != "ONLINE":
        devices = join_names(named) or "a device is missing"
        if re.search(r"resilver(?: \([^)]*\))? in progress", pool.scan):
            progress = re.search(r"([\d.]+)% done", pool.scan)
            done = f", {progress.group(1)}% done" if progress else ""
            summary = f"{label} is {pool.state} and resilvering{done}: {devices}."
            return ctx.make(Status.WARN, summary, pool.lines, pool.name)
        return ctx.make(Status.FAIL, f"{label} is {pool.state}: {devices}{spare}.", pool.lines, pool.name)
    if pool.counters:
        errs = "; ".join(f"{dev}: {text}" for dev, text in pool.counters)
        summary = f"{label} is ONLINE but devices logged errors ({errs}); run `zpool clear` after checking."
        return ctx.make(Status.WARN, summary, pool.lines, pool.name)
    if pool.status and not _NOTICE.search(pool.status):
        action = f" {pool.action.rstrip('.')}." if pool.action else ""
        summary = f"{label} is ONLINE but ZFS reports: {pool.status.rstrip('.')}.{action}"
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
# Without a header the health word's place tells the layout: ours (`-o name,size,alloc,free,cap,health`),
# telegraf's and FreeBSD tools' (`-o name,health,size,alloc,free,fragmentation,capacity,dedupratio`), and
# plain `zpool list -H` of ZFS 0.6 (no FRAG), 0.7 (EXPANDSZ, FRAG) and 0.8+ (CKPOINT).
_H_LAYOUTS = {
    5: _H_COLUMNS,
    1: ("name", "health", "size", "alloc", "free", "frag", "cap", "dedup"),
    6: ("name", "size", "alloc", "free", "cap", "dedup", "health", "altroot"),
    8: ("name", "size", "alloc", "free", "expandsz", "frag", "cap", "dedup", "health", "altroot"),
    9: ("name", "size", "alloc", "free", "ckpoint", "expandsz", "frag", "cap", "dedup", "health", "altroot"),
}


def _columns(lines: list[str], ctx: ParseContext) -> tuple[list[str], list[str]]:
    """The column names and the data rows: from the header, from ``columns`` (`-H -o …`), or by layout."""
    if lines[0].split()[0] == "NAME":
        return [w.lower() for w in lines[0].split()], lines[1:]
    first = [w.strip() for w in (lines[0].split("\t") if "\t" in lines[0] else lines[0].split())]
    if "columns" in ctx.params:
        columns = [str(c).lower() for c in ctx.params["columns"]]
        if "health" in columns and len(first) >= len(columns) and first[columns.index("health")] in _STATES:
            return columns, lines
        raise ParseError("this is not `zpool list` output")
    at = next((i for i, word in enumerate(first) if word in _STATES), None)
    if at in _H_LAYOUTS and len(first) >= at + 1:
        return list(_H_LAYOUTS[at]), lines
    raise ParseError("this is not `zpool list` output")


def parse_zpool_list(text: str, ctx: ParseContext) -> list[Finding]:
    """`zpool list [-v] [-p]` with its header, or `zpool list -H [-o …]` (layout by the health column).

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
