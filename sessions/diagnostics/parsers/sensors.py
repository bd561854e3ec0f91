"""Hardware sensors (`sensors` from lm-sensors): alarms, stopped fans, temperatures over their limits."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sessions.diagnostics.findings import Finding, Status
from sessions.diagnostics.parsers.context import ParseContext, ParseError, join_names

_READING = re.compile(r"^([^:]+):\s+(.*)$")
_TEMP = re.compile(r"([+-]?[\d.]+)\s*°?C")
_LIMIT = re.compile(r"(high|crit)\s*=\s*([+-]?[\d.]+)\s*°?C")
_FAN = re.compile(r"^(\d+)\s*RPM")


@dataclass
class Chip:
    name: str
    alarms: list[str] = field(default_factory=list)
    stopped_fans: list[str] = field(default_factory=list)
    hot: list[str] = field(default_factory=list)
    critical: list[str] = field(default_factory=list)
    temps: list[float] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


def _chips(text: str) -> list[Chip]:
    chips: list[Chip] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        if ":" not in line and not line.startswith(" "):
            chips.append(Chip(line.strip()))
            continue
        reading = _READING.match(line)
        if not chips or not reading or reading.group(1) == "Adapter":
            continue
        _read(chips[-1], reading.group(1).strip(), reading.group(2), line)
    return chips


def _read(chip: Chip, label: str, value: str, line: str) -> None:
    if "sensor = disabled" in value:
        return
    alarm = "ALARM" in value
    fan = _FAN.match(value)
    temp = _TEMP.match(value) if "°C" in value or value.rstrip().endswith("C") else None
    if fan and int(fan.group(1)) == 0:
        chip.stopped_fans.append(label)
        chip.evidence.append(line.strip())
    elif temp and -40 < float(temp.group(1)) < 150:
        degrees = float(temp.group(1))
        chip.temps.append(degrees)
        limits = {k: float(v) for k, v in _LIMIT.findall(value)}
        if limits.get("crit", 0) > 0 and degrees >= limits["crit"]:
            chip.critical.append(f"{label} at {degrees:g} °C")
        elif limits.get("high", 0) > 0 and degrees >= limits["high"]:
            chip.hot.append(f"{label} at {degrees:g} °C")
        elif alarm:
            chip.alarms.append(label)
        if alarm or (chip.critical and chip.critical[-1].startswith(label)):
            chip.evidence.append(line.strip())
        return
    elif alarm and not fan:
        chip.alarms.append(label)
        chip.evidence.append(line.strip())


def parse_sensors(text: str, ctx: ParseContext) -> list[Finding]:
    """One finding per chip. ``fan_zero_rpm`` (``warn`` or ``ok``) says whether a 0 RPM fan is a problem."""
    chips = _chips(text)
    if not chips:
        raise ParseError("`sensors` found no sensor chips")
    fan_status = Status(str(ctx.params.get("fan_zero_rpm", "warn")))
    return [_judge(chip, ctx, fan_status) for chip in chips]


def _judge(chip: Chip, ctx: ParseContext, fan_status: Status) -> Finding:
    problems = []
    if chip.critical:
        problems.append(f"{join_names(chip.critical)} above the critical limit")
    if chip.hot:
        problems.append(f"{join_names(chip.hot)} over the high limit")
    if chip.stopped_fans:
        problems.append(f"{join_names(chip.stopped_fans)} at 0 RPM (stopped or not connected)")
    intrusion = [a for a in chip.alarms if a.startswith("intrusion")]
    others = [a for a in chip.alarms if a not in intrusion]
    if others:
        problems.append(f"alarm on {join_names(others)} (reading out of range)")
    if intrusion:
        problems.append(f"chassis {join_names(intrusion)} alarm (the case was opened)")
    if chip.critical:
        status = Status.FAIL
    elif chip.hot or chip.alarms or (chip.stopped_fans and fan_status is not Status.OK):
        status = Status.WARN
    else:
        status = Status.OK
    if status is Status.OK:
        temps = f"; temperatures {min(chip.temps):g}–{max(chip.temps):g} °C" if chip.temps else ""
        note = f"; {problems[0]}" if problems else ""
        return ctx.make(
            Status.OK, f"Sensors on {chip.name} are within limits{temps}{note}.", chip.evidence, chip.name
        )
    summary = f"Sensors on {chip.name} report {'; '.join(problems)}."
    return ctx.make(status, summary, chip.evidence, chip.name)
