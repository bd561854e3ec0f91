"""Diagnostic profiles: TOML files naming each check's commands, parser and thresholds, and the allow-list."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from sessions.diagnostics.parsers import DISCOVERERS, PARSERS
from sessions.errors import DiagnosticsError
from sessions.paths import app_dirs

ITEM = "{item}"
_CHECK_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")
# Characters an item (a disk path, an array, a mount point) may ever contain, whatever the profile says.
_SAFE_ITEM = re.compile(r"^[A-Za-z0-9/_.@:+-]+$")


@dataclass(frozen=True, slots=True)
class ForEach:
    """A per-item check: discovery commands (alternatives), how to read them, what an item must look like."""

    discover: tuple[str, ...]
    items: str
    pattern: str

    def accepts(self, item: str) -> bool:
        return bool(_SAFE_ITEM.match(item) and ".." not in item and re.fullmatch(self.pattern, item))


@dataclass(frozen=True, slots=True)
class Check:
    """One check of a profile. ``commands`` are alternatives tried in order until one can be read."""

    id: str
    title: str
    parser: str
    commands: tuple[str, ...]
    inputs: Mapping[str, str] = field(default_factory=dict)
    params: Mapping[str, Any] = field(default_factory=dict)
    timeout: float = 30.0
    absent: str = ""
    none: str = ""
    for_each: ForEach | None = None

    def all_commands(self) -> list[str]:
        found = list(self.commands) + list(self.inputs.values())
        if self.for_each:
            found += list(self.for_each.discover)
        return found


@dataclass(frozen=True, slots=True)
class Detect:
    """How `--profile auto` recognises a device: a command whose output matches a regex."""

    command: str
    match: str


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    title: str
    checks: tuple[Check, ...]
    detect: Detect | None = None
    priority: int = 0
    addon: bool = False
    own_checks: tuple[str, ...] = ()

    def check(self, check_id: str) -> Check:
        for check in self.checks:
            if check.id == check_id:
                return check
        raise DiagnosticsError(
            f"The profile '{self.name}' has no check '{check_id}'.",
            f"Its checks are: {', '.join(c.id for c in self.checks)}.",
            code="diagnostics.unknown_check",
            params={
                "name": self.name,
                "check_id": check_id,
                "checks": ", ".join(c.id for c in self.checks),
            },
        )

    def with_addon(self, addon: Profile) -> Profile:
        """This profile plus the add-on's own checks (zfs on top of QTS, say)."""
        extra = tuple(c for c in addon.checks if c.id in addon.own_checks and c.id not in self.ids())
        return replace(self, name=f"{self.name}+{addon.name}", checks=self.checks + extra)

    def ids(self) -> list[str]:
        return [c.id for c in self.checks]


def _profile_sources() -> dict[str, str]:
    """Profile name → TOML text: the shipped ones, then any in the config folder (a vendor's own)."""
    sources = {}
    shipped = resources.files("resources").joinpath("diagnostics")
    for entry in shipped.iterdir():
        if entry.name.endswith(".toml"):
            sources[entry.name.removesuffix(".toml")] = entry.read_text(encoding="utf-8")
    local = app_dirs().config / "diagnostics"
    if local.is_dir():
        for path in sorted(local.glob("*.toml")):
            sources[path.stem] = path.read_text(encoding="utf-8")
    return sources


def profile_names() -> list[str]:
    """Every profile that can be named on the command line (besides ``auto``)."""
    return sorted(_profile_sources())


def load_profile(name: str) -> Profile:
    """The profile called *name*, with the checks of the profile it extends."""
    return _load(name, _profile_sources(), ())


def _load(name: str, sources: Mapping[str, str], seen: tuple[str, ...]) -> Profile:
    if name not in sources:
        raise DiagnosticsError(
            f"There is no diagnostics profile called '{name}'.",
            f"Use one of: auto, {', '.join(sorted(sources))}.",
            code="diagnostics.unknown_profile",
            params={"name": name, "profiles": ", ".join(sorted(sources))},
        )
    if name in seen:
        raise DiagnosticsError(
            f"The diagnostics profile '{name}' extends itself ({' → '.join(seen)}).",
            code="diagnostics.profile_loop",
            params={"name": name, "chain": " → ".join(seen)},
        )
    try:
        data = tomllib.loads(sources[name])
    except tomllib.TOMLDecodeError as exc:
        raise DiagnosticsError(
            f"The diagnostics profile '{name}' is not valid TOML: {exc}.",
            code="diagnostics.profile_invalid_toml",
            params={"name": name, "exc": exc},
        ) from exc
    meta = data.get("profile", {})
    base = meta.get("extends")
    checks: dict[str, Check] = {}
    if base:
        checks = {c.id: c for c in _load(str(base), sources, (*seen, name)).checks}
    own = []
    for raw in data.get("check", []):
        check_id = str(raw.get("id", ""))
        if raw.get("enabled", True) is False:
            checks.pop(check_id, None)
            continue
        checks[check_id] = _check(name, raw, checks.get(check_id))
        own.append(check_id)
    detect = meta.get("detect")
    return Profile(
        name=name,
        title=str(meta.get("title", name)),
        checks=tuple(checks.values()),
        detect=Detect(str(detect["command"]), str(detect.get("match", r"\S"))) if detect else None,
        priority=int(meta.get("priority", 0)),
        addon=bool(meta.get("addon", False)),
        own_checks=tuple(own),
    )


