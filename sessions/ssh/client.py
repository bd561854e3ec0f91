"""The one SSH client entry point: `connect()` with host-key trust, credentials and errors for people.

The attempt goes through the stages of sessions.ssh.stages in order (name lookup, TCP, the server's
greeting, key exchange, host key, login) and an error names the stage that failed. The TCP connection
is made here, so a refused port, a silent listener and a web or mail server on the port are told
apart (sessions.ssh.greeting watches what the server says first).

Cancelling the task that awaits `connect()` closes the half-open connection (asyncssh aborts it and
waits for it to close) and then re-raises `asyncio.CancelledError`, as asyncio code expects; callers
that want a message show `ConnectCancelledError`'s text themselves. The timeout counts network time
only: while the user answers a host-key or password question the clock stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Awaitable
from typing import Any, TypeVar

import asyncssh

from sessions.errors import AuthenticationError, ConnectError, SupportError
from sessions.ssh.auth import AuthSession, Credentials
from sessions.ssh.deadline import ConnectDeadline
from sessions.ssh.failures import Attempt, explain, not_ssh, timed_out, with_stage
from sessions.ssh.greeting import Foreign, Greeting, TappedTunnel, speaks_tls
from sessions.ssh.hostkeys import HostKeyCheck, HostKeyTrust, unknown_key_error
from sessions.ssh.stages import ConnectStage, ProgressCallback, StageTracker
from sessions.ssh.target import Target

log = logging.getLogger(__name__)
_T = TypeVar("_T")

STAGES = (
    ConnectStage.RESOLVING,
    ConnectStage.TCP_CONNECTING,
    ConnectStage.BANNER,
    ConnectStage.KEY_EXCHANGE,
    ConnectStage.HOST_KEY,
    ConnectStage.AUTHENTICATING,
)
PREFERRED_AUTH = ("publickey", "password", "keyboard-interactive")
KEEPALIVE_INTERVAL = 30.0
# AES-GCM first, then asyncssh's own order (chacha20-poly1305 first). With AES in hardware (any x86-64 PC
# of the last decade) asyncssh moves about twice the data per CPU second with AES-GCM, because its
# chacha20-poly1305 makes several Python-level crypto calls per packet. Only the order changes.
PREFERRED_CIPHERS = "^aes128-gcm@openssh.com,aes256-gcm@openssh.com"


class _Client(asyncssh.SSHClient):
    """asyncssh's callbacks, routed to the host-key check, the credentials and the stage tracker."""

    def __init__(self, check: HostKeyCheck, auth: AuthSession, stages: StageTracker) -> None:
        self.check = check
        self.auth = auth
        self.stages = stages
        self.conn: asyncssh.SSHClientConnection | None = None
        self.failure: SupportError | None = None

    def connection_made(self, conn: asyncssh.SSHClientConnection) -> None:
        self.conn = conn

    def validate_host_public_key(self, host: str, addr: str, port: int, key: asyncssh.SSHKey) -> bool:
        self.stages.reach(ConnectStage.HOST_KEY)
        known = [e.key for e in self.check.entries if not e.marker]
        revoked = [e.key for e in self.check.entries if e.marker == "@revoked"]
        if key in known and key not in revoked:
            return True
        return self.check.validate(key)

    async def _before_credentials(self) -> bool:
        """Every credential waits for the host key to be trusted; a refusal closes the connection."""
        if await self.check.confirm():
            self.stages.reach(ConnectStage.AUTHENTICATING)
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


class _Run:
    """One attempt's shared state: where it is, what the server said, and the socket made for it."""

    def __init__(self, target: Target, deadline: ConnectDeadline, stages: StageTracker) -> None:
        self.target = target
        self.deadline = deadline
        self.stages = stages
        self.greeting = Greeting(on_ssh=lambda: stages.reach(ConnectStage.KEY_EXCHANGE))
        self.address: tuple[int, tuple[Any, ...]] | None = None  # (family, sockaddr) of the TCP peer
        self.tunnelled = False
        self.auth: AuthSession | None = None

    @property
    def stage(self) -> ConnectStage:
        return self.stages.stage or ConnectStage.RESOLVING

    def attempt(self, foreign: Foreign | None = None) -> Attempt:
        auth = self.auth
        return Attempt(
            self.target,
            self.stage,
            self.deadline.seconds,
            foreign if foreign is not None else self.greeting.other_words(),
            self.greeting.ssh_version,
            auth.describe_tried() if auth else "",
            auth.passwords_refused if auth else 0,
            self.tunnelled,
        )


async def connect(
    target: Target,
    *,
    trust: HostKeyTrust,
    credentials: Credentials | None = None,
    tunnel: Any = None,
    timeout: float = 15.0,
    on_progress: ProgressCallback | None = None,
) -> asyncssh.SSHClientConnection:
    """Open an authenticated SSH connection to *target* (through *tunnel*, a jump/relay connection).

    Raises the sessions.errors for every failure, each with `.stage` set: HostUnreachableError,
    NameResolutionError, ConnectTimeoutError, NotSshError, AuthenticationError, HostKeyUnknownError /
    HostKeyChangedError / HostKeyError, ConnectError for the rest. `on_progress` receives the stages
    (ConnectStage values) in order; through a tunnel the first is "waiting for the server".
    """
    credentials = credentials or Credentials()
    deadline = ConnectDeadline(timeout)
    run = _Run(target, deadline, StageTracker(on_progress))
    check = trust.check(target.host, target.port, deadline)
    run.auth = auth = credentials.session(target, deadline)
    if target.key_file is not None and not target.key_file.expanduser().is_file():
        raise AuthenticationError(
            f"The key file {target.key_file} for {target.display} does not exist.",
            "Choose an existing private key file (the one without .pub), or leave it empty.",
            code="connect.key_missing",
            params={"key_file": target.key_file, "display": target.display},
        )
    attempt = asyncio.ensure_future(_attempt(run, check, auth, tunnel))
    try:
        return await _wait_with_deadline(attempt, run)
    except asyncio.CancelledError:
        await _cancel(attempt)
        raise
    finally:
        auth.close()


