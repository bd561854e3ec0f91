"""A technician's own data leg: after consent the claim channel says where to bring it; the relay splices.

A claim for `vz<code>` port 0 (`LEG_CLAIM_PORT`) is a *leg claim*: checked, rate limited, asked and
audited like any claim, but instead of carrying the session the claim channel carries one JSON line:
`{"type":"leg","port":…,"token":…,"host_keys":[…]}` (and `"host"` when another relay of the cluster
holds the code and the leg goes there). The technician's client connects to that port, sends
`VZLEG1 <token>\\n`, reads `ok`, and from then on that socket is the inner SSH to the agent, spliced
byte for byte to the customer's side: the relay runs no SSH for it. A relay without a data port answers
a leg claim like any claim (the session on the channel), which the client notices from the SSH banner.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import asyncssh

from sessions.relay.bridge import Bridge
from sessions.relay.dataleg import DataLegs, Leg
from sessions.relay.protocol import CHANNEL_INSTEAD, LEG_CLAIM_PORT

__all__ = ["LEG_CLAIM_PORT", "LegClaimChannel", "data_address"]


class LegClaimChannel(asyncssh.SSHTCPSession[bytes]):
    """The claim channel of a leg claim: one JSON line, then it waits for the leg (and closes).

    A client that cannot reach the data port says `{"type":"channel"}` instead: the token is forgotten
    and this channel carries the session, as any claim's does.
    """

    def __init__(
        self,
        bridge: Bridge,
        legs: DataLegs,
        answer: dict[str, Any],
        token: str,
        arrived: asyncio.Future[Leg],
        outcome: Callable[[str, str], None],
    ) -> None:
        self.bridge = bridge
        self.legs = legs
        self.answer = answer
        self.token = token
        self.arrived = arrived
        self.outcome = outcome  # (audit event, address): the leg joined, never came, or the channel instead
        self.chan: asyncssh.SSHTCPChannel[bytes] | None = None
        self.on_channel = False
        self._buffer = b""
        self._task: asyncio.Task[None] | None = None

    def connection_made(self, chan: asyncssh.SSHTCPChannel[bytes]) -> None:  # type: ignore[override]
        self.chan = chan
        chan.write(json.dumps({"type": "leg", **self.answer, "token": self.token}).encode() + b"\n")
        self._task = asyncio.get_running_loop().create_task(self._wait())

    async def _wait(self) -> None:
        try:
            async with asyncio.timeout(self.legs.token_timeout):
                leg = await self.arrived
        except (TimeoutError, asyncio.CancelledError):
            if self.on_channel:
                return
            self.legs.forget(self.token)
            self.bridge.close()
            self.outcome("leg.missing", "")
        else:
            self.bridge.use_technician_leg(leg)
            self.outcome("leg.joined", leg.address)
        if self.chan is not None:
            self.chan.close()

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        if self.on_channel:
            self.bridge.technician.data_received(data, datatype)
            return
        self._buffer += data
        line, newline, rest = self._buffer.partition(b"\n")
        if not newline:
            if len(self._buffer) > 256 and self.chan is not None:
                self.chan.close()
            return
        if line.strip() != CHANNEL_INSTEAD.strip() or self.arrived.done() or self.chan is None:
            self.chan.close() if self.chan is not None else None
            return
        self.on_channel = True  # the client could not reach the data port: the session goes here
        self.legs.forget(self.token)
        if self._task is not None:
            self._task.cancel()
        self.outcome("leg.channel", "")
        half = self.bridge.technician
        half.connection_made(self.chan)
        if rest:
            half.data_received(rest, datatype)

    def eof_received(self) -> bool:
        return bool(self.bridge.technician.eof_received()) if self.on_channel else False

    def pause_writing(self) -> None:
        if self.on_channel:
            self.bridge.technician.pause_writing()

    def resume_writing(self) -> None:
        if self.on_channel:
            self.bridge.technician.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.on_channel:
            self.bridge.technician.connection_lost(exc)
        self.chan = None  # otherwise the leg may still come: the token's time decides


def data_address(host: str, port: int, *, forwarded: bool) -> dict[str, Any]:
    """Where the technician brings the leg: this relay's data port, and its host when the claim came
    from another relay (whose technician knows only that relay's name)."""
    return {"host": host, "port": port} if forwarded else {"port": port}
