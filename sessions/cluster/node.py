"""One relay's membership of its deployment: heartbeats, code leases, the shared audit table, peer links."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import socket
import time
from collections.abc import Callable
from typing import Any, TypeVar

import asyncssh

from sessions.cluster.peer import PeerLinks
from sessions.cluster.registry import CodeHolder, Registry
from sessions.team.database import Database

log = logging.getLogger(__name__)
T = TypeVar("T")
AUDIT_FLUSH = 0.2  # seconds between audit batches written to the database


def advertised(address: str, listen_host: str, port: int) -> str:
    """The HOST:PORT other relays reach this one on: --advertise, else the listen address."""
    if address:
        return address
    host = listen_host if listen_host not in ("", "0.0.0.0", "::") else socket.getfqdn()
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class ClusterNode:
    """Created by the relay once it listens; `await close()` leaves the deployment cleanly."""

    def __init__(
        self, database: Database, host_key: asyncssh.SSHKey, *, peer: str, lease: float, grace: float,
        keepalive: float,
    ) -> None:  # fmt: skip
        self.member = secrets.token_hex(8)
        self.peer = peer
        self.fingerprint = host_key.get_fingerprint("sha256")
        self.registry = Registry(database, self.member, lease=lease, grace=grace)
        self.links = PeerLinks(host_key, keepalive)
        self._lease = lease
        self._audit: list[tuple[str, str, dict[str, Any]]] = []
        self._tasks: set[asyncio.Task[Any]] = set()
        self._beat: asyncio.Task[None] | None = None
        self._flush: asyncio.Task[None] | None = None
        self._left = False

    async def start(self) -> None:
        """Join the deployment (raises ClusterError on a foreign host key) and start the heartbeat."""
        await asyncio.to_thread(self.registry.join, self.peer, self.fingerprint)
        loop = asyncio.get_running_loop()
        self._beat = loop.create_task(self._heartbeat())
        self._flush = loop.create_task(self._flush_audit())

    async def leave(self, *, hand_over: bool = False) -> None:
        """Leave the deployment (once; the heartbeat stops first, so it renews nothing after); with
        *hand_over*, the codes held stay for other relays to adopt, at once: no live member holds them."""
        if self._left:
            return
        self._left = True
        await _stopped(self._beat)
        with contextlib.suppress(Exception):
            await asyncio.to_thread(self.registry.leave, hand_over=hand_over)

    async def close(self, *, hand_over: bool = False) -> None:
        """Leave the deployment (unless `leave` did already), write the last audit events, close links."""
        await _stopped(self._beat)
        await _stopped(self._flush)
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._write_audit()
        await self.leave(hand_over=hand_over)
        await self.links.close()

    async def others_alive(self) -> bool:
        """True when another member of the deployment holds a live lease (it can take our codes)."""
        try:
            members = await asyncio.to_thread(self.registry.members)
        except Exception as exc:  # the database is away: nobody could adopt them anyway
            log.warning("cluster: members not read: %s", exc)
            return False
        now = time.time()
        return any(member != self.member and lease >= now for member, _peer, lease in members)

    # --- codes --------------------------------------------------------------------------------------
    async def take_code(self, code: str, token: str, issued: float) -> bool:
        return await asyncio.to_thread(self.registry.take_code, code, token, issued)

    async def adopt(self, code: str, token: str, holder: str) -> CodeHolder | None:
        return await asyncio.to_thread(self.registry.adopt, code, token, holder)

    async def holder(self, code: str) -> CodeHolder | None:
        return await asyncio.to_thread(self.registry.holder, code)

    def bind(self, code: str, technician: str, name: str) -> None:
        self._background(self.registry.bind, code, technician, name)

    def release(self, code: str, reason: str) -> None:
        self._background(self.registry.release, code, reason)

    async def closed_reason(self, code: str) -> str | None:
        return await asyncio.to_thread(self.registry.closed_reason, code)

    # --- claims counted per technician key (sessions/cluster/claims.py) ----------------------------
    async def take_claim(self, key: str, limit: int, window: float) -> int | None:
        return await asyncio.to_thread(self.registry.take_claim, key, limit, window)

    def refund_claim(self, row: int) -> None:
        self._background(self.registry.refund_claim, row)

    # --- the audit table ----------------------------------------------------------------------------
    def audit(self, ts: str, event: str, fields: dict[str, Any]) -> None:
        """AuditLog's sink: queued here, written in batches (a crash loses at most AUDIT_FLUSH seconds)."""
        self._audit.append((ts, event, fields))

    async def _write_audit(self) -> None:
        batch, self._audit = self._audit, []
        if batch:
            try:
                await asyncio.to_thread(self.registry.write_audit, batch)
            except Exception as exc:  # the database is away: keep the events for the next try
                log.warning("cluster: audit events not written yet: %s", exc)
                self._audit[:0] = batch

    async def _flush_audit(self) -> None:
        while True:
            await asyncio.sleep(AUDIT_FLUSH)
            await self._write_audit()

    # --- internals ----------------------------------------------------------------------------------
    async def _heartbeat(self) -> None:
        while True:
            await asyncio.sleep(self._lease / 3)
            try:
                await asyncio.to_thread(self.registry.heartbeat)
            except Exception as exc:  # keep serving; leases run out only if this lasts
                log.warning("cluster: heartbeat failed: %s", exc)

    def _background(self, call: Callable[..., T], *args: Any) -> None:
        task = asyncio.get_running_loop().create_task(asyncio.to_thread(call, *args))
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("cluster: database update failed: %s", task.exception())


async def _stopped(task: asyncio.Task[None] | None) -> None:
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
