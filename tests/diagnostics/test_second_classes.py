"""The classes a second outside corpus caught: a test each, on short outputs written here in their format."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from sessions.diagnostics.findings import Finding, Status
from sessions.diagnostics.parsers import PARSERS, ParseContext, ParseError
from sessions.diagnostics.parsers.kernel import DEFAULT_PATTERNS

ROOT = Path(__file__).resolve().parents[2]


def _one(parser: str, text: str, target: str = "") -> Finding:
    (found,) = PARSERS[parser](text, ParseContext(parser, target=target))
    return found


def _all(parser: str, text: str) -> dict[str, Finding]:
    return {f.target: f for f in PARSERS[parser](text, ParseContext(parser))}


def _rows(*rows: str) -> str:
    """`zpool status` config rows: a tab, then the name column indented two spaces per level."""
    return "".join(f"\t{row}\n" for row in rows)


# --- zpool status -x: "all pools are healthy" ------------------------------------------------------
def test_zpool_status_x_all_pools_healthy_is_ok() -> None:
    found = _one("zpool_status", "all pools are healthy\n")
    assert found.status is Status.OK and "All pools are healthy" in found.summary
    named = _one("zpool_status", "pool 'vault' is healthy\n")  # `zpool status -x vault`
    assert named.status is Status.OK and named.target == "vault" and "Pool vault is healthy" in named.summary


# --- errors: "No known errors" is no error; the pool's own reason is named -------------------------
def test_no_known_errors_is_not_a_data_error_and_the_pools_reason_is_named() -> None:
    text = (
        "  pool: legacy\n"
        " state: FAULTED\n"
        "status: The pool was written by a ZFS version this system does not support.\n"
        "action: Import the pool on a system with newer ZFS, or restore it from backup.\n"
        "   see: https://openzfs.github.io/openzfs-docs/msg/ZFS-8000-A5\n"
        "config:\n\n"
        + _rows(
            "NAME        STATE     READ WRITE CKSUM",
            "legacy      FAULTED      0     0     0  incompatible version",
            "  mirror-0  ONLINE       0     0     0",
            "    vdj     ONLINE       0     0     0",
            "    vdk     ONLINE       0     0     0",
        )
        + "\nerrors: No known errors\n"
    )
    found = _one("zpool_status", text)
    assert found.status is Status.FAIL and "incompatible version" in found.summary
    assert "data errors" not in found.summary


def test_a_faulted_pool_says_why_when_no_device_is_at_fault() -> None:
    text = (
        "  pool: photos\n"
        " state: FAULTED\n"
        "status: The pool's metadata is damaged and the pool cannot be opened.\n"
        "action: Restore the pool from a backup.\n"
        "config:\n\n"
        + _rows(
            "NAME        STATE     READ WRITE CKSUM",
            "photos      FAULTED      0     0     3  corrupted data",
            "  raidz1-0  ONLINE       0     0     6",
            "    vdm     ONLINE       0     0     0",
            "    vdn     ONLINE       0     0     0",
            "    vdo     ONLINE       0     0     0",
        )
    )
    found = _one("zpool_status", text)
    assert found.status is Status.FAIL and "FAULTED (corrupted data)" in found.summary


# --- ONLINE pool with something ZFS asks to be done ------------------------------------------------
def _online(pool: str, status: str, action: str) -> str:
    return (
        f"  pool: {pool}\n"
        " state: ONLINE\n"
        f"status: {status}\n"
        f"action: {action}\n"
        "  scan: scrub repaired 0B in 01:12:09 with 0 errors on Sun Nov 29 03:12:10 2026\n"
        "config:\n\n"
        + _rows(
            "NAME                          STATE     READ WRITE CKSUM",
            f"{pool:<30}ONLINE       0     0     0",
            "  mirror-0                    ONLINE       0     0     0",
            "    ata-VZ_HDD8T_VZ8T0003110  ONLINE       0     0     0",
            "    ata-VZ_HDD8T_VZ8T0003127  ONLINE       0     0     0",
        )
        + "\nerrors: No known data errors\n"
    )


@pytest.mark.parametrize(
    ("status", "action", "words"),
    [
        (
            "Errata #2 detected.",
            "To correct the issue, back up the datasets, destroy the pool\n"
            "\tand recreate it from the backup.",
            ("Errata #2 detected", "destroy the pool and recreate it from the backup"),
        ),
        (
            "Errata #4 detected.\n\tBookmarks made before the fix cannot be sent\n\tor received.",
            "Turn on the bookmark_v2 feature with 'zpool upgrade'.",
            ("Errata #4 detected", "cannot be sent or received", "Turn on the bookmark_v2 feature"),
        ),
    ],
)
def test_online_pool_with_a_status_to_act_on_warns_in_zfs_words(
    status: str, action: str, words: tuple[str, ...]
) -> None:
    found = _one("zpool_status", _online("archive", status, action))
    assert found.status is Status.WARN and "healthy" not in found.summary
    assert all(w in found.summary for w in words), found.summary


def test_online_pool_with_only_the_features_notice_stays_healthy() -> None:
    notice = "Some supported and requested features are not enabled on the pool.\n\tIt can still be used."
    found = _one("zpool_status", _online("archive", notice, "Enable all features using 'zpool upgrade'."))
    assert found.status is Status.OK


# --- resilver: dRAID's sequential form, replacing and spare vdevs ----------------------------------
def test_draid_sequential_resilver_onto_a_distributed_spare() -> None:
    text = (
        "  pool: bulk\n"
        " state: DEGRADED\n"
        "status: One or more devices could not be opened.  Sufficient replicas exist\n"
        "\tfor the pool to continue functioning in a degraded state.\n"
        "action: Attach the missing device and online it using 'zpool online'.\n"
        "  scan: resilver (draid2:5d:9c:2s-0) in progress since Tue Dec  1 08:40:12 2026\n"
        "\t2.31T scanned at 1.05G/s, 1.02T issued 474M/s, 2.31T total\n"
        "\t982G resilvered, 42.30% done, 00:47:31 to go\n"
        "config:\n\n"
        + _rows(
            "NAME                  STATE     READ WRITE CKSUM",
            "bulk                  DEGRADED     0     0     0",
            "  draid2:5d:9c:2s-0   DEGRADED     0     0     0",
            "    vda               ONLINE       0     0     0",
            "    vdb               ONLINE       0     0     0",
            "    vdc               ONLINE       0     0     0",
            "    spare-3           DEGRADED     0     0     0",
            "      vdd             UNAVAIL      0     0     0",
            "      draid2-0-1      ONLINE       0     0     0  (resilvering)",
            "    vde               ONLINE       0     0     0",
            "    vdf               ONLINE       0     0     0",
            "    vdg               ONLINE       0     0     0",
            "    vdh               ONLINE       0     0     0",
            "    vdi               ONLINE       0     0     0",
            "spares",
            "  draid2-0-0          AVAIL",
            "  draid2-0-1          INUSE     currently in use",
        )
        + "\nerrors: No known data errors\n"
    )
    found = _one("zpool_status", text)
    assert found.status is Status.WARN and "resilvering, 42.30% done" in found.summary
    assert "vdd is UNAVAIL" in found.summary and "spare draid2-0-1 has taken its place" in found.summary
    assert "spare-3" not in found.summary


def test_replacing_names_the_old_and_the_new_device() -> None:
    modern = (
        "  pool: media\n"
        " state: DEGRADED\n"
        "status: One or more devices is currently being resilvered.\n"
        "action: Wait for the resilver to complete.\n"
        "  scan: resilver in progress since Wed Dec  2 14:05:55 2026\n"
        "\t812G scanned at 1.4G/s, 301G issued at 530M/s, 812G total\n"
        "\t300G resilvered, 37.06% done, 00:16:04 to go\n"
        "config:\n\n"
        + _rows(
            "NAME                          STATE     READ WRITE CKSUM",
            "media                         DEGRADED     0     0     0",
            "  mirror-0                    DEGRADED     0     0     0",
            "    replacing-1               DEGRADED     0     0     0",
            "      ata-VZ_HDD4T_VZ4T000877 FAULTED     12    88     0  too many errors",
            "      ata-VZ_HDD4T_VZ4T001203 ONLINE       0     0     0  (resilvering)",
            "    ata-VZ_HDD4T_VZ4T000880   ONLINE       0     0     0",
        )
        + "\nerrors: No known data errors\n"
    )
    found = _one("zpool_status", modern)
    assert found.status is Status.WARN and "37.06% done" in found.summary
    assert "ata-VZ_HDD4T_VZ4T000877 is being replaced by ata-VZ_HDD4T_VZ4T001203" in found.summary
    assert "replacing-1" not in found.summary
    # Older ZFS: `scrub:` carries the resilver, the vdevs have no numbers and every row is ONLINE.
    older = (
        "  pool: media\n"
        " state: DEGRADED\n"
        " scrub: resilver in progress, 12.50% done, 0h41m to go\n"
        "config:\n\n"
        + _rows(
            "NAME              STATE     READ WRITE CKSUM",
            "media             ONLINE       0     0     0",
            "  mirror          ONLINE       0     0     0",
            "    replacing     ONLINE       0     0     0",
            "      vdq         ONLINE       0     0     7",
            "      vdr         ONLINE       0     0     0  40.2G resilvered",
            "    vds           ONLINE       0     0     0",
        )
        + "\nerrors: No known data errors\n"
    )
    found = _one("zpool_status", older)
    assert found.status is Status.WARN and "vdq is being replaced by vdr" in found.summary
    assert "missing" not in found.summary


def _with_spares(*spares: str) -> str:
    return (
        "  pool: vault\n"
        " state: DEGRADED\n"
        "status: One or more devices are faulted in response to persistent errors.\n"
        "action: Replace the faulted device, or use 'zpool clear' to mark the device\n"
        "\trepaired.\n"
        "config:\n\n"
        + _rows(
            "NAME                        STATE     READ WRITE CKSUM",
            "vault                       DEGRADED     0     0     0",
            "  raidz2-0                  DEGRADED     0     0     0",
            "    wwn-0x5000c500aa000001  ONLINE       0     0     0",
            "    wwn-0x5000c500aa000002  FAULTED      3    41     0  too many errors",
            "    wwn-0x5000c500aa000003  ONLINE       0     0     0",
            "    wwn-0x5000c500aa000004  ONLINE       0     0     0",
            "spares",
            *(f"  {spare}    AVAIL" for spare in spares),
        )
        + "\nerrors: No known data errors\n"
    )


def test_several_available_spares_are_plural() -> None:
    found = _one("zpool_status", _with_spares("wwn-0x5000c500aa000005", "wwn-0x5000c500aa000006"))
    assert "spares wwn-0x5000c500aa000005 and wwn-0x5000c500aa000006 are available" in found.summary
    single = _one("zpool_status", _with_spares("wwn-0x5000c500aa000005"))
    assert "spare wwn-0x5000c500aa000005 is available" in single.summary and "spares " not in single.summary


# --- zpool list -H: columns found by where the health word is --------------------------------------
def test_headerless_zpool_list_with_health_second_reads_capacity_not_fragmentation() -> None:
    """telegraf: `zpool list -Hp -o name,health,size,alloc,free,fragmentation,capacity,dedupratio`."""
    text = (
        "vault\tONLINE\t7971459301376\t1036289740800\t6935169560576\t4\t13\t1.00\n"
        "scratch\tONLINE\t499289948160\t279602370969\t219687577191\t22\t56\t1.00\n"
    )
    found = _all("zpool_list", text)
    assert "13% used" in found["vault"].summary and "56% used" in found["scratch"].summary
    unavailable = _all("zpool_list", "media\tUNAVAIL\t-\t-\t-\t-\t-\t-\n")
    assert unavailable["media"].status is Status.FAIL


def test_headerless_default_zpool_list_columns() -> None:
    """`zpool list -H` (no -o): NAME SIZE ALLOC FREE CKPOINT EXPANDSZ FRAG CAP DEDUP HEALTH ALTROOT."""
    found = _one("zpool_list", "tank2\t3.62T\t3.33T\t296G\t-\t-\t38%\t92%\t1.00x\tONLINE\t-\n")
    assert found.status is Status.WARN and "92% used" in found.summary
    # ZFS 0.7: NAME SIZE ALLOC FREE EXPANDSZ FRAG CAP DEDUP HEALTH ALTROOT
    zfs07 = "pool1\t7.25T\t2.10T\t5.15T\t-\t9%\t28%\t1.00x\tONLINE\t-\n"
    assert "28% used" in _one("zpool_list", zfs07).summary
    # ZFS 0.6: NAME SIZE ALLOC FREE CAP DEDUP HEALTH ALTROOT
    zfs06 = "pool0\t1.81T\t1.05T\t780G\t58%\t1.00x\tONLINE\t-\n"
    assert "58% used" in _one("zpool_list", zfs06).summary


# --- smartctl: a disk in standby -------------------------------------------------------------------
SMARTCTL_HEAD = (
    "smartctl 7.4 2023-08-01 r5530 [x86_64-linux-6.6.30-vz] (local build)\n"
    "Copyright (C) 2002-23, Bruce Allen, Christian Franke, www.smartmontools.org\n\n"
)


def test_disk_in_standby_says_so_and_how_to_read_it() -> None:
    text = SMARTCTL_HEAD + "Device is in STANDBY mode, exit(2)\n"
    with pytest.raises(ParseError) as refused:
        _one("smart", text, "/dev/sdh")
    assert "standby" in str(refused.value) and "-n standby" in str(refused.value)


# --- smartctl JSON without its "smartctl" header ---------------------------------------------------
def test_smartctl_json_without_header_is_still_read() -> None:
    data = {  # what scrutiny keeps of `smartctl -j -a` for a SAS disk: the data keys, not the header
        "device": {"name": "/dev/sdd", "info_name": "/dev/sdd", "type": "scsi", "protocol": "SCSI"},
        "scsi_model_name": "VZLAB SAS12T",
        "serial_number": "VZS12T004417",
        "smart_status": {"passed": True},
        "temperature": {"current": 36, "drive_trip": 60},
        "scsi_grown_defect_list": 23,
    }
    found = _one("smart", json.dumps(data))
    assert found.status is Status.WARN and "23 grown defects" in found.summary
    with pytest.raises(ParseError, match="not from smartctl"):
        _one("smart", json.dumps({"device": {"name": "/dev/sda"}, "uptime": 5}))


# --- a RAID volume in JSON: the same refusal as its text --------------------------------------------
def test_raid_volume_json_says_it_has_no_smart() -> None:
    data = {
        "json_format_version": [1, 0],
        "smartctl": {"version": [7, 3], "argv": ["smartctl", "-j", "-a", "/dev/sdc"], "exit_status": 4},
        "device": {"name": "/dev/sdc", "info_name": "/dev/sdc", "type": "scsi", "protocol": "SCSI"},
        "vendor": "VZLAB",
        "product": "RAID10 Volume",
        "user_capacity": {"blocks": 7812939776, "bytes": 4000225165312},
        "logical_block_size": 512,
    }
    with pytest.raises(ParseError) as refused:
        _one("smart", json.dumps(data))
    assert "no SMART" in str(refused.value) and "RAID" in str(refused.value)


# --- a temperature of 0 °C is no reading -----------------------------------------------------------
ATA_SSD = SMARTCTL_HEAD + (
    "=== START OF INFORMATION SECTION ===\n"
    "Device Model:     VZLAB SATA SSD 256\n"
    "Serial Number:    VZ256S00913\n"
    "User Capacity:    256,060,514,304 bytes [256 GB]\n"
    "SMART support is: Available - device has SMART capability.\n"
    "SMART support is: Enabled\n\n"
    "=== START OF READ SMART DATA SECTION ===\n"
    "SMART overall-health self-assessment test result: PASSED\n\n"
    "ID# ATTRIBUTE_NAME          FLAG     VALUE WORST THRESH TYPE      UPDATED  WHEN_FAILED RAW_VALUE\n"
    "  5 Reallocated_Sector_Ct   0x0033   100   100   010    Pre-fail  Always       -       0\n"
    "  9 Power_On_Hours          0x0032   100   100   000    Old_age   Always       -       11873\n"
    "194 Temperature_Celsius     0x0022   100   100   000    Old_age   Always       -       0\n"
    "197 Current_Pending_Sector  0x0032   100   100   000    Old_age   Always       -       0\n"
)


def test_zero_degrees_is_not_reported() -> None:
    found = _one("smart", ATA_SSD, "/dev/sde")
    assert found.status is Status.OK and "°C" not in found.summary
    data: dict[str, Any] = {
        "json_format_version": [1, 0],
        "smartctl": {"version": [7, 4], "exit_status": 0},
        "device": {"name": "/dev/sdf", "type": "sat", "protocol": "ATA"},
        "model_name": "VZLAB SATA SSD 512",
        "smart_status": {"passed": True},
        "ata_smart_attributes": {"table": [{"id": 5, "name": "Reallocated_Sector_Ct", "raw": {"value": 0}}]},
        "temperature": {"current": 0},
    }
    assert "°C" not in _one("smart", json.dumps(data)).summary


# --- "Read SMART Data failed": the verdict without the attributes ----------------------------------
def test_attributes_that_could_not_be_read_are_not_called_healthy() -> None:
    text = SMARTCTL_HEAD + (
        "=== START OF INFORMATION SECTION ===\n"
        "Device Model:     VZLAB NAS HDD 14T\n"
        "Serial Number:    VZH14T0042\n"
        "SMART support is: Available - device has SMART capability.\n"
        "SMART support is: Enabled\n\n"
        "=== START OF READ SMART DATA SECTION ===\n"
        "SMART overall-health self-assessment test result: PASSED\n"
        "Read SMART Data failed: scsi error badly formed scsi parameters\n\n"
        "SCT Status Version:                  3\n"
        "Device State:                        Active (0)\n"
        "Current Temperature:                    29 Celsius\n"
        "Power Cycle Min/Max Temperature:     21/33 Celsius\n"
    )
    found = _one("smart", text, "/dev/sdg")
    assert found.status is Status.OK and "healthy" not in found.summary
    assert "SMART passed, 29 °C" in found.summary and "attributes could not be read" in found.summary


# --- kernel log: a disk that rejects discard (TRIM) ------------------------------------------------
def test_rejected_discard_is_named_as_trim_not_as_data_loss() -> None:
    text = (
        "[ 8123.441210] sd 3:0:0:0: [sdc] tag#12 Add. Sense: Invalid field in cdb\n"
        "[ 8123.441230] blk_update_request: critical target error, dev sdc, sector 40968 op 0x3:(DISCARD)"
        " flags 0x800 phys_seg 1 prio class 0\n"
        "[ 8123.452001] blk_update_request: critical target error, dev sdc, sector 917504 op 0x3:(DISCARD)"
        " flags 0x800 phys_seg 1 prio class 0\n"
    )
    found = _one("kernel_log", text)
    assert found.status is Status.WARN and "2 rejected TRIM (discard) requests (sdc)" in found.summary
    other = "[  5.1] blk_update_request: critical medium error, dev sdk, sector 77 op 0x0:(READ) flags 0\n"
    assert "critical medium error (sdk)" in _one("kernel_log", other).summary


def test_profile_kernel_patterns_match_the_defaults() -> None:
    """The Linux profile lists the patterns; the parser's defaults are the same list."""
    profile = tomllib.loads((ROOT / "resources/diagnostics/linux.toml").read_text(encoding="utf-8"))
    check = next(c for c in profile["check"] if c["parser"] == "kernel_log")
    listed = [p["label"] for p in check["params"]["patterns"]]
    assert listed == [p["label"] for p in DEFAULT_PATTERNS]


