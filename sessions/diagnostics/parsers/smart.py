"""SMART: `smartctl -j -a` and its text (ATA, NVMe, SCSI/SAS) read into one DiskHealth; disk discovery."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from sessions.diagnostics.parsers.context import ParseError
from sessions.diagnostics.parsers.cut import load_cut_json

# ATA attributes whose raw value counts bad sectors or errors: id → words for a person.
DEFAULT_ATA_COUNTERS = {
    "5": "reallocated sectors",
    "197": "pending sectors",
    "198": "offline uncorrectable sectors",
    "187": "reported uncorrectable errors",
}
# Interface CRC errors: the link (cable, backplane slot), not the disk's surface.
CRC_ATTRIBUTE = "199"


@dataclass
class DiskHealth:
    """What the JSON and the text readers extract; judged by smart_judge.judge_disk."""

    device: str
    model: str = ""
    passed: bool | None = None
    smart_enabled: bool | None = None
    nvme: bool = False
    scsi: bool = False
    temperature: int | None = None
    warn_temperature: int | None = None  # the drive's own: NVMe WCTEMP
    crit_temperature: int | None = None  # NVMe CCTEMP, SCSI drive trip
    counters: dict[str, int] = field(default_factory=dict)  # ATA attribute id → raw count
    failing_now: list[str] = field(default_factory=list)
    critical_warning: int = 0
    media_errors: int = 0
    spare: tuple[int, int] | None = None  # (available, threshold) percent
    percentage_used: int | None = None
    grown_defects: int = 0  # SCSI
    uncorrected: dict[str, int] = field(default_factory=dict)  # SCSI error counter log: read/write/verify
    last_selftest_failed: str = ""
    unread: str = ""  # "Read SMART Data failed: …": the verdict came, the attribute table did not
    evidence: list[str] = field(default_factory=list)


def celsius(value: object) -> int | None:
    """A drive temperature, or None where the drive has no sensor (0) or the value is garbage."""
    return value if isinstance(value, int) and 0 < value < 150 else None


def _leading_int(text: str) -> int:
    match = re.match(r"\s*(\d+)", str(text))
    return int(match.group(1)) if match else 0


def _load_json(text: str, cut: bool) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if not cut:
            raise ParseError(f"smartctl did not print JSON ({exc.msg})") from exc
    try:
        return load_cut_json(text)
    except ValueError as exc:
        raise ParseError("the output was cut before smartctl printed any data") from exc


# smartctl's data keys: tools that store its JSON (scrutiny) may drop the "smartctl" header and keep these.
_SMART_KEYS = (
    "smart_status",
    "smart_support",
    "ata_smart_attributes",
    "nvme_smart_health_information_log",
    "scsi_grown_defect_list",
    "scsi_error_counter_log",
)
NO_SMART = "the device has no SMART (a RAID controller's volume, a USB bridge or a virtual disk)"


def _is_smartctl_json(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    if "smartctl" in data or "json_format_version" in data:
        return True
    return isinstance(data.get("device"), dict) and any(key in data for key in _SMART_KEYS)


def read_smart_json(text: str, device: str, *, cut: bool = False) -> DiskHealth:
    data = _load_json(text, cut)
    if not _is_smartctl_json(data):
        raise ParseError("this JSON is not from smartctl")
    dev = data.get("device", {})
    health = DiskHealth(device=dev.get("name") or device)
    health.model = data.get("model_name") or data.get("scsi_model_name") or ""
    health.nvme = dev.get("protocol") == "NVMe" or "nvme_smart_health_information_log" in data
    health.scsi = dev.get("protocol") == "SCSI"
    support = data.get("smart_support", {})
    if isinstance(support, dict) and "enabled" in support:
        health.smart_enabled = bool(support["enabled"])
        if not health.smart_enabled:
            health.evidence.append("smart_support.enabled: false")
    status = data.get("smart_status")
    if isinstance(status, dict) and "passed" in status:
        health.passed = bool(status["passed"])
        health.evidence.append(f"smart_status.passed: {str(health.passed).lower()}")
    _read_json_temperature(health, data)
    _read_ata_json(health, data)
    _read_nvme_json(health, data.get("nvme_smart_health_information_log"))
    _read_scsi_json(health, data)
    if (
        health.passed is None
        and not health.counters
        and not data.get("nvme_smart_health_information_log")
        and health.smart_enabled is not False
    ):
        messages = [m.get("string", "") for m in data.get("smartctl", {}).get("messages", [])]
        if cut:
            raise ParseError("the output was cut before smartctl printed the health verdict")
        if not messages:
            raise ParseError(NO_SMART)
        raise ParseError("smartctl could not read SMART data: " + "; ".join(messages))
    return health


def _read_json_temperature(health: DiskHealth, data: dict[str, Any]) -> None:
    temperature = data.get("temperature", {})
    health.temperature = celsius(temperature.get("current"))
    thresholds = data.get("nvme_composite_temperature_threshold", {})
    if health.nvme:
        health.warn_temperature = temperature.get("op_limit_max") or thresholds.get("warning") or None
        health.crit_temperature = temperature.get("critical_limit_max") or thresholds.get("critical") or None
    elif health.scsi and temperature.get("drive_trip"):
        health.crit_temperature = temperature["drive_trip"]


def _read_ata_json(health: DiskHealth, data: dict[str, Any]) -> None:
    for attr in data.get("ata_smart_attributes", {}).get("table", []):
        if "id" not in attr:
            continue
        raw_field = attr.get("raw", {})
        raw = _leading_int(raw_field.get("string", raw_field.get("value", 0)))
        attr_id = str(attr["id"])
        health.counters[attr_id] = raw
        if attr.get("when_failed") == "now":
            health.failing_now.append(attr.get("name", attr_id))
            health.evidence.append(f"{attr_id} {attr.get('name')}: raw {raw}, failing now")
        elif raw and (attr_id in DEFAULT_ATA_COUNTERS or attr_id == CRC_ATTRIBUTE):
            health.evidence.append(f"{attr_id} {attr.get('name')}: raw {raw}")
    table = data.get("ata_smart_self_test_log", {}).get("standard", {}).get("table", [])
    if table and table[0].get("status", {}).get("passed") is False:
        health.last_selftest_failed = table[0]["status"].get("string", "failed")


def _read_nvme_json(health: DiskHealth, log: dict[str, Any] | None, *, evidence: bool = True) -> None:
    if not log:
        return
    health.critical_warning = int(log.get("critical_warning", 0))
    health.media_errors = int(log.get("media_errors", 0))
    if "available_spare" in log:
        health.spare = (int(log["available_spare"]), int(log.get("available_spare_threshold", 0)))
    health.percentage_used = log.get("percentage_used")
    if health.temperature is None:
        health.temperature = celsius(log.get("temperature"))
    for key in ("critical_warning", "media_errors", "available_spare", "percentage_used"):
        if evidence and key in log:
            health.evidence.append(f"{key}: {log[key]}")


def _read_scsi_json(health: DiskHealth, data: dict[str, Any]) -> None:
    if isinstance(data.get("scsi_grown_defect_list"), int):
        health.grown_defects = data["scsi_grown_defect_list"]
        if health.grown_defects:
            health.evidence.append(f"scsi_grown_defect_list: {health.grown_defects}")
    for kind, counts in data.get("scsi_error_counter_log", {}).items():
        if isinstance(counts, dict) and int(counts.get("total_uncorrected_errors", 0) or 0):
            health.uncorrected[kind] = int(counts["total_uncorrected_errors"])
            health.evidence.append(
                f"scsi_error_counter_log.{kind}.total_uncorrected_errors: {health.uncorrected[kind]}"
            )


_ATTR_ROW = re.compile(r"^\s*(\d{1,3})\s+(\S+)\s+(\S+)\s+(\d{3})\s+(\d{3})\s+(\d{3}|---)\s+(.*)$")
_NVME_FIELDS = {
    "Critical Warning": "critical_warning",
    "Media and Data Integrity Errors": "media_errors",
    "Available Spare": "available_spare",
    "Available Spare Threshold": "available_spare_threshold",
    "Percentage Used": "percentage_used",
    "Temperature": "temperature",
}
_FIELD = re.compile(r"^([A-Z][A-Za-z .]+?):\s+(0x[0-9a-fA-F]+|[\d,.]+)")
_VERDICT = re.compile(r"self-assessment test result:\s*(\w+)|SMART Health Status:\s*(\w+)")
_SELFTEST = re.compile(r"^#\s*1\s+.*?\s{2,}(Completed: \w[\w ]*?|Aborted[\w ]*?|Interrupted[\w ]*?)\s{2,}")
_THRESHOLD = re.compile(r"^(Warning|Critical)\s+Comp\. Temp\. Threshold:\s+(\d+)")
_SCSI_TEMP = re.compile(r"^(Current Drive|Drive Trip) Temperature:\s+(\d+) C")
_SCSI_ERRORS = re.compile(r"^(read|write|verify):\s+(.*\d)\s*$")


def read_smart_text(text: str, device: str, *, cut: bool = False) -> DiskHealth:
    asleep = re.search(r"^Device is in (\w+) mode", text, re.M)
    if asleep:
        raise ParseError(
            f"the disk is in {asleep.group(1).lower()} (spun down) and smartctl, run with `-n standby`, "
            "left it asleep: there is no SMART reading this time; run it without `-n standby` "
            "(that spins the disk up) or when the disk is awake"
        )
    if "SMART" not in text or ("=== START OF" not in text and "smartctl" not in text):
        if cut and "smartctl" in text:
            raise ParseError("the output was cut before smartctl printed any data")
        raise ParseError("this is not smartctl output")
    health = DiskHealth(device=device)
    nvme_log: dict[str, int] = {}
    for raw_line in text.splitlines():
        line = raw_line.strip()
        model = re.match(r"^(Device Model|Model Number|Product):\s+(.*)$", line)
        if model:
            health.model = model.group(2).strip()
        _read_text_support(health, line)
        verdict = _VERDICT.search(line)
        if verdict:
            health.passed = (verdict.group(1) or verdict.group(2)) in ("PASSED", "OK")
            health.evidence.append(line)
        _read_text_attribute(health, raw_line)
        _read_text_scsi(health, line)
        threshold = _THRESHOLD.match(line)
        if threshold:
            value = int(threshold.group(2)) or None
            if threshold.group(1) == "Warning":
                health.warn_temperature = value
            else:
                health.crit_temperature = value
        field_match = _FIELD.match(line)
        if field_match and field_match.group(1) in _NVME_FIELDS:
            value_text = field_match.group(2)
            number = (
                int(value_text, 16)
                if value_text.startswith("0x")
                else _leading_int(value_text.replace(",", ""))
            )
            nvme_log[_NVME_FIELDS[field_match.group(1)]] = number
            if field_match.group(1) != "Temperature":
                health.evidence.append(line)
        _read_text_gaps(health, line)
        selftest = _SELFTEST.match(line)
        if selftest and "without error" not in selftest.group(1):
            health.last_selftest_failed = selftest.group(1)
    if "critical_warning" in nvme_log or "media_errors" in nvme_log:
        health.nvme = True
        health.temperature = celsius(nvme_log.pop("temperature", None))
        _read_nvme_json(health, dict(nvme_log), evidence=False)
    if health.passed is None and not health.counters and health.smart_enabled is not False:
        if "Unavailable - device lacks SMART capability" in text:
            raise ParseError(NO_SMART)
        raise ParseError(
            "the output was cut before the health verdict" if cut else "smartctl printed no health data"
        )
    return health


def _read_text_gaps(health: DiskHealth, line: str) -> None:
    """What the text lacks: the attribute table ("Read SMART Data failed"); SCT's temperature fills in."""
    unread = re.match(r"^Read SMART Data failed:\s*(.*)$", line)
    if unread:
        health.unread = f"Read SMART Data failed: {unread.group(1)}".rstrip(": ")
        health.evidence.append(line)
    sct = re.match(r"^Current Temperature:\s+(\d+) Celsius", line)
    if sct and health.temperature is None:
        health.temperature = celsius(int(sct.group(1)))


