"""The technician's side: connect to the relay with the technician key, claim a code, speak SSH inside.

`connect_by_code` opens one inner connection. `CodeSession` keeps it going: it reports its state
(connecting, awaiting consent, active, reconnecting…, closed) and rejoins after a dropped link.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncssh

from sessions import codes
from sessions.errors import (
    AuthenticationError,
    ConnectError,
    HostKeyChangedError,
    HostKeyError,
    RelayKeyRefusedError,
    SupportError,
)
from sessions.relay.legclient import (
    CHANNEL_INSTEAD,
    LEG_CLAIM_PORT,
    LegAnswer,
    LegUnreachable,
    PinnedTrust,
    open_leg,
    socket_tunnel,
)
from sessions.relay.protocol import FORWARD_PORT, error_for_reason
from sessions.relay.relays import DeploymentTrust, RelayAddress, relay_list
from sessions.relay.unlock import OfferedKey, TechnicianKeyAccess
from sessions.ssh.auth import Credentials
from sessions.ssh.client import connect
from sessions.ssh.hostkeys import HostKeyTrust, host_entry_name
from sessions.ssh.packets import streamline
from sessions.ssh.target import Target, local_user
from sessions.stages import SessionStage

log = logging.getLogger(__name__)
ProgressCallback = Callable[[str], None]
LEG_CONNECT_TIMEOUT = 5.0  # the relay waits 10 s for the leg; a port that does not answer in 5 falls back
TECHNICIAN_USER = "technician"
CONSENT_WAIT = 160.0  # the agent asks for up to 120 s, the relay waits 30 s more


@dataclass(frozen=True, slots=True)
class JoinOptions:
    """How a technician joins by code: whom to trust, which key and login, how long to wait and retry.

    `inner_trust` checks the agent's host key (new for every code; default: *trust*). `grace` and
    `backoff` matter only to a CodeSession that rejoins after a dropped link.
    """

    trust: HostKeyTrust
    technician_key: Path | None = None
    key_access: TechnicianKeyAccess | None = None  # how the key is opened (asked, cached); default: no asking
    inner_trust: HostKeyTrust | None = None
    credentials: Credentials | None = None
    user: str = ""
    timeout: float = 15.0
    consent_wait: float = CONSENT_WAIT
    grace: float = 120.0
    backoff: tuple[float, float] = (0.5, 5.0)
    data_leg: bool = True  # a data leg of the technician's own when the relay offers one (legclient.py)


class _Pending(asyncssh.SSHTCPSession[bytes]):
    """A channel opened before its SSH protocol exists: buffers until `attach`, then forwards."""

    def __init__(self) -> None:
        self.chan: asyncssh.SSHTCPChannel[bytes] | None = None
        self.target: Any = None
        self._buffer: list[tuple[bytes, Any]] = []
        self._eof = False
        self._lost: list[Exception | None] = []
        self._line: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()  # a leg claim's answer

    async def first_line(self, timeout: float) -> bytes:
        """The first line the channel carried (b"" if it closed first), left in the buffer."""
        async with asyncio.timeout(timeout):
            return await asyncio.shield(self._line)

    def drop_first_line(self) -> None:
        """Forget the first line (a leg claim's answer): what follows is the session's."""
        joined = b"".join(data for data, _ in self._buffer)
        self._buffer = [(joined.partition(b"\n")[2], None)] if b"\n" in joined else []

    def _line_done(self) -> None:
        if self._line.done():
            return
        joined = b"".join(data for data, _ in self._buffer)
        if b"\n" in joined:
            self._line.set_result(joined.partition(b"\n")[0])
        elif self._eof or self._lost or len(joined) > _ANSWER_MAX:
            self._line.set_result(joined)

    def connection_made(self, chan: asyncssh.SSHTCPChannel[bytes]) -> None:  # type: ignore[override]
        self.chan = chan

    def attach(self, target: Any) -> None:
        assert self.chan is not None
        self.target = target
        target.connection_made(self.chan)
        for data, datatype in self._buffer:
            target.data_received(data, datatype)
        self._buffer.clear()
        if self._eof:
            target.eof_received()
        if self._lost:
            target.connection_lost(self._lost[0])

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        if self.target is None:
            self._buffer.append((data, datatype))
            self._line_done()
        else:
            self.target.data_received(data, datatype)

    def eof_received(self) -> bool:
        if self.target is None:
            self._eof = True
            self._line_done()
            return True
        return bool(self.target.eof_received())

    def connection_lost(self, exc: Exception | None) -> None:
        if self.target is None:
            self._lost.append(exc)
            self._line_done()
        else:
            self.target.connection_lost(exc)

    def pause_writing(self) -> None:
        if self.target is not None:
            self.target.pause_writing()

    def resume_writing(self) -> None:
        if self.target is not None:
            self.target.resume_writing()


class _OpenedTunnel:
    """What asyncssh's `tunnel=` needs, handing out a channel that is already open."""

    def __init__(self, pending: _Pending) -> None:
        self.pending = pending

    async def create_connection(self, factory: Callable[[], Any], host: str, port: int) -> tuple[Any, Any]:
        protocol = factory()
        self.pending.attach(protocol)
        return self.pending.chan, protocol


async def connect_relay(
    relay: RelayAddress,
    *,
    trust: HostKeyTrust,
    technician_key: Path | None = None,
    key_access: TechnicianKeyAccess | None = None,
    timeout: float = 15.0,
    on_progress: ProgressCallback | None = None,
) -> asyncssh.SSHClientConnection:
    """Log in to the relay with the technician key (*key_access* opens it: ssh-agent, keyring, or asks).

    *relay* may be the relays of one deployment (sessions/relay/relays.py): tried in turn until one
    answers, each checked against the deployment's one host key. The key is opened before anything is
    sent. A relay that does not list the key raises RelayKeyRefusedError, which names the relay and
    carries the public line for its administrator.
    """
    conn, _ = await connect_any(
        relay_list(relay), trust=trust, technician_key=technician_key, key_access=key_access,
        timeout=timeout, on_progress=on_progress,
    )  # fmt: skip
    return conn


async def connect_any(
    relays: Sequence[Target],
    *,
    trust: HostKeyTrust,
    technician_key: Path | None = None,
    key_access: TechnicianKeyAccess | None = None,
    timeout: float = 15.0,
    on_progress: ProgressCallback | None = None,
    deployment: Target | None = None,
) -> tuple[asyncssh.SSHClientConnection, Target]:
    """The first of *relays* that answers, and which one. A relay that cannot be reached (down, refused,
    timed out, not SSH) passes to the next; a wrong host key or a refused technician key stops at once.
    Host keys are checked under *deployment* (default: the first relay), the deployment's one name.
    """
    access = key_access or TechnicianKeyAccess(technician_key)
    offered = await access.open()
    name = deployment or relays[0]
    failures: list[ConnectError] = []
    try:
        for relay in relays:
            try:
                conn = await _connect_one(relay, name, trust, offered, timeout, on_progress)
            except (HostKeyError, AuthenticationError):
                raise
            except ConnectError as exc:
                log.info("relay %s not reached: %s", relay.host_port, exc)
                failures.append(exc)
                continue
            return conn, relay
    finally:
        offered.close()
    if len(failures) == 1:
        raise failures[0]
    raise _none_answered(relays, failures)


async def _connect_one(
    relay: Target,
    name: Target,
    trust: HostKeyTrust,
    offered: OfferedKey,
    timeout: float,
    on_progress: ProgressCallback | None,
) -> asyncssh.SSHClientConnection:
    target = Target(relay.host, relay.port, relay.user or TECHNICIAN_USER)
    checked = trust if (relay.host, relay.port) == (name.host, name.port) else DeploymentTrust(trust, name)
    try:
        conn = await connect(
            target,
            trust=checked,
            credentials=Credentials(
                use_agent=False, use_default_keys=False, keys=[offered.pair], keys_label=offered.label
            ),
            timeout=timeout,
            on_progress=on_progress,
        )
    except AuthenticationError as exc:
        if not isinstance(exc.__cause__, asyncssh.PermissionDenied):
            raise
        raise _not_listed(relay, offered) from exc
    except HostKeyChangedError as exc:
        raise _relay_key_changed(relay, name, trust, exc) from exc
    streamline(conn)
    return conn


def _none_answered(relays: Sequence[Target], failures: list[ConnectError]) -> ConnectError:
    pairs = zip(relays, failures, strict=True)
    tried = ", ".join(f"{relay.host_port} ({exc.message})" for relay, exc in pairs)
    error = ConnectError(
        f"None of the relays answered: {tried}.",
        "Check the network; if it works, the relays may be down: tell their administrator.",
        code="relay.none_answered",
        params={"tried": tried},
    )
    error.stage = failures[-1].stage
    return error


def _not_listed(relay: Target, offered: OfferedKey) -> RelayKeyRefusedError:
    line = offered.key.public_line
    error = RelayKeyRefusedError(
        f"The relay at {relay.host_port} does not list this technician key ({offered.key.fingerprint}).",
        f"Send this public key line to the relay's administrator, who adds it to the relay's technicians "
        f"file, then join again: {line}",
        public_line=line,
        relay=relay.host_port,
        code="relay.key_not_listed",
        params={"host_port": relay.host_port, "fingerprint": offered.key.fingerprint, "line": line},
    )
    error.stage = "authenticating"
    return error


def _relay_key_changed(
    relay: Target, deployment: Target, trust: HostKeyTrust, exc: HostKeyChangedError
) -> HostKeyChangedError:
    name = host_entry_name(deployment.host, deployment.port)  # the entry every relay of a list is checked by
    old = next((e for e in trust.lookup(deployment.host, deployment.port) if not e.marker), None)
    where = f"{old.location} (`ssh-keygen -R '{name}' -f {old.file}`)" if old else "your known_hosts"
    error = HostKeyChangedError(
        f"The relay at {relay.host_port} shows a different host key than before ({exc.fingerprint}). "
        "Someone may be intercepting the connection, or the relay was reinstalled. Nothing was sent.",
        "Ask the relay's administrator for the relay's fingerprint (`valuezone relay` prints it when it "
        f"starts); if it is this one, remove the old line from {where} and join again.",
        fingerprint=exc.fingerprint,
        code="hostkey.relay_changed",
        params={"host_port": relay.host_port, "fingerprint": exc.fingerprint, "where": where},
    )
    error.stage = exc.stage
    return error


async def open_code_channel(
    relay_conn: asyncssh.SSHClientConnection,
    code: str,
    *,
    consent_wait: float = CONSENT_WAIT,
    port: int = FORWARD_PORT,
) -> _OpenedTunnel:
    """Claim *code* (nine digits) on the relay; returns once the customer allowed it.

    *port* 0 (`LEG_CLAIM_PORT`) claims a leg of the technician's own (sessions/relay/legclient.py).

    Raises the SupportError matching the refusal: ConsentRefusedError, CodeUnknownError,
    RateLimitedError, SessionClosedError…
    """
    pending = _Pending()
    try:
        async with asyncio.timeout(consent_wait):
            await relay_conn.create_connection(lambda: pending, codes.wire(code), port)
    except asyncssh.ChannelOpenError as exc:
        if not (exc.reason == _CONNECTION_CLOSED or relay_conn.is_closed()):
            raise error_for_reason(exc.reason) from exc
        raise _lost_while_joining(
            exc
        ) from exc  # asyncssh's own words for a dropped connection, not a refusal
    except TimeoutError:
        raise error_for_reason("The customer did not answer") from None
    except (asyncssh.Error, OSError) as exc:
        raise _lost_while_joining(exc) from exc
    return _OpenedTunnel(pending)


_ANSWER_MAX = 64 * 1024
_CONNECTION_CLOSED = "SSH connection closed"  # asyncssh's reason when the connection drops mid-open


def _lost_while_joining(exc: Exception) -> ConnectError:
    return ConnectError(
        f"The connection to the relay was lost while joining ({exc}).",
        "Check the network, then join again.",
        code="relay.lost_while_joining",
        params={"exc": exc},
    )


async def connect_by_code(
    relay: RelayAddress,
    code: str,
    options: JoinOptions,
    *,
    relay_conn: asyncssh.SSHClientConnection | None = None,
    on_progress: ProgressCallback | None = None,
) -> asyncssh.SSHClientConnection:
    """The inner SSH connection to the customer's agent (or device sshd) behind *code*.

    *code* may be typed as `482 913 557`, `482-913-557` or `vz482913557`; a typo raises CodeTypoError
    before anything is sent. *relay* may be the relays of one deployment: the first that answers.
    Progress stages: "connecting to the relay", "waiting for the customer", then the SSH client's own
    stages for the inner connection. Closing the returned connection leaves *relay_conn* open when it
    was given, and closes the relay connection made here otherwise.

    With `options.data_leg` (the default) the inner SSH runs on a data leg of the technician's own
    (sessions/relay/legclient.py), pinned to the host keys the relay named; on the claim channel when
    the relay predates it or its data port cannot be reached. The technician key logs in to the relay
    and, inside, to the customer's agent, which accepts no other key.
    """
    digits = codes.parse(code)
    emit = on_progress or (lambda stage: None)
    own_relay = relay_conn is None
    if relay_conn is None:
        emit(SessionStage.RELAY)
        relay_conn = await connect_relay(
            relay,
            trust=options.trust,
            technician_key=options.technician_key,
            key_access=options.key_access,
            timeout=options.timeout,
        )
    offered: OfferedKey | None = None
    try:
        offered = await (options.key_access or TechnicianKeyAccess(options.technician_key)).open()
        emit(SessionStage.CUSTOMER)
        port = LEG_CLAIM_PORT if options.data_leg else FORWARD_PORT
        opened = await open_code_channel(relay_conn, digits, consent_wait=options.consent_wait, port=port)
        tunnel, pinned = (
            await carrier(relay_host(relay_conn, relay), opened, options)
            if options.data_leg
            else (opened, None)
        )
        inner = await connect(
            Target(codes.wire(digits), 22, options.user or local_user()),
            trust=pinned or options.inner_trust or options.trust,
            credentials=_with_key(options.credentials, offered),
            tunnel=tunnel,
            timeout=options.timeout,
            on_progress=on_progress,
        )
    except BaseException:
        if own_relay:
            relay_conn.close()
        raise
    finally:
        if offered is not None:
            offered.close()
    streamline(inner)
    if own_relay:
        _close_with(inner, relay_conn)
    return inner


def relay_host(relay_conn: asyncssh.SSHClientConnection, relay: RelayAddress) -> str:
    """The relay host this connection reached (of a list, the one that answered): where a leg goes when
    the relay's answer names no host."""
    peer = relay_conn.get_extra_info("peername")
    return str(peer[0]) if peer else relay_list(relay)[0].host


async def carrier(
    relay_host: str, opened: _OpenedTunnel, options: JoinOptions
) -> tuple[Any, PinnedTrust | None]:
    """What carries a leg claim's session: the technician's own leg, or the claim channel itself."""
    line = await opened.pending.first_line(options.timeout)
    answer = LegAnswer.parse(line, relay_host)
    if answer is None:  # a relay that predates leg claims: the channel already carries the session
        return opened, None
    opened.pending.drop_first_line()
    pinned = PinnedTrust(answer.host_keys) if answer.host_keys else None
    chan = opened.pending.chan
    assert chan is not None
    try:
        sock = await open_leg(answer, min(options.timeout, LEG_CONNECT_TIMEOUT))
    except LegUnreachable as exc:  # nothing was sent on it: the session runs on the claim channel
        log.info(
            "the relay's data port %s:%d cannot be reached (%s): using the channel",
            answer.host,
            answer.port,
            exc,
        )
        chan.write(CHANNEL_INSTEAD)
        return opened, pinned
    except BaseException:
        chan.close()
        raise
    chan.close()
    return socket_tunnel(sock), pinned


def _with_key(credentials: Credentials | None, offered: OfferedKey) -> Credentials:
    """The inner login's credentials: the technician key first (the agent asks for it), then *credentials*."""
    if credentials is None:
        return Credentials(
            use_agent=False, use_default_keys=False, keys=[offered.pair], keys_label=offered.label
        )
    return Credentials(
        credentials.ask_password,
        credentials.ask_passphrase,
        credentials.use_agent,
        credentials.use_default_keys,
        keys=[offered.pair, *credentials.keys],
        keys_label=offered.label,
        on_password_refused=credentials.on_password_refused,
    )


def _close_with(inner: asyncssh.SSHClientConnection, relay_conn: asyncssh.SSHClientConnection) -> None:
    async def watch() -> None:
        await inner.wait_closed()
        relay_conn.close()

    task = asyncio.get_running_loop().create_task(watch())
    _watchers.add(task)  # keep a reference while it runs
    task.add_done_callback(_watchers.discard)


_watchers: set[asyncio.Task[None]] = set()


__all__ = [
    "JoinOptions",
    "SupportError",
    "connect_any",
    "connect_by_code",
    "connect_relay",
    "open_code_channel",
]
