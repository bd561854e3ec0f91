"""The relay's cluster hooks: issue a code unique across relays, adopt a returning agent, route claims."""

from __future__ import annotations

import asyncio
import secrets
import time
from typing import Any, Protocol

import asyncssh

from sessions import codes
from sessions.cluster import handover
from sessions.cluster.node import ClusterNode
from sessions.cluster.peer import carry_claim
from sessions.cluster.registry import CodeHolder
from sessions.relay.bridge import Bridge
from sessions.relay.pairing import CodeState, CustomerEnd, Pairing, PairingBook, Technician
from sessions.relay.protocol import Reason

_PROHIBITED = asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED
_CONNECT_FAILED = asyncssh.OPEN_CONNECT_FAILED  # the claim is handed back (Relay._claim_failed)
AWAY = (CodeState.WAITING_AWAY, CodeState.ACTIVE_AWAY)


class _Audit(Protocol):
    def write(self, event: str, **fields: Any) -> None: ...


class _Timeouts(Protocol):
    @property
    def consent_timeout(self) -> float: ...

    @property
    def consent_margin(self) -> float: ...


class ClusterHost(Protocol):
    """What the cluster hooks use of a relay (sessions.relay.server.Relay): its codes, audit and node.

    A Protocol, so sessions/cluster/ never imports the relay server (which imports this module).
    """

    @property
    def book(self) -> PairingBook: ...

    @property
    def audit(self) -> _Audit: ...

    @property
    def cluster(self) -> ClusterNode | None: ...


class RoutingHost(ClusterHost, Protocol):
    """A relay that carries claims: also its consent timeouts."""

    @property
    def config(self) -> _Timeouts: ...


class ResumeHost(ClusterHost, Protocol):
    """A relay that takes returning agents: also how long a code's old link gets to answer."""

    @property
    def probe_timeout(self) -> float: ...


async def issue(relay: ClusterHost, customer: CustomerEnd) -> Pairing:
    """A new code for *customer*, held in the database so no other relay hands it out while it lives."""
    while True:
        pairing = relay.book.issue(customer)
        if relay.cluster is None:
            return pairing
        if await relay.cluster.take_code(pairing.code, pairing.resume_token, pairing.issued_at):
            return pairing
        relay.book.discard(pairing)  # another relay holds it: draw again


TAKE_OVER_WAIT = 12.0  # seconds a returning agent may wait for a silent holder's lease (its hello waits 15)


class ResumeDeferred(Exception):
    """The relay holding the code is alive but could not be asked to let it go: the agent tries again."""


async def resume(
    relay: ResumeHost, customer: CustomerEnd, address: str, code: str, token: str
) -> Pairing | None:
    """The pairing an agent comes back to (here or from another relay), or None for a new code.

    One live holder per code (sessions/cluster/handover.py): a holder whose link to the agent still
    answers keeps the code, and whoever came back with its token gets a new code of its own.
    """
    holder = await relay.cluster.holder(code) if relay.cluster is not None else None
    local = relay.book.get(code)
    if holder is not None and relay.cluster is not None and holder.relay != relay.cluster.member:
        if local is not None:  # another relay took it over since: this copy is stale
            relay.book.discard(local)
        return await _take_over(relay, customer, address, code, token, holder)
    if local is not None and secrets.compare_digest(local.resume_token, token):
        if not await handover.let_go(relay, local):
            relay.audit.write("resume.refused", code=code, address=address, reason=handover.HELD)
            return None
        pairing = relay.book.resume(code, token)
        if pairing is not None:
            relay.book.link_back(pairing, customer)
            return pairing
    if holder is None or relay.cluster is None or local is not None:
        return None
    return await _adopt(relay, customer, address, code, token, holder)


async def _take_over(
    relay: ResumeHost, customer: CustomerEnd, address: str, code: str, token: str, holder: CodeHolder
) -> Pairing | None:
    """*code* is held by another relay: a live one is asked to let it go; a dead one's is adopted.

    A holder that cannot be reached is taken for dead only once its lease in the database ran out (a
    relay killed a moment ago is still within it; a connection refused or reset on the way proves
    nothing): this waits for that, up to TAKE_OVER_WAIT, then the agent is told to try again.
    """
    assert relay.cluster is not None
    loop = asyncio.get_running_loop()
    until = loop.time() + TAKE_OVER_WAIT
    while holder.peer:
        ask = min(relay.probe_timeout + 5, max(until - loop.time(), 1.0))
        answer = await handover.ask_release(relay.cluster.links, holder.peer, code, token, ask)
        if answer == handover.RELEASED:
            break
        if answer != handover.UNREACHABLE:
            relay.audit.write("resume.refused", code=code, address=address, reason=answer)
            return None
        wait = holder.member_lease - time.time() + 0.2
        if loop.time() + wait > until:
            relay.audit.write("resume.deferred", code=code, address=address, holder=holder.peer)
            raise ResumeDeferred(holder.peer)
        await asyncio.sleep(max(wait, 0.2))
        fresh = await relay.cluster.holder(code)
        if fresh is None or fresh.relay != holder.relay:  # closed, or adopted elsewhere meanwhile
            return None
        holder = fresh
    return await _adopt(relay, customer, address, code, token, holder)


