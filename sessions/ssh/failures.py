"""One failed connection attempt in, one error for a person out: what happened, at which stage, what to do."""

from __future__ import annotations

import errno
import socket
from dataclasses import dataclass

import asyncssh

from sessions import codes
from sessions.errors import (
    AuthenticationError,
    ConnectError,
    ConnectTimeoutError,
    HostUnreachableError,
    NameResolutionError,
    NotSshError,
    SupportError,
)
from sessions.ssh.greeting import Foreign
from sessions.ssh.stages import ConnectStage
from sessions.ssh.target import Target

_UNREACHABLE_ERRNOS = {errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ENETDOWN, errno.EHOSTDOWN}
PORT_HINT = (
    "Is the port right? SSH is usually 22; a device's web page (80, 443, 5000, 8080) is not its SSH port."
)
_SPOKE = {
    "HTTP": "answered HTTP, not SSH",
    "TLS": "answered with TLS (an encrypted service such as HTTPS), not SSH",
    "SMTP": "answered like a mail server (SMTP), not SSH",
    "FTP": "answered like a file transfer server (FTP), not SSH",
    "SMTP/FTP": "answered like a mail or FTP server, not SSH",
    "POP3": "answered like a mail server (POP3), not SSH",
    "IMAP": "answered like a mail server (IMAP), not SSH",
    "VNC": "answered VNC (remote desktop), not SSH",
}


def place(target: Target, *, mid: bool = False) -> str:
    """How a message names the other machine: `nas.local:22`, or "The device behind code 482 913 557"
    ("the …" with *mid*, inside a sentence)."""
    digits = codes.from_wire(target.host)
    if not digits:
        return target.host_port
    return f"{'the' if mid else 'The'} device behind code {codes.display(digits)}"


@dataclass(frozen=True, slots=True)
class Attempt:
    """What is known about a failed attempt when it is explained."""

    target: Target
    stage: ConnectStage
    seconds: float
    foreign: Foreign | None = None
    ssh_version: str = ""
    tried: str = ""
    passwords_refused: int = 0
    tunnelled: bool = False


def with_stage(error: SupportError, stage: ConnectStage) -> SupportError:
    """Mark *error* with the stage that failed (ConnectError.stage) and return it."""
    if isinstance(error, ConnectError) and not error.stage:
        error.stage = stage.value
    return error


def explain(exc: BaseException, attempt: Attempt) -> SupportError:
    """The error for a person, for a library or socket error raised during *attempt*."""
    return with_stage(_explain(exc, attempt), attempt.stage)


def _explain(exc: BaseException, attempt: Attempt) -> SupportError:
    where = place(attempt.target)
    if isinstance(exc, socket.gaierror):
        return NameResolutionError(
            f"The name '{attempt.target.host}' could not be resolved ({exc.strerror or exc}).",
            "Check the spelling of the host name, or use its IP address; check this computer's DNS.",
            code="connect.name_unknown",
            params={"host": attempt.target.host, "exc": exc.strerror or exc},
        )
    if attempt.stage is ConnectStage.TCP_CONNECTING and isinstance(exc, OSError):
        return _tcp_failure(exc, attempt)
    if isinstance(exc, asyncssh.ChannelOpenError) and attempt.tunnelled:
        return HostUnreachableError(
            f"The relay or jump host could not reach {place(attempt.target, mid=True)}: {exc.reason}.",
            "Check the session code or address, and that the device is still connected.",
            code="connect.jump_unreachable",
            params={"place": place(attempt.target, mid=True), "reason": exc.reason},
        )
    if attempt.foreign is not None or attempt.stage is ConnectStage.BANNER:
        return not_ssh(attempt) or closed_before_greeting(attempt)
    if isinstance(exc, asyncssh.PermissionDenied):
        return refused_login(attempt)
    if isinstance(exc, asyncssh.KeyExchangeFailed):
        return ConnectError(
            f"{where} and Valuezone share no encryption method ({exc.reason}).",
            "The device's SSH server is probably very old; update it or enable modern algorithms.",
            code="connect.no_common_cipher",
            params={"where": where, "reason": exc.reason},
        )
    if isinstance(exc, asyncssh.DisconnectError | OSError):
        reason = getattr(exc, "reason", "") or str(exc) or "no reason given"
        params = {"where": where, "phrase": attempt.stage.phrase, "reason": reason}
        if attempt.stage is ConnectStage.AUTHENTICATING:
            return ConnectError(
                f"{where} closed the connection while {attempt.stage.phrase} ({reason}).",
                "The SSH server ended the login (too many keys offered, or a limit on its side); "
                "check its log on the device, then try again.",
                code="connect.closed_at_login",
                params=params,
            )
        return ConnectError(
            f"{where} closed the connection while {attempt.stage.phrase} ({reason}).",
            "Try again; if it keeps happening, check the SSH server's log on the device.",
            code="connect.closed_at_stage",
            params=params,
        )
    return ConnectError(
        f"Connecting to {where} failed while {attempt.stage.phrase}: {exc}.",
        code="connect.failed_at_stage",
        params={"where": where, "phrase": attempt.stage.phrase, "exc": exc},
    )


