"""The one error tree: every message says what happened and what the reader can do next.

This module imports nothing from the project, so every layer (translation/ included) may use it.
"""

from __future__ import annotations

from typing import Any


class SupportError(Exception):
    """Base of every error Valuezone expects and explains.

    ``str(error)`` is a complete sentence for a person. ``hint`` (optional) says what to do next and is
    already part of ``str(error)``; it is kept apart so a dialog can show it on its own line.
    """

    def __init__(self, message: str, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message} {hint}".strip())


# --- connecting -----------------------------------------------------------------------------------
class ConnectError(SupportError):
    """The SSH connection could not be made."""

    stage: str = ""  # where it failed: a sessions.ssh.stages.ConnectStage value ("" when not known)


class HostUnreachableError(ConnectError):
    """Refused, no route, or the network is down."""


class NameResolutionError(ConnectError):
    """DNS could not resolve the host name."""


class ConnectTimeoutError(ConnectError):
    """The host did not answer in time."""


class AuthenticationError(ConnectError):
    """Every offered credential was refused."""


class HostKeyError(ConnectError):
    """Base of host-key trust failures."""


class HostKeyUnknownError(HostKeyError):
    """The host's key is not known and could not be confirmed."""

    def __init__(self, message: str, hint: str = "", *, fingerprint: str = "") -> None:
        super().__init__(message, hint)
        self.fingerprint = fingerprint


class HostKeyChangedError(HostKeyError):
    """The host offered a key different from the one stored: possibly an attack."""

    def __init__(self, message: str, hint: str = "", *, fingerprint: str = "") -> None:
        super().__init__(message, hint)
        self.fingerprint = fingerprint


class ConnectCancelledError(ConnectError):
    """The user cancelled while connecting."""


class SessionClosedError(SupportError):
    """The session ended (by the device, the customer or the network)."""


# --- session codes and the relay ------------------------------------------------------------------
class CodeError(SupportError):
    """A session code was refused."""


class CodeTypoError(CodeError):
    """The check digit does not match: caught locally, nothing was sent."""


class CodeUnknownError(CodeError):
    """No live code of that value (expired, used, or never issued)."""


class RateLimitedError(CodeError):
    """Too many refused claims from this technician or address."""


class ConsentRefusedError(SupportError):
    """The customer declined, or did not answer in time."""


# --- recording ------------------------------------------------------------------------------------
class RecordError(SupportError):
    """A record folder is malformed or has been altered."""

    def __init__(self, message: str, hint: str = "", *, file: str = "", line: int = 0) -> None:
        super().__init__(message, hint)
        self.file = file
        self.line = line


class RecordingSuspendedError(SupportError):
    """Writing the record failed; the session goes on unrecorded until the problem is fixed."""


# --- configuration and secrets --------------------------------------------------------------------
class ConfigError(SupportError):
    """The settings file cannot be read or holds a bad value."""


class SecretStoreError(SupportError):
    """The OS keyring refused to store or return a secret."""


class ListenError(SupportError):
    """A server (relay, HQ receiver) cannot listen where it was told to: port in use, not this machine's."""


# --- diagnostics, translation, escalation ---------------------------------------------------------
class DiagnosticsError(SupportError):
    """A diagnostics profile or run could not be used."""


class TranslationUnavailableError(SupportError):
    """No translation provider answered."""

    def __init__(self, message: str, hint: str = "", *, provider: str = "", cause: str = "") -> None:
        super().__init__(message, hint)
        self.provider = provider
        self.cause = cause


class EscalationError(SupportError):
    """A bundle could not be built or delivered."""


# --- SSH targets and the device book --------------------------------------------------------------
class InvalidTargetError(SupportError):
    """An address is not of the form [user@]host[:port]."""


class DeviceBookError(SupportError):
    """The device book cannot be read or refused a change."""


class DeviceNameTakenError(DeviceBookError):
    """Another device already has that name."""


# --- escalation (added by the escalation package) -------------------------------------------------
class BundleInvalidError(EscalationError):
    """A bundle is damaged, truncated, or its files do not match its manifest."""


class DeliveryError(EscalationError):
    """Handing a bundle to headquarters failed; `retryable` says whether trying later may help."""

    def __init__(
        self, message: str, hint: str = "", *, retryable: bool = True, retry_after: float = 0.0
    ) -> None:
        super().__init__(message, hint)
        self.retryable = retryable
        self.retry_after = retry_after  # seconds the receiver asked us to wait (HTTP Retry-After)


# --- connection stages and the technician's relay key (added by the keys work) -------------------
class NotSshError(ConnectError):
    """The port answered, but not in SSH (a web, mail or file server, TLS, or SSH protocol 1)."""

    default_code = "connect.not_ssh"


class TechnicianKeyError(SupportError):
    """The technician key is missing or could not be unlocked on this computer."""

    default_code = "techkey.unusable"


class TechnicianKeyLockedError(TechnicianKeyError):
    """The key's passphrase is lost (a random one kept only in memory or a keyring no longer there)."""

    default_code = "techkey.passphrase_lost"


class RelayKeyRefusedError(AuthenticationError):
    """The relay does not list this technician key; `public_line` is the line to send its administrator."""

    default_code = "relay.key_not_listed"

    def __init__(
        self, message: str, hint: str = "", *, public_line: str = "", relay: str = "", **coded: Any
    ) -> None:
        super().__init__(message, hint, **coded)
        self.public_line = public_line
        self.relay = relay
