"""Reading `~/.ssh/config` to import its hosts into the device book (never running anything it names).

OpenSSH's rules as ssh_config(5) gives them: keywords in any case, `Keyword value` or `Keyword=value`,
quoted arguments, `#` comments; for each option the first value obtained wins, so `Host *` defaults
written at the end fill in what a host block left out; `Include` (globs, `~`, relative to ~/.ssh) is
read in place, at most 16 deep. Every `Host` line with a name that has no wildcard and no `!` becomes
one candidate device, its effective HostName, User, Port and IdentityFile worked out for its first
name, with the tokens OpenSSH expands in them (`%h %n %p %r %u %l %L %d %i %%`).

Not done, and said so in `SshConfig.notes`: `Match` blocks (their conditions, `exec` among them, hold
only when connecting; `Match all` is read like `Host *`), ProxyJump and ProxyCommand (noted on the
device: Valuezone connects directly), an IdentityFile that does not exist. paramiko's and asyncssh's
parsers both run `Match exec` commands while reading, which an import must never do.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
import shlex
import socket
from dataclasses import dataclass, field
from pathlib import Path

from sessions.ssh.target import local_user

MAX_DEPTH = 16  # OpenSSH's READCONF_MAX_DEPTH for Include
MAX_BYTES = 1 << 20  # a config file bigger than this is not a config file
_LINE = re.compile(r"\s*([^\s=]+)\s*=?\s*(.*)")
OPTIONS = ("hostname", "user", "port", "identityfile", "proxyjump", "proxycommand")


@dataclass(frozen=True, slots=True)
class SshHost:
    """One importable host: where it was written, and what OpenSSH would use to reach it."""

    alias: str
    hostname: str
    port: int
    user: str
    identity_file: Path | None
    also: tuple[str, ...] = ()  # the other names of its Host line
    proxy: str = ""  # "ProxyJump bastion" or "ProxyCommand …": not used by Valuezone
    notes: tuple[str, ...] = ()  # what the import could not carry over (a key file that is missing …)
    where: str = ""  # file:line of its Host line

    def device_notes(self) -> str:
        """The text kept in the device's notes."""
        lines = [f"Imported from {self.where} (Host {' '.join((self.alias, *self.also))})."]
        if self.proxy:
            lines.append(f"OpenSSH reaches it through {self.proxy}; Valuezone connects directly.")
        return "\n".join(lines + list(self.notes))


@dataclass(slots=True)
class SshConfig:
    """The hosts of one config file (and those it includes), and what was left out and why."""

    hosts: list[SshHost] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Block:
    patterns: tuple[str, ...]  # () for lines before the first Host: they apply to every host
    where: str
    guard: tuple[tuple[str, ...], ...] = ()  # the Host lines around the Include that read this block
    options: list[tuple[str, str, str]] = field(default_factory=list)  # (keyword, value, file:line)
    skipped: bool = False  # a Match block: read past, not applied

    def applies(self, alias: str) -> bool:
        return not self.skipped and all(_matches(alias, p) for p in (*self.guard, self.patterns))


def _split(line: str) -> tuple[str, list[str]] | None:
    """`Keyword value…` or `Keyword=value…` without its comment; None for a blank or comment line."""
    found = _LINE.match(line)
    if found is None or found.group(1).startswith("#"):
        return None
    try:
        args = shlex.split(found.group(2), comments=True, posix=True)
    except ValueError:  # an unclosed quote: OpenSSH refuses the line; the words are still worth a look
        args = found.group(2).split()
    return found.group(1).lower(), args


def _tilde(text: str, home: Path) -> str:
    return str(home) + text[1:] if text == "~" or text.startswith("~/") else text


