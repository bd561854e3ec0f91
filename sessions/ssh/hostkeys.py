"""Host-key trust: Valuezone's own known_hosts (OpenSSH format) plus ~/.ssh/known_hosts, trust on first use.

Accepted keys are appended to Valuezone's file as *hashed* entries (`|1|salt|hash`, like OpenSSH's
HashKnownHosts, Debian's default) so a lost laptop does not list every customer's device; OpenSSH,
`ssh-keygen -F host` and `ssh-keygen -R host -f FILE` read them. ~/.ssh/known_hosts is only read.
Names follow OpenSSH: `host` for port 22, `[host]:port` otherwise, matched on the name only
(CheckHostIP=no, OpenSSH's default).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import os
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh

from sessions.errors import HostKeyChangedError, HostKeyError, HostKeyUnknownError, SupportError
from sessions.paths import app_dirs
from sessions.ssh.deadline import ConnectDeadline

log = logging.getLogger(__name__)

_KEY_TYPE_NAMES = {
    "ssh-ed25519": "ED25519",
    "ssh-ed448": "ED448",
    "ssh-rsa": "RSA",
    "ssh-dss": "DSA",
    "sk-ssh-ed25519@openssh.com": "ED25519-SK",
    "sk-ecdsa-sha2-nistp256@openssh.com": "ECDSA-SK",
}


def key_type_name(algorithm: str) -> str:
    """The key type as OpenSSH prints it: `ED25519`, `RSA`, `ECDSA`…"""
    if algorithm.startswith("ecdsa-sha2-"):
        return "ECDSA"
    return _KEY_TYPE_NAMES.get(algorithm, algorithm.upper())


def fingerprint(key: asyncssh.SSHKey) -> str:
    """SHA256 fingerprint exactly as OpenSSH prints it: `SHA256:` + unpadded base64."""
    digest = hashlib.sha256(key.public_data).digest()
    return "SHA256:" + base64.b64encode(digest).decode().rstrip("=")


def host_entry_name(host: str, port: int) -> str:
    """The name a known_hosts line uses: `host` on port 22, `[host]:port` elsewhere."""
    host = host.lower()
    return host if port == 22 else f"[{host}]:{port}"


def _pattern_matches(pattern: str, name: str) -> bool:
    if pattern.startswith("|1|"):
        try:
            _, _, salt, digest = pattern.split("|", 3)
            mac = hmac.new(base64.b64decode(salt), name.encode(), hashlib.sha1).digest()
        except (ValueError, TypeError):
            return False
        return hmac.compare_digest(mac, base64.b64decode(digest + "=" * (-len(digest) % 4)))
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern.lower())
    return re.fullmatch(regex, name) is not None


@dataclass(frozen=True, slots=True)
class KnownHostEntry:
    """One line of a known_hosts file."""

    file: Path
    line: int
    marker: str
    patterns: str
    key: asyncssh.SSHKey = field(compare=False)

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}"

    def matches(self, name: str) -> bool:
        """OpenSSH rules: any positive pattern matches and no negated (`!`) one does."""
        hit = False
        for pattern in self.patterns.split(","):
            if pattern.startswith("!"):
                if _pattern_matches(pattern[1:], name):
                    return False
            elif _pattern_matches(pattern, name):
                hit = True
        return hit


def read_known_hosts(path: Path) -> list[KnownHostEntry]:
    """Every usable line of *path* (a missing file is empty); lines we cannot parse are skipped."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    except OSError as exc:
        log.warning("cannot read known_hosts file %s: %s", path, exc)
        return []
    entries = []
    for number, raw in enumerate(text.splitlines(), start=1):
        fields = raw.split()
        if not fields or fields[0].startswith("#"):
            continue
        marker = fields.pop(0) if fields[0].startswith("@") else ""
        if len(fields) < 3:
            continue
        try:
            key = asyncssh.import_public_key(f"{fields[1]} {fields[2]}")
        except (asyncssh.KeyImportError, ValueError):
            log.debug("skipping unreadable key at %s:%d", path, number)
            continue
        entries.append(KnownHostEntry(path, number, marker, fields[0], key))
    return entries


@dataclass(frozen=True, slots=True)
class HostKeyQuestion:
    """What the user is asked about a key seen for the first time. Holds no secret.

    `old_fingerprint` / `old_location` are set when keys of another type are already known for the host
    (OpenSSH mentions this too); a *changed* key of the same type is never asked about, it is refused.
    """

    host: str
    port: int
    key_type: str
    fingerprint: str
    old_fingerprint: str = ""
    old_location: str = ""

    @property
    def host_display(self) -> str:
        """The host as OpenSSH names it in its prompt: `[127.0.0.1]:2222` or `nas.local`."""
        return host_entry_name(self.host, self.port)


