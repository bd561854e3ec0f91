"""The one error tree: every message says what happened and what the reader can do next.

This module imports nothing from the project, so every layer (translation/ included) may use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

Param = str | int | float


class SupportError(Exception):
    """Base of every error Valuezone expects and explains.

    ``str(error)`` is a complete English sentence for a person (logs, the CLI). ``hint`` (optional) says
    what to do next and is already part of ``str(error)``; it is kept apart so a dialog can show it on
    its own line. ``code`` is stable (``connect.auth_refused``): a UI renders the error in the reader's
    language from it and ``params`` (the variable parts of the message, as plain values). Each class has
    a default code; a raise site that is one case of a general class gives its own.
    """

    default_code: ClassVar[str] = "error"

    def __init__(
        self, message: str, hint: str = "", *, code: str = "", params: Mapping[str, object] | None = None
    ) -> None:
        self.message = message
        self.hint = hint
        self.code = code or self.default_code
        self.params: dict[str, Param] = {key: _plain(value) for key, value in (params or {}).items()}
        super().__init__(f"{message} {hint}".strip())


def _plain(value: object) -> Param:
    """A parameter as a value any renderer can format (paths and exceptions become their text)."""
    if isinstance(value, bool):
        return str(value).lower()
    return value if isinstance(value, str | int | float) else str(value)


# --- connecting -----------------------------------------------------------------------------------
class ConnectError(SupportError):
    """The SSH connection could not be made."""

    default_code = "connect.failed"
    stage: str = ""  # where it failed: a sessions.ssh.stages.ConnectStage value ("" when not known)


class HostUnreachableError(ConnectError):
    """Refused, no route, or the network is down."""

    default_code = "connect.unreachable"


class NameResolutionError(ConnectError):
    """DNS could not resolve the host name."""

    default_code = "connect.name_unknown"


class ConnectTimeoutError(ConnectError):
    """The host did not answer in time."""

    default_code = "connect.timeout"


class AuthenticationError(ConnectError):
    """Every offered credential was refused."""

    default_code = "connect.auth_refused"


class HostKeyError(ConnectError):
    """Base of host-key trust failures."""

    default_code = "hostkey.untrusted"


class HostKeyUnknownError(HostKeyError):
    """The host's key is not known and could not be confirmed."""

    default_code = "hostkey.unknown"

    def __init__(self, message: str, hint: str = "", *, fingerprint: str = "", **coded: Any) -> None:
        super().__init__(message, hint, **coded)
        self.fingerprint = fingerprint


class HostKeyChangedError(HostKeyError):
    """The host offered a key different from the one stored: possibly an attack."""

    default_code = "hostkey.changed"

    def __init__(self, message: str, hint: str = "", *, fingerprint: str = "", **coded: Any) -> None:
        super().__init__(message, hint, **coded)
        self.fingerprint = fingerprint


class ConnectCancelledError(ConnectError):
    """The user cancelled while connecting."""

    default_code = "connect.cancelled"


class SessionClosedError(SupportError):
    """The session ended (by the device, the customer or the network)."""

    default_code = "session.closed"


# --- session codes and the relay ------------------------------------------------------------------
class CodeError(SupportError):
    """A session code was refused."""

    default_code = "code.refused"


class CodeTypoError(CodeError):
    """The check digit does not match: caught locally, nothing was sent."""

    default_code = "code.typo"


class CodeUnknownError(CodeError):
    """No live code of that value (expired, used, or never issued)."""

    default_code = "code.unknown"


class RateLimitedError(CodeError):
    """Too many refused claims from this technician or address."""

    default_code = "code.rate_limited"


class ConsentRefusedError(SupportError):
    """The customer declined, or did not answer in time."""

    default_code = "consent.refused"


# --- recording ------------------------------------------------------------------------------------
class RecordError(SupportError):
    """A record folder is malformed or has been altered."""

    default_code = "record.invalid"

    def __init__(self, message: str, hint: str = "", *, file: str = "", line: int = 0, **coded: Any) -> None:
        super().__init__(message, hint, **coded)
        self.file = file
        self.line = line


class RecordingSuspendedError(SupportError):
    """Writing the record failed; the session goes on unrecorded until the problem is fixed."""

    default_code = "record.suspended"


# --- configuration and secrets --------------------------------------------------------------------
class ConfigError(SupportError):
    """The settings file cannot be read or holds a bad value."""

    default_code = "config.invalid"


class SecretStoreError(SupportError):
    """The OS keyring refused to store or return a secret."""

    default_code = "secrets.unavailable"


class ListenError(SupportError):
    """A server (relay, HQ receiver) cannot listen where it was told to: port in use, not this machine's."""

    default_code = "listen.failed"


# --- diagnostics, translation, escalation ---------------------------------------------------------
class DiagnosticsError(SupportError):
    """A diagnostics profile or run could not be used."""

    default_code = "diagnostics.failed"


class TranslationUnavailableError(SupportError):
    """No translation provider answered."""

    default_code = "translation.unavailable"

    def __init__(
        self, message: str, hint: str = "", *, provider: str = "", cause: str = "", **coded: Any
    ) -> None:
        super().__init__(message, hint, **coded)
        self.provider = provider
        self.cause = cause


class EscalationError(SupportError):
    """A bundle could not be built or delivered."""

    default_code = "escalation.failed"


# --- SSH targets and the device book --------------------------------------------------------------
class InvalidTargetError(SupportError):
    """An address is not of the form [user@]host[:port]."""

    default_code = "target.invalid"


class DeviceBookError(SupportError):
    """The device book cannot be read or refused a change."""

    default_code = "devices.failed"


class DeviceNameTakenError(DeviceBookError):
    """Another device already has that name."""

    default_code = "devices.name_taken"


# --- escalation (added by the escalation package) -------------------------------------------------
class BundleInvalidError(EscalationError):
    """A bundle is damaged, truncated, or its files do not match its manifest."""

    default_code = "bundle.invalid"


class DeliveryError(EscalationError):
    """Handing a bundle to headquarters failed; `retryable` says whether trying later may help."""

    default_code = "delivery.failed"

    def __init__(
        self,
        message: str,
        hint: str = "",
        *,
        retryable: bool = True,
        retry_after: float = 0.0,
        **coded: Any,
    ) -> None:
        super().__init__(message, hint, **coded)
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


# --- the session's files (added by the file browser) -----------------------------------------------
class FileTransferError(SupportError):
    """Listing, copying or changing a file of the device over SFTP failed, or the local side refused."""

    default_code = "files.failed"


class WebAdminError(SupportError):
    """The device's web admin page could not be opened through the session (refused, nothing there)."""

    default_code = "webadmin.failed"
