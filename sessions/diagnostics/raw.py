"""Raw command results and the `<check-id>.out` files that keep them (the escalation bundle's layout).

A file holds every command a check ran, in order, each as a block of ``key: value`` lines followed by
stdout and stderr with their length in bytes, so any output (even one without a final newline) comes
back byte for byte. A plain file read over SFTP instead of running ``cat`` carries ``via: sftp`` after
``error:`` (files without the line are exec results)::

    # valuezone diagnostics raw output v1
    check: smart
    profile: linux

    ## command
    command: smartctl -j -a /dev/sda
    role: main
    item: /dev/sda
    exit-status: 0
    started: 2025-01-01T10:00:00.000+00:00
    duration-s: 0.213
    timed-out: no
    error:
    stdout-bytes: 1234
    <stdout>
    stderr-bytes: 0
    <stderr>
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sessions.errors import DiagnosticsError

MAGIC = "# valuezone diagnostics raw output v1"
_CHECK_FILE = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}\.out$")


@dataclass(frozen=True, slots=True)
class CommandResult:
    """What one command did on the device. ``exit_status`` is None when it never finished."""

    command: str
    role: str = "main"  # main, discover, or input:<name>
    item: str = ""
    exit_status: int | None = None
    stdout: str = ""
    stderr: str = ""
    started: str = ""
    duration: float = 0.0
    timed_out: bool = False
    error: str = ""  # the channel could not be opened, the connection dropped…
    via: str = "exec"  # "sftp": a plain file (`cat PATH`) read over SFTP; exit status and stderr as cat's

    def __post_init__(self) -> None:
        # Kept to the millisecond, as the raw file keeps it: a finding made live and the same finding made
        # again from the file must read alike (1.6949 s would show as 1.69 live and 1.70 from 1.695).
        object.__setattr__(self, "duration", round(self.duration, 3))


@dataclass(frozen=True, slots=True)
class RawCheck:
    """The contents of one `<check-id>.out` file."""

    check: str
    profile: str
    results: tuple[CommandResult, ...]


def _block(result: CommandResult) -> str:
    out, err = result.stdout.encode(), result.stderr.encode()
    status = "" if result.exit_status is None else str(result.exit_status)
    head = [
        "## command",
        f"command: {result.command}",
        f"role: {result.role}",
        f"item: {result.item}",
        f"exit-status: {status}",
        f"started: {result.started}",
        f"duration-s: {result.duration:.3f}",
        f"timed-out: {'yes' if result.timed_out else 'no'}",
        f"error: {result.error}",
        *([f"via: {result.via}"] if result.via != "exec" else []),
        f"stdout-bytes: {len(out)}",
    ]
    return "\n".join(head) + "\n" + result.stdout + f"\nstderr-bytes: {len(err)}\n" + result.stderr + "\n\n"


def render(check: str, profile: str, results: Iterable[CommandResult]) -> str:
    blocks = "".join(_block(r) for r in results)
    return f"{MAGIC}\ncheck: {check}\nprofile: {profile}\n\n{blocks}"


def write_check(folder: Path, check: str, profile: str, results: Iterable[CommandResult]) -> Path:
    """Write `<folder>/<check>.out` (check ids are validated by the profile loader)."""
    if not _CHECK_FILE.match(f"{check}.out"):
        raise DiagnosticsError(
            f"Refusing to write raw output for the odd check id {check!r}.",
            code="diagnostics.raw_bad_check_id",
            params={"check": check},
        )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{check}.out"
    path.write_bytes(render(check, profile, results).encode())
    return path


def parse(data: bytes, name: str = "raw output") -> RawCheck:
    """Read a `.out` file's bytes back; a damaged file raises DiagnosticsError naming it."""
    reader = _Reader(data, name)
    if reader.line() != MAGIC:
        raise DiagnosticsError(
            f"{name} is not a Valuezone diagnostics raw output file.",
            code="diagnostics.raw_not_output",
            params={"name": name},
        )
    check, profile = reader.field("check"), reader.field("profile")
    results = []
    while reader.skip_blank():
        if reader.line() != "## command":
            raise DiagnosticsError(
                f"{name} is damaged near byte {reader.pos}.",
                code="diagnostics.raw_damaged",
                params={"name": name, "pos": reader.pos},
            )
        fields = {key: reader.field(key) for key in _KEYS[:-1]}
        fields["via"] = reader.field("via") if reader.peek("via: ") else "exec"
        fields["stdout-bytes"] = reader.field("stdout-bytes")
        stdout = reader.take(int(fields["stdout-bytes"] or 0))
        stderr_len = int(reader.field("stderr-bytes", after_newline=True) or 0)
        stderr = reader.take(stderr_len)
        status = fields["exit-status"]
        results.append(
            CommandResult(
                command=fields["command"],
                role=fields["role"],
                item=fields["item"],
                exit_status=int(status) if status else None,
                stdout=stdout,
                stderr=stderr,
                started=fields["started"],
                duration=float(fields["duration-s"] or 0),
                timed_out=fields["timed-out"] == "yes",
                error=fields["error"],
                via=fields["via"],
            )
        )
    return RawCheck(check, profile, tuple(results))


