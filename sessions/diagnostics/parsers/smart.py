"""SMART: `smartctl -j -a` (ATA and NVMe), the text output as fallback, and disk discovery."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from sessions.diagnostics.findings import Finding, Status
from sessions.diagnostics.parsers.context import ParseContext, ParseError, join_names, plural

# ATA attributes whose raw value counts bad sectors or errors: id → words for a person.
DEFAULT_ATA_COUNTERS = {
    "5": "reallocated sectors",
    "197": "pending sectors",
    "198": "offline uncorrectable sectors",
    "187": "reported uncorrectable errors",
}


@dataclass
class DiskHealth:
    """What both the JSON and the text reader extract; judged by one function."""

    device: str
    model: str = ""
    passed: bool | None = None
    nvme: bool = False
    temperature: int | None = None
    counters: dict[str, int] = field(default_factory=dict)  # ATA attribute id → raw count
    failing_now: list[str] = field(default_factory=list)
    critical_warning: int = 0
    media_errors: int = 0
    spare: tuple[int, int] | None = None  # (available, threshold) percent
    percentage_used: int | None = None
    last_selftest_failed: str = ""
    evidence: list[str] = field(default_factory=list)


def _leading_int(text: str) -> int:
    match = re.match(r"\s*(\d+)", str(text))
    return int(match.group(1)) if match else 0


def read_smart_json(text: str, device: str) -> DiskHealth:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"smartctl did not print JSON ({exc.msg})") from exc
    if not isinstance(data, dict) or "smartctl" not in data:
        raise ParseError("this JSON is not from smartctl")
    dev = data.get("device", {})
    health = DiskHealth(device=dev.get("name") or device, model=data.get("model_name", ""))
    health.nvme = dev.get("protocol") == "NVMe" or "nvme_smart_health_information_log" in data
    status = data.get("smart_status")
    if isinstance(status, dict) and "passed" in status:
        health.passed = bool(status["passed"])
        health.evidence.append(f"smart_status.passed: {str(health.passed).lower()}")
    health.temperature = data.get("temperature", {}).get("current")
    for attr in data.get("ata_smart_attributes", {}).get("table", []):
        raw = _leading_int(attr.get("raw", {}).get("string", attr.get("raw", {}).get("value", 0)))
        health.counters[str(attr["id"])] = raw
        if attr.get("when_failed") == "now":
            health.failing_now.append(attr.get("name", str(attr["id"])))
            health.evidence.append(f"{attr['id']} {attr.get('name')}: raw {raw}, failing now")
        elif raw and str(attr["id"]) in DEFAULT_ATA_COUNTERS:
            health.evidence.append(f"{attr['id']} {attr.get('name')}: raw {raw}")
    _read_nvme_json(health, data.get("nvme_smart_health_information_log"))
    table = data.get("ata_smart_self_test_log", {}).get("standard", {}).get("table", [])
    if table and table[0].get("status", {}).get("passed") is False:
        health.last_selftest_failed = table[0]["status"].get("string", "failed")
    if health.passed is None and not health.counters and not health.nvme:
        messages = [m.get("string", "") for m in data.get("smartctl", {}).get("messages", [])]
        raise ParseError("smartctl could not read SMART data: " + ("; ".join(messages) or "no health data"))
    return health


def _read_nvme_json(health: DiskHealth, log: dict[str, Any] | None, *, evidence: bool = True) -> None:
    if not log:
        return
    health.critical_warning = int(log.get("critical_warning", 0))
    health.media_errors = int(log.get("media_errors", 0))
    if "available_spare" in log:
        health.spare = (int(log["available_spare"]), int(log.get("available_spare_threshold", 0)))
    health.percentage_used = log.get("percentage_used")
    for key in ("critical_warning", "media_errors", "available_spare", "percentage_used"):
        if evidence and key in log:
            health.evidence.append(f"{key}: {log[key]}")


_ATTR_ROW = re.compile(r"^\s*(\d{1,3})\s+(\S+)\s+(\S+)\s+(\d{3})\s+(\d{3})\s+(\d{3}|---)\s+(.*)$")
_TEXT_FIELDS = {
    "Critical Warning": "critical_warning",
    "Media and Data Integrity Errors": "media_errors",
    "Available Spare": "available_spare",
    "Available Spare Threshold": "available_spare_threshold",
    "Percentage Used": "percentage_used",
    "Temperature": "temperature",
}


def read_smart_text(text: str, device: str) -> DiskHealth:
    if "SMART" not in text or ("=== START OF" not in text and "smartctl" not in text):
        raise ParseError("this is not smartctl output")
    health = DiskHealth(device=device)
    nvme_log: dict[str, int] = {}
    for line in text.splitlines():
        model = re.match(r"^(Device Model|Model Number|Product):\s+(.*)$", line)
        if model:
            health.model = model.group(2).strip()
        verdict = re.search(r"self-assessment test result:\s*(\w+)|SMART Health Status:\s*(\w+)", line)
        if verdict:
            health.passed = (verdict.group(1) or verdict.group(2)) in ("PASSED", "OK")
            health.evidence.append(line.strip())
        _read_text_attribute(health, line)
        field_match = re.match(r"^([A-Z][A-Za-z .]+?):\s+(0x[0-9a-fA-F]+|[\d,.]+)", line)
        if field_match and field_match.group(1) in _TEXT_FIELDS:
            value = field_match.group(2)
            number = int(value, 16) if value.startswith("0x") else _leading_int(value.replace(",", ""))
            nvme_log[_TEXT_FIELDS[field_match.group(1)]] = number
            if field_match.group(1) != "Temperature":
                health.evidence.append(line.strip())
        selftest = re.match(
            r"^#\s*1\s+.*?\s{2,}(Completed: \w[\w ]*?|Aborted[\w ]*?|Interrupted[\w ]*?)\s{2,}", line
        )
        if selftest and "without error" not in selftest.group(1):
            health.last_selftest_failed = selftest.group(1)
    if "critical_warning" in nvme_log or "media_errors" in nvme_log:
        health.nvme = True
        health.temperature = nvme_log.pop("temperature", None)
        _read_nvme_json(health, dict(nvme_log), evidence=False)
    if health.passed is None and not health.counters:
        raise ParseError("smartctl printed no health data")
    return health


def _read_text_attribute(health: DiskHealth, line: str) -> None:
    row = _ATTR_ROW.match(line)
    if not row:
        return
    rest = row.group(7).split()
    prefail_form = rest and rest[0] in ("Pre-fail", "Old_age")
    when_failed, raw_words = (rest[2], rest[3:]) if prefail_form else (rest[0], rest[1:])
    raw = _leading_int(" ".join(raw_words))
    attr_id = row.group(1)
    health.counters[attr_id] = raw
    if attr_id in ("194", "190") and health.temperature is None:
        health.temperature = raw
    if when_failed in ("FAILING_NOW", "now"):
        health.failing_now.append(row.group(2))
        health.evidence.append(line.strip())
    elif raw and attr_id in DEFAULT_ATA_COUNTERS:
        health.evidence.append(line.strip())


def parse_smart_json(text: str, ctx: ParseContext) -> list[Finding]:
    return [judge_disk(read_smart_json(text, ctx.target), ctx)]


def parse_smart_text(text: str, ctx: ParseContext) -> list[Finding]:
    return [judge_disk(read_smart_text(text, ctx.target), ctx)]


def parse_smart(text: str, ctx: ParseContext) -> list[Finding]:
    """JSON when the output is JSON, text otherwise."""
    if text.lstrip().startswith("{"):
        return parse_smart_json(text, ctx)
    return parse_smart_text(text, ctx)


def judge_disk(health: DiskHealth, ctx: ParseContext) -> Finding:
    """Thresholds: ``ata_counters`` (id → words), ``warn_temp_c`` / ``fail_temp_c``, ``nvme_used_warn``."""
    name = (health.device or ctx.target).removeprefix("/dev/")
    label = (f"Disk {name}" if name else "The disk") + (f" ({health.model})" if health.model else "")
    fails, warns = _problems(health, ctx)
    temp = f", {health.temperature} °C" if health.temperature is not None else ""
    target = ctx.target or health.device
    if health.passed is False:
        extra = f"; {'; '.join(fails + warns)}" if fails or warns else ""
        summary = (
            f"{label} reports SMART FAILED: it predicts its own failure{extra}. Back up and replace it now."
        )
        return ctx.make(Status.FAIL, summary, health.evidence, target)
    if fails:
        summary = f"{label} passed the SMART self-assessment but {'; '.join(fails + warns)}: replace it soon."
        return ctx.make(Status.FAIL, summary, health.evidence, target)
    if warns:
        summary = f"{label} passed SMART but {join_names(warns)}: back up and plan to replace it."
        return ctx.make(Status.WARN, summary, health.evidence, target)
    verdict = "SMART passed" if health.passed else "no SMART verdict, no bad counters"
    return ctx.make(Status.OK, f"{label} is healthy: {verdict}{temp}.", health.evidence, target)


def _problems(health: DiskHealth, ctx: ParseContext) -> tuple[list[str], list[str]]:
    fails: list[str] = []
    warns: list[str] = []
    if health.failing_now:
        fails.append(
            f"{join_names(health.failing_now)} {'is' if len(health.failing_now) == 1 else 'are'} failing now"
        )
    counters = ctx.params.get("ata_counters") or DEFAULT_ATA_COUNTERS
    counts = [
        f"{health.counters[i]} {words}" for i, words in counters.items() if health.counters.get(i, 0) > 0
    ]
    if counts:
        warns.append(f"has {join_names(counts)}")
    if health.critical_warning:
        fails.append(f"reports NVMe critical warning 0x{health.critical_warning:02x}")
    if health.media_errors:
        warns.append(f"has {plural(health.media_errors, 'media and data integrity error')}")
    if health.spare and health.spare[0] <= health.spare[1]:
        fails.append(f"has only {health.spare[0]}% spare blocks left (threshold {health.spare[1]}%)")
    used = health.percentage_used
    if used is not None and used >= ctx.number("nvme_used_warn", 90):
        warns.append(f"has used {used}% of its rated endurance")
    if health.last_selftest_failed:
        warns.append(f'its last self-test ended with "{health.last_selftest_failed}"')
    temp = health.temperature
    if temp is not None and temp >= ctx.number("fail_temp_c", 65):
        fails.append(f"is too hot ({temp} °C)")
    elif temp is not None and temp >= ctx.number("warn_temp_c", 55):
        warns.append(f"runs hot ({temp} °C)")
    return fails, warns


_SKIP_DISKS = re.compile(r"^(loop|ram|zram|sr|fd|md|dm-|nbd|mmcblk\d+boot)")


def smart_disks(text: str) -> list[str]:
    """Discovery: device paths from `smartctl --scan-open` or `lsblk -dn -o NAME,TYPE`."""
    disks: list[str] = []
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if words[0].startswith("/dev/"):
            path = words[0]
        elif len(words) >= 2 and words[1] == "disk" and not _SKIP_DISKS.match(words[0]):
            path = f"/dev/{words[0]}"
        else:
            continue
        if path not in disks:
            disks.append(path)
    return disks
