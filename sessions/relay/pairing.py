"""The relay's pairing state machine: one session code from issue to close, with one transition table."""

from __future__ import annotations

import asyncio
import enum
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from sessions import codes
from sessions.relay.bridge import Bridge
from sessions.relay.protocol import Reason
from sessions.statemachine import Machine, Table, TransitionError

__all__ = ["TABLE", "CodeEvent", "CodeState", "Pairing", "PairingBook", "Technician", "TransitionError"]


class CodeState(enum.Enum):
    WAITING = "waiting"  # issued, customer linked, nobody has claimed it yet
    CLAIMING = "claiming"  # a technician claimed it; the customer is being asked
    ACTIVE = "active"  # the customer consented; channels are bridged
    WAITING_AWAY = "waiting-away"  # customer link dropped before any consent; grace period runs
    ACTIVE_AWAY = "active-away"  # customer link dropped during a session; grace period runs
    CLOSED = "closed"


class CodeEvent(enum.Enum):
    CLAIM = "claim"
    CONSENT = "consent"
    REFUSE = "refuse"
    LINK_LOST = "link-lost"
    LINK_BACK = "link-back"
    EXPIRE = "expire"
    END = "end"


S, E = CodeState, CodeEvent
TABLE: Table[CodeState, CodeEvent] = Table(
    "relay pairing",
    CodeState.WAITING,
    {
        (S.WAITING, E.CLAIM): S.CLAIMING,
        (S.CLAIMING, E.CONSENT): S.ACTIVE,
        (S.CLAIMING, E.REFUSE): S.WAITING,
        (S.WAITING, E.LINK_LOST): S.WAITING_AWAY,
        (S.CLAIMING, E.LINK_LOST): S.WAITING_AWAY,
        (S.ACTIVE, E.LINK_LOST): S.ACTIVE_AWAY,
        (S.WAITING_AWAY, E.LINK_BACK): S.WAITING,
        (S.ACTIVE_AWAY, E.LINK_BACK): S.ACTIVE,
        (S.WAITING, E.EXPIRE): S.CLOSED,
        (S.CLAIMING, E.EXPIRE): S.CLOSED,
        (S.WAITING_AWAY, E.EXPIRE): S.CLOSED,
        (S.ACTIVE_AWAY, E.EXPIRE): S.CLOSED,
        (S.WAITING, E.END): S.CLOSED,
        (S.CLAIMING, E.END): S.CLOSED,
        (S.ACTIVE, E.END): S.CLOSED,
        (S.WAITING_AWAY, E.END): S.CLOSED,
        (S.ACTIVE_AWAY, E.END): S.CLOSED,
    },
    terminal={CodeState.CLOSED},
)


@dataclass(frozen=True, slots=True)
class Technician:
    """An authenticated technician: key fingerprint and display name (the authorized_keys comment)."""

    fingerprint: str
    name: str


class CustomerEnd(Protocol):
    """What the relay asks of a code's customer link (sessions.relay.customer.CustomerLink)."""

    async def open(self, bridge: Bridge, technician: Technician, address: str, again: bool) -> None: ...

    def code_closed(self, reason: str) -> None: ...


@dataclass(eq=False)
class Pairing:
    """One live code: its state, its customer link and the technician it is bound to once consented."""

    code: str
    customer: CustomerEnd | None  # None only in tests of the book itself
    resume_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    technician: Technician | None = None
    issued_at: float = field(default_factory=time.time)
    closed_reason: str = ""
    bridges: set[Bridge] = field(default_factory=set)
    machine: Machine[CodeState, CodeEvent] = field(default_factory=TABLE.start)
    _timer: asyncio.TimerHandle | None = None

    @property
    def state(self) -> CodeState:
        return self.machine.state

    def fire(self, event: CodeEvent) -> CodeState:
        """Apply *event*; raises TransitionError when the table has no entry for it."""
        return self.machine.fire(event)

    def can(self, event: CodeEvent) -> bool:
        return self.machine.can(event)

    def set_timer(self, delay: float, callback: Callable[[], None]) -> None:
        self.cancel_timer()
        self._timer = asyncio.get_running_loop().call_later(delay, callback)

    def cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


