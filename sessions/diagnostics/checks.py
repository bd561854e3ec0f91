"""How one check turns command results into findings: alternatives, per-item runs, and honest errors.

The logic is the same live and offline: it asks an ``Execute`` callable for each command it needs, which
is either the device (runner.py) or a replay of saved raw output (offline.py).
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace

from sessions.diagnostics.findings import Finding, Status, finding, worst
from sessions.diagnostics.parsers import DISCOVERERS, PARSERS, ParseContext, ParseError
from sessions.diagnostics.profiles import ITEM, Check
from sessions.diagnostics.raw import CommandResult

Execute = Callable[[str, str, str, float], Awaitable[CommandResult]]  # (command, role, item, timeout)

_DENIED = re.compile(
    r"permission denied|operation not permitted|must be root|requires root|not permitted", re.I
)


@dataclass(frozen=True, slots=True)
class CheckResult:
    """A finished check: its findings and every command it ran (what `<check-id>.out` holds)."""

    check: str
    title: str
    findings: tuple[Finding, ...]
    results: tuple[CommandResult, ...]
    duration: float

    @property
    def status(self) -> Status:
        return worst(f.status for f in self.findings)


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a command gave nothing usable; ``absent`` when the tool or file does not exist."""

    reason: str
    result: CommandResult
    absent: bool = False


def _tool(command: str) -> str:
    return command.split()[0].rsplit("/", 1)[-1] if command.split() else command


def classify(result: CommandResult, timeout: float) -> Failure | None:
    """The reason a command's result cannot be parsed, or None when its stdout is worth reading."""
    tool = _tool(result.command)
    first_err = next((ln.strip() for ln in result.stderr.splitlines() if ln.strip()), "")
    has_output = bool(result.stdout.strip())
    if result.error:
        return Failure(f"`{result.command}` could not be run ({result.error})", result)
    if result.timed_out:
        return Failure(
            f"{tool} did not finish within {timeout:g} s (the device may be busy or a disk may hang)", result
        )
    if result.exit_status == 127 or (
        not has_output and re.search(r"command not found|: not found", first_err)
    ):
        return Failure(f"{tool} is not installed on this device", result, absent=True)
    if not has_output and "No such file or directory" in first_err:
        path = next((w for w in result.command.split()[1:] if w.startswith("/")), tool)
        return Failure(f"{path} does not exist on this device", result, absent=True)
    if result.exit_status == 126 or (not has_output and _DENIED.search(first_err)):
        return Failure(
            f"{tool} was refused permission ({first_err or 'exit status 126'}); "
            "connect as root or an administrator to run this check",
            result,
        )
    if not has_output and result.exit_status not in (0, None):
        detail = f": {first_err}" if first_err else ""
        return Failure(f"{tool} failed with exit status {result.exit_status}{detail}", result)
    return None


def evaluate(
    check: Check, result: CommandResult, item: str, extra: Mapping[str, str]
) -> list[Finding] | Failure:
    """Parse one command result, or say why it cannot be.

    A command that timed out or lost its channel after printing part of its output is read as far as
    it got (``cut``): its findings say so, and carry the reason as their last evidence line.
    """
    failure = classify(result, check.timeout)
    cut = failure is not None and (result.timed_out or bool(result.error)) and bool(result.stdout.strip())
    if failure and not cut:
        return failure
    context = ParseContext(check=check.id, target=item, params=check.params, extra=extra, cut=cut)
    try:
        found = PARSERS[check.parser](result.stdout, context)
        if failure is None:
            return found
        if all(f.status is Status.ERROR for f in found):
            return failure  # nothing usable arrived before the cut: try the next command
        why = f"({failure.reason})"
        return [replace(f, evidence=(*f.evidence, why)) for f in found]
    except ParseError as exc:
        if _DENIED.search(str(exc)):
            reason = (
                f"{_tool(result.command)} was refused permission ({exc}); connect as root or an administrator"
            )
            return Failure(reason, result)
        return Failure(f"the output of `{result.command}` could not be read ({exc})", result)
    except Exception as exc:  # a parser bug must become an error finding, never end the run
        what = f"{type(exc).__name__}: {exc}"
        reason = f"the {check.parser} parser failed on `{result.command}` ({what}); please report it"
        return Failure(reason, result)


