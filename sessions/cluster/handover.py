"""One live holder per code: a relay lets a code go only when its own link to the code's agent is gone.

An agent comes back with its code and resume token after its link dropped. The relay holding the code
(this one, or another over the peer link) first checks whether its link to that agent still answers (an
SSH keepalive round trip). If it answers, the agent is still there and whoever came back with the token
is not it (a replayed or stolen token, a duplicate): that one gets a new code of its own, and the live
session goes on untouched. If it does not answer within `probe` seconds, the holder drops that link
(its technicians' sessions end and resume) and hands the code over without closing it. A holder the
new relay cannot reach while its lease in the database is live keeps the code: the agent retries.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from typing import Any, Protocol, runtime_checkable

import asyncssh

from sessions.cluster.peer import PeerLinks
from sessions.relay.pairing import CodeState, Pairing, PairingBook

PREFIX = "release.vz"  # the peer channel's destination: release.vz<code>
RELEASED, HELD, NOT_YOURS, UNREACHABLE = "released", "held", "not-yours", "unreachable"
_AWAY = (CodeState.WAITING_AWAY, CodeState.ACTIVE_AWAY)


@runtime_checkable
class Holder(Protocol):
    """What a code's customer link offers here (sessions.relay.customer.CustomerLink)."""

    async def answers(self, timeout: float) -> bool: ...

    def drop(self) -> None: ...


class _Audit(Protocol):
    def write(self, event: str, **fields: Any) -> None: ...


class HolderRelay(Protocol):
    """What a relay lends the hand-over: its codes, audit and how long a probe may wait."""

    @property
    def book(self) -> PairingBook: ...

    @property
    def audit(self) -> _Audit: ...

    @property
    def probe_timeout(self) -> float: ...


def proof(token: str) -> str:
    """What travels between relays instead of the resume token: its SHA-256 (the database's hash)."""
    return hashlib.sha256(token.encode()).hexdigest()


async def let_go(relay: HolderRelay, pairing: Pairing) -> bool:
    """True when *pairing*'s link here is gone (or was just dropped for not answering); False while it
    answers. The pairing itself stays: the caller resumes it here or discards it for another relay."""
    customer = pairing.customer
    if pairing.state in _AWAY or not isinstance(customer, Holder):
        return True
    if await customer.answers(relay.probe_timeout):
        return False
    relay.audit.write("customer.link_silent", code=pairing.code)
    customer.drop()  # the link lost: AWAY, its sessions ended, the socket cut
    return True


async def release_here(relay: HolderRelay, code: str, token_proof: str) -> str:
    """A peer's request to hand *code* over (its agent came back there); RELEASED, HELD or NOT_YOURS."""
    pairing = relay.book.get(code)
    if pairing is None:
        return RELEASED  # nothing held here (a stale row): the database decides
    if not secrets.compare_digest(proof(pairing.resume_token), token_proof):
        return NOT_YOURS
    if not await let_go(relay, pairing):
        relay.audit.write("code.kept", code=code, reason="its agent's link here still answers")
        return HELD
    relay.book.discard(pairing)  # not closed: the code lives on at the other relay
    for bridge in list(pairing.bridges):
        bridge.close()
    relay.audit.write("code.handed_over", code=code)
    return RELEASED


class _Answered(asyncssh.SSHTCPSession[bytes]):
    """The release channel carries no data: opened means released; it closes at once."""

    def connection_made(self, chan: asyncssh.SSHTCPChannel[bytes]) -> None:  # type: ignore[override]
        chan.close()


async def answer_peer(relay: HolderRelay, dest_host: str, token_proof: str) -> asyncssh.SSHTCPSession[bytes]:
    """The peer channel `release.vz<code>`: opened when released, refused with HELD or NOT_YOURS."""
    answer = await release_here(relay, dest_host[len(PREFIX) :], token_proof)
    if answer != RELEASED:
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, answer)
    return _Answered()


async def ask_release(links: PeerLinks, peer: str, code: str, token: str, timeout: float) -> str:
    """Ask the relay at *peer* to hand *code* over: RELEASED, HELD, NOT_YOURS or UNREACHABLE."""
    try:
        async with asyncio.timeout(timeout):
            conn = await links.connection(peer)
            chan, _ = await conn.create_connection(_Answered, PREFIX + code, 0, proof(token), 0)
    except asyncssh.ChannelOpenError as exc:
        return exc.reason if exc.reason in (HELD, NOT_YOURS) else UNREACHABLE
    except (OSError, TimeoutError, asyncssh.Error):
        return UNREACHABLE
    chan.close()
    return RELEASED