class PairingBook:
    """Every live code, plus a bounded memory of closed ones so a late claim gets the precise reason."""

    def __init__(self, *, code_ttl: float, grace: float, remember: int = 10_000) -> None:
        self.code_ttl = code_ttl
        self.grace = grace
        self._live: dict[str, Pairing] = {}
        self._closed: OrderedDict[str, str] = OrderedDict()
        self._remember = remember
        self.on_closed: Callable[[Pairing], None] = lambda pairing: None

    def __len__(self) -> int:
        return len(self._live)

    def issue(self, customer: CustomerEnd | None) -> Pairing:
        """A new code for *customer*, unique among live and remembered codes; its TTL starts now."""
        code = codes.new_code()
        while code in self._live or code in self._closed:
            code = codes.new_code()
        pairing = Pairing(code, customer)
        self._live[code] = pairing
        pairing.set_timer(self.code_ttl, lambda: self.expire(pairing))
        return pairing

    def discard(self, pairing: Pairing) -> None:
        """Forget *pairing* without closing it (another relay of the cluster holds its code)."""
        pairing.cancel_timer()
        if self._live.get(pairing.code) is pairing:
            del self._live[pairing.code]

    def adopt(
        self, code: str, token: str, customer: CustomerEnd, *, technician: Technician | None, issued_at: float
    ) -> Pairing:
        """A code another relay issued, whose agent came back here with its resume token."""
        stale = self._live.pop(code, None)
        if stale is not None:
            stale.cancel_timer()
        state = CodeState.ACTIVE if technician is not None else CodeState.WAITING
        pairing = Pairing(code, customer, token, technician, issued_at, machine=TABLE.start(state))
        self._live[code] = pairing
        if technician is None:
            remaining = max(1.0, self.code_ttl - (time.time() - issued_at))
            pairing.set_timer(remaining, lambda: self.expire(pairing))
        return pairing

    def time_left(self, pairing: Pairing) -> int:
        """Whole seconds until *pairing*'s code expires unclaimed (its TTL counts from issue)."""
        return max(1, round(self.code_ttl - (time.time() - pairing.issued_at)))

    def get(self, code: str) -> Pairing | None:
        return self._live.get(code)

    def refusal(self, code: str) -> str:
        """Why *code* cannot be claimed when it is not live: expired, used, ended or unknown."""
        return self._closed.get(code, Reason.UNKNOWN)

    def resume(self, code: str, token: str) -> Pairing | None:
        """The away pairing *code* when *token* matches its resume token (constant-time compare)."""
        pairing = self._live.get(code)
        if pairing is None or pairing.state not in (CodeState.WAITING_AWAY, CodeState.ACTIVE_AWAY):
            return None
        return pairing if secrets.compare_digest(pairing.resume_token, token) else None

    def link_lost(self, pairing: Pairing) -> None:
        """The customer's link dropped: keep the code for the grace period."""
        if pairing.can(CodeEvent.LINK_LOST):
            pairing.fire(CodeEvent.LINK_LOST)
            pairing.set_timer(self.grace, lambda: self.expire(pairing))

    def link_back(self, pairing: Pairing, customer: CustomerEnd) -> None:
        """The customer came back within the grace period on a new link."""
        pairing.fire(CodeEvent.LINK_BACK)
        pairing.customer = customer
        pairing.cancel_timer()
        if pairing.state is CodeState.WAITING:
            remaining = max(1.0, self.code_ttl - (time.time() - pairing.issued_at))
            pairing.set_timer(remaining, lambda: self.expire(pairing))

    def expire(self, pairing: Pairing) -> None:
        if pairing.can(CodeEvent.EXPIRE):
            was_used = pairing.state is CodeState.ACTIVE_AWAY
            pairing.fire(CodeEvent.EXPIRE)
            self._close(pairing, Reason.USED if was_used else Reason.EXPIRED)

    def end(self, pairing: Pairing, reason: str = Reason.ENDED) -> None:
        """Close for good: the customer ended it (ENDED), the technician did (USED), or the relay stops."""
        if pairing.can(CodeEvent.END):
            pairing.fire(CodeEvent.END)
            self._close(pairing, reason)

    def _close(self, pairing: Pairing, reason: str) -> None:
        pairing.cancel_timer()
        pairing.closed_reason = reason
        self._live.pop(pairing.code, None)
        self._closed[pairing.code] = reason
        while len(self._closed) > self._remember:
            self._closed.popitem(last=False)
        for bridge in list(pairing.bridges):
            bridge.close()
        self.on_closed(pairing)

    def close_all(self) -> None:
        for pairing in list(self._live.values()):
            self.end(pairing, Reason.ENDED)

    def hand_over_all(self) -> None:
        """Forget every live code without closing it (their agents take them to another relay) and end
        their sessions (the technicians resume there)."""
        for pairing in list(self._live.values()):
            self.discard(pairing)
            for bridge in list(pairing.bridges):
                bridge.close()