# --- md: no "(unknown level)" where mdstat prints none; an inactive array names its members --------
def test_array_without_a_level_is_not_called_unknown_level() -> None:
    text = (
        "Personalities : [raid1] [raid6] [raid5] [raid4]\n"
        "md1 : active raid1 nvme0n1p2[0] nvme1n1p2[1]\n"
        "      976630464 blocks super 1.2 [2/2] [UU]\n\n"
        "md5 : inactive sdh1[3](S) sdf1[0](S) sdg1[1](S)\n"
        "      23441682432 blocks super 1.2\n\n"
        "unused devices: <none>\n"
    )
    found = _all("mdstat", text)
    assert found["md5"].status is Status.FAIL
    assert found["md5"].summary.startswith("Array md5 is inactive")
    assert "sdf1, sdg1 and sdh1" in found["md5"].summary and "assembl" in found["md5"].summary
    container = (
        "Personalities : [raid1]\n"
        "md124 : active raid1 nvme2n1[1] nvme3n1[0]\n"
        "      500107264 blocks super external:/md125/0 [2/2] [UU]\n\n"
        "md125 : inactive nvme2n1[1](S) nvme3n1[0](S)\n"
        "      4856 blocks super external:imsm\n\n"
        "unused devices: <none>\n"
    )
    found_container = _all("mdstat", container)["md125"]
    assert found_container.status is Status.OK and "unknown" not in found_container.summary


