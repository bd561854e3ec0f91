"""Which logs to collect: the `[logs]` section of each diagnostics profile (following `extends`)."""

from __future__ import annotations

import asyncio
import logging
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources

import asyncssh

from sessions.errors import DiagnosticsError
from sessions.paths import app_dirs

log = logging.getLogger(__name__)
DETECT_TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class LogSpec:
    """Paths or globs of log files, and commands whose output is saved as a log (journald export)."""

    profile: str
    paths: tuple[str, ...] = ()
    commands: Mapping[str, str] = field(default_factory=dict)

    def merged(self, other: LogSpec) -> LogSpec:
        paths = self.paths + tuple(p for p in other.paths if p not in self.paths)
        return LogSpec(f"{self.profile}+{other.profile}", paths, {**self.commands, **other.commands})


def _sources() -> dict[str, dict]:
    """Profile name → parsed TOML: the shipped profiles, then the vendor's own in the config folder."""
    texts: dict[str, str] = {}
    for entry in resources.files("resources").joinpath("diagnostics").iterdir():
        if entry.name.endswith(".toml"):
            texts[entry.name.removesuffix(".toml")] = entry.read_text(encoding="utf-8")
    local = app_dirs().config / "diagnostics"
    if local.is_dir():
        texts.update({p.stem: p.read_text(encoding="utf-8") for p in sorted(local.glob("*.toml"))})
    parsed = {}
    for name, text in texts.items():
        try:
            parsed[name] = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise DiagnosticsError(
                f"The diagnostics profile '{name}' is not valid TOML: {exc}.",
                code="diagnostics.log_profile_invalid_toml",
                params={"name": name, "exc": exc},
            ) from exc
    return parsed


def _spec(name: str, docs: Mapping[str, dict], seen: tuple[str, ...] = ()) -> LogSpec:
    if name not in docs:
        raise DiagnosticsError(
            f"There is no diagnostics profile called '{name}'.",
            f"Use one of: {', '.join(sorted(docs))}.",
            code="diagnostics.unknown_log_profile",
            params={"name": name, "profiles": ", ".join(sorted(docs))},
        )
    if name in seen:
        raise DiagnosticsError(
            f"The diagnostics profile '{name}' extends itself.",
            code="diagnostics.log_profile_loop",
            params={"name": name},
        )
    doc = docs[name]
    base_name = doc.get("profile", {}).get("extends")
    base = _spec(str(base_name), docs, (*seen, name)) if base_name else LogSpec(name)
    logs = doc.get("logs", {})
    own = LogSpec(
        name,
        tuple(str(p) for p in logs.get("paths", ())),
        {str(k): str(v) for k, v in logs.get("commands", {}).items()},
    )
    return LogSpec(name, base.merged(own).paths, base.merged(own).commands)


def log_spec(profile: str) -> LogSpec:
    """The logs the profile *profile* names, with those of the profile it extends."""
    return _spec(profile, _sources())


async def _matches(conn: asyncssh.SSHClientConnection, command: str, pattern: str) -> bool:
    try:
        async with asyncio.timeout(DETECT_TIMEOUT):
            result = await conn.run(command, check=False)
    except (TimeoutError, asyncssh.Error, OSError):
        return False
    output = result.stdout if isinstance(result.stdout, str) else ""
    return result.exit_status == 0 and re.search(pattern, output, re.MULTILINE) is not None


async def detect_log_spec(conn: asyncssh.SSHClientConnection) -> LogSpec:
    """The log spec of the device's best-matching profile, plus any add-on profile that matches (zfs)."""
    docs = _sources()
    ranked = sorted(docs, key=lambda n: -int(docs[n].get("profile", {}).get("priority", 0)))
    chosen, addons = "linux" if "linux" in docs else ranked[-1], []
    for name in ranked:
        meta = docs[name].get("profile", {})
        detect = meta.get("detect")
        if not detect or not await _matches(conn, str(detect["command"]), str(detect.get("match", r"\S"))):
            continue
        if meta.get("addon"):
            addons.append(name)
        elif chosen == "linux" or int(meta.get("priority", 0)) > int(
            docs[chosen]["profile"].get("priority", 0)
        ):
            chosen = name
    spec = _spec(chosen, docs)
    for addon in addons:
        spec = spec.merged(_spec(addon, docs))
    log.info("collecting logs with profile %s", spec.profile)
    return spec