class _Reader:
    """Reads a config and what it includes into blocks, in the order OpenSSH reads them."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.blocks: list[_Block] = [_Block((), "")]
        self.notes: list[str] = []

    def read(self, path: Path, depth: int = 0) -> None:
        if depth > MAX_DEPTH:
            self.notes.append(f"{path}: not read (Include nested more than {MAX_DEPTH} deep).")
            return
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            self.notes.append(f"{path}: not read ({exc.strerror or exc}).")
            return
        if len(data) > MAX_BYTES:
            self.notes.append(f"{path}: not read (larger than {MAX_BYTES >> 10} KiB).")
            return
        for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
            parsed = _split(line)
            if parsed is not None:
                self._line(*parsed, where=f"{path}:{number}", depth=depth)

    def _line(self, keyword: str, args: list[str], *, where: str, depth: int) -> None:
        guard = self.blocks[-1].guard if depth else ()
        if keyword == "host":
            self.blocks.append(_Block(tuple(args), where, guard))
        elif keyword == "match":
            if [a.lower() for a in args] == ["all"]:
                self.blocks.append(_Block(("*",), where, guard))
            else:
                self.blocks.append(_Block((), where, guard, skipped=True))
                self.notes.append(
                    f"{where}: Match {' '.join(args)}: skipped (its conditions hold only when connecting)."
                )
        elif keyword == "include":
            for pattern in args:
                self._include(pattern, where, depth)
        elif keyword in OPTIONS and args:
            value = " ".join(args) if keyword == "proxycommand" else args[0]
            self.blocks[-1].options.append((keyword, value, where))

    def _include(self, pattern: str, where: str, depth: int) -> None:
        """Read the files in place; inside a Host block they apply only to the hosts it matches."""
        around = self.blocks[-1]
        if around.skipped:
            self.notes.append(f"{where}: Include {pattern}: skipped (inside a Match block).")
            return
        expanded = _tilde(pattern, self.home)
        if not os.path.isabs(expanded):
            expanded = str(self.home / ".ssh" / expanded)
        names = sorted(glob.glob(expanded))
        if not names and not glob.has_magic(expanded):
            self.notes.append(f"{where}: Include {pattern}: no such file.")
        for name in names:
            guard = (*around.guard, around.patterns) if around.patterns else around.guard
            self.blocks.append(_Block((), where, guard))
            self.read(Path(name), depth + 1)
        self.blocks.append(_Block(around.patterns, around.where, around.guard))  # the lines after it


def _matches(alias: str, patterns: tuple[str, ...]) -> bool:
    """ssh_config(5) pattern lists: a match on a `!pattern` rules the host out."""
    if not patterns:
        return True
    hit = False
    for pattern in patterns:
        negated = pattern.startswith("!")
        if fnmatch.fnmatchcase(alias.lower(), pattern.lstrip("!").lower()):
            if negated:
                return False
            hit = True
    return hit


def _concrete(pattern: str) -> bool:
    return bool(pattern) and not pattern.startswith("!") and not any(c in pattern for c in "*?[")


def _expand(text: str, tokens: dict[str, str]) -> tuple[str, str]:
    """*text* with its %-tokens expanded; the second value names a token it did not know (or "")."""
    out, unknown, index = [], "", 0
    while index < len(text):
        char = text[index]
        if char == "%" and index + 1 < len(text):
            token = text[index + 1]
            if token in tokens:
                out.append(tokens[token])
            else:
                unknown = unknown or f"%{token}"
                out.append(f"%{token}")
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out), unknown


def _effective(reader: _Reader, alias: str) -> dict[str, tuple[str, str]]:
    """For each option, the first value any block that applies to *alias* gives, with where it was."""
    chosen: dict[str, tuple[str, str]] = {}
    for block in reader.blocks:
        if not block.applies(alias):
            continue
        for keyword, value, where in block.options:
            chosen.setdefault(keyword, (value, where))
    return chosen


def _host(reader: _Reader, block: _Block, names: list[str]) -> SshHost | str:
    """The host *block* names first, or why it cannot be imported."""
    alias = names[0]
    options = _effective(reader, alias)
    home = str(reader.home)
    local = local_user()
    tokens = {"%": "%", "n": alias, "h": alias, "d": home, "u": local, "i": str(os.getuid())}
    tokens["L"] = socket.gethostname().split(".")[0]
    tokens["l"] = socket.gethostname()
    hostname, unknown = _expand(options.get("hostname", (alias, ""))[0], tokens)
    notes: list[str] = []
    port_text = options.get("port", ("22", ""))[0]
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        return f"{block.where}: Host {alias}: skipped (Port {port_text!r} is not a port number)."
    if not hostname or any(c.isspace() for c in hostname) or unknown:
        return f"{block.where}: Host {alias}: skipped (HostName {hostname!r} cannot be used)."
    tokens.update(h=hostname, p=port_text, r=options.get("user", (local, ""))[0])
    user = _expand(options["user"][0], tokens)[0] if "user" in options else ""
    identity = None
    if "identityfile" in options:
        raw, where = options["identityfile"]
        expanded, unknown = _expand(raw, tokens)
        path = Path(_tilde(expanded, reader.home))
        if not path.is_absolute():
            path = reader.home / path
        if unknown:
            notes.append(f"IdentityFile {raw} was not set: Valuezone does not expand {unknown}.")
        elif raw.lower() == "none" or not path.is_file():
            notes.append(f"IdentityFile {raw} was not set: there is no such file ({where}).")
        else:
            identity = path
    proxy = ""
    if "proxyjump" in options and options["proxyjump"][0].lower() != "none":
        proxy = f"ProxyJump {options['proxyjump'][0]}"
    elif "proxycommand" in options and options["proxycommand"][0].lower() != "none":
        proxy = f"ProxyCommand {options['proxycommand'][0]}"
    return SshHost(
        alias, hostname, int(port_text), user, identity, tuple(names[1:]), proxy, tuple(notes), block.where
    )


def read_ssh_config(path: Path | None = None, *, home: Path | None = None) -> SshConfig:
    """The hosts of *path* (default ~/.ssh/config). Never raises for its content: problems are notes."""
    home = home or Path.home()
    path = path or home / ".ssh" / "config"
    reader = _Reader(home)
    reader.read(path)
    result = SshConfig(notes=reader.notes)
    seen: set[str] = set()
    for block in reader.blocks:
        names = [p for p in block.patterns if _concrete(p)]
        if block.patterns and not names:
            result.notes.append(f"{block.where}: Host {' '.join(block.patterns)}: a pattern, not a host.")
            continue
        reachable = [n for n in names if all(_matches(n, g) for g in block.guard)]
        if not reachable:
            result.notes.append(
                f"{block.where}: Host {' '.join(names)}: skipped (read by an Include inside a Host block "
                "that does not match it, so OpenSSH never uses it)."
            )
            continue
        names = [n for n in reachable if n.lower() not in seen]
        if not names:
            continue
        seen.update(n.lower() for n in names)
        host = _host(reader, block, names)
        if isinstance(host, str):
            result.notes.append(host)
        else:
            result.hosts.append(host)
    return result