def _tcp_failure(exc: OSError, attempt: Attempt) -> SupportError:
    where, port = place(attempt.target), attempt.target.port
    if isinstance(exc, ConnectionRefusedError):
        return HostUnreachableError(
            f"{where} refused the connection: nothing is listening on port {port}.",
            "Check the port number and that the SSH service is running on the device.",
            code="connect.refused",
            params={"where": where, "port": port},
        )
    if isinstance(exc, TimeoutError):
        return timed_out(attempt)
    if exc.errno in _UNREACHABLE_ERRNOS:
        return HostUnreachableError(
            f"{where} cannot be reached: {exc.strerror or exc}.",
            "Check the address, this computer's network connection and any VPN the device needs.",
            code="connect.unreachable",
            params={"where": where, "exc": exc.strerror or exc},
        )
    return ConnectError(
        f"Connecting to {where} failed: {exc}.",
        "Check the address and the network.",
        code="connect.failed_other",
        params={"where": where, "exc": exc},
    )


def not_ssh(attempt: Attempt) -> SupportError | None:
    """The error for a port where another service answered, or None when nothing was said."""
    foreign = attempt.foreign
    if foreign is None:
        return None
    where = place(attempt.target)
    quoted = f" (“{foreign.sample}”)" if foreign.sample else ""
    if foreign.protocol == "SSH-1":
        error: SupportError = NotSshError(
            f"{where} speaks only the old SSH protocol 1{quoted}, which is not safe; Valuezone speaks SSH 2.",
            "Enable SSH protocol 2 on the device, or update its SSH server.",
            code="connect.ssh1_only",
            params={"where": where, "quoted": quoted},
        )
    elif foreign.protocol in _SPOKE:
        error = NotSshError(
            f"{where} {_SPOKE[foreign.protocol]}{quoted}.",
            PORT_HINT,
            code="connect.other_service",
            params={"where": where, "service": _SPOKE[foreign.protocol], "quoted": quoted},
        )
    else:
        error = NotSshError(
            f"{where} answered{quoted}, which is not an SSH greeting.",
            PORT_HINT,
            code="connect.not_a_greeting",
            params={"where": where, "quoted": quoted},
        )
    error.protocol = foreign.protocol  # type: ignore[attr-defined]
    return with_stage(error, attempt.stage)


def closed_before_greeting(attempt: Attempt) -> SupportError:
    return ConnectError(
        f"{place(attempt.target)} accepted the connection and closed it without a word (no SSH greeting).",
        "The SSH server may refuse this computer's address (TCP wrappers, fail2ban, a firewall rule) or be "
        "too busy (MaxStartups), or the port belongs to a service that is not SSH. Check the port and the "
        "SSH server's log on the device.",
        code="connect.closed_silently",
        params={"place": place(attempt.target)},
    )


def timed_out(attempt: Attempt) -> SupportError:
    """The timeout error, worded for the stage that was waiting."""
    where, seconds, stage = place(attempt.target), f"{attempt.seconds:g}", attempt.stage
    if stage in (ConnectStage.RESOLVING, ConnectStage.TCP_CONNECTING):
        error = ConnectTimeoutError(
            f"{where} did not answer the connection request within {seconds} s.",
            "Check that the address is right and that the device is on and reachable from here; "
            "a firewall that drops packets looks like this.",
            params={"where": where, "seconds": seconds},
        )
    elif stage is ConnectStage.BANNER and attempt.foreign and attempt.foreign.sample:
        sample = attempt.foreign.sample
        error = ConnectTimeoutError(
            f"{where} accepted the connection but said nothing within {seconds} s: "
            f"an SSH server greets at once. It said “{sample}”.",
            f"{PORT_HINT} If it is, the SSH server on the device is hung or overloaded: restart it.",
            code="connect.timeout_greeting_said",
            params={"where": where, "seconds": seconds, "sample": sample},
        )
    elif stage is ConnectStage.BANNER:
        error = ConnectTimeoutError(
            f"{where} accepted the connection but said nothing within {seconds} s: "
            "an SSH server greets at once.",
            f"{PORT_HINT} If it is, the SSH server on the device is hung or overloaded: restart it.",
            code="connect.timeout_greeting",
            params={"where": where, "seconds": seconds},
        )
    else:
        server = f" ({attempt.ssh_version})" if attempt.ssh_version else ""
        error = ConnectTimeoutError(
            f"{where}{server} stopped answering while {stage.phrase}; gave up after {seconds} s.",
            "The device or the link may be overloaded; try again, and check the SSH server's log.",
            code="connect.timeout_stage",
            params={"where": where, "seconds": seconds, "server": server, "phrase": stage.phrase},
        )
    return with_stage(error, stage)


def refused_login(attempt: Attempt) -> SupportError:
    """Every credential refused: names the user, the machine, what was tried, and what to do."""
    where, user = place(attempt.target), attempt.target.login
    if attempt.passwords_refused >= 3:
        return AuthenticationError(
            f"Permission denied ({attempt.passwords_refused} tries): {place(attempt.target, mid=True)} "
            "refused the password of "
            f"user '{user}' {attempt.passwords_refused} times.",
            "Check the user name and the password with the customer (Caps Lock, keyboard layout); the "
            "account may also be locked after failed logins. Connect again to try again.",
            code="connect.passwords_refused",
            params={
                "tries": attempt.passwords_refused,
                "place": place(attempt.target, mid=True),
                "user": user,
            },
        )
    return AuthenticationError(
        f"{where} refused to let user '{user}' log in (tried: {attempt.tried}).",
        "Check the user name and the password, or that the key is in the device's "
        "~/.ssh/authorized_keys for that user.",
        code="connect.login_refused",
        params={"where": where, "user": user, "tried": attempt.tried},
    )
