"""The one SSH client entry point: `connect()` with host-key trust, credentials and errors for people.

Cancelling the task that awaits `connect()` closes the half-open connection (asyncssh aborts it and
waits for it to close) and then re-raises `asyncio.CancelledError`, as asyncio code expects; callers
that want a message show `ConnectCancelledError`'s text themselves. The timeout counts network time
only: while the user answers a host-key or password question the clock stops.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
from collections.abc import Awaitable, Callable
from typing import TypeVar

import asyncssh

from sessions.errors import (
    AuthenticationError,
    ConnectError,
    ConnectTimeoutError,
    HostUnreachableError,
    NameResolutionError,
    SupportError,
)
from sessions.ssh.auth import AuthSession, Credentials
from sessions.ssh.deadline import ConnectDeadline
from sessions.ssh.hostkeys import HostKeyCheck, HostKeyTrust, unknown_key_error
from sessions.ssh.target import Target

log = logging.getLogger(__name__)
_T = TypeVar("_T")

ProgressCallback = Callable[[str], None]
STAGES = ("connecting", "verifying host key", "authenticating")
PREFERRED_AUTH = ("publickey", "password", "keyboard-interactive")
KEEPALIVE_INTERVAL = 30.0
# AES-GCM first, then asyncssh's own order (chacha20-poly1305 first). With AES in hardware (any x86-64 PC
# of the last decade) asyncssh moves about twice the data per CPU second with AES-GCM, because its
# chacha20-poly1305 makes several Python-level crypto calls per packet. Only the order changes.
PREFERRED_CIPHERS = "^aes128-gcm@openssh.com,aes256-gcm@openssh.com"
_UNREACHABLE_ERRNOS = {errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ENETDOWN, errno.EHOSTDOWN}


class _Client(asyncssh.SSHClient):
    """asyncssh's callbacks, routed to the host-key check and the credentials."""

    def __init__(self, check: HostKeyCheck, auth: AuthSession, progress: ProgressCallback) -> None:
        self.check = check
        self.auth = auth
        self.progress = progress
        self.conn: asyncssh.SSHClientConnection | None = None
        self.failure: SupportError | None = None
        self._authenticating = False

    def connection_made(self, conn: asyncssh.SSHClientConnection) -> None:
        self.conn = conn

    def validate_host_public_key(self, host: str, addr: str, port: int, key: asyncssh.SSHKey) -> bool:
        return self.check.validate(key)

    async def _before_credentials(self) -> bool:
        """Every credential waits for the host key to be trusted; a refusal closes the connection."""
        if not self._authenticating:
            self._authenticating = True
            self.progress("authenticating")
        if await self.check.confirm():
            return True
        if self.conn is not None:
            self.conn.close()
        return False

    async def _guarded(self, step: Awaitable[_T]) -> _T | None:
        """Run a credential step; a SupportError (unreadable key, a refusing prompt) ends the attempt."""
        try:
            return await step
        except SupportError as exc:
            self.failure = exc
            if self.conn is not None:
                self.conn.close()
            return None

    async def public_key_auth_requested(self) -> asyncssh.SSHKeyPair | None:  # type: ignore[override]
        if not await self._before_credentials():
            return None
        return await self._guarded(self.auth.next_key())

    async def password_auth_requested(self) -> str | None:  # type: ignore[override]
        if not await self._before_credentials():
            return None
        return await self._guarded(self.auth.next_password())

    async def kbdint_auth_requested(self) -> str | None:  # type: ignore[override]
        if not await self._before_credentials():
            return None
        return ""  # no preferred submethods: the server's default (usually PAM's password prompt)

    async def kbdint_challenge_received(  # type: ignore[override]
        self, name: str, instructions: str, lang: str, prompts: list[tuple[str, bool]]
    ) -> list[str] | None:
        if not prompts:
            return []
        if len(prompts) == 1 and not prompts[0][1] and "pass" in prompts[0][0].lower():
            password = await self._guarded(self.auth.next_password())
            return [password] if password is not None else None
        return None  # other challenges (OTP, several prompts) need the console's own dialog


def _emit(on_progress: ProgressCallback | None) -> ProgressCallback:
    def emit(stage: str) -> None:
        log.debug("connect stage: %s", stage)
        if on_progress is not None:
            on_progress(stage)

    return emit


async def connect(
    target: Target,
    *,
    trust: HostKeyTrust,
    credentials: Credentials | None = None,
    tunnel: asyncssh.SSHClientConnection | None = None,
    timeout: float = 15.0,
    on_progress: ProgressCallback | None = None,
) -> asyncssh.SSHClientConnection:
    """Open an authenticated SSH connection to *target* (through *tunnel*, a jump/relay connection).

    Raises the sessions.errors for every failure: HostUnreachableError, NameResolutionError,
    ConnectTimeoutError, AuthenticationError, HostKeyUnknownError / HostKeyChangedError / HostKeyError,
    ConnectError for the rest. `on_progress` receives the STAGES in order.
    """
    credentials = credentials or Credentials()
    deadline = ConnectDeadline(timeout)
    progress = _emit(on_progress)
    check = trust.check(target.host, target.port, deadline)
    auth = credentials.session(target, deadline)
    if target.key_file is not None and not target.key_file.expanduser().is_file():
        raise AuthenticationError(
            f"The key file {target.key_file} for {target.display} does not exist.",
            "Choose an existing private key file (the one without .pub), or leave it empty.",
        )
    progress("connecting")
    attempt = asyncio.ensure_future(_attempt(target, check, auth, tunnel, progress))
    try:
        return await _wait_with_deadline(attempt, deadline, target)
    except asyncio.CancelledError:
        await _cancel(attempt)
        raise
    finally:
        auth.close()


