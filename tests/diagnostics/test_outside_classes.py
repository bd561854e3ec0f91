"""The classes an outside corpus caught: a test each, on real outputs (changed only where a test says so)."""

from __future__ import annotations

import json
import re

from sessions.diagnostics.findings import Status
from sessions.diagnostics.parsers import PARSERS, ParseContext
from tests.diagnostics.test_parsers import FIXTURES


def _read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8", errors="replace")


def _smart(text: str, target: str = "/dev/nvme0"):  # type: ignore[no-untyped-def]
    (found,) = PARSERS["smart"](text, ParseContext("smart", target=target))
    return found


# --- NVMe temperature: the drive's own WCTEMP/CCTEMP, advice about cooling -------------------------
SAMSUNG_980 = "smartctl/pysmart_nvme_win10_0_issue_64.txt"  # WCTEMP 82, CCTEMP 85, running at 62 °C


def _at(text: str, celsius: int) -> str:
    return re.sub(
        r"^Temperature:\s+\d+ Celsius",
        f"Temperature:                        {celsius} Celsius",
        text,
        flags=re.M,
    )


def test_nvme_at_62_is_fine_under_its_own_82_degree_threshold() -> None:
    found = _smart(_read(SAMSUNG_980))
    assert found.status is Status.OK and "62 °C" in found.summary  # a fixed 55 °C limit called this hot


def test_nvme_past_its_warning_threshold_is_about_cooling() -> None:
    found = _smart(_at(_read(SAMSUNG_980), 83))
    assert found.status is Status.WARN
    assert "83 °C; its warning limit is 82 °C" in found.summary and "cooling" in found.summary
    assert "replace" not in found.summary


def test_nvme_past_its_critical_threshold_fails_and_is_still_about_cooling() -> None:
    found = _smart(_at(_read(SAMSUNG_980), 86))
    assert found.status is Status.FAIL
    assert "its critical limit is 85 °C" in found.summary and "cooling" in found.summary
    assert "replace" not in found.summary


def test_nvme_json_thresholds_op_limit_and_critical_limit() -> None:
    data = json.loads(_read("smartctl/exporter_nvme-null-Samsung_SSD_970_EVO_Plus_250GB-nvme0.json"))
    data["temperature"] = {"current": 74, "op_limit_max": 70, "critical_limit_max": 80}
    found = _smart(json.dumps(data))
    assert found.status is Status.WARN and "its warning limit is 70 °C" in found.summary
    data["temperature"] = {"current": 74, "op_limit_max": 85, "critical_limit_max": 90}
    assert _smart(json.dumps(data)).status is Status.OK
    data["nvme_smart_health_information_log"]["critical_warning"] = 2  # the drive's own temperature flag
    flagged = _smart(json.dumps(data))
    assert flagged.status is Status.WARN and "temperature threshold" in flagged.summary
    assert "cooling" in flagged.summary and "replace" not in flagged.summary


def test_nvme_without_thresholds_uses_nvme_limits_not_the_hard_disk_ones() -> None:
    data = json.loads(_read("smartctl/exporter_nvme-null-Samsung_SSD_970_EVO_Plus_250GB-nvme0.json"))
    data["temperature"] = {"current": 60}
    assert _smart(json.dumps(data)).status is Status.OK


# --- md resync=DELAYED -----------------------------------------------------------------------------
def test_complete_array_waiting_for_its_check_is_fine() -> None:
    found = {
        f.target: f
        for f in PARSERS["mdstat"](
            _read("mdstat/raid1_check_in_progress_and_resync_delayed.txt"), ParseContext("md")
        )
    }
    assert found["md1"].status is Status.OK and "queued" in found["md1"].summary


def test_degraded_array_with_its_replacement_queued_is_waiting_to_rebuild() -> None:
    text = _read("mdstat/notes_raid1_two_arrays_resync_delayed_behind_recovery.txt")
    found = {f.target: f for f in PARSERS["mdstat"](text, ParseContext("md"))}
    assert found["md1"].status is Status.WARN
    assert "waiting to rebuild onto sdc2" in found["md1"].summary and "missing" not in found["md1"].summary


# --- SMART attribute 199 ---------------------------------------------------------------------------
def test_udma_crc_errors_name_the_cable_even_when_smart_passed() -> None:
    found = _smart(
        _read("smartctl/exporter_sat-Western_Digital_RE4-WDC_WD1003FBYX-01Y7B0-sda.json"), "/dev/sda"
    )
    assert found.status is Status.WARN and "passed SMART" in found.summary
    assert "644 interface CRC errors" in found.summary and "cable" in found.summary and "bay" in found.summary
    assert "plan to replace" not in found.summary and "not at fault" in found.summary


# --- zpool list columns by name --------------------------------------------------------------------
def test_zpool_list_without_the_ckpoint_column_reads_the_capacity() -> None:
    found = {
        f.target: f
        for f in PARSERS["zpool_list"](
            _read("zpool-list/netdata_zpool_list_p_no_ckpoint_column_one_pool_faulted.txt"), ParseContext("z")
        )
    }
    assert "42% used" in found["rpool"].summary and found["zion"].status is Status.FAIL


def test_zpool_list_scripted_columns() -> None:
    """`zpool list -H -o name,size,alloc,free,cap,health`: tab-separated, no header (values as above)."""
    text = "rpool\t21367462298\t9051643576\t12240656794\t96\tONLINE\nzion\t-\t-\t-\t-\tFAULTED\n"
    found = {f.target: f for f in PARSERS["zpool_list"](text, ParseContext("z"))}
    assert found["rpool"].status is Status.FAIL and "96% used" in found["rpool"].summary
    assert found["zion"].status is Status.FAIL and "FAULTED" in found["zion"].summary


# --- zpool status: UNAVAIL pools and files with errors ---------------------------------------------
def test_unavailable_pool_names_its_devices_and_the_damaged_files() -> None:
    (found,) = PARSERS["zpool_status"](_read("zpool-status/jc_zpool-status-v3.txt"), ParseContext("z"))
    assert found.status is Status.FAIL
    for words in ("Pool tank is UNAVAIL", "c1t1d0 is UNAVAIL", "/tank/data/aaa", "/tank/data/ccc"):
        assert words in found.summary
    assert "/tank/data/bbb" in found.evidence


# --- SMART disabled --------------------------------------------------------------------------------
def test_smart_disabled_says_so_in_json_and_text() -> None:
    found = _smart(_read("smartctl/exporter_SEAGATE_ST373453LC_27.json"), "/dev/sda")
    assert found.status is Status.WARN and "SMART switched off" in found.summary
    assert "smartctl -s on /dev/sda" in found.summary
    # The text smartctl prints for an ATA disk with SMART off: the same real header, no data section.
    text = _read("smartctl/ata_text_healthy_selftest_in_progress_12tb.txt")
    head = text.split("=== START OF READ SMART DATA SECTION ===")[0].replace(
        "SMART support is: Enabled", "SMART support is: Disabled"
    )
    off = _smart(head + "\nSMART Disabled. Use option -s with argument 'on' to enable it.\n", "/dev/sdb")
    assert off.status is Status.WARN and "SMART switched off" in off.summary
    assert "no health data" not in off.summary