_KEYS = (
    "command",
    "role",
    "item",
    "exit-status",
    "started",
    "duration-s",
    "timed-out",
    "error",
    "stdout-bytes",
)


class _Reader:
    def __init__(self, data: bytes, name: str) -> None:
        self.data, self.name, self.pos = data, name, 0

    def line(self) -> str:
        end = self.data.find(b"\n", self.pos)
        if end < 0:
            raise DiagnosticsError(
                f"{self.name} ends in the middle of a record.",
                code="diagnostics.raw_cut_record",
                params={"name": self.name},
            )
        text = self.data[self.pos : end].decode(errors="replace")
        self.pos = end + 1
        return text

    def peek(self, prefix: str) -> bool:
        return self.data.startswith(prefix.encode(), self.pos)

    def field(self, key: str, *, after_newline: bool = False) -> str:
        if after_newline:
            if self.data[self.pos : self.pos + 1] != b"\n":
                raise DiagnosticsError(
                    f"{self.name} is damaged near byte {self.pos}.",
                    code="diagnostics.raw_damaged",
                    params={"name": self.name, "pos": self.pos},
                )
            self.pos += 1
        text = self.line()
        name, sep, value = text.partition(": ")
        if name.rstrip(":") != key:
            raise DiagnosticsError(
                f"{self.name}: expected '{key}:' near byte {self.pos}, found {text[:40]!r}.",
                code="diagnostics.raw_expected_key",
                params={"name": self.name, "key": key, "pos": self.pos, "found": text[:40]},
            )
        return value if sep else ""

    def take(self, count: int) -> str:
        chunk = self.data[self.pos : self.pos + count]
        if len(chunk) != count:
            raise DiagnosticsError(
                f"{self.name} is cut short (a command's output is incomplete).",
                code="diagnostics.raw_cut_output",
                params={"name": self.name},
            )
        self.pos += count
        return chunk.decode(errors="replace")

    def skip_blank(self) -> bool:
        while self.data[self.pos : self.pos + 1] == b"\n":
            self.pos += 1
        return self.pos < len(self.data)


def read_folder(folder: Path) -> list[RawCheck]:
    """Every `<check-id>.out` directly in *folder* (nothing outside it is followed or read)."""
    if not folder.is_dir():
        raise DiagnosticsError(
            f"{folder} is not a folder of diagnostics raw outputs.",
            code="diagnostics.raw_not_folder",
            params={"folder": folder},
        )
    found = []
    for path in sorted(folder.iterdir()):
        if _CHECK_FILE.match(path.name) and path.is_file() and not path.is_symlink():
            found.append(parse(path.read_bytes(), path.name))
    if not found:
        raise DiagnosticsError(
            f"There are no <check>.out files in {folder}.",
            "Point --offline at the diagnostics/raw folder of a bundle or of an earlier run.",
            code="diagnostics.raw_no_files",
            params={"folder": folder},
        )
    return found