async def _wait_with_deadline(
    attempt: asyncio.Future[asyncssh.SSHClientConnection], deadline: ConnectDeadline, target: Target
) -> asyncssh.SSHClientConnection:
    """Wait for *attempt*; time spent waiting on the user does not count."""
    while True:
        await asyncio.wait({attempt}, timeout=max(deadline.remaining(), 0.05))
        if attempt.done():
            return attempt.result()
        if deadline.remaining() <= 0 and not deadline.is_paused:
            await _cancel(attempt)
            raise ConnectTimeoutError(
                f"{target.host_port} did not complete the SSH handshake within {deadline.seconds:g} s.",
                "Check that the address is right and that the device is up; a firewall that drops "
                "packets, a busy device or a very slow link look like this.",
            )


async def _cancel(attempt: asyncio.Future[asyncssh.SSHClientConnection]) -> None:
    """Cancel the attempt and close whatever it opened, even if it finished meanwhile."""
    attempt.cancel()
    await asyncio.wait({attempt})
    if not attempt.cancelled() and attempt.exception() is None:
        conn = attempt.result()
        conn.abort()
        await conn.wait_closed()


async def _attempt(
    target: Target,
    check: HostKeyCheck,
    auth: AuthSession,
    tunnel: asyncssh.SSHClientConnection | None,
    progress: ProgressCallback,
) -> asyncssh.SSHClientConnection:
    def known_hosts(host: str, addr: str, port: int) -> tuple[list, list, list]:
        progress("verifying host key")
        return check.known_hosts(host, addr, port)

    client = _Client(check, auth, progress)
    try:
        conn = await asyncssh.connect(
            target.host,
            target.port,
            tunnel=tunnel,
            config=[],  # ~/.ssh/config is not applied: the device book is the configuration
            username=target.login,
            client_factory=lambda: client,
            known_hosts=known_hosts,
            server_host_key_algs=check.host_key_algs(),
            client_keys=None,  # keys come from AuthSession, in our order
            password=None,
            preferred_auth=PREFERRED_AUTH,
            gss_host=None,
            host_based_auth=False,
            connect_timeout=None,
            keepalive_interval=KEEPALIVE_INTERVAL,
            encryption_algs=PREFERRED_CIPHERS,
        )
    except (OSError, asyncssh.Error) as exc:
        raise (client.failure or _translate(exc, target, check, auth, tunnel)) from exc
    try:
        if not await check.confirm():  # a server that let us in without asking for anything
            raise check.error or _unconfirmed(check)
    except BaseException:
        conn.abort()
        await conn.wait_closed()
        raise
    auth.succeeded()
    log.info("connected to %s", target.display)
    return conn


def _unconfirmed(check: HostKeyCheck) -> SupportError:
    question = check.pending
    if question is None:
        return ConnectError(f"The host key of {check.host} could not be verified.")
    return unknown_key_error(question)


def _translate(
    exc: BaseException,
    target: Target,
    check: HostKeyCheck,
    auth: AuthSession,
    tunnel: asyncssh.SSHClientConnection | None,
) -> SupportError:
    """One library error in, one error for a person out."""
    if check.error is not None:
        return check.error
    where = target.host_port
    if isinstance(exc, socket.gaierror):
        return NameResolutionError(
            f"The name '{target.host}' could not be resolved ({exc.strerror or exc}).",
            "Check the spelling of the host name, or use its IP address; check this computer's DNS.",
        )
    if isinstance(exc, ConnectionRefusedError):
        return HostUnreachableError(
            f"{where} refused the connection: nothing is listening on port {target.port}.",
            "Check the port number and that the SSH service is running on the device.",
        )
    if isinstance(exc, TimeoutError):
        return ConnectTimeoutError(
            f"{where} did not answer in time.", "Check that the device is on and reachable from here."
        )
    if isinstance(exc, OSError):
        if exc.errno in _UNREACHABLE_ERRNOS:
            return HostUnreachableError(
                f"{where} cannot be reached: {exc.strerror or exc}.",
                "Check the address, this computer's network connection and any VPN the device needs.",
            )
        return ConnectError(f"Connecting to {where} failed: {exc}.", "Check the address and the network.")
    if isinstance(exc, asyncssh.PermissionDenied):
        return AuthenticationError(
            f"{target.host_port} refused to let user '{target.login}' log in "
            f"(tried: {auth.describe_tried()}).",
            "Check the user name and the password, or that the key is in the device's "
            "~/.ssh/authorized_keys for that user.",
        )
    if isinstance(exc, asyncssh.ChannelOpenError) and tunnel is not None:
        return HostUnreachableError(
            f"The relay or jump host could not reach {where}: {exc.reason}.",
            "Check the session code or address, and that the device is still connected.",
        )
    if isinstance(exc, asyncssh.KeyExchangeFailed):
        return ConnectError(
            f"{where} and Valuezone share no encryption method ({exc.reason}).",
            "The device's SSH server is probably very old; update it or enable modern algorithms.",
        )
    if isinstance(exc, asyncssh.ProtocolNotSupported | asyncssh.ProtocolError):
        return ConnectError(
            f"{where} does not speak SSH as expected ({exc.reason}).",
            "Check the port: it may belong to another service.",
        )
    if isinstance(exc, asyncssh.DisconnectError):
        return ConnectError(
            f"{where} closed the connection while connecting ({exc.reason or 'no reason given'}).",
            "Try again; if it keeps happening, check the SSH server's log on the device.",
        )
    return ConnectError(f"Connecting to {where} failed: {exc}.")
