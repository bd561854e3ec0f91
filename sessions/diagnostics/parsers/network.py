"""Network links: `ip -s link` or the /sys/class/net files: enabled links without carrier, error counters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sessions.diagnostics.findings import Finding, Status
from sessions.diagnostics.parsers.context import ParseContext, ParseError, join_names, plural

_LINK = re.compile(r"^\d+:\s+([^:@\s]+)(?:@\S+)?:\s+<([^>]*)>.*?(?:state\s+(\S+))?")
_SYSFS = re.compile(r"^/sys/class/net/([^/]+)/(?:statistics/)?(\w+):(.*)$")


@dataclass
class Link:
    name: str
    admin_up: bool = False
    carrier: bool | None = None
    counters: dict[str, int] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)


def _links_from_ip(text: str) -> list[Link]:
    links: list[Link] = []
    header: tuple[str, list[str]] | None = None
    for raw in text.splitlines():
        line = raw.rstrip()
        head = _LINK.match(line)
        if head:
            flags = head.group(2).split(",")
            carrier = "LOWER_UP" in flags and "NO-CARRIER" not in flags
            links.append(Link(head.group(1), "UP" in flags, carrier, evidence=[line.strip()]))
            header = None
            continue
        words = line.split()
        if not links or not words:
            continue
        if words[0] in ("RX:", "TX:"):
            header = (words[0][:2].lower(), [w.rstrip(":") for w in words[1:]])
        elif header and all(w.isdigit() for w in words):
            prefix, names = header
            for name, value in zip(names, words, strict=False):
                links[-1].counters[f"{prefix}_{name}"] = int(value)
            header = None
    return links


def _links_from_sysfs(text: str) -> list[Link]:
    links: dict[str, Link] = {}
    for line in text.splitlines():
        match = _SYSFS.match(line.strip())
        if not match:
            continue
        name, key, value = match.groups()
        link = links.setdefault(name, Link(name))
        value = value.strip()
        if key == "flags":
            link.admin_up = bool(int(value, 16) & 0x1)
        elif key == "carrier":
            link.carrier = value == "1"
        elif key == "operstate":
            link.evidence.append(f"{name}: operstate {value}")
        elif value.isdigit():
            link.counters[key] = int(value)
    return list(links.values())


def parse_links(text: str, ctx: ParseContext) -> list[Finding]:
    """Thresholds: ``ignore_links`` (regex), ``min_errors`` and ``warn_error_ratio`` (errors per packet)."""
    links = _links_from_ip(text) or _links_from_sysfs(text)
    if not links:
        raise ParseError("neither `ip -s link` nor /sys/class/net output")
    ignore = re.compile(str(ctx.params.get("ignore_links", r"^(lo|veth|docker|br-|virbr|tun|tap|ifb|dummy)")))
    findings = []
    up = []
    for link in links:
        if ignore.match(link.name):
            continue
        problem = _judge_link(link, ctx)
        if problem:
            findings.append(problem)
        elif link.admin_up:
            up.append(link.name)
    if not findings:
        names = f" ({join_names(up)})" if up else ""
        summary = f"{plural(len(up), 'network link')} up{names}, without errors."
        findings.append(ctx.make(Status.OK, summary, [], "network"))
    return findings


def _judge_link(link: Link, ctx: ParseContext) -> Finding | None:
    if link.admin_up and link.carrier is False:
        summary = f"Network link {link.name} is enabled but has no carrier: check its cable and switch port."
        return ctx.make(Status.WARN, summary, link.evidence, link.name)
    errors = {k: v for k, v in link.counters.items() if k in ("rx_errors", "tx_errors") and v}
    packets = link.counters.get("rx_packets", 0) + link.counters.get("tx_packets", 0)
    total = sum(errors.values())
    if total < ctx.number("min_errors", 10) or total / max(packets, 1) < ctx.number(
        "warn_error_ratio", 0.001
    ):
        return None
    counts = join_names([f"{v} {k.replace('_', ' ')}" for k, v in errors.items()])
    summary = (
        f"Network link {link.name} has {counts} out of {packets} packets: check the cable, port and duplex."
    )
    evidence = link.evidence + [f"{k}: {v}" for k, v in link.counters.items()]
    return ctx.make(Status.WARN, summary, evidence, link.name)
