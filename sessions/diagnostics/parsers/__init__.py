"""Pure parsers: command output in, findings out. Profiles name them by the keys of PARSERS."""

from __future__ import annotations

from collections.abc import Callable

from sessions.diagnostics.findings import Finding
from sessions.diagnostics.parsers import btrfs, kernel, network, raid, sensors, smart, system, zfs
from sessions.diagnostics.parsers.context import ParseContext, ParseError

Parser = Callable[[str, ParseContext], list[Finding]]
Discoverer = Callable[[str], list[str]]

PARSERS: dict[str, Parser] = {
    "mdstat": raid.parse_mdstat,
    "mdadm_detail": raid.parse_mdadm_detail,
    "zpool_status": zfs.parse_zpool_status,
    "zpool_list": zfs.parse_zpool_list,
    "btrfs_device_stats": btrfs.parse_btrfs_device_stats,
    "smart": smart.parse_smart,
    "smart_json": smart.parse_smart_json,
    "smart_text": smart.parse_smart_text,
    "df": system.parse_df,
    "free": system.parse_free,
    "load": system.parse_load,
    "version": system.parse_version,
    "kernel_log": kernel.parse_kernel_log,
    "sensors": sensors.parse_sensors,
    "links": network.parse_links,
}

# Turn a discovery command's output into the items a per-item check runs on.
DISCOVERERS: dict[str, Discoverer] = {
    "disks": smart.smart_disks,
    "md_arrays": raid.md_array_names,
    "btrfs_mounts": btrfs.btrfs_mounts,
}

__all__ = ["DISCOVERERS", "PARSERS", "Discoverer", "ParseContext", "ParseError", "Parser"]