AskHostKey = Callable[[HostKeyQuestion], Awaitable[bool]]


class HostKeyTrust:
    """The trust policy: which files are read, where new keys go, and who decides about unknown keys.

    Args:
        known_hosts: Valuezone's own file (default `app_dirs().known_hosts`), created on first write.
        read_user_known_hosts: also trust ~/.ssh/known_hosts (read only).
        ask: async callback deciding about an unknown key; it may raise a SupportError to refuse with
            its own message.
        accept_new: trust unknown keys without asking (OpenSSH's StrictHostKeyChecking=accept-new).
        notify: called with a one-line notice when a key is added (the CLI prints it like OpenSSH).
    """

    def __init__(
        self,
        known_hosts: Path | None = None,
        read_user_known_hosts: bool = True,
        ask: AskHostKey | None = None,
        accept_new: bool = False,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        self.known_hosts = known_hosts or app_dirs().known_hosts
        self.read_user_known_hosts = read_user_known_hosts
        self.ask = ask
        self.accept_new = accept_new
        self.notify = notify

    def files(self) -> list[Path]:
        """The files consulted, Valuezone's own first."""
        files = [self.known_hosts]
        if self.read_user_known_hosts:
            user_file = Path.home() / ".ssh" / "known_hosts"
            if user_file != self.known_hosts:
                files.append(user_file)
        return files

    def lookup(self, host: str, port: int) -> list[KnownHostEntry]:
        """Every entry (from every file) whose host pattern matches this host and port."""
        name = host_entry_name(host, port)
        return [entry for path in self.files() for entry in read_known_hosts(path) if entry.matches(name)]

    def add(self, host: str, port: int, key: asyncssh.SSHKey) -> None:
        """Append *key* for host:port to Valuezone's known_hosts as a hashed OpenSSH line."""
        name = host_entry_name(host, port)
        salt = os.urandom(20)
        digest = hmac.new(salt, name.encode(), hashlib.sha1).digest()
        hashed = f"|1|{base64.b64encode(salt).decode()}|{base64.b64encode(digest).decode()}"
        blob = base64.b64encode(key.public_data).decode()
        line = f"{hashed} {key.get_algorithm()} {blob}\n"
        path = self.known_hosts
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            needs_newline = (
                path.exists() and path.stat().st_size > 0 and not path.read_bytes().endswith(b"\n")
            )
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as fh:
                fh.write(("\n" if needs_newline else "") + line)
        except OSError as exc:  # like OpenSSH: warn, and go on with this connection
            log.warning("could not add the key for %s to %s: %s", name, path, exc)
            if self.notify:
                self.notify(
                    f"Warning: could not add '{name}' to {path} ({exc.strerror}); you will be asked again."
                )
            return
        log.info("added %s key for %s to %s", key_type_name(key.get_algorithm()), name, path)
        if self.notify:
            self.notify(
                f"Warning: Permanently added '{name}' ({key_type_name(key.get_algorithm())}) "
                f"to the list of known hosts."
            )

    def check(self, host: str, port: int, deadline: ConnectDeadline | None = None) -> HostKeyCheck:
        """The per-connection checker that `connect` hands to asyncssh."""
        return HostKeyCheck(self, host, port, deadline)


class HostKeyCheck:
    """Host-key verification for one connection attempt.

    asyncssh's `validate_host_public_key` hook is synchronous, so an unknown key that needs a person's
    answer is accepted *provisionally* there, and `confirm()` (awaited by every authentication callback
    before any credential is sent, and once more before `connect` returns) asks the question. Until
    then the server has learned only the user name.
    """

    def __init__(self, trust: HostKeyTrust, host: str, port: int, deadline: ConnectDeadline | None) -> None:
        self.trust = trust
        self.host = host
        self.port = port
        self.deadline = deadline
        self.entries = trust.lookup(host, port)
        self.error: SupportError | None = None
        self._pending: tuple[HostKeyQuestion, asyncssh.SSHKey] | None = None
        self._lock = asyncio.Lock()

    # --- asyncssh hooks ------------------------------------------------------------------------------
    def known_hosts(self, host: str, addr: str, port: int) -> tuple[list, list, list]:
        """asyncssh's `known_hosts=` callable: (trusted host keys, trusted CA keys, revoked keys)."""
        trusted = [e.key for e in self.entries if not e.marker]
        cas = [e.key for e in self.entries if e.marker == "@cert-authority"]
        revoked = [e.key for e in self.entries if e.marker == "@revoked"]
        return trusted, cas, revoked

    def host_key_algs(self) -> list[str]:
        """Known key types first (so a known host presents the key we have), then asyncssh's defaults."""
        algs: list[str] = []
        for entry in self.entries:
            if not entry.marker:
                algs += [alg.decode() for alg in entry.key.sig_algorithms if alg.decode() not in algs]
        defaults = asyncssh.public_key.get_default_public_key_algs()
        return algs + [alg.decode() for alg in defaults if alg.decode() not in algs]

    def validate(self, key: asyncssh.SSHKey) -> bool:
        """Called by asyncssh for a key that is not in the trusted list."""
        name = host_entry_name(self.host, self.port)
        kind, fp = key_type_name(key.get_algorithm()), fingerprint(key)
        if any(e.marker == "@revoked" and e.key == key for e in self.entries):
            self.error = HostKeyError(
                f"The host key of {name} ({kind} {fp}) is marked as revoked in known_hosts.",
                "Do not connect; ask the device's administrator for a new host key.",
                code="hostkey.revoked",
                params={"host": name, "kind": kind, "fingerprint": fp},
            )
            return False
        same_type = [e for e in self.entries if not e.marker and e.key.get_algorithm() == key.get_algorithm()]
        if same_type:
            old = same_type[0]
            self.error = HostKeyChangedError(
                f"The host key of {name} has CHANGED: it is now {kind} {fp}, but {old.location} holds "
                f"{fingerprint(old.key)}. Someone may be intercepting this connection (a man-in-the-middle "
                "attack), or the device was reinstalled or replaced. The connection was refused.",
                f"Verify the new fingerprint with the customer by another channel; if it is right, remove "
                f"the old line from {old.location} (e.g. `ssh-keygen -R '{name}' -f {old.file}`) and connect "
                "again.",
                fingerprint=fp,
                params={
                    "name": name,
                    "kind": kind,
                    "fp": fp,
                    "location": old.location,
                    "fingerprint": fingerprint(old.key),
                    "file": old.file,
                },
                code="hostkey.changed",
            )
            return False
        other = next((e for e in self.entries if not e.marker), None)
        question = HostKeyQuestion(
            self.host,
            self.port,
            kind,
            fp,
            fingerprint(other.key) if other else "",
            other.location if other else "",
        )
        if self.trust.accept_new:
            self.trust.add(self.host, self.port, key)
            return True
        if self.trust.ask is None:
            self.error = unknown_key_error(question)
            return False
        self._pending = (question, key)
        return True

    # --- after key exchange --------------------------------------------------------------------------
    @property
    def pending(self) -> HostKeyQuestion | None:
        """The question still to be answered, if any."""
        return self._pending[0] if self._pending else None

    async def confirm(self) -> bool:
        """Ask about a provisionally accepted key; True when the key is trusted (now or before)."""
        async with self._lock:
            if self.error is not None:
                return False
            if self._pending is None:
                return True
            question, key = self._pending
            self._pending = None
            try:
                answer = await self._ask(question)
            except SupportError as exc:
                self.error = exc
                return False
            if not answer:
                self.error = HostKeyUnknownError(
                    f"You did not accept the host key of {question.host_display} "
                    f"({question.key_type} {question.fingerprint}); the connection was closed.",
                    "Compare the fingerprint with the one the customer reads from the device, "
                    "then connect again.",
                    fingerprint=question.fingerprint,
                    code="hostkey.declined",
                    params={
                        "host_display": question.host_display,
                        "key_type": question.key_type,
                        "fingerprint": question.fingerprint,
                    },
                )
                return False
            self.trust.add(self.host, self.port, key)
            return True

    async def _ask(self, question: HostKeyQuestion) -> bool:
        assert self.trust.ask is not None
        if self.deadline is None:
            return await self.trust.ask(question)
        async with self.deadline.paused():
            return await self.trust.ask(question)


def unknown_key_error(question: HostKeyQuestion) -> HostKeyUnknownError:
    """The refusal for an unknown key nobody could confirm."""
    return HostKeyUnknownError(
        f"The authenticity of host '{question.host_display}' can't be established: its "
        f"{question.key_type} key fingerprint is {question.fingerprint} and nobody confirmed it.",
        "Check the fingerprint with the customer, then re-run with --accept-new (command line) "
        "or confirm it in the console.",
        fingerprint=question.fingerprint,
        code="hostkey.unknown_not_asked",
        params={
            "host_display": question.host_display,
            "key_type": question.key_type,
            "fingerprint": question.fingerprint,
        },
    )
