"""Who may claim codes: technician public keys from an OpenSSH authorized_keys file (comment = name).

Options before a key give the team server's role and teams (`role="lead",team="seoul"`; see
sessions/team/roles.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import asyncssh

from sessions.errors import ConfigError
from sessions.relay.pairing import Technician
from sessions.team.roles import Member, OptionsError, member_from, split_line


class TechnicianRegistry:
    """The technicians file, re-read whenever it changes on disk (adding a key needs no restart)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._mtime: tuple[int, int, int] | None = None
        self._by_fingerprint: dict[str, Technician] = {}
        self._members: dict[str, Member] = {}
        self.reload()

    def reload(self) -> None:
        try:
            stat = self.path.stat()
            text = self.path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(
                f"The technicians file {self.path} cannot be read ({exc.strerror}).",
                "Create it in OpenSSH authorized_keys format: one technician's public key per line.",
                code="relay.technicians_unreadable",
                params={"path": self.path, "strerror": exc.strerror},
            ) from exc
        found: dict[str, Technician] = {}
        members: dict[str, Member] = {}
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            try:
                parsed = split_line(line)
                if parsed is None:
                    raise ValueError("no key")
                key = asyncssh.import_public_key(parsed[1])
                fingerprint = key.get_fingerprint("sha256")
                member = member_from(parsed[0], fingerprint, parsed[2])
            except OptionsError as exc:
                raise ConfigError(
                    f"Line {number} of the technicians file {self.path} has bad options: {exc}.",
                    'Options go before the key: role="lead",team="seoul,busan" ssh-ed25519 AAAA… Name.',
                    code="relay.technicians_bad_options",
                    params={"number": number, "path": self.path, "exc": exc},
                ) from exc
            except (ValueError, asyncssh.KeyImportError) as exc:
                raise ConfigError(
                    f"Line {number} of the technicians file {self.path} is not a public key ({exc}).",
                    "Each line is `ssh-ed25519 AAAA… Name <email>`, as `valuezone` shows it.",
                    code="relay.technicians_bad_line",
                    params={"number": number, "path": self.path, "exc": exc},
                ) from exc
            found[fingerprint] = Technician(fingerprint, parsed[2] or fingerprint)
            members[fingerprint] = member
        self._by_fingerprint = found
        self._members = members
        self._mtime = _stamp(stat)

    def _refresh(self) -> None:
        try:
            mtime = _stamp(self.path.stat())
        except OSError:
            return  # keep the last good list if the file is briefly missing while being replaced
        if mtime != self._mtime:
            try:
                self.reload()
            except ConfigError:
                self._mtime = mtime  # keep the last good list; the next change is tried again

    def lookup(self, key: asyncssh.SSHKey) -> Technician | None:
        """The technician holding *key*, or None."""
        self._refresh()
        return self._by_fingerprint.get(key.get_fingerprint("sha256"))

    def current(self, fingerprint: str) -> Technician | None:
        """The technician listed under *fingerprint* now (after any change to the file), or None."""
        self._refresh()
        return self._by_fingerprint.get(fingerprint)

    def member(self, fingerprint: str) -> Member | None:
        """The team-server member holding the key *fingerprint* now (roles apply without a restart)."""
        self._refresh()
        return self._members.get(fingerprint)

    def members(self) -> list[Member]:
        self._refresh()
        return list(self._members.values())

    def __len__(self) -> int:
        return len(self._by_fingerprint)


def _stamp(stat: os.stat_result) -> tuple[int, int, int]:
    """Changes the moment the file does: replaced (inode), rewritten (size) or touched (mtime in ns)."""
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)