# --- df: BSD/macOS columns (inodes after Capacity), names with spaces, `-H` units -----------------
def _df(*rows: tuple[str, ...]) -> str:
    """BSD/macOS `df` lines: the columns joined by two spaces (df pads them; the parser splits on blanks)."""
    return "".join("  ".join(row) + "\n" for row in rows)


BSD_HEADER = ("Filesystem", "Capacity", "iused", "ifree", "%iused", "Mounted on")


def test_bsd_df_with_inode_columns_and_spaces_in_names() -> None:
    text = _df(
        ("Filesystem", "512-blocks", "Used", "Available", *BSD_HEADER[1:]),
        ("/dev/disk3s1s1", "1942700360", "19353696", "1142155032", "2%", "403552", "4293009728", "0%", "/"),
        ("devfs", "401", "401", "0", "100%", "694", "0", "100%", "/dev"),
        (
            "/dev/disk3s5",
            "1942700360",
            "779204688",
            "1142155032",
            "41%",
            "2188831",
            "5710776000",
            "0%",
            "/Data",
        ),
        ("map auto_home", "0", "0", "0", "100%", "0", "0", "100%", "/System/Volumes/Data/home"),
        (
            "/dev/disk5s1",
            "1536000",
            "1167360",
            "368640",
            "77%",
            "14",
            "4294967265",
            "0%",
            "/Volumes/Field Notes",
        ),
    )
    found = _one("df", text)
    assert found.status is Status.OK and "/Volumes/Field Notes at 77%" in found.summary
    snapshot = "/Volumes/com.apple.TimeMachine.localsnapshots/Backups.backupdb/VZ-Mac/2026-11-30-101500/"
    snapshot += "Macintosh HD"
    name = "com.apple.TimeMachine.2026-11-30-101500@/dev/disk1s1"
    human = _df(  # `df -h`
        ("Filesystem", "Size", "Used", "Avail", *BSD_HEADER[1:]),
        ("/dev/disk1s1", "466Gi", "301Gi", "162Gi", "65%", "1893422", "4881000000", "0%", "/"),
        (name, "466Gi", "460Gi", "4.1Gi", "99%", "1893422", "4881000000", "0%", snapshot),
    )
    full = _all("df", human)
    assert full[snapshot].status is Status.FAIL and f"({name})" in full[snapshot].summary


