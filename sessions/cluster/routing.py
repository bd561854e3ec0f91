"""The relay's cluster hooks: issue a code unique across relays, adopt a returning agent, route claims."""

from __future__ import annotations

import asyncio
from typing import Any, Protocol

import asyncssh

from sessions.cluster.node import ClusterNode
from sessions.cluster.peer import carry_claim
from sessions.relay.bridge import Bridge
from sessions.relay.pairing import CodeState, CustomerEnd, Pairing, PairingBook, Technician
from sessions.relay.protocol import Reason

_PROHIBITED = asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED
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


async def issue(relay: ClusterHost, customer: CustomerEnd) -> Pairing:
    """A new code for *customer*, held in the database so no other relay hands it out while it lives."""
    while True:
        pairing = relay.book.issue(customer)
        if relay.cluster is None:
            return pairing
        if await relay.cluster.take_code(pairing.code, pairing.resume_token, pairing.issued_at):
            return pairing
        relay.book.discard(pairing)  # another relay holds it: draw again


async def resume(
    relay: ClusterHost, customer: CustomerEnd, address: str, code: str, token: str
) -> Pairing | None:
    """The pairing an agent comes back to (here or from a relay that died), or None for a new code."""
    holder = await relay.cluster.adopt(code, token) if relay.cluster is not None else None
    pairing = relay.book.resume(code, token)
    if pairing is not None:
        relay.book.link_back(pairing, customer)
        return pairing
    if holder is None:
        return None
    technician = Technician(holder.technician, holder.technician_name) if holder.state == "active" else None
    pairing = relay.book.adopt(code, token, customer, technician=technician, issued_at=holder.issued)
    relay.audit.write("code.adopted", code=code, address=address, active=technician is not None)
    return pairing


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
    if not holder.peer:
        raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.RECONNECTING)
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
    except asyncssh.ChannelOpenError as exc:
        audit.write("forward.refused", **fields, reason=exc.reason)
        raise asyncssh.ChannelOpenError(_PROHIBITED, exc.reason) from None
    except (OSError, TimeoutError) as exc:  # the holder just died: its agent is coming back elsewhere
        audit.write("forward.failed", **fields, error=str(exc) or type(exc).__name__)
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_CONNECT_FAILED, Reason.RECONNECTING) from None
    except asyncssh.Error as exc:  # wrong host key, refused key, tampered stream: never carried
        audit.write("forward.failed", **fields, error=str(exc) or type(exc).__name__)
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_CONNECT_FAILED, Reason.PEER_UNREACHABLE) from None
    audit.write("forward.started", **fields)
    return bridge.technician
