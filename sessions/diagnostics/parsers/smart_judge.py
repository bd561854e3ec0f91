"""SMART verdicts: a DiskHealth judged into a finding whose advice fits the cause (wear, heat, cable, off)."""

from __future__ import annotations

from dataclasses import dataclass

from sessions.diagnostics.findings import Finding, Status
from sessions.diagnostics.parsers.context import ParseContext, join_names, plural
from sessions.diagnostics.parsers.smart import (
    CRC_ATTRIBUTE,
    DEFAULT_ATA_COUNTERS,
    DiskHealth,
    read_smart_json,
    read_smart_text,
)

# NVMe Critical Warning bits (NVMe base specification, SMART / Health Information log, byte 0).
_NVME_BITS = {
    0x01: "its spare blocks are below the threshold",
    0x04: "reports its reliability is degraded",
    0x08: "has switched itself to read-only",
    0x10: "reports its volatile memory backup has failed",
}
_NVME_HEAT_BIT = 0x02
_ADVICE = {
    "cable": "reseat or replace its data cable, or move it to another bay (the disk itself is not at fault)",
    "heat": "improve its cooling: airflow, fans, dust filters, the room's temperature",
    "off": "turn SMART on (`smartctl -s on {device}`) so it can warn of its own failure",
}


@dataclass(frozen=True, slots=True)
class Problem:
    status: Status
    text: str
    kind: str  # wear, heat, cable, off


def judge_disk(health: DiskHealth, ctx: ParseContext) -> Finding:
    """Thresholds: ``ata_counters`` (id → words), ``warn_temp_c`` / ``fail_temp_c`` (ATA, SCSI),
    ``nvme_warn_temp_c`` / ``nvme_fail_temp_c`` (NVMe without its own thresholds), ``nvme_used_warn``."""
    name = (health.device or ctx.target).removeprefix("/dev/")
    label = (f"Disk {name}" if name else "The disk") + (f" ({health.model})" if health.model else "")
    target = ctx.target or health.device
    problems = _problems(health, ctx)
    if health.passed is False:
        extra = f"; {'; '.join(p.text for p in problems)}" if problems else ""
        summary = (
            f"{label} reports SMART FAILED: it predicts its own failure{extra}. Back up and replace it now."
        )
        return ctx.make(Status.FAIL, summary, health.evidence, target)
    if problems:
        status = Status.FAIL if any(p.status is Status.FAIL for p in problems) else Status.WARN
        lead = f"{label} passed SMART but" if health.passed else label
        advice = _advice(problems, status, health.device or ctx.target or "/dev/DISK")
        summary = f"{lead} {join_names([p.text for p in problems])}: {advice}."
        return ctx.make(status, summary, health.evidence, target)
    temp = f", {health.temperature} °C" if health.temperature is not None else ""
    if health.unread and not health.counters:
        summary = (
            f"{label}: SMART {'passed' if health.passed else 'gave no verdict'}{temp}, but its attributes "
            f"could not be read ({health.unread}), so its sector counters were not checked."
        )
        return ctx.make(Status.OK, summary, health.evidence, target)
    verdict = "SMART passed" if health.passed else "no SMART verdict, no bad counters"
    return ctx.make(Status.OK, f"{label} is healthy: {verdict}{temp}.", health.evidence, target)


def _advice(problems: list[Problem], status: Status, device: str) -> str:
    kinds = [p.kind for p in problems]
    parts = []
    if "wear" in kinds:
        worn = [p for p in problems if p.kind == "wear"]
        failing = any(p.status is Status.FAIL for p in worn)
        parts.append("replace it soon" if failing else "back up and plan to replace it")
    for kind in ("heat", "cable", "off"):
        if kind in kinds:
            parts.append(_ADVICE[kind].format(device=device))
    return "; ".join(dict.fromkeys(parts))


