"""Every real device output in fixtures/device-outputs gives the finding a technician would expect."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sessions.diagnostics.findings import Status
from sessions.diagnostics.parsers import PARSERS, ParseContext, ParseError
from tests.diagnostics.corpus import CORPUS

FIXTURES = Path(__file__).parent / "fixtures" / "device-outputs"
OK, WARN, FAIL = Status.OK, Status.WARN, Status.FAIL
QNAP = {"partial_ok_arrays": ["md9", "md13"]}

# file → (parser, params, extra, {target: (status, words the summary must contain)})
EXPECTED: dict[str, tuple[str, dict[str, Any], dict[str, str], dict[str, tuple[Status, tuple[str, ...]]]]] = {
    "mdstat/procfs_composite_parser_stress.txt": (
        "mdstat",
        {},
        {},
        {
            "md3": (OK, ("healthy", "8 of 8", "2 spares")),
            "md4": (FAIL, ("inactive", "sda3")),
            "md6": (WARN, ("rebuilding", "8.5%", "sdb2 has failed")),
            "md8": (WARN, ("resyncing", "8.5%")),
            "md201": (OK, ("consistency check", "5.7%")),
            "md7": (FAIL, ("degraded", "3 of 4", "sdc1 has failed")),
            "md9": (WARN, ("sde and sdf", "failed")),
            "md10": (OK, ("no redundancy",)),
            "md219": (OK, ("container",)),
            "md42": (WARN, ("reshaping", "56.1%", "slot 2")),
        },
    ),
    "mdstat/qnap_raid5_4disk_healthy_with_system_arrays.txt": (
        "mdstat",
        QNAP,
        {},
        {
            "md1": (OK, ("RAID 5", "4 of 4")),
            "md322": (OK, ("2 spares",)),
            "md256": (OK, ("healthy",)),
            "md13": (OK, ("system array", "4 disks")),
            "md9": (OK, ("system array",)),
        },
    ),
    "mdstat/qnap_raid5_5disk_degraded_recovery_39pct.txt": (
        "mdstat",
        QNAP,
        {},
        {
            "md0": (WARN, ("degraded", "rebuilding onto sda3", "4 of 5", "39.4%", "slot 0")),
            "md5": (OK, ("healthy",)),
            "md13": (OK, ("system array",)),
            "md9": (OK, ("system array",)),
        },
    ),
    "mdstat/raid1_server_all_arrays_degraded_failed_member.txt": (
        "mdstat",
        {},
        {},
        {
            "md0": (FAIL, ("Array md0 (RAID 1) is degraded: 1 of 2 disks", "sda1 has failed")),
            "md1": (FAIL, ("sda2 has failed",)),
            "md2": (FAIL, ("sda3 has failed",)),
            "md3": (FAIL, ("sda4 has failed",)),
        },
    ),
    "mdstat/raid5_replace_in_progress_R_and_spare_recovery.txt": (
        "mdstat",
        {},
        {},
        {
            "md0": (WARN, ("rebuilding a disk", "1.4%")),
        },
    ),
    "mdstat/synology_dsm7_sataXpY_linear_and_raid1_healthy.txt": (
        "mdstat",
        {},
        {},
        {
            "md9": (OK, ("linear",)),
            "md3": (OK, ()),
            "md2": (OK, ()),
            "md5": (OK, ("1 of 1",)),
            "md4": (OK, ()),
            "md10": (OK, ()),
            "md8": (OK, ()),
            "md1": (OK, ("8 of 8",)),
            "md0": (OK, ("8 of 8",)),
        },
    ),
    "mdstat/raid6_6disk_two_missing_recovery_19pct.txt": (
        "mdstat",
        {},
        {},
        {
            "md0": (WARN, ("RAID 6", "4 of 6", "19.6%", "sde1 and sdf1", "slots 4 and 5")),
        },
    ),
    "mdstat/raid6_6disk_two_missing_reshape_48pct.txt": (
        "mdstat",
        {},
        {},
        {
            "md0": (WARN, ("reshaping", "48.4%", "4 of 6")),
        },
    ),
    "mdstat/raid1_check_in_progress_and_resync_delayed.txt": (
        "mdstat",
        {},
        {},
        {
            "md1": (OK, ("healthy", "2 of 2", "resync is queued")),
            "md2": (OK, ("consistency check", "42%")),
            "md0": (OK, ("healthy", "resync delayed")),
        },
    ),
    "mdstat/raid0_over_two_raid1_nested.txt": (
        "mdstat",
        {},
        {},
        {
            "md2": (OK, ("RAID 0", "no redundancy")),
            "md1": (OK, ("2 of 2",)),
            "md0": (OK, ("2 of 2",)),
        },
    ),
    "mdadm-detail/raid1_active_degraded_one_faulty_one_removed.txt": (
        "mdadm_detail",
        {},
        {},
        {
            "md1": (FAIL, ("degraded", "1 of 2", "sda3 has failed", "slot 0")),
        },
    ),
    "mdadm-detail/synology_md0_system_raid1_8slots_one_removed_old_mdadm_format.txt": (
        "mdadm_detail",
        {},
        {},
        {
            "md0": (FAIL, ("degraded", "7 of 8", "slot 7 is missing")),
        },
    ),
    "mdadm-detail/raid1_clean_degraded_recovering_rebuild_10pct_redacted_name.txt": (
        "mdadm_detail",
        {},
        {},
        {
            "md127": (WARN, ("rebuilding onto sdb1", "10% complete")),
        },
    ),
    "zpool-status/linux_mirror_degraded_faulted_too_many_errors.txt": (
        "zpool_status",
        {},
        {},
        {
            "local-zfs": (FAIL, ("DEGRADED", "wwn-0x5000cca200000002 is FAULTED", "too many errors")),
        },
    ),
    "zpool-status/linux_mirror_faulted_with_available_spare.txt": (
        "zpool_status",
        {},
        {},
        {
            "testpool": (FAIL, ("DEGRADED", "/var/tmp/1 is FAULTED", "spare sda is available")),
        },
    ),
    "zpool-status/linux_healthy_two_mirrors_wwn_features_upgrade_notice.txt": (
        "zpool_status",
        {},
        {},
        {
            "pool1": (OK, ("healthy (ONLINE)", "scrub repaired 0B")),
        },
    ),
    "zpool-list/zpool_list_v_p_degraded_log_mirror_unavail_cache_unavail.txt": (
        "zpool_list",
        {},
        {},
        {
            "rpool": (
                FAIL,
                ("DEGRADED", "14807975228228307538 is UNAVAIL", "wwn-0x5001517900000001-part2", "30% used"),
            ),
        },
    ),
    "btrfs-device-stats/two_devices_one_with_large_error_counts.txt": (
        "btrfs_device_stats",
        {},
        {},
        {
            "/dev/sdc1": (OK, ("no recorded errors",)),
            "/dev/sdb1": (
                FAIL,
                ("7489899 write", "3751023 read", "117 flush", "68 corruption", "25 generation"),
            ),
        },
    ),
    "btrfs-device-stats/tabular_T_flag_btrfs_progs_6_1_3_buggy_values.txt": (
        "btrfs_device_stats",
        {},
        {},
        {
            "/dev/sdc1": (OK, ()),
            "/dev/sdb1": (FAIL, ("25 write", "25 corruption")),
        },
    ),
    "btrfs-device-stats/single_device_one_corruption_err.txt": (
        "btrfs_device_stats",
        {},
        {},
        {
            "/dev/sdf2": (WARN, ("1 corruption", "checksum")),
        },
    ),
    "btrfs-device-stats/two_devices_all_zero_healthy.txt": (
        "btrfs_device_stats",
        {},
        {},
        {
            "/dev/sdb3": (OK, ()),
            "/dev/sda3": (OK, ()),
        },
    ),
    "smartctl/ata_text_healthy_selftest_in_progress_12tb.txt": (
        "smart",
        {},
        {},
        {
            "": (OK, ("OOS12000G", "SMART passed", "38 °C")),
        },
    ),
    "smartctl/ata_x_text_reallocated_pending_uncorrectable_passed_hwprobe.txt": (
        "smart",
        {},
        {},
        {
            "": (WARN, ("33784 reallocated", "1520 pending", "1520 offline uncorrectable", "read failure")),
        },
    ),
    "smartctl/nvme_text_healthy_samsung970_proxmox.txt": (
        "smart",
        {},
        {},
        {
            "": (OK, ("Samsung SSD 970 EVO Plus", "41 °C")),
        },
    ),
    "smartctl/ata_json_healthy_wd_red.json": (
        "smart",
        {},
        {},
        {"/dev/sdz": (OK, ("WD10EFRX", "SMART passed"))},
    ),
    "smartctl/ata_json_healthy_wd140edfz.json": ("smart", {}, {}, {"/dev/sdb": (OK, ("WD140EDFZ",))}),
    "smartctl/ata_json_pending_reallocated_passed.json": (
        "smart",
        {},
        {},
        {
            "/dev/sdd": (
                WARN,
                ("1040 reallocated sectors", "878 pending sectors", "1272 offline uncorrectable"),
            ),
        },
    ),
    "smartctl/ata_json_failed_reallocated_failing_now.json": (
        "smart",
        {},
        {},
        {
            "/dev/sdc": (FAIL, ("SMART FAILED", "Reallocated_Sector_Ct is failing now", "1975 reallocated")),
        },
    ),
    "smartctl/nvme_json_healthy_unraid.json": ("smart", {}, {}, {"/dev/nvme0": (OK, ("Force MP510",))}),
    "smartctl/nvme_json_media_errors.json": (
        "smart",
        {},
        {},
        {
            "/dev/nvme0": (WARN, ("7 media and data integrity errors",)),
        },
    ),
    "df/df_hT_root_100pct_full.txt": ("df", {}, {}, {"/": (FAIL, ("full", "100% used", "no space left"))}),
    "df/df_al_server_many_mounts_pseudo_fs_full_snap_loops.txt": (
        "df",
        {},
        {},
        {
            "": (OK, ("fullest is / at 9%",)),
        },
    ),
    "df/df_PT_posix_long_lvm_device_name.txt": ("df", {}, {}, {"": (OK, ("/ at 21%",))}),
    "df/synology_dsm7_df_h_volumes_filtered_no_header.txt": (
        "df",
        {},
        {},
        {
            "/volume1": (WARN, ("90% used", "1.6T free of 15T")),
            "/volume2": (WARN, ("90% used", "308G free")),
        },
    ),
    "free/procps_kib_1gib_host_only_5mib_free.txt": (
        "free",
        {},
        {},
        {
            "memory": (OK, ("604.3 MiB of 1.0 GiB available (59%)", "no swap")),
        },
    ),
    "free/procps_kib_16gib_server_low_free_high_cache.txt": (
        "free",
        {},
        {},
        {
            "memory": (OK, ("8.2 GiB of 15.6 GiB available (53%)", "swap 66.0 MiB")),
        },
    ),
    "free/procps4_free_m_32gib_host.txt": (
        "free",
        {"unit_kib": 1024},
        {},
        {
            "memory": (OK, ("20.6 GiB of 31.2 GiB available (66%)",)),
        },
    ),
    "free/free_hwt_wide_buffers_cache_split_with_total_row.txt": (
        "free",
        {},
        {},
        {
            "memory": (OK, ("4.9 GiB of 7.6 GiB", "64%")),
        },
    ),
    "free/busybox_style_embedded_available_zero_buffers_cache_line.txt": (
        "free",
        {},
        {},
        {
            "memory": (OK, ("20.7 MiB of 32.8 MiB available (63%)",)),
        },
    ),
    "uptime/normal_load_up_minutes_only.txt": (
        "load",
        {},
        {"cores": "4"},
        {
            "load": (OK, ("0.73 over 5 minutes on 4 cores", "up 25 min")),
        },
    ),
    "uptime/idle_up_days_and_hours.txt": ("load", {}, {"cores": "2"}, {"load": (OK, ("up 2 days, 19:32",))}),
    "uptime/elevated_load_7_up_hours.txt": (
        "load",
        {},
        {"cores": "4"},
        {
            "load": (WARN, ("5.86 over 5 minutes on 4 cores", "1.5 per core")),
        },
    ),
    "uptime/high_load_14_w_header_line.txt": (
        "load",
        {},
        {"cores": "4"},
        {"load": (FAIL, ("overloaded", "14.64"))},
    ),
    "dmesg/ata_media_error_unc_unrecovered_read_dmesg_T.txt": (
        "kernel_log",
        {},
        {},
        {
            "kernel log": (WARN, ("UNC", "ata1.00", "medium error", "I/O error (sda)")),
        },
    ),
    "dmesg/md_raid1_write_io_error_disk_failure.txt": (
        "kernel_log",
        {},
        {},
        {
            "kernel log": (FAIL, ("RAID disk failure", "md0", "sdb3", "I/O error (sdb)")),
        },
    ),
    "dmesg/btrfs_dev_errs_reported_at_mount.txt": (
        "kernel_log",
        {},
        {},
        {
            "kernel log": (WARN, ("2 btrfs device error reports", "/dev/mapper/AM-2")),
        },
    ),
    "dmesg/journalctl_kernel_btrfs_csum_failed_read_error_corrected.txt": (
        "kernel_log",
        {},
        {},
        {
            "kernel log": (WARN, ("btrfs checksum error (sdb1)", "/dev/sdc1")),
        },
    ),
    "sensors/netgear_readynas_rn3138_fan_and_voltage_alarms.txt": (
        "sensors",
        {},
        {},
        {
            "coretemp-isa-0000": (OK, ("35–36 °C",)),
            "it8732-isa-0a30": (WARN, ("fan1, fan2 and fan3 at 0 RPM", "in5 and in6", "intrusion0")),
        },
    ),
    "sensors/supermicro_nct6776_cputin_alarm_fans_zero_rpm.txt": (
        "sensors",
        {},
        {},
        {
            "nct6776-isa-0a30": (
                WARN,
                ("CPUTIN at 123.5 °C over the high limit", "fan5 at 0 RPM", "intrusion1"),
            ),
        },
    ),
    "synology-version/dsm_6_2_3_25426_update3_etc_defaults_VERSION.txt": (
        "version",
        {"warn_below": "7.0"},
        {},
        {
            "firmware": (WARN, ("Synology DSM 6.2.3-25426 Update 3", "older than 7.0")),
        },
    ),
    "synology-version/dsm_7_3_2_86009_etc_defaults_VERSION.txt": (
        "version",
        {"warn_below": "7.0"},
        {},
        {
            "firmware": (OK, ("Synology DSM 7.3.2-86009",)),
        },
    ),
}


EXPECTED.update(CORPUS)


def test_the_corpus_is_large_and_covers_every_kind() -> None:
    kinds = ("mdstat/", "mdadm-detail/", "smartctl/", "zpool-status/", "zpool-list/")
    cases = [
        (name, target) for name, entry in EXPECTED.items() if name.startswith(kinds) for target in entry[3]
    ]
    assert len(cases) >= 150
    kinds_seen = {_smart_kind(name) for name, _ in cases if name.startswith("smartctl/")}
    assert kinds_seen == {(p, f) for p in ("ATA", "NVMe", "SCSI") for f in ("json", "text")}


def _smart_kind(name: str) -> tuple[str, str]:
    """(protocol, json or text) of a smartctl fixture."""
    text = (FIXTURES / name).read_text(encoding="utf-8", errors="replace")
    if name.endswith(".json"):
        return json.loads(text)["device"]["protocol"], "json"
    if "SMART Health Status:" in text or "SMART support is:     Unavailable" in text:
        return "SCSI", "text"
    return ("NVMe" if "NVM" in text else "ATA"), "text"


def test_every_fixture_file_has_an_expectation() -> None:
    files = {p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*") if p.is_file()}
    assert files - {"SOURCES.md"} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_gives_expected_findings(name: str) -> None:
    parser, params, extra, expected = EXPECTED[name]
    text = (FIXTURES / name).read_text(encoding="utf-8", errors="replace")
    if expected.get("", (OK,))[0] is Status.ERROR:
        with pytest.raises(ParseError) as refused:
            PARSERS[parser](text, ParseContext(check=parser, params=params, extra=extra))
        assert all(word in str(refused.value) for word in expected[""][1]), refused.value
        return
    findings = PARSERS[parser](text, ParseContext(check=parser, params=params, extra=extra))
    by_target = {f.target: f for f in findings}
    assert set(by_target) >= set(expected), [f.target for f in findings]
    for target, (status, words) in expected.items():
        found = by_target[target]
        assert found.status is status, found.summary
        for word in words:
            assert word in found.summary, (word, found.summary)
        assert found.summary.endswith(".") and found.summary[0].isupper()
        if status is not OK:
            assert found.evidence, "a problem must come with the lines that prove it"
            assert all(line in text or ":" in line for line in found.evidence)


def test_unrelated_output_is_a_parse_error_not_a_crash() -> None:
    for name, parser in PARSERS.items():
        if name in ("kernel_log",):  # any text is a (possibly empty) kernel log
            continue
        with pytest.raises(ParseError):
            parser("bash: line 1: no such thing\n", ParseContext(check=name, extra={"cores": "2"}))


def test_qts_version_and_os_release() -> None:
    qts = PARSERS["version"](
        "5.1.7\n", ParseContext("version", params={"product": "QNAP QTS"}, extra={"build": "20240817"})
    )
    assert qts[0].summary == "The device runs QNAP QTS 5.1.7 (build 20240817)."
    release = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n'
    assert "Debian GNU/Linux 12" in PARSERS["version"](release, ParseContext("version"))[0].summary


def test_links_from_ip_and_sysfs() -> None:
    ip = (
        "2: eth1: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc mq state DOWN mode DEFAULT\n"
        "    link/ether 00:11:32:aa:bb:cc brd ff:ff:ff:ff:ff:ff\n"
        "    RX:  bytes packets errors dropped  missed   mcast\n"
        "         100      10      0       0       0       0\n"
        "3: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP\n"
        "    RX:  bytes packets errors dropped  missed   mcast\n"
        "     9000000   10000    500       0       0       0\n"
        "    TX:  bytes packets errors dropped carrier collsns\n"
        "     9000000   10000      0       0       0       0\n"
    )
    found = {f.target: f for f in PARSERS["links"](ip, ParseContext("links"))}
    assert found["eth1"].status is WARN and "no carrier" in found["eth1"].summary
    assert found["eth0"].status is WARN and "500 rx errors" in found["eth0"].summary
    sysfs = (
        "/sys/class/net/eth0/carrier:1\n/sys/class/net/eth0/flags:0x1003\n"
        "/sys/class/net/eth0/statistics/rx_errors:0\n"
    )
    assert PARSERS["links"](sysfs, ParseContext("links"))[0].status is OK


def test_missing_core_count_is_reported() -> None:
    with pytest.raises(ParseError, match="core count"):
        PARSERS["load"]("0.10 0.20 0.30 1/100 42\n", ParseContext("load"))


MEMINFO = (
    "MemTotal:        8052744 kB\nMemFree:          312000 kB\nMemAvailable:     600000 kB\n"
    "Buffers:          100000 kB\nCached:          2000000 kB\nSwapCached:            0 kB\n"
    "SwapTotal:       2097148 kB\nSwapFree:        1000000 kB\nHugePages_Total:       0\n"
)


def test_memory_from_proc_meminfo() -> None:
    (low,) = PARSERS["free"](MEMINFO, ParseContext("memory", params={"warn_available_percent": 10}))
    assert low.status is WARN
    assert low.summary == "Memory is low: 585.9 MiB of 7.7 GiB available (7%); swap 1.0 GiB of 2.0 GiB used."
    assert low.evidence[:2] == ("MemTotal:        8052744 kB", "MemAvailable:     600000 kB")
    # A kernel older than 3.14 has no MemAvailable: free + buffers + cache, as the old `free` counted.
    old = "\n".join(ln for ln in MEMINFO.splitlines() if not ln.startswith(("MemAvailable", "Swap")))
    (fine,) = PARSERS["free"](old, ParseContext("memory"))
    assert fine.status is OK and "2.3 GiB of 7.7 GiB available (30%)" in fine.summary
    assert "swap" not in fine.summary


def test_load_from_proc_files() -> None:
    cpuinfo = "".join(f"processor\t: {n}\nmodel name\t: ARMv8 Processor rev 4 (v8l)\n\n" for n in range(4))
    extra = {"cores": cpuinfo, "uptime": "236345.12 901234.56\n"}
    (found,) = PARSERS["load"]("2.10 4.40 3.90 3/312 4242\n", ParseContext("load", extra=extra))
    assert found.status is WARN
    assert found.summary == (
        "Load is high: 4.40 over 5 minutes on 4 cores (1.1 per core); up 2 days, 17:39; "
        "the device may respond slowly."
    )
    minutes = {"cores": "2", "uptime": "1500.00 2900.00\n"}
    assert (
        "up 25 min." in PARSERS["load"]("0.1 0.2 0.3 1/9 5\n", ParseContext("load", extra=minutes))[0].summary
    )
