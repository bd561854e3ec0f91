"""A technician's session by code that survives dropped links: state, "reconnecting…", gaps, resume."""

from __future__ import annotations

import asyncio
import enum
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import asyncssh

from sessions import codes
from sessions.errors import ConnectError, HostKeyError, SessionClosedError, SupportError
from sessions.events import Subscribers, Unsubscribe
from sessions.relay.client import JoinOptions, connect_any, connect_by_code
from sessions.relay.protocol import Reason, relay_reason
from sessions.relay.relays import RelayAddress, in_turn, relay_list
from sessions.relay.unlock import TechnicianKeyAccess
from sessions.statemachine import Table

log = logging.getLogger(__name__)


class JoinState(enum.Enum):
    CONNECTING = "connecting"
    AWAITING_CONSENT = "awaiting consent"
    ACTIVE = "active"
    RECONNECTING = "reconnecting…"
    CLOSED = "closed"


class JoinEvent(enum.Enum):
    RELAY_READY = "relay-ready"  # the technician key was accepted; the code is being claimed
    JOINED = "joined"  # the customer allowed it (again) and the inner SSH connection is up
    DROPPED = "dropped"  # the inner connection was lost; rejoining
    CLOSE = "close"


J, V = JoinState, JoinEvent
TABLE: Table[JoinState, JoinEvent] = Table(
    "session by code",
    JoinState.CONNECTING,
    {
        (J.CONNECTING, V.RELAY_READY): J.AWAITING_CONSENT,
        (J.AWAITING_CONSENT, V.JOINED): J.ACTIVE,
        (J.ACTIVE, V.DROPPED): J.RECONNECTING,
        (J.RECONNECTING, V.JOINED): J.ACTIVE,
        (J.CONNECTING, V.CLOSE): J.CLOSED,
        (J.AWAITING_CONSENT, V.CLOSE): J.CLOSED,
        (J.ACTIVE, V.CLOSE): J.CLOSED,
        (J.RECONNECTING, V.CLOSE): J.CLOSED,
    },
    terminal={JoinState.CLOSED},
)


@dataclass(frozen=True, slots=True)
class JoinStatus:
    """What the console shows: the state, the code with its middle hidden, and a sentence."""

    state: JoinState
    code: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Gap:
    """The session was interrupted from `started` to `ended` (epoch seconds): record it as recording.gap."""

    started: float
    ended: float

    @property
    def seconds(self) -> float:
        return self.ended - self.started


@dataclass(frozen=True, slots=True)
class Rejoined:
    """The session continues on a new inner connection `conn` (after the Gap reported just before)."""

    conn: asyncssh.SSHClientConnection = field(compare=False, repr=False)


JoinEventValue = JoinStatus | Gap | Rejoined


_RETRY_REASONS = (Reason.RECONNECTING, Reason.BUSY)


