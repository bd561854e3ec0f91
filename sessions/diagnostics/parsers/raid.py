"""Linux software RAID: /proc/mdstat and `mdadm --detail`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sessions.diagnostics.findings import Finding, Status
from sessions.diagnostics.parsers.context import ParseContext, ParseError, join_names, plural

_ARRAY = re.compile(r"^(md[\w/]+)\s*:\s*(active|inactive)\s*((?:\([^)]*\)\s*)*)(.*)$")
_MEMBER = re.compile(r"^([\w./-]+)\[(\d+)\]((?:\([A-Z]\))*)$")
_COUNTS = re.compile(r"\[(\d+)/(\d+)\]\s*\[([U_]+)\]")
_PROGRESS = re.compile(
    r"\b(recovery|resync|reshape|check|repair)\s*=\s*([\d.]+)%(?:.*?finish=([\d.]+)min)?(?:.*?speed=(\S+))?"
)
_WAITING = re.compile(r"\b(resync|recovery|reshape)\s*=\s*(DELAYED|PENDING)")
_LEVELS = {"linear": "linear", "multipath": "multipath", "faulty": "faulty"}


def level_name(level: str) -> str:
    """``raid5`` → ``RAID 5``; ``linear`` stays."""
    match = re.fullmatch(r"raid(\d+)", level.strip().lower())
    return f"RAID {match.group(1)}" if match else _LEVELS.get(level, level or "unknown level")


@dataclass
class MdMember:
    name: str
    number: int
    flags: str

    @property
    def failed(self) -> bool:
        return "F" in self.flags

    @property
    def spare(self) -> bool:
        return "S" in self.flags


@dataclass
class MdArray:
    name: str
    active: bool
    level: str
    members: list[MdMember] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    total: int | None = None
    working: int | None = None
    slots: str = ""
    progress: tuple[str, float, str] | None = None
    waiting: str = ""
    external: bool = False
    complete: bool = True  # False: the output was cut inside this array's lines


def parse_mdstat_arrays(text: str, *, cut: bool = False) -> list[MdArray]:
    """The arrays of /proc/mdstat, in file order; with ``cut``, the last one read may be incomplete."""
    if "Personalities" not in text and not re.search(r"^md\w*\s*:", text, re.M):
        raise ParseError("this is not /proc/mdstat output")
    arrays: list[MdArray] = []
    current: MdArray | None = None
    for raw in text.splitlines():
        line = raw.rstrip()
        head = _ARRAY.match(line)
        if head:
            current = _array_from_head(head)
            arrays.append(current)
        elif not line.strip() or line.startswith(("Personalities", "unused devices")):
            current = None
        elif current is not None:
            _read_detail_line(current, line)
    if cut and current is not None:
        current.complete = False
    return arrays


def _array_from_head(head: re.Match[str]) -> MdArray:
    words = head.group(4).split()
    level = words[0] if words and "[" not in words[0] else ""
    array = MdArray(head.group(1), head.group(2) == "active", level, lines=[head.group(0)])
    for word in words[1:] if level else words:
        member = _MEMBER.match(word)
        if member:
            array.members.append(MdMember(member.group(1), int(member.group(2)), member.group(3)))
    return array


def _read_detail_line(array: MdArray, line: str) -> None:
    array.lines.append(line.strip())
    counts = _COUNTS.search(line)
    if counts:
        array.total, array.working, array.slots = int(counts.group(1)), int(counts.group(2)), counts.group(3)
    if "super external:" in line:
        array.external = True
    progress = _PROGRESS.search(line)
    if progress:
        finish = f"about {progress.group(3)} min left" if progress.group(3) else ""
        array.progress = (progress.group(1), float(progress.group(2)), finish)
    waiting = _WAITING.search(line)
    if waiting:
        array.waiting = f"{waiting.group(1)} {waiting.group(2).lower()}"


def parse_mdstat(text: str, ctx: ParseContext) -> list[Finding]:
    """One finding per md array; thresholds: ``partial_ok_arrays`` (QNAP's md9/md13 span all bays)."""
    arrays = parse_mdstat_arrays(text, cut=ctx.cut)
    if not arrays and ctx.cut:
        raise ParseError("the output was cut before the first array")
    if not arrays:
        return [ctx.make(Status.OK, "There are no software RAID (md) arrays on this device.", [], "")]
    partial_ok = ctx.names("partial_ok_arrays")
    return [_judge_array(a, ctx, a.name in partial_ok) for a in arrays]


def _describe(array: MdArray) -> str:
    """``Array md0 (RAID 5)``; just ``Array md2`` where mdstat prints no level (inactive, containers)."""
    return f"Array {array.name} ({level_name(array.level)})" if array.level else f"Array {array.name}"


def _judge_array(array: MdArray, ctx: ParseContext, partial_ok: bool) -> Finding:
    name = _describe(array)
    failed = [m.name for m in array.members if m.failed]
    evidence = array.lines
    if not array.complete and len(array.lines) == 1 and array.active:
        if failed:
            verb = "is" if len(failed) == 1 else "are"
            summary = (
                f"{name}: {join_names(failed)} {verb} marked failed; the output was cut before its state "
                "line, so whether the array is degraded is not known."
            )
            return ctx.make(Status.WARN, summary, evidence, array.name)
        summary = f"{name}: the output was cut before its state line, so its health is not known."
        return ctx.make(Status.ERROR, summary, evidence, array.name)
    if not array.active:
        if array.external:
            return ctx.make(
                Status.OK, f"{name} is a firmware RAID container (inactive is normal).", evidence, array.name
            )
        tail = f"; failed member {join_names(failed)}" if failed else ""
        members = join_names(sorted(m.name for m in array.members))
        examine = "check them with `mdadm --examine` before assembling it"
        assembled = f": it is not assembled (members {members}); {examine}" if members else ""
        summary = f"{name} is inactive and not serving data{tail}{assembled}."
        return ctx.make(Status.FAIL, summary, evidence, array.name)
    total, working = array.total, array.working
    if total is not None and working is not None and working < total and not (partial_ok and not failed):
        return _judge_degraded(array, ctx, name, failed)
    return _judge_complete(array, ctx, name, failed, partial_ok)


def _judge_degraded(array: MdArray, ctx: ParseContext, name: str, failed: list[str]) -> Finding:
    assert array.total is not None and array.working is not None
    gaps = [str(i) for i, c in enumerate(array.slots) if c == "_"]
    who = [f"{join_names(failed)} {'has' if len(failed) == 1 else 'have'} failed"] if failed else []
    if len(gaps) > len(failed):
        slots = (
            f"the disk in slot {gaps[0]} is"
            if len(gaps) == 1
            else f"the disks in slots {join_names(gaps)} are"
        )
        who.append(f"{slots} missing")
    who[-1] += f" [{array.slots}]"
    counts = f"{array.working} of {array.total} disks"
    if array.progress and array.progress[0] in ("recovery", "reshape", "resync"):
        kind, pct, finish = array.progress
        verb = {"recovery": "rebuilding", "reshape": "reshaping", "resync": "resyncing"}[kind]
        rebuilding = _replacements(array)
        onto = f" onto {join_names(rebuilding)}" if rebuilding and kind == "recovery" else ""
        when = f", {finish}" if finish else ""
        summary = f"{name} is degraded and {verb}{onto}: {counts}, {pct:g}% done{when}; {'; '.join(who)}."
        return ctx.make(Status.WARN, summary, array.lines, array.name)
    attached = [m for m in array.members if not m.failed and not m.spare]
    replacements = _replacements(array)
    if array.waiting and (replacements or len(attached) > array.working):
        onto = join_names(replacements) if replacements else "its new disk"
        summary = (
            f"{name} is degraded and waiting to rebuild onto {onto} "
            f"({array.waiting}: queued behind another array's rebuild or check): {counts} [{array.slots}]"
            + (f"; {join_names(failed)} failed" if failed else "")
            + "."
        )
        return ctx.make(Status.WARN, summary, array.lines, array.name)
    summary = f"{name} is degraded: {counts}; {'; '.join(who)}."
    return ctx.make(Status.FAIL, summary, array.lines, array.name)


def _replacements(array: MdArray) -> list[str]:
    """Members added to fill the gaps: numbered past the array's size, when that tells them apart."""
    assert array.total is not None
    found = [m.name for m in array.members if m.number >= array.total and not m.failed and not m.spare]
    return found if len(found) <= array.slots.count("_") else []


def _judge_complete(
    array: MdArray, ctx: ParseContext, name: str, failed: list[str], partial_ok: bool
) -> Finding:
    disks = len([m for m in array.members if not m.spare and not m.failed])
    spares = [m.name for m in array.members if m.spare and not m.failed]
    spare_note = f" and {plural(len(spares), 'spare')}" if spares else ""
    if failed:
        summary = (
            f"{name} has all its disks but {join_names(failed)} "
            f"{'is' if len(failed) == 1 else 'are'} marked failed and should be replaced."
        )
        return ctx.make(Status.WARN, summary, array.lines, array.name)
    if array.progress:
        kind, pct, finish = array.progress
        when = f", {finish}" if finish else ""
        if kind == "check":
            summary = f"{name} is healthy; a routine consistency check is {pct:g}% done{when}."
            return ctx.make(Status.OK, summary, array.lines, array.name)
        verb = {"recovery": "rebuilding a disk", "resync": "resyncing", "reshape": "reshaping"}.get(
            kind, kind
        )
        summary = f"{name} is {verb}: {pct:g}% done{when}; redundancy is reduced until it finishes."
        return ctx.make(Status.WARN, summary, array.lines, array.name)
    if array.waiting:
        counts = f"{array.working} of {array.total} disks" if array.total else plural(disks, "disk")
        summary = (
            f"{name} is healthy: {counts}; a {array.waiting.split()[0]} is queued ({array.waiting}) "
            "and starts when the disks are free."
        )
        return ctx.make(Status.OK, summary, array.lines, array.name)
    if partial_ok:
        summary = f"{name} is a system array mirrored on {plural(disks, 'disk')} (empty bays are normal)."
        return ctx.make(Status.OK, summary, array.lines, array.name)
    counts = f"{array.working} of {array.total} disks" if array.total else plural(disks, "disk")
    redundancy = " (no redundancy)" if array.level in ("raid0", "linear") else ""
    summary = f"{name} is healthy: {counts}{spare_note}{redundancy}."
    return ctx.make(Status.OK, summary, array.lines, array.name)


_DETAIL_KEY = re.compile(r"^\s*([A-Za-z][A-Za-z ]*?)\s*:\s*(.*)$")
_DETAIL_ROW = re.compile(r"^\s*(\d+|-)\s+(\d+)\s+(\d+)\s+(\d+|-)\s+(.*?)\s*(/dev/\S+)?\s*$")


def parse_mdadm_detail(text: str, ctx: ParseContext) -> list[Finding]:
    """One finding for the array `mdadm --detail` describes."""
    lines = text.splitlines()
    header = next((ln.strip().rstrip(":") for ln in lines if ln.startswith("/dev/md")), "")
    fields: dict[str, str] = {}
    rows: list[tuple[str, str, str]] = []
    for line in lines:
        row = _DETAIL_ROW.match(line)
        if row and "Number" not in line:
            rows.append((row.group(4), row.group(5).strip(), (row.group(6) or "").removeprefix("/dev/")))
            continue
        key = _DETAIL_KEY.match(line)
        if key:
            fields[key.group(1)] = key.group(2).strip()
    if fields.get("Raid Level") == "container":
        name = (header or ctx.target).removeprefix("/dev/")
        members = fields.get("Member Arrays", "").split()
        inside = f" holding {join_names(members)}" if members else ""
        summary = f"Array {name} is a firmware RAID container{inside}; its arrays are checked on their own."
        return [ctx.make(Status.OK, summary, [ln for ln in lines if "Raid Level" in ln], name)]
    if "State" not in fields or "Raid Level" not in fields:
        raise ParseError("this is not `mdadm --detail` output")
    return [_judge_detail(header or ctx.target, fields, rows, lines, ctx)]


def _judge_detail(
    device: str, fields: dict[str, str], rows: list[tuple[str, str, str]], lines: list[str], ctx: ParseContext
) -> Finding:
    name = device.removeprefix("/dev/")
    state = fields["State"].lower()
    label = f"Array {name} ({level_name(fields['Raid Level'])})"
    evidence = [ln for ln in lines if re.search(r"State|Devices|Status :|removed|faulty|rebuilding", ln)]
    counts = f"{fields.get('Active Devices', '?')} of {fields.get('Raid Devices', '?')} disks"
    faulty = [dev for _, st, dev in rows if "faulty" in st and dev]
    removed = [slot for slot, st, _ in rows if st == "removed"]
    rebuilding = [dev for _, st, dev in rows if "rebuilding" in st and dev]
    who = []
    if faulty:
        who.append(f"{join_names(faulty)} {'has' if len(faulty) == 1 else 'have'} failed")
    if removed:
        who.append(f"the disk in slot {join_names(removed)} is missing (removed)")
    progress = fields.get("Rebuild Status") or fields.get("Reshape Status") or fields.get("Resync Status")
    if "inactive" in state or "failed" in state or "not started" in state:
        return ctx.make(Status.FAIL, f"{label} is not running (state: {state}).", evidence, name)
    if "degraded" in state and progress:
        onto = f" onto {join_names(rebuilding)}" if rebuilding else ""
        summary = f"{label} is degraded and rebuilding{onto}: {counts}, {progress}."
        if who:
            summary = summary[:-1] + f"; {'; '.join(who)}."
        return ctx.make(Status.WARN, summary, evidence, name)
    if "degraded" in state:
        detail = "; ".join(who) or "a disk is missing"
        return ctx.make(Status.FAIL, f"{label} is degraded: {counts}; {detail}.", evidence, name)
    if progress or any(word in state for word in ("recovering", "resyncing", "reshaping")):
        return ctx.make(Status.WARN, f"{label} is {state} ({progress or 'in progress'}).", evidence, name)
    if faulty:
        summary = f"{label} is complete but {join_names(faulty)} is marked faulty and should be removed."
        return ctx.make(Status.WARN, summary, evidence, name)
    return ctx.make(Status.OK, f"{label} is healthy: {counts} (state: {state}).", evidence, name)


def md_array_names(text: str) -> list[str]:
    """Discovery for per-array checks: ``/dev/md1`` for every active array in /proc/mdstat."""
    return [f"/dev/{a.name}" for a in parse_mdstat_arrays(text) if a.active and not a.external]
