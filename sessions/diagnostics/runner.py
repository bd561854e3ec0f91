"""Run a profile's checks concurrently over channels of one SSH connection; stream results.

Commands run on exec channels; plain file reads (`cat /proc/mdstat`) go over one shared SFTP channel
(files.py). At most `max_channels` channels are open at once, fewer when the server refuses one
(channels.py).
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncssh

from sessions.diagnostics.channels import ChannelLimit
from sessions.diagnostics.checks import CheckResult, run_check
from sessions.diagnostics.files import FileReader, plain_file
from sessions.diagnostics.findings import Finding
from sessions.diagnostics.profiles import Profile, load_profile, load_profiles
from sessions.diagnostics.raw import CommandResult, write_check
from sessions.events import Subscribers, Unsubscribe

# The C locale keeps numbers and messages in the form the parsers read (smartctl prints 1.000.000 in German).
COMMAND_ENV = {"LC_ALL": "C", "LANG": "C"}
# OpenSSH allows 10 sessions per connection by default; leave room for the technician's shell and
# file browser (when the server refuses a channel anyway, the runner waits for one of its own instead).
DEFAULT_CHANNELS = 8
DETECT_TIMEOUT = 10.0
# After Stop's INT, how long a command may take to end before its channel is closed (the server may not
# deliver signals: OpenSSH's sshd before 7.9, or a root login's session, which runs in sshd's monitor).
INTERRUPT_GRACE = 3.0
STOPPED = "not run: the technician stopped the run"

# A channel refused while none of ours is open: the server may still count one that just closed.
REFUSED_RETRIES = 4


@dataclass(frozen=True, slots=True)
class CheckFinished:
    """One check of a run is done (its raw output is already written when the run has a raw folder)."""

    result: CheckResult


@dataclass(frozen=True, slots=True)
class FindingMade:
    """A finding, as soon as its check is done (the caller records it; the runner knows no recorder)."""

    finding: Finding


@dataclass(frozen=True, slots=True)
class Interrupted:
    """The technician stopped the run: *signal* was sent to *command* (still running then)."""

    command: str
    signal: str = "INT"


DiagnosticsEvent = CheckFinished | FindingMade | Interrupted


@dataclass(frozen=True, slots=True)
class _Outcome:
    result: CommandResult
    refused: bool = False  # the server refused the channel (its session limit, most likely)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class DiagnosticsRunner:
    """Runs *profile* on *conn*; every command's result goes to ``raw_dir/<check-id>.out`` when given.

    Watch a run with `subscribe()` (CheckFinished, FindingMade). Nothing here knows the recorder
    (sessions.diagnostics.recorded puts a run into a record).
    """

    def __init__(
        self,
        conn: asyncssh.SSHClientConnection,
        profile: Profile,
        *,
        raw_dir: Path | None = None,
        max_channels: int = DEFAULT_CHANNELS,
    ) -> None:
        self.conn = conn
        self.profile = profile
        self.raw_dir = raw_dir
        self.events: Subscribers[DiagnosticsEvent] = Subscribers("diagnostics")
        self.channels = ChannelLimit(max_channels)
        # During one run, a command several checks need (cat /proc/mdstat…) goes over the wire once, and
        # plain files are read over one SFTP session.
        self._shared: dict[tuple[str, float], asyncio.Future[CommandResult]] | None = None
        self._files: FileReader | None = None
        self._depth = 0
        self._running: dict[asyncssh.SSHClientProcess[str], str] = {}  # process → its command
        self.stopped = False

    @asynccontextmanager
    async def batch(self) -> AsyncIterator[None]:
        """Within this block commands are shared and files read over one SFTP session (closed at the end).

        `run()`, `run_check()` and `detect_profile()` use it; nesting is fine.
        """
        if self._depth == 0:
            self._shared, self._files = {}, FileReader(self.conn, self.channels)
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0:
                files, shared = self._files, self._shared
                self._files = self._shared = None
                # Commands still running belong to checks that were stopped (the session ended): stop them
                # too, so nothing of this run outlives it.
                await _cancel_and_wait((shared or {}).values())
                if files is not None:
                    await files.close()

    async def execute(self, command: str, role: str, item: str, timeout: float) -> CommandResult:
        """Run one command (or read one file); a failure is described in the result, never raised."""
        if self._shared is None:
            return await self._execute(command, role, item, timeout)
        key = (command, timeout)
        if key not in self._shared:
            self._shared[key] = asyncio.ensure_future(self._execute(command, role, item, timeout))
        result = await asyncio.shield(self._shared[key])
        return replace(result, role=role, item=item)

    def interrupt(self, grace: float = INTERRUPT_GRACE) -> list[str]:
        """Stop the run: INT to every command still running (as Ctrl+C would), none started after.

        A command that has not ended *grace* seconds later has its channel closed. Returns the commands
        interrupted; each is also an `Interrupted` event (the record names it).
        """
        self.stopped = True
        loop = asyncio.get_running_loop()
        sent = []
        for process, command in list(self._running.items()):
            try:
                process.send_signal("INT")
            except OSError:  # the channel is closing already
                continue
            sent.append(command)
            self.events.emit(Interrupted(command))
            loop.call_later(grace, process.close)
        return sent

    async def _execute(self, command: str, role: str, item: str, timeout: float) -> CommandResult:
        if self.stopped:
            return CommandResult(command=command, role=role, item=item, started=_now(), error=STOPPED)
        path = plain_file(command)
        if path is not None and self._files is not None:
            result = await self._read_file(self._files, path, command, role, item, timeout)
            if result is not None:
                return result
        lonely = 0  # refusals while no other channel of ours was open
        while True:
            await self.channels.acquire()
            try:
                outcome = await self._run(command, role, item, timeout)
                if not outcome.refused:
                    return outcome.result
                if self.channels.refused():  # the server's session limit: wait for one of ours to close
                    await self._spare_files()
                    continue
                if lonely == REFUSED_RETRIES:
                    return outcome.result
            finally:
                self.channels.release()
            await asyncio.sleep(0.05 * 2**lonely)  # a channel of ours that just closed may still count
            lonely += 1

    async def _spare_files(self) -> None:
        """With one channel left, the SFTP session must not keep it: later files are read with cat."""
        files = self._files
        if self.channels.limit <= 1 and files is not None and not files.closed:
            await files.close()

    async def _read_file(
        self, files: FileReader, path: str, command: str, role: str, item: str, timeout: float
    ) -> CommandResult | None:
        started, clock = _now(), time.monotonic()
        base: dict[str, Any] = {"command": command, "role": role, "item": item, "started": started}
        try:
            async with asyncio.timeout(timeout):
                read = await files.read(path)
        except TimeoutError:
            return CommandResult(**base, duration=time.monotonic() - clock, timed_out=True, via="sftp")
        except (asyncssh.Error, OSError) as exc:
            if files.closed:  # given up for the server's session limit while this read was under way
                return None
            reason = getattr(exc, "reason", "") or str(exc) or type(exc).__name__
            return CommandResult(**base, duration=time.monotonic() - clock, error=reason, via="sftp")
        if read is None:
            return None
        return CommandResult(
            **base, exit_status=read.exit_status, stdout=read.stdout, stderr=read.stderr,
            duration=time.monotonic() - clock, via="sftp",
        )  # fmt: skip

    async def _run(self, command: str, role: str, item: str, timeout: float) -> _Outcome:
        """One exec channel (the caller holds a slot); ``refused`` when the server would not open it."""
        started, clock = _now(), time.monotonic()
        base: dict[str, Any] = {"command": command, "role": role, "item": item, "started": started}
        try:
            async with asyncio.timeout(timeout + 5):
                if self.stopped:
                    return _Outcome(CommandResult(**base, error=STOPPED))
                process = await self.conn.create_process(command, env=COMMAND_ENV, errors="replace")
                self._running[process] = command
                try:
                    proc = await process.wait(check=False, timeout=timeout)
                finally:
                    self._running.pop(process, None)
        except asyncssh.TimeoutError as exc:
            return _Outcome(CommandResult(
                **base, stdout=str(exc.stdout or ""), stderr=str(exc.stderr or ""),
                duration=time.monotonic() - clock, timed_out=True,
            ))  # fmt: skip
        except TimeoutError:
            return _Outcome(CommandResult(**base, duration=time.monotonic() - clock, timed_out=True))
        except asyncssh.ChannelOpenError as exc:
            reason = exc.reason or type(exc).__name__
            failed = CommandResult(**base, duration=time.monotonic() - clock, error=reason)
            return _Outcome(failed, refused=True)
        except (asyncssh.Error, OSError) as exc:
            reason = getattr(exc, "reason", "") or str(exc) or type(exc).__name__
            return _Outcome(CommandResult(**base, duration=time.monotonic() - clock, error=reason))
        return _Outcome(CommandResult(
            **base,
            exit_status=proc.exit_status if proc.exit_status is not None and proc.exit_status >= 0 else None,
            stdout=str(proc.stdout or ""),
            stderr=str(proc.stderr or ""),
            duration=time.monotonic() - clock,
            error=f"killed by signal {proc.exit_signal[0]}" if proc.exit_signal else "",
        ))  # fmt: skip

    async def run_check(self, check_id: str) -> CheckResult:
        """Run (or re-run) one check of the profile."""
        self.stopped = False
        async with self.batch():
            result = await run_check(self.profile.check(check_id), self.execute)
        self._deliver(result)
        return result

    async def run(self, check_ids: Iterable[str] | None = None) -> AsyncIterator[CheckResult]:
        """Run the checks concurrently, yielding each as it finishes (fastest first)."""
        ids = list(check_ids) if check_ids is not None else self.profile.ids()
        self.stopped = False
        async with self.batch():
            tasks = [asyncio.ensure_future(run_check(self.profile.check(i), self.execute)) for i in ids]
            try:
                for next_done in asyncio.as_completed(tasks):
                    result = await next_done
                    self._deliver(result)
                    yield result
            finally:
                await _cancel_and_wait(tasks)

    async def run_all(self) -> list[CheckResult]:
        """Every check, in profile order once all are done."""
        done = {r.check: r async for r in self.run()}
        return [done[i] for i in self.profile.ids()]

    def _deliver(self, result: CheckResult) -> None:
        if self.raw_dir is not None:
            write_check(self.raw_dir, result.check, self.profile.name, result.results)
        for item in result.findings:
            self.events.emit(FindingMade(item))
        self.events.emit(CheckFinished(result))

    def subscribe(self, callback: Callable[[DiagnosticsEvent], None]) -> Unsubscribe:
        return self.events.subscribe(callback)


async def _cancel_and_wait(futures: Iterable[asyncio.Future[Any]]) -> None:
    """Cancel every future not done yet and wait until each has finished."""
    pending = [f for f in futures if not f.done()]
    for future in pending:
        future.cancel()
    if pending:
        await asyncio.wait(pending)


def resolve_profile(name: str) -> Profile:
    """``linux``, ``qnap-qts`` … or a detected combination such as ``qnap-qts+zfs``."""
    base, *addons = name.split("+")
    profile = load_profile(base)
    for addon in addons:
        profile = profile.with_addon(load_profile(addon))
    return profile


async def detect_profile(conn: asyncssh.SSHClientConnection, names: Iterable[str] | None = None) -> Profile:
    """The profile that fits the device (QTS, DSM, else generic Linux), plus add-ons such as zfs."""
    runner = DiagnosticsRunner(conn, load_profile("linux"))
    candidates = [p for p in load_profiles(names) if p.detect]

    async def matches(profile: Profile) -> bool:
        assert profile.detect is not None
        result = await runner.execute(profile.detect.command, "detect", "", DETECT_TIMEOUT)
        return result.exit_status == 0 and bool(re.search(profile.detect.match, result.stdout, re.M))

    async with runner.batch():
        verdicts = await asyncio.gather(*(matches(p) for p in candidates))
    found = [p for p, ok in zip(candidates, verdicts, strict=True) if ok]
    bases = sorted((p for p in found if not p.addon), key=lambda p: -p.priority)
    profile = bases[0] if bases else load_profile("linux")
    for addon in (p for p in found if p.addon):
        profile = profile.with_addon(addon)
    return profile
