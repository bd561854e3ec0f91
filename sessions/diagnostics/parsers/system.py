"""Space (df), memory (free), load against the core count, and the firmware / OS version."""

from __future__ import annotations

import re

from sessions.diagnostics.findings import Finding, Status
from sessions.diagnostics.parsers.context import ParseContext, ParseError, plural

_USE = re.compile(r"^(\d+)%$|^-$")
_UNITS = {"": 1, "B": 1 / 1024, "K": 1, "k": 1000 / 1024, "M": 1024, "G": 1024**2, "T": 1024**3, "P": 1024**4}
_SIZE = re.compile(r"([\d.,]+)([BKkMGTP]?)i?B?")


def human_kib(kib: float) -> str:
    """4194304 → ``4.0 GiB``."""
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        if kib < 1024 or unit == "TiB":
            return f"{kib:.0f} {unit}" if unit == "KiB" else f"{kib:.1f} {unit}"
        kib /= 1024
    return f"{kib:.1f} TiB"


def _size(word: str, unit_kib: float) -> tuple[float, str]:
    """A df/free size → (KiB, as printed). Human sizes (``2.9T``) carry their unit."""
    match = _SIZE.fullmatch(word)
    if not match:
        raise ParseError(f"not a size: {word!r}")
    number = float(match.group(1).replace(",", "."))
    if match.group(2):
        return number * _UNITS[match.group(2)], word
    return number * unit_kib, human_kib(number * unit_kib)


def _df_layout(header: str) -> tuple[bool, int]:
    """(a Type column before the sizes, how many columns come between Use%/Capacity and the mount)."""
    words = header.split()
    use = next((i for i, w in enumerate(words) if w in ("Use%", "Capacity", "Use")), None)
    mounted = words.index("Mounted") if "Mounted" in words else len(words)
    return "Type" in words, (mounted - use - 1) if use is not None else 0


def _df_rows(text: str) -> list[tuple[str, str, str, str, int | None, str, str]]:
    """(filesystem, size, used, avail, use%, mount, line) per line; wrapped long names are joined.

    The use% is the first percent after three sizes, so names may hold spaces (`map -hosts`) and BSD's
    inode columns after Capacity (`iused ifree %iused`, counted from the header) are passed over.
    """
    rows = []
    pending = ""
    has_type, extra = False, 0
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("Filesystem"):
            has_type, extra = _df_layout(line)
            continue
        if not line.strip():
            continue
        words = (pending + " " + line).split() if pending else line.split()
        if len(words) == 1:
            pending = words[0]
            continue
        pending = ""
        index = next(
            (i for i in range(3, len(words)) if _USE.match(words[i]) and _sizes(words[i - 3 : i])), None
        )
        if index is None or index < 4:
            raise ParseError(f"unexpected df line: {line!r}")
        use = _USE.match(words[index])
        percent = int(use.group(1)) if use and use.group(1) else None
        names = words[: index - 3]
        fs = " ".join(names[:-1] if has_type and len(names) > 1 else names)
        size, used, avail = words[index - 3], words[index - 2], words[index - 1]
        rows.append((fs, size, used, avail, percent, " ".join(words[index + 1 + extra :]), line))
    return rows


def _sizes(words: list[str]) -> bool:
    return all(w == "-" or _SIZE.fullmatch(w) for w in words)


def parse_df(text: str, ctx: ParseContext) -> list[Finding]:
    """Filesystems at ``warn_percent`` / ``fail_percent`` or more; pseudo and read-only images skipped."""
    ignore_fs = re.compile(
        str(ctx.params.get("ignore_filesystems", r"^(tmpfs|devtmpfs|udev|none|overlay|shm)$"))
    )
    ignore_mount = re.compile(str(ctx.params.get("ignore_mounts", r"^/(snap|proc|sys|dev|run)(/|$)")))
    ignore_device = re.compile(str(ctx.params.get("ignore_devices", r"^/dev/loop\d+")))
    unit = float(ctx.params.get("unit_kib", 1))
    warn, fail = ctx.number("warn_percent", 90), ctx.number("fail_percent", 98)
    seen: dict[tuple[str, str, str], str] = {}
    findings, healthy = [], []
    for fs, size, used, avail, percent, mount, line in _df_rows(text):
        if percent is None or ignore_fs.search(fs) or ignore_mount.search(mount) or ignore_device.search(fs):
            continue
        if size != "-" and _size(size, unit)[0] == 0:  # an empty automount map or pseudo filesystem
            continue
        key = (fs, size, used)
        if key in seen:  # the same filesystem bind-mounted again (Synology shares, containers)
            continue
        seen[key] = mount
        free_kib, free_text = _size(avail, unit)
        _, size_text = _size(size, unit)
        status = Status.FAIL if percent >= fail else Status.WARN if percent >= warn else Status.OK
        if status is Status.OK:
            healthy.append((percent, mount, line))
            continue
        state = "full" if percent >= 100 else "almost full" if status is Status.FAIL else "getting full"
        room = "no space left" if free_kib <= 0 else f"{free_text} free"
        summary = f"Volume {mount} ({fs}) is {state}: {percent}% used, {room} of {size_text}."
        findings.append(ctx.make(status, summary, [line], mount))
    if not findings and not healthy:
        raise ParseError("df listed no disk filesystems")
    if not findings:
        percent, mount, line = max(healthy)
        count = f"All {len(healthy)} volumes have" if len(healthy) > 1 else "The only volume has"
        summary = f"{count} room; the fullest is {mount} at {percent}%."
        findings.append(ctx.make(Status.OK, summary, [line], ""))
    return findings


