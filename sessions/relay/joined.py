"""A technician's session by code that survives dropped links: state, "reconnecting…", gaps, resume."""

from __future__ import annotations

import asyncio
import enum
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import asyncssh

from sessions import codes
from sessions.errors import ConnectError, HostKeyError, SessionClosedError, SupportError
from sessions.relay.client import CONSENT_WAIT, connect_by_code, connect_relay
from sessions.relay.protocol import Reason, relay_reason
from sessions.relay.unlock import TechnicianKeyAccess
from sessions.ssh.auth import Credentials
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target

log = logging.getLogger(__name__)


class JoinState(enum.Enum):
    CONNECTING = "connecting"
    AWAITING_CONSENT = "awaiting consent"
    ACTIVE = "active"
    RECONNECTING = "reconnecting…"
    CLOSED = "closed"


J = JoinState
TRANSITIONS: dict[tuple[JoinState, str], JoinState] = {
    (J.CONNECTING, "relay-ready"): J.AWAITING_CONSENT,
    (J.AWAITING_CONSENT, "joined"): J.ACTIVE,
    (J.ACTIVE, "dropped"): J.RECONNECTING,
    (J.RECONNECTING, "joined"): J.ACTIVE,
    (J.CONNECTING, "closed"): J.CLOSED,
    (J.AWAITING_CONSENT, "closed"): J.CLOSED,
    (J.ACTIVE, "closed"): J.CLOSED,
    (J.RECONNECTING, "closed"): J.CLOSED,
}


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


_RETRY_REASONS = (Reason.RECONNECTING, Reason.BUSY)


class CodeSession:
    """Join by code and keep the session: `await join()`, then follow on_state, on_reconnected, on_gap."""

    def __init__(
        self,
        relay: Target,
        code: str,
        *,
        trust: HostKeyTrust,
        technician_key: Path | None = None,
        key_access: TechnicianKeyAccess | None = None,
        inner_trust: HostKeyTrust | None = None,
        credentials: Credentials | None = None,
        user: str = "",
        timeout: float = 15.0,
        consent_wait: float = CONSENT_WAIT,
        grace: float = 120.0,
        backoff: tuple[float, float] = (0.5, 5.0),
    ) -> None:
        self.code = codes.parse(code)  # a typo fails here, before anything is sent
        self.relay = relay
        self.state = JoinState.CONNECTING
        self.conn: asyncssh.SSHClientConnection | None = None
        self.closed_reason = ""
        self.on_state: Callable[[JoinStatus], None] | None = None
        self.on_reconnected: Callable[[asyncssh.SSHClientConnection], None] | None = None
        self.on_gap: Callable[[Gap], None] | None = None
        self._trust = trust
        self._key_access = key_access or TechnicianKeyAccess(technician_key)
        self._inner_trust = inner_trust
        self._credentials = credentials
        self._user = user
        self._timeout = timeout
        self._consent_wait = consent_wait
        self._grace = grace
        self._backoff = backoff
        self._relay_conn: asyncssh.SSHClientConnection | None = None
        self._closing = False
        self._closed = asyncio.Event()
        self._watch: asyncio.Task[None] | None = None

    # --- public API ------------------------------------------------------------------------------
    async def join(self) -> asyncssh.SSHClientConnection:
        """Connect to the relay, wait for the customer's consent, open the inner SSH connection."""
        try:
            self._relay_conn = await connect_relay(self.relay, trust=self._trust, key_access=self._key_access)
            self._fire("relay-ready", "Waiting for the customer to allow the connection…")
            self.conn = await self._inner()
        except SupportError as exc:
            self._close(str(exc))
            raise
        self._fire("joined", "Connected.")
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
    async def _inner(self) -> asyncssh.SSHClientConnection:
        assert self._relay_conn is not None
        return await connect_by_code(
            self.relay,
            self.code,
            trust=self._trust,
            relay_conn=self._relay_conn,
            inner_trust=self._inner_trust,
            credentials=self._credentials,
            user=self._user,
            timeout=self._timeout,
            consent_wait=self._consent_wait,
        )

    async def _keep(self) -> None:
        while not self._closing:
            assert self.conn is not None
            await self.conn.wait_closed()
            if self._closing:
                return
            started = time.time()
            self._fire("dropped", "Reconnecting…")
            conn = await self._rejoin()
            if conn is None:
                return
            self.conn = conn
            self._fire("joined", "Reconnected.")
            if self.on_gap is not None:
                self.on_gap(Gap(started, time.time()))
            if self.on_reconnected is not None:
                self.on_reconnected(conn)

    async def _rejoin(self) -> asyncssh.SSHClientConnection | None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._grace
        delay = self._backoff[0]
        while not self._closing:
            try:
                if self._relay_conn is None or self._relay_conn.is_closed():
                    self._relay_conn = await connect_relay(
                        self.relay, trust=self._trust, key_access=self._key_access
                    )
                return await self._inner()
            except (HostKeyError, asyncio.CancelledError):
                raise
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
            delay = min(delay * 2, self._backoff[1])
        return None

    def _fire(self, event: str, detail: str) -> None:
        target = TRANSITIONS.get((self.state, event))
        if target is None:
            log.warning("code session: %s ignored in state %s", event, self.state.value)
            return
        self.state = target
        if self.on_state is not None:
            self.on_state(JoinStatus(target, codes.masked(self.code), detail))

    def _close(self, reason: str) -> None:
        if self.state is JoinState.CLOSED:
            return
        self.closed_reason = reason
        self._fire("closed", reason)
        if self._relay_conn is not None:
            self._relay_conn.close()
        self._closed.set()