def _read_text_support(health: DiskHealth, line: str) -> None:
    if re.match(r"^SMART support is:\s+Disabled", line) or line.startswith("SMART Disabled."):
        health.smart_enabled = False
        health.evidence.append(line)
    elif re.match(r"^SMART support is:\s+Enabled", line):
        health.smart_enabled = True


def _read_text_scsi(health: DiskHealth, line: str) -> None:
    temperature = _SCSI_TEMP.match(line)
    if temperature:
        health.scsi = True
        value = int(temperature.group(2)) or None
        if temperature.group(1) == "Current Drive":
            health.temperature = value
        else:
            health.crit_temperature = value
        return
    sas = re.match(r"^(Current temperature =|Percentage used endurance indicator:)\s*(\d+)", line)
    if sas:  # a SAS SSD's `-x` lines: its temperature, and its wear as NVMe's "Percentage Used"
        if sas.group(1).startswith("Current") and health.temperature is None:
            health.temperature = celsius(int(sas.group(2)))
        elif sas.group(1).startswith("Percentage"):
            health.percentage_used = int(sas.group(2))
            health.evidence.append(line)
        return
    defects = re.match(r"^Elements in grown defect list:\s+(\d+)", line)
    if defects:
        health.scsi = True
        health.grown_defects = int(defects.group(1))
        if health.grown_defects:
            health.evidence.append(line)
        return
    errors = _SCSI_ERRORS.match(line)
    if errors and health.scsi:
        uncorrected = _leading_int(errors.group(2).split()[-1])
        if uncorrected:
            health.uncorrected[errors.group(1)] = uncorrected
            health.evidence.append(line)


def _read_text_attribute(health: DiskHealth, line: str) -> None:
    row = _ATTR_ROW.match(line)
    if not row:
        return
    rest = row.group(7).split()
    prefail_form = rest and rest[0] in ("Pre-fail", "Old_age")
    when_failed, raw_words = (rest[2], rest[3:]) if prefail_form and len(rest) > 2 else (rest[0], rest[1:])
    raw = _leading_int(" ".join(raw_words))
    attr_id = row.group(1)
    health.counters[attr_id] = raw
    if attr_id in ("194", "190") and health.temperature is None:
        health.temperature = celsius(raw)
    if when_failed in ("FAILING_NOW", "now"):
        health.failing_now.append(row.group(2))
        health.evidence.append(line.strip())
    elif raw and (attr_id in DEFAULT_ATA_COUNTERS or attr_id == CRC_ATTRIBUTE):
        health.evidence.append(line.strip())


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