_MEMINFO = re.compile(r"^(\w+):\s+(\d+)(?:\s+kB)?\s*$", re.M)


def _meminfo(text: str) -> tuple[float, float, str, list[str]]:
    """/proc/meminfo → (total KiB, available KiB, swap note, evidence lines)."""
    values = {m.group(1): int(m.group(2)) for m in _MEMINFO.finditer(text)}
    lines = {m.group(1): m.group(0).strip() for m in _MEMINFO.finditer(text)}
    if "MemTotal" not in values or "MemFree" not in values:
        raise ParseError("this is not /proc/meminfo")
    if "MemAvailable" in values:  # what `free` prints as available (kernel 3.14 and later)
        shown = ["MemTotal", "MemAvailable"]
        available = float(values["MemAvailable"])
    else:  # older kernels: free + buffers + page cache, as the old `free` did
        shown = ["MemTotal", "MemFree", "Buffers", "Cached"]
        available = float(sum(values.get(k, 0) for k in shown[1:]))
    swap_note = ""
    if "SwapTotal" in values:
        shown += ["SwapTotal", "SwapFree"]
        total = values["SwapTotal"]
        used = total - values.get("SwapFree", total)
        swap_note = f"; swap {human_kib(used)} of {human_kib(total)} used" if total > 0 else "; no swap"
    return float(values["MemTotal"]), available, swap_note, [lines[k] for k in shown if k in lines]


def parse_free(text: str, ctx: ParseContext) -> list[Finding]:
    """Memory available (`free` or /proc/meminfo) against ``warn_available_percent`` / ``fail_…``."""
    if _MEMINFO.search(text) and "MemTotal:" in text:
        total, available, swap_note, evidence = _meminfo(text)
        return _memory_findings(ctx, total, available, swap_note, evidence)
    lines = [ln.rstrip() for ln in text.splitlines() if ln.strip()]
    header = next((ln.split() for ln in lines if "total" in ln.split()), None)
    mem = next((ln for ln in lines if ln.startswith("Mem:")), None)
    if header is None or mem is None:
        raise ParseError("this is neither `free` output nor /proc/meminfo")
    unit = float(ctx.params.get("unit_kib", 1))
    values = dict(zip(header, mem.split()[1:], strict=False))
    total = _size(values["total"], unit)[0]
    available = _size(values["available"], unit)[0] if "available" in values else 0.0
    evidence = [" ".join(header), mem]
    if available <= 0:  # busybox prints 0; fall back to free + buffers/cache
        legacy = next((ln for ln in lines if ln.startswith("-/+")), None)
        if legacy:
            available = _size(legacy.split()[-1], unit)[0]
            evidence.append(legacy)
        else:
            cache = sum(_size(values[k], unit)[0] for k in ("buff/cache", "buffers", "cache") if k in values)
            available = _size(values["free"], unit)[0] + cache
    swap = next((ln for ln in lines if ln.startswith("Swap:")), None)
    swap_note = _swap_note(swap, unit) if swap else ""
    if swap:
        evidence.append(swap)
    return _memory_findings(ctx, total, available, swap_note, evidence)


def _memory_findings(
    ctx: ParseContext, total: float, available: float, swap_note: str, evidence: list[str]
) -> list[Finding]:
    if total <= 0:
        raise ParseError("the device reported no memory")
    percent = 100 * available / total
    amount = f"{human_kib(available)} of {human_kib(total)} available ({percent:.0f}%)"
    if percent < ctx.number("fail_available_percent", 5):
        return [
            ctx.make(Status.FAIL, f"Memory is nearly exhausted: {amount}{swap_note}.", evidence, "memory")
        ]
    if percent < ctx.number("warn_available_percent", 10):
        return [ctx.make(Status.WARN, f"Memory is low: {amount}{swap_note}.", evidence, "memory")]
    return [ctx.make(Status.OK, f"Memory is fine: {amount}{swap_note}.", evidence, "memory")]


def _swap_note(line: str, unit: float) -> str:
    words = line.split()
    total, used = _size(words[1], unit)[0], _size(words[2], unit)[0]
    if total <= 0:
        return "; no swap"
    return f"; swap {human_kib(used)} of {human_kib(total)} used"


