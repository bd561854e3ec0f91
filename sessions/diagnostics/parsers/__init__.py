"""Pure parsers: command output in, findings out. Profiles name them by the keys of PARSERS."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from sessions.diagnostics.findings import Finding, Status
from sessions.diagnostics.parsers import (
    btrfs,
    kernel,
    network,
    raid,
    sensors,
    smart,
    smart_judge,
    system,
    zfs,
)
from sessions.diagnostics.parsers.context import ParseContext, ParseError
from sessions.diagnostics.parsers.cut import CUT_NOTE, with_cut_note

Parser = Callable[[str, ParseContext], list[Finding]]
Discoverer = Callable[[str], list[str]]


def _tolerant(parser: Parser) -> Parser:
    """Output cut short (``ctx.cut``) never raises: what was read is judged and says it was cut."""

    def parse(text: str, ctx: ParseContext) -> list[Finding]:
        if not ctx.cut:
            return parser(text, ctx)
        try:
            found = parser(text, ctx)
        except ParseError as exc:
            reason = str(exc) if "cut" in str(exc) else f"the part that arrived could not be read: {exc}"
            summary = f"{reason[0].upper()}{reason[1:]}."
            return [ctx.make(Status.ERROR, with_cut_note(summary), text.splitlines()[-3:])]
        if not found:
            return [ctx.make(Status.ERROR, CUT_NOTE, text.splitlines()[-3:])]
        return [dataclasses.replace(f, summary=with_cut_note(f.summary)) for f in found]

    parse.__name__ = parser.__name__
    parse.__doc__ = parser.__doc__
    return parse


PARSERS: dict[str, Parser] = {
    name: _tolerant(parser)
    for name, parser in {
        "mdstat": raid.parse_mdstat,
        "mdadm_detail": raid.parse_mdadm_detail,
        "zpool_status": zfs.parse_zpool_status,
        "zpool_list": zfs.parse_zpool_list,
        "btrfs_device_stats": btrfs.parse_btrfs_device_stats,
        "smart": smart_judge.parse_smart,
        "smart_json": smart_judge.parse_smart_json,
        "smart_text": smart_judge.parse_smart_text,
        "df": system.parse_df,
        "free": system.parse_free,
        "load": system.parse_load,
        "version": system.parse_version,
        "kernel_log": kernel.parse_kernel_log,
        "sensors": sensors.parse_sensors,
        "links": network.parse_links,
    }.items()
}

# Turn a discovery command's output into the items a per-item check runs on.
DISCOVERERS: dict[str, Discoverer] = {
    "disks": smart.smart_disks,
    "md_arrays": raid.md_array_names,
    "btrfs_mounts": btrfs.btrfs_mounts,
}

__all__ = ["CUT_NOTE", "DISCOVERERS", "PARSERS", "Discoverer", "ParseContext", "ParseError", "Parser"]
