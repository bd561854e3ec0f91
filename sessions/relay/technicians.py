"""Who may claim codes: technician public keys from an OpenSSH authorized_keys file (comment = name)."""

from __future__ import annotations

from pathlib import Path

import asyncssh

from sessions.errors import ConfigError
from sessions.relay.pairing import Technician

_KEY_PREFIXES = ("ssh-", "ecdsa-", "sk-", "rsa-sha2")


def _parse_line(line: str) -> tuple[str, str] | None:
    """(`type base64`, comment) of one authorized_keys line, skipping any leading options."""
    fields = line.split()
    for index, word in enumerate(fields):
        if word.startswith(_KEY_PREFIXES) and index + 1 < len(fields):
            return f"{word} {fields[index + 1]}", " ".join(fields[index + 2 :])
    return None


class TechnicianRegistry:
    """The technicians file, re-read whenever it changes on disk (adding a key needs no restart)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._mtime: float | None = None
        self._by_fingerprint: dict[str, Technician] = {}
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
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            parsed = _parse_line(line)
            try:
                if parsed is None:
                    raise ValueError("no key")
                key = asyncssh.import_public_key(parsed[0])
            except (ValueError, asyncssh.KeyImportError) as exc:
                raise ConfigError(
                    f"Line {number} of the technicians file {self.path} is not a public key ({exc}).",
                    "Each line is `ssh-ed25519 AAAA… Name <email>`, as `valuezone` shows it.",
                    code="relay.technicians_bad_line",
                    params={"number": number, "path": self.path, "exc": exc},
                ) from exc
            fingerprint = key.get_fingerprint("sha256")
            found[fingerprint] = Technician(fingerprint, parsed[1] or fingerprint)
        self._by_fingerprint = found
        self._mtime = stat.st_mtime

    def _refresh(self) -> None:
        try:
            mtime = self.path.stat().st_mtime
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

    def __len__(self) -> int:
        return len(self._by_fingerprint)