_LOAD = re.compile(r"load averages?:\s*(\d+[.,]\d+),?\s+(\d+[.,]\d+),?\s+(\d+[.,]\d+)")
_LOADAVG = re.compile(r"^\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+\d+/\d+")
_UP = re.compile(r"\bup\s+(.*?),\s+\d+\s+users?|\bup\s+(.*?),\s+load")
_PROCESSOR = re.compile(r"^processor\s*:", re.M)


def _cores(text: str) -> int | None:
    """`nproc` / `grep -c ^processor` print a number; /proc/cpuinfo has a `processor` line per core."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    return len(_PROCESSOR.findall(text)) or None


def _up_since(text: str) -> str:
    """/proc/uptime's seconds in uptime's words: ``25 min``, ``7:04``, ``2 days, 19:32``."""
    try:
        seconds = int(float(text.split()[0]))
    except (IndexError, ValueError):
        return ""
    days, rest = divmod(seconds, 86400)
    hours, minutes = rest // 3600, rest % 3600 // 60
    clock = f"{hours}:{minutes:02d}" if hours else f"{minutes} min"
    return f"{plural(days, 'day')}, {clock}" if days else clock


def parse_load(text: str, ctx: ParseContext) -> list[Finding]:
    """`uptime` or /proc/loadavg against the core count in ``extra['cores']`` (a number or /proc/cpuinfo).

    With /proc/loadavg, ``extra['uptime']`` (/proc/uptime) gives the time since boot.
    """
    match = _LOAD.search(text) or _LOADAVG.search(text)
    if not match:
        raise ParseError("this is neither `uptime` nor /proc/loadavg output")
    five = float(match.group(2).replace(",", "."))
    cores = _cores(ctx.extra.get("cores", ""))
    if cores is None:
        raise ParseError("the core count (/proc/cpuinfo) is missing, so the load cannot be judged")
    up = _UP.search(text)
    since = (up.group(1) or up.group(2)).strip() if up else _up_since(ctx.extra.get("uptime", ""))
    up_note = f"; up {since}" if since else ""
    per_core = five / cores
    numbers = f"{five:.2f} over 5 minutes on {plural(cores, 'core')} ({per_core:.1f} per core){up_note}"
    evidence = [text.strip().splitlines()[0], f"cores: {cores}"]
    if per_core >= ctx.number("fail_per_core", 3.0):
        return [
            ctx.make(
                Status.FAIL,
                f"The device is overloaded: {numbers}; expect it to be very slow.",
                evidence,
                "load",
            )
        ]
    if per_core >= ctx.number("warn_per_core", 1.0):
        return [
            ctx.make(
                Status.WARN, f"Load is high: {numbers}; the device may respond slowly.", evidence, "load"
            )
        ]
    return [ctx.make(Status.OK, f"Load is normal: {numbers}.", evidence, "load")]


def _key_values(text: str) -> dict[str, str]:
    values = {}
    for line in text.splitlines():
        match = re.match(r'^\s*([A-Za-z_]\w*)\s*=\s*"?(.*?)"?\s*$', line)
        if match:
            values[match.group(1)] = match.group(2)
    return values


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text)[:3])


def parse_version(text: str, ctx: ParseContext) -> list[Finding]:
    """DSM /etc.defaults/VERSION, QTS `getcfg System Version` or /etc/os-release; ``warn_below``."""
    values = _key_values(text)
    if "buildnumber" in values:
        version = values.get("productversion") or f"{values.get('majorversion')}.{values.get('minorversion')}"
        name = f"Synology {values.get('os_name', 'DSM')} {version}-{values['buildnumber']}"
        fix = values.get("smallfixnumber", "0")
        if fix not in ("", "0"):
            name += f" Update {fix}"
    elif "PRETTY_NAME" in values or "ID" in values:
        version = values.get("VERSION_ID", "")
        name = values.get("PRETTY_NAME") or f"{values.get('NAME', values.get('ID'))} {version}".strip()
    elif re.fullmatch(r"\s*\d+(\.\d+)+\s*", text):
        version = text.strip()
        name = f"{ctx.params.get('product', 'firmware')} {version}"
    else:
        raise ParseError("no version information in this output")
    evidence = [ln.strip() for ln in text.splitlines() if ln.strip()]
    build = ctx.extra.get("build", "").strip()
    if build:
        name += f" (build {build})"
    minimum = str(ctx.params.get("warn_below", ""))
    if minimum and version and _version_tuple(version) < _version_tuple(minimum):
        advice = str(ctx.params.get("advice", "update it when the customer agrees"))
        summary = f"The device runs {name}, older than {minimum}; {advice}."
        return [ctx.make(Status.WARN, summary, evidence, "firmware")]
    return [ctx.make(Status.OK, f"The device runs {name}.", evidence, "firmware")]