def test_df_decimal_units_and_empty_automount_maps() -> None:
    text = (  # `df -H`: powers of 1000, and BSD's "k"
        "Filesystem       Size   Used  Avail Capacity iused      ifree %iused  Mounted on\n"
        "/dev/disk2s1     1.0T   330G   670G    33% 1502114 6543210000    0%   /\n"
        "devfs            343k   343k     0B   100%    1160          0  100%   /dev\n"
        "/dev/disk2s4     1.0T   6.4G   670G     1%       6 6543210000    0%   /private/var/vm\n"
        "map -hosts         0B     0B     0B   100%       0          0  100%   /net\n"
        "map auto_home      0B     0B     0B   100%       0          0  100%   /home\n"
    )
    found = _one("df", text)
    assert found.status is Status.OK and "33%" in found.summary and "auto_home" not in found.summary


# --- SAS SSD (`smartctl -x`): its temperature and endurance lines -----------------------------------
SAS_SSD = SMARTCTL_HEAD + (
    "=== START OF INFORMATION SECTION ===\n"
    "Vendor:               VZLAB\n"
    "Product:              SAS3SSD1920\n"
    "User Capacity:        1,920,383,410,176 bytes [1.92 TB]\n"
    "Rotation Rate:        Solid State Device\n"
    "Serial number:        VZS0019283\n"
    "Transport protocol:   SAS (SPL-4)\n"
    "SMART support is:     Available - device has SMART capability.\n"
    "SMART support is:     Enabled\n"
    "Temperature Warning:  Enabled\n\n"
    "=== START OF READ SMART DATA SECTION ===\n"
    "SMART Health Status: OK\n\n"
    "Percentage used endurance indicator: 2%\n"
    "Current temperature = 31\n"
    "Lifetime maximum temperature = 48\n"
    "Lifetime minimum temperature = 17\n\n"
    "Elements in grown defect list: 0\n"
)


def test_sas_ssd_temperature_and_endurance() -> None:
    assert "31 °C" in _one("smart", SAS_SSD, "/dev/sdj").summary
    worn = SAS_SSD.replace("endurance indicator: 2%", "endurance indicator: 96%")
    found = _one("smart", worn, "/dev/sdj")
    assert found.status is Status.WARN and "has used 96% of its rated endurance" in found.summary