def _problems(health: DiskHealth, ctx: ParseContext) -> list[Problem]:
    found: list[Problem] = []
    if health.smart_enabled is False:
        found.append(Problem(Status.WARN, "has SMART switched off", "off"))
    if health.failing_now:
        verb = "is" if len(health.failing_now) == 1 else "are"
        found.append(Problem(Status.FAIL, f"{join_names(health.failing_now)} {verb} failing now", "wear"))
    counters = ctx.params.get("ata_counters") or DEFAULT_ATA_COUNTERS
    counts = [
        _count(health.counters[str(i)], w) for i, w in counters.items() if health.counters.get(str(i), 0) > 0
    ]
    if counts:
        found.append(Problem(Status.WARN, f"has {join_names(counts)}", "wear"))
    crc = health.counters.get(CRC_ATTRIBUTE, 0)
    if crc:
        text = f"has logged {plural(crc, 'interface CRC error')} (attribute 199: the cable or backplane)"
        found.append(Problem(Status.WARN, text, "cable"))
    found.extend(_nvme_problems(health, ctx))
    if health.grown_defects:
        found.append(
            Problem(
                Status.WARN, f"has {plural(health.grown_defects, 'grown defect')} (remapped blocks)", "wear"
            )
        )
    if health.uncorrected:
        counts = [f"{n} uncorrected {kind}" for kind, n in health.uncorrected.items()]
        found.append(Problem(Status.WARN, f"has {join_names(counts)} errors", "wear"))
    if health.last_selftest_failed:
        found.append(
            Problem(Status.WARN, f'its last self-test ended with "{health.last_selftest_failed}"', "wear")
        )
    heat = _heat(health, ctx)
    if heat is not None:
        found.append(heat)
    return found


def _count(number: int, words: str) -> str:
    """``1 reallocated sector``, ``12 reallocated sectors`` (the profile gives the plural)."""
    return f"{number} {words[:-1] if number == 1 and words.endswith('s') else words}"


def _nvme_problems(health: DiskHealth, ctx: ParseContext) -> list[Problem]:
    found: list[Problem] = []
    bits = [text for bit, text in _NVME_BITS.items() if health.critical_warning & bit]
    unknown = health.critical_warning & ~0x1F
    if unknown:
        bits.append(f"reports NVMe critical warning bits 0x{unknown:02x}")
    if bits:
        code = f"critical warning 0x{health.critical_warning:02x}"
        found.append(Problem(Status.FAIL, f"{join_names(bits)} ({code})", "wear"))
    if health.media_errors:
        found.append(
            Problem(
                Status.WARN, f"has {plural(health.media_errors, 'media and data integrity error')}", "wear"
            )
        )
    if health.spare and health.spare[0] <= health.spare[1] and not health.critical_warning & 0x01:
        text = f"has only {health.spare[0]}% spare blocks left (threshold {health.spare[1]}%)"
        found.append(Problem(Status.FAIL, text, "wear"))
    used = health.percentage_used
    if used is not None and used >= ctx.number("nvme_used_warn", 90):
        found.append(Problem(Status.WARN, f"has used {used}% of its rated endurance", "wear"))
    return found


def _limits(health: DiskHealth, ctx: ParseContext) -> tuple[float, float, str]:
    """(warn at, fail at, whose limits) for this disk's temperature."""
    if health.nvme:
        warn = health.warn_temperature or ctx.number("nvme_warn_temp_c", 70)
        fail = health.crit_temperature or max(warn + 5, ctx.number("nvme_fail_temp_c", 80))
        own = "its" if health.warn_temperature or health.crit_temperature else "the usual"
        return warn, fail, own
    fail = health.crit_temperature or ctx.number("fail_temp_c", 65)
    warn = min(ctx.number("warn_temp_c", 55), fail - 1)
    return warn, fail, "its" if health.crit_temperature else "the usual"


def _heat(health: DiskHealth, ctx: ParseContext) -> Problem | None:
    temp = health.temperature
    warn, fail, own = _limits(health, ctx)
    flagged = bool(health.critical_warning & _NVME_HEAT_BIT)
    if temp is not None and temp >= fail:
        return Problem(Status.FAIL, f"is too hot ({temp} °C; {own} critical limit is {fail:g} °C)", "heat")
    if temp is not None and temp >= warn:
        return Problem(Status.WARN, f"runs hot ({temp} °C; {own} warning limit is {warn:g} °C)", "heat")
    if flagged:
        now = f", {temp} °C now" if temp is not None else ""
        text = f"reports it has been past a temperature threshold (critical warning 0x02{now})"
        return Problem(Status.WARN, text, "heat")
    return None


def parse_smart_json(text: str, ctx: ParseContext) -> list[Finding]:
    return [judge_disk(read_smart_json(text, ctx.target, cut=ctx.cut), ctx)]


def parse_smart_text(text: str, ctx: ParseContext) -> list[Finding]:
    return [judge_disk(read_smart_text(text, ctx.target, cut=ctx.cut), ctx)]


def parse_smart(text: str, ctx: ParseContext) -> list[Finding]:
    """JSON when the output is JSON, text otherwise."""
    if text.lstrip().startswith("{"):
        return parse_smart_json(text, ctx)
    return parse_smart_text(text, ctx)