def error_finding(check: Check, item: str, failures: list[Failure]) -> Finding:
    """One `error` finding that says what went wrong with every attempt."""
    reasons = list(dict.fromkeys(f.reason for f in failures))
    evidence = []
    for failure in failures:
        result = failure.result
        status = "no exit status" if result.exit_status is None else f"exit {result.exit_status}"
        evidence.append(f"$ {result.command}  ({status}, {result.duration:.2f} s)")
        evidence.extend(ln for ln in result.stderr.splitlines()[:3] if ln.strip())
    summary = "; ".join(reasons) or "the check produced no result"
    if summary.startswith("the "):
        summary = "T" + summary[1:]
    return finding(check.id, item, Status.ERROR, summary + ".", evidence)


def absent_finding(check: Check, item: str, failures: list[Failure]) -> Finding | None:
    """When every attempt found the tool or file missing and the profile says that is fine."""
    if check.absent and failures and all(f.absent for f in failures):
        evidence = [f"$ {f.result.command}: {f.reason}" for f in failures]
        return finding(check.id, item, Status.OK, check.absent, evidence)
    return None


async def run_check(check: Check, execute: Execute) -> CheckResult:
    """Run *check* through *execute*; never raises for anything the device does."""
    log: list[CommandResult] = []
    started = time.monotonic()

    async def call(command: str, role: str, item: str = "") -> CommandResult:
        result = await execute(command, role, item, check.timeout)
        log.append(result)
        return result

    inputs = asyncio.ensure_future(_inputs(check, call))
    try:
        if check.for_each:
            findings = await _per_item(check, call, inputs)
        else:
            findings = await _alternatives(check, call, "", inputs)
    finally:
        if not inputs.done():  # the check was stopped: its inputs are not needed, nor left running
            inputs.cancel()
            await asyncio.wait({inputs})
    return CheckResult(check.id, check.title, tuple(findings), tuple(log), time.monotonic() - started)


Call = Callable[..., Awaitable[CommandResult]]


async def _inputs(check: Check, call: Call) -> dict[str, str]:
    names = list(check.inputs)
    results = await asyncio.gather(*(call(check.inputs[n], f"input:{n}") for n in names))
    return {n: r.stdout for n, r in zip(names, results, strict=True) if classify(r, check.timeout) is None}


async def _alternatives(
    check: Check, call: Call, item: str, inputs: asyncio.Future[dict[str, str]]
) -> list[Finding]:
    failures: list[Failure] = []
    for template in check.commands:
        result = await call(template.replace(ITEM, item), "main", item)
        outcome = evaluate(check, result, item, await asyncio.shield(inputs))
        if not isinstance(outcome, Failure):
            return outcome
        failures.append(outcome)
    absent = absent_finding(check, item, failures)
    return [absent or error_finding(check, item, failures)]


async def _per_item(check: Check, call: Call, inputs: asyncio.Future[dict[str, str]]) -> list[Finding]:
    assert check.for_each is not None
    discover = DISCOVERERS[check.for_each.items]
    failures: list[Failure] = []
    items: list[str] | None = None
    # Discovery commands are cheap reads: ask them all at once, then use the first that worked, in order.
    discovered = await asyncio.gather(*(call(c, "discover") for c in check.for_each.discover))
    for command, result in zip(check.for_each.discover, discovered, strict=True):
        failure = classify(result, check.timeout)
        if failure is None:
            try:
                items = discover(result.stdout)
                break
            except ParseError as exc:
                failure = Failure(f"the output of `{command}` could not be read ({exc})", result)
        failures.append(failure)
    if items is None:
        return [absent_finding(check, "", failures) or error_finding(check, "", failures)]
    items = [i for i in items if check.for_each.accepts(i)]
    if not items:
        return [finding(check.id, "", Status.OK, check.none or "There is nothing to check.")]
    batches = await asyncio.gather(*(_alternatives(check, call, item, inputs) for item in items))
    found = [f for batch in batches for f in batch]
    errors = {f.summary for f in found if f.status is Status.ERROR}
    if len(errors) == 1 and all(f.status is Status.ERROR for f in found) and len(found) > 1:
        targets = ", ".join(f.target for f in found)
        summary = f"{errors.pop()[:-1]} (needed for {targets})."
        return [finding(check.id, "", Status.ERROR, summary, found[0].evidence)]
    return found