async def _adopt(
    relay: ResumeHost, customer: CustomerEnd, address: str, code: str, token: str, holder: CodeHolder
) -> Pairing | None:
    assert relay.cluster is not None
    adopted = await relay.cluster.adopt(code, token, holder.relay)
    if adopted is None:  # a wrong token, or another relay adopted it first
        return None
    bound = adopted.state == "active"
    technician = Technician(adopted.technician, adopted.technician_name) if bound else None
    pairing = relay.book.adopt(code, token, customer, technician=technician, issued_at=adopted.issued)
    relay.audit.write("code.adopted", code=code, address=address, active=technician is not None)
    return pairing


async def refusal(relay: ClusterHost, code: str, technician: Technician) -> tuple[str, bool]:
    """Why *code* cannot be claimed here, and whether that counts against *technician*'s key: closed
    here, closed on any relay (the one history), unknown, or, while the deployment still holds it
    (handed over by a relay that is stopping, being adopted by another), "reconnecting" — which does not
    count for the technician it is bound to, who is only coming back to it."""
    reason = relay.book.refusal(code)
    if reason != Reason.UNKNOWN or relay.cluster is None or not codes.is_valid(code):
        return reason, True
    holder = await relay.cluster.holder(code)
    if holder is not None:
        return Reason.RECONNECTING, holder.technician != technician.fingerprint
    return await relay.cluster.closed_reason(code) or Reason.UNKNOWN, True


async def route(
    relay: RoutingHost, technician: Technician, address: str, code: str, *, port: int = 22
) -> asyncssh.SSHTCPSession[bytes] | None:
    """Carry a claim to the relay holding *code*; None when this relay holds it (or nobody does).

    *port* is the claim's as the technician asked it (0: a leg claim, which the holder answers with its
    own data address, so the technician's leg goes straight to it).
    """
    if relay.cluster is None:
        return None
    local = relay.book.get(code)
    if local is not None and local.state not in AWAY:
        return None
    holder = await relay.cluster.holder(code)
    if holder is None or holder.relay == relay.cluster.member:
        return None
    if local is not None:  # its agent came back on another relay: this copy is stale
        relay.book.discard(local)
    if not holder.peer:  # its agent is coming back to another relay; its own technician is not counted
        counted = holder.technician != technician.fingerprint
        raise asyncssh.ChannelOpenError(_PROHIBITED if counted else _CONNECT_FAILED, Reason.RECONNECTING)
    return await _forward(relay, technician, address, code, holder.peer, port)


async def _forward(
    relay: RoutingHost, technician: Technician, address: str, code: str, peer: str, port: int
) -> asyncssh.SSHTCPSession[bytes]:
    assert relay.cluster is not None
    audit = relay.audit
    fields = {"code": code, "technician": technician.name, "key": technician.fingerprint, "to": peer}

    def closed(bridge: Bridge) -> None:
        audit.write("forward.ended", **fields, bytes_to_customer=bridge.bytes_to_customer,
                    bytes_to_technician=bridge.bytes_to_technician)  # fmt: skip

    bridge = Bridge(closed)
    timeout = relay.config.consent_timeout + relay.config.consent_margin + 10
    try:
        await asyncio.wait_for(
            carry_claim(relay.cluster.links, peer, code, technician, address, lambda: bridge.customer, port),
            timeout,
        )
    except asyncssh.ChannelOpenError as exc:  # the holder's answer, counted or handed back as it decided
        audit.write("forward.refused", **fields, reason=exc.reason)
        kind = _CONNECT_FAILED if exc.code == _CONNECT_FAILED else _PROHIBITED
        raise asyncssh.ChannelOpenError(kind, exc.reason) from None
    except (OSError, TimeoutError) as exc:  # the holder just died: its agent is coming back elsewhere
        audit.write("forward.failed", **fields, error=str(exc) or type(exc).__name__)
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_CONNECT_FAILED, Reason.RECONNECTING) from None
    except asyncssh.Error as exc:  # wrong host key, refused key, tampered stream: never carried
        audit.write("forward.failed", **fields, error=str(exc) or type(exc).__name__)
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_CONNECT_FAILED, Reason.PEER_UNREACHABLE) from None
    audit.write("forward.started", **fields)
    return bridge.technician
