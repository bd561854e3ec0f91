"""Re-analyse saved raw outputs (`diagnostics/raw/<check-id>.out`) without the device."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from sessions.diagnostics.checks import CheckResult, run_check
from sessions.diagnostics.findings import Status, finding
from sessions.diagnostics.profiles import Profile
from sessions.diagnostics.raw import CommandResult, RawCheck, read_folder
from sessions.diagnostics.runner import resolve_profile


class Replay:
    """An Execute that answers from one check's saved results, in the order they were run."""

    def __init__(self, raw: RawCheck) -> None:
        self._saved: dict[tuple[str, str, str], list[CommandResult]] = defaultdict(list)
        self._inputs: dict[tuple[str, str], CommandResult] = {}
        for result in raw.results:
            self._saved[(result.command, result.role, result.item)].append(result)
            if result.role.startswith("input:"):
                self._inputs.setdefault((result.role, result.item), result)

    async def __call__(self, command: str, role: str, item: str, timeout: float) -> CommandResult:
        saved = self._saved.get((command, role, item))
        if saved:
            return saved.pop(0)
        # An input an older profile read with another command (`grep -c ^processor /proc/cpuinfo`
        # before `cat /proc/cpuinfo`) still answers: the parser reads both forms.
        if (role, item) in self._inputs:
            return self._inputs[(role, item)]
        return CommandResult(command, role, item, error="it is not in the saved output")


async def analyse_folder(folder: Path, profile: str | None = None) -> list[CheckResult]:
    """Findings for every `.out` file in *folder*, with today's parsers and thresholds.

    The profile is *profile* when given, else the one named in the files (as detected on the device).
    """
    raws = read_folder(folder)
    profiles: dict[str, Profile] = {}
    results = []
    for raw in raws:
        name = profile or raw.profile or "linux"
        if name not in profiles:
            profiles[name] = resolve_profile(name)
        chosen = profiles[name]
        if raw.check not in chosen.ids():
            summary = (
                f"The saved output {raw.check}.out belongs to no check of the profile '{chosen.name}'; "
                "re-analyse it with the profile it was made with (--profile)."
            )
            lost = finding(raw.check, "", Status.ERROR, summary)
            results.append(CheckResult(raw.check, raw.check, (lost,), raw.results, 0.0))
            continue
        results.append(await run_check(chosen.check(raw.check), Replay(raw)))
    order = {check: i for p in profiles.values() for i, check in enumerate(p.ids())}
    return sorted(results, key=lambda r: order.get(r.check, len(order)))