async def _wait_with_deadline(attempt: asyncio.Future[asyncssh.SSHClientConnection], run: _Run) -> Any:
    """Wait for *attempt*; time spent waiting on the user does not count."""
    deadline = run.deadline
    while True:
        await asyncio.wait({attempt}, timeout=max(deadline.remaining(), 0.05))
        if attempt.done():
            return attempt.result()
        if deadline.remaining() <= 0 and not deadline.is_paused:
            await _cancel(attempt)
            raise timed_out(run.attempt())


async def _cancel(attempt: asyncio.Future[Any]) -> None:
    """Cancel the attempt and close whatever it opened, even if it finished meanwhile."""
    attempt.cancel()
    await asyncio.wait({attempt})
    if not attempt.cancelled() and attempt.exception() is None:
        conn = attempt.result()
        conn.abort()
        await conn.wait_closed()


async def _open_socket(run: _Run) -> socket.socket:
    """Resolve the name and make the TCP connection, each its own stage."""
    loop = asyncio.get_running_loop()
    target = run.target
    run.stages.reach(ConnectStage.RESOLVING)
    try:
        infos = await loop.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise explain(exc, run.attempt()) from exc
    run.stages.reach(ConnectStage.TCP_CONNECTING)
    failure: OSError | None = None
    for family, kind, proto, _, address in infos:
        sock = socket.socket(family, kind, proto)
        sock.setblocking(False)
        try:
            await loop.sock_connect(sock, address)
        except OSError as exc:
            sock.close()
            failure = exc
            continue
        except BaseException:
            sock.close()
            raise
        run.address = (family, address)
        return sock
    assert failure is not None
    raise explain(failure, run.attempt()) from failure


async def _attempt(
    run: _Run, check: HostKeyCheck, auth: AuthSession, tunnel: Any
) -> asyncssh.SSHClientConnection:
    sock: socket.socket | None = None
    if tunnel is None:
        sock = await _open_socket(run)
    run.tunnelled = tunnel is not None
    run.stages.reach(ConnectStage.BANNER)
    client = _Client(check, auth, run.stages)
    transport = TappedTunnel(run.greeting, sock=sock, tunnel=tunnel)
    handshake = asyncio.ensure_future(_handshake(run, client, check, transport))
    try:
        waiting: set[asyncio.Future[Any]] = {handshake, run.greeting.foreign}
        await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        if not handshake.done():  # another service answered: no need to wait for the timeout
            raise not_ssh(run.attempt()) or ConnectError("not SSH", code="connect.not_ssh_unnamed")
        conn = handshake.result()
    except (OSError, asyncssh.Error) as exc:
        _close(sock)
        if client.failure is not None:
            raise with_stage(client.failure, ConnectStage.AUTHENTICATING) from exc
        if check.error is not None:
            raise with_stage(check.error, ConnectStage.HOST_KEY) from exc
        raise await _explained(exc, run) from exc
    except BaseException:
        if not handshake.done():
            await _cancel(handshake)
        _close(sock)
        raise
    try:
        if not await check.confirm():  # a server that let us in without asking for anything
            raise with_stage(check.error, ConnectStage.HOST_KEY) if check.error else _unconfirmed(check)
    except BaseException:
        conn.abort()
        await conn.wait_closed()
        raise
    run.stages.reach(ConnectStage.AUTHENTICATING)
    auth.succeeded()
    log.info("connected to %s", run.target.display)
    return conn


async def _handshake(
    run: _Run, client: _Client, check: HostKeyCheck, transport: TappedTunnel
) -> asyncssh.SSHClientConnection:
    cas = [e.key for e in check.entries if e.marker == "@cert-authority"]
    target = run.target
    return await asyncssh.connect(
        target.host,
        target.port,
        tunnel=transport,
        config=[],  # ~/.ssh/config is not applied: the device book is the configuration
        username=target.login,
        client_factory=lambda: client,
        known_hosts=lambda host, addr, port: (
            [],
            cas,
            [],
        ),  # every plain key goes to validate_host_public_key
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


async def _explained(exc: BaseException, run: _Run) -> SupportError:
    """explain(), after asking a fresh connection whether a silent port speaks TLS."""
    foreign = run.greeting.other_words()
    if foreign is None and run.stage is ConnectStage.BANNER and run.address is not None:
        with contextlib.suppress(OSError):
            if await speaks_tls(run.address[1], run.address[0]):
                foreign = Foreign("TLS")
    return explain(exc, run.attempt(foreign))


def _close(sock: socket.socket | None) -> None:
    """Close a socket asyncssh never took over (closing one it did take over again is harmless)."""
    if sock is not None:
        sock.close()


def _unconfirmed(check: HostKeyCheck) -> SupportError:
    question = check.pending
    if question is None:
        return with_stage(
            ConnectError(
                f"The host key of {check.host} could not be verified.",
                code="hostkey.unverified",
                params={"host": check.host},
            ),
            ConnectStage.HOST_KEY,
        )
    return with_stage(unknown_key_error(question), ConnectStage.HOST_KEY)