class CodeSession:
    """Join by code and keep the session: `await join()`; `subscribe()` for JoinStatus, Gap, Rejoined."""

    def __init__(self, relay: RelayAddress, code: str, options: JoinOptions) -> None:
        self.code = codes.parse(code)  # a typo fails here, before anything is sent
        self.relays = relay_list(relay)  # the relays of one deployment; host keys checked as the first's
        self.relay = self.relays[0]  # the one the session is on (or last was)
        self.options = options
        self.conn: asyncssh.SSHClientConnection | None = None
        self.closed_reason = ""
        self.events: Subscribers[JoinEventValue] = Subscribers("code session")
        self._machine = TABLE.start()
        # One way to open the technician key for the whole session: its passphrase is asked once.
        self._key_access = options.key_access or TechnicianKeyAccess(options.technician_key)
        self._relay_conn: asyncssh.SSHClientConnection | None = None
        self._closing = False
        self._closed = asyncio.Event()
        self._watch: asyncio.Task[None] | None = None

    # --- public API ------------------------------------------------------------------------------
    def subscribe(self, callback: Callable[[JoinEventValue], None]) -> Unsubscribe:
        """Receive every JoinStatus (state changes), Gap and Rejoined (a new inner connection)."""
        return self.events.subscribe(callback)

    async def join(self) -> asyncssh.SSHClientConnection:
        """Connect to the relay, wait for the customer's consent, open the inner SSH connection."""
        try:
            self._relay_conn = await self._connect_relay()
            self._step(JoinEvent.RELAY_READY, "Waiting for the customer to allow the connection…")
            self.conn = await self._inner()
            self._step(JoinEvent.JOINED, "Connected.")
        except SupportError as exc:
            if self.conn is not None:
                self.conn.close()
            self._close(str(exc))
            raise
        self._watch = asyncio.get_running_loop().create_task(self._keep())
        return self.conn

    async def close(self) -> None:
        """End the session from the technician's side (the customer's agent ends too)."""
        self._closing = True
        if self.conn is not None:
            self.conn.close()
            await self.conn.wait_closed()
        self._close("You ended the session.")

    async def wait_closed(self) -> str:
        await self._closed.wait()
        return self.closed_reason

    # --- internals -------------------------------------------------------------------------------
    async def _connect_relay(self) -> asyncssh.SSHClientConnection:
        """The relay the session was on, else the next of the list that answers (when that one died)."""
        conn, self.relay = await connect_any(
            in_turn(self.relays, self.relay), trust=self.options.trust, key_access=self._key_access,
            timeout=self.options.timeout, deployment=self.relays[0],
        )  # fmt: skip
        return conn

    async def _inner(self) -> asyncssh.SSHClientConnection:
        assert self._relay_conn is not None
        return await connect_by_code(self.relay, self.code, self.options, relay_conn=self._relay_conn)

    async def _keep(self) -> None:
        while not self._closing:
            assert self.conn is not None
            await self.conn.wait_closed()
            if self._closing:
                return
            started = time.time()
            self._step(JoinEvent.DROPPED, "Reconnecting…")
            conn = await self._rejoin()
            if conn is None:
                return
            if self.state is JoinState.CLOSED:  # closed while the rejoin was answered
                conn.close()
                return
            self.conn = conn
            self._step(JoinEvent.JOINED, "Reconnected.")
            self.events.emit(Gap(started, time.time()))
            self.events.emit(Rejoined(conn))

    async def _rejoin(self) -> asyncssh.SSHClientConnection | None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.options.grace
        delay, longest = self.options.backoff
        while not self._closing:
            try:
                if self._relay_conn is None or self._relay_conn.is_closed():
                    self._relay_conn = await self._connect_relay()
                return await self._inner()
            except HostKeyError as exc:  # never retried: the person must check the key first
                self._close(str(exc))
                return None
            except SupportError as exc:
                reason = relay_reason(exc)
                if reason and not reason.startswith(_RETRY_REASONS):
                    self._close(str(exc))
                    return None
                if not reason and not isinstance(exc, ConnectError | SessionClosedError):
                    self._close(str(exc))
                    return None
                log.info("rejoin failed, retrying: %s", exc)
            if loop.time() >= deadline:
                self._close("The session could not be resumed: the customer did not come back in time.")
                return None
            await asyncio.sleep(delay * (0.8 + 0.4 * random.random()))
            delay = min(delay * 2, longest)
        return None

    @property
    def state(self) -> JoinState:
        return self._machine.state

    def _step(self, event: JoinEvent, detail: str) -> None:
        """Fire *event* unless the session was closed meanwhile (then SessionClosedError)."""
        if self.state is JoinState.CLOSED:
            raise SessionClosedError(
                self.closed_reason or "The session was closed.", code="session.closed_while_joining"
            )
        self._fire(event, detail)

    def _fire(self, event: JoinEvent, detail: str) -> None:
        state = self._machine.fire(event)
        self.events.emit(JoinStatus(state, codes.masked(self.code), detail))

    def _close(self, reason: str) -> None:
        if self.state is JoinState.CLOSED:
            return
        self.closed_reason = reason
        self._fire(JoinEvent.CLOSE, reason)
        if self._relay_conn is not None:
            self._relay_conn.close()
        self._closed.set()