def _check(profile: str, raw: Mapping[str, Any], base: Check | None) -> Check:
    """A check from its TOML table; keys left out are taken from the check of the same id it overrides."""
    where = f"check '{raw.get('id')}' of profile '{profile}'"
    if not _CHECK_ID.match(str(raw.get("id", ""))):
        raise DiagnosticsError(
            f"The {where} needs an id of lowercase letters, digits and dashes.",
            code="diagnostics.bad_check_id",
            params={"where": where},
        )
    params = {**(base.params if base else {}), **raw.get("params", {})}
    for_each = base.for_each if base else None
    if "for_each" in raw:
        spec = raw["for_each"]
        for_each = ForEach(tuple(spec["discover"]), str(spec["items"]), str(spec["pattern"]))
    check = Check(
        id=str(raw["id"]),
        title=str(raw.get("title", base.title if base else raw["id"])),
        parser=str(raw.get("parser", base.parser if base else "")),
        commands=tuple(raw.get("commands", base.commands if base else ())),
        inputs=dict(raw.get("inputs", base.inputs if base else {})),
        params=params,
        timeout=float(raw.get("timeout", base.timeout if base else 30.0)),
        absent=str(raw.get("absent", base.absent if base else "")),
        none=str(raw.get("none", base.none if base else "")),
        for_each=for_each,
    )
    _validate(check, where)
    return check


def _validate(check: Check, where: str) -> None:
    if check.parser not in PARSERS:
        raise DiagnosticsError(
            f"The {where} names an unknown parser '{check.parser}'.",
            f"Known: {sorted(PARSERS)}.",
            code="diagnostics.unknown_parser",
            params={"where": where, "parser": check.parser, "parsers": sorted(PARSERS)},
        )
    if not check.commands:
        raise DiagnosticsError(
            f"The {where} has no commands.", code="diagnostics.no_commands", params={"where": where}
        )
    templated = any(ITEM in c for c in check.commands)
    if templated != (check.for_each is not None):
        raise DiagnosticsError(
            f"The {where} must use {ITEM} in its commands exactly when it has for_each.",
            code="diagnostics.item_mismatch",
            params={"where": where, "placeholder": ITEM},
        )
    if check.for_each and check.for_each.items not in DISCOVERERS:
        raise DiagnosticsError(
            f"The {where} names an unknown item list '{check.for_each.items}'.",
            code="diagnostics.unknown_item_list",
            params={"where": where, "items": check.for_each.items},
        )
    try:
        if check.for_each:
            re.compile(check.for_each.pattern)
    except re.error as exc:
        raise DiagnosticsError(
            f"The {where} has an invalid item pattern: {exc}.",
            code="diagnostics.bad_item_pattern",
            params={"where": where, "exc": exc},
        ) from exc


def load_profiles(names: Iterable[str] | None = None) -> list[Profile]:
    return [load_profile(n) for n in (names if names is not None else profile_names())]


def allowed_commands(profile_names: Iterable[str] | None = None) -> frozenset[str]:
    """Every command string the named profiles (default: all) can run; per-item ones keep ``{item}``.

    For checking a requested command line use :func:`is_allowed`, which fills ``{item}`` safely.
    """
    commands: set[str] = set()
    for profile in load_profiles(profile_names):
        if profile.detect:
            commands.add(profile.detect.command)
        for check in profile.checks:
            commands.update(check.all_commands())
    return frozenset(commands)


def is_allowed(command: str, profile_names: Iterable[str] | None = None) -> bool:
    """True when *command* is exactly one a profile runs, or a per-item template with an acceptable item."""
    for profile in load_profiles(profile_names):
        if profile.detect and command == profile.detect.command:
            return True
        for check in profile.checks:
            if command in check.all_commands() and ITEM not in command:
                return True
            if check.for_each and any(_fills(t, command, check.for_each) for t in check.commands):
                return True
    return False


def _fills(template: str, command: str, for_each: ForEach) -> bool:
    before, _, after = template.partition(ITEM)
    if not (command.startswith(before) and command.endswith(after)):
        return False
    item = command[len(before) : len(command) - len(after)]
    return for_each.accepts(item)


def local_profile_folder() -> Path:
    """Where a vendor may drop extra or overriding profile files."""
    return app_dirs().config / "diagnostics"
