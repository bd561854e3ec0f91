"""The relay server: technicians by key, customers as `support`, codes paired and channels bridged."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path

import asyncssh

from sessions import codes
from sessions.cluster import routing
from sessions.cluster.hostkey import read_shared_host_key
from sessions.cluster.node import ClusterNode, advertised
from sessions.cluster.peer import PEER_USER, decode_origin, is_deployment_key
from sessions.relay import protocol
from sessions.relay.admission import CustomerAdmission
from sessions.relay.audit import AuditLog
from sessions.relay.bridge import Bridge
from sessions.relay.collector import CollectorPacing
from sessions.relay.customer import CustomerLink
from sessions.relay.pairing import CodeEvent, CodeState, Pairing, PairingBook, Technician
from sessions.relay.protocol import Reason
from sessions.relay.ratelimit import FailureLimiter
from sessions.relay.technicians import TechnicianRegistry
from sessions.ssh.packets import streamline
from sessions.team.protocol import MAX_RECORD
from sessions.team.service import TeamServer

_PROHIBITED = asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED
# AES-GCM runs in one hardware-accelerated call per packet; asyncssh's chacha20-poly1305 needs several
# Python-level calls. Every byte crosses the relay twice, so it offers GCM (and CTR for old clients) only.
CIPHERS = ("aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes256-ctr")


@dataclass(frozen=True, slots=True)
class RelayConfig:
    """How a relay runs. Times are in seconds."""

    technicians_file: Path
    state_dir: Path
    host: str = "127.0.0.1"
    port: int = 0
    code_ttl: float = 600.0
    grace: float = 120.0  # how long a code survives its customer's link dropping
    consent_timeout: float = 120.0  # the relay's own prompt (stock OpenSSH customers)
    consent_margin: float = 30.0  # extra time an agent gets to answer before the relay gives up
    failure_limit: int = 5
    failure_window: float = 600.0
    keepalive: float = 15.0
    # Customers need no credentials, so each source address gets a share (0 = no limit); see
    # sessions/relay/admission.py. One office behind NAT is one address: keep room for a busy one.
    max_customers_per_address: int = 20
    codes_per_minute_per_address: int = 30
    # Freeze long-lived objects so full garbage collections stay short (sessions/relay/collector.py).
    # For `valuezone relay`, which owns its process; a relay embedded in another program (tests, the
    # demo) leaves that program's collector alone.
    pace_collector: bool = False
    # The team server (sessions/team/): records, review and reports. "" = SQLite in state_dir.
    db_url: str = ""
    team_max_record: int = MAX_RECORD
    # Several relays as one (sessions/cluster/, docs/relay-cluster.md): the deployment's shared host key,
    # the HOST:PORT other relays reach this one on, and how long a lease in the database lasts.
    host_key_file: Path | None = None
    advertise: str = ""
    lease: float = 10.0


def load_host_key(state_dir: Path, shared: Path | None = None) -> asyncssh.SSHKey:
    """The relay's host key: the deployment's *shared* file, else from the state folder (made once, 0600)."""
    if shared is not None:
        return read_shared_host_key(shared)
    path = state_dir / "host_ed25519"
    if path.exists():
        return asyncssh.read_private_key(path)
    state_dir.mkdir(parents=True, exist_ok=True)
    key = asyncssh.generate_private_key("ssh-ed25519", comment="valuezone relay")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key.export_private_key())
    (state_dir / "host_ed25519.pub").write_bytes(key.export_public_key())
    return key


class _Connection(asyncssh.SSHServer):
    """One inbound SSH connection: a customer (user `support`) or a technician (by public key)."""

    def __init__(self, relay: Relay) -> None:
        self.relay = relay
        self.conn: asyncssh.SSHServerConnection | None = None
        self.address = ""
        self.technician: Technician | None = None
        self.customer: CustomerLink | None = None
        self.peer = False  # another relay of this deployment (sessions/cluster/peer.py)
        self._admitted = False

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        streamline(conn)
        peer = conn.get_extra_info("peername")
        self.address = str(peer[0]) if peer else "?"

    def connection_lost(self, exc: Exception | None) -> None:
        if self._admitted:
            self._admitted = False
            self.relay.admission.unlinked(self.address)
        if self.customer is not None:
            self.customer.connection_lost()

    def begin_auth(self, username: str) -> bool:
        if username == protocol.CUSTOMER_USER:
            assert self.conn is not None
            if self.customer is not None:
                return False
            refusal = self.relay.admission.refusal(self.address)
            if refusal:
                self.relay.audit.write("customer.refused", address=self.address, reason=refusal)
                self.conn.disconnect(asyncssh.DISC_TOO_MANY_CONNECTIONS, refusal)
                return True
            self._admitted = True
            self.relay.admission.linked(self.address)
            self.customer = CustomerLink(self.relay, self.conn, self.address)
            return False
        return True

    def public_key_auth_supported(self) -> bool:
        return True

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        if username == PEER_USER:
            self.peer = is_deployment_key(self.relay.host_key, key)
            if not self.peer:
                self.relay.audit.write(
                    "peer.refused", address=self.address, key=key.get_fingerprint("sha256")
                )
            return self.peer
        technician = self.relay.technicians.lookup(key)
        if technician is None:
            self.relay.audit.write(
                "technician.refused", address=self.address, user=username, key=key.get_fingerprint("sha256")
            )
            return False
        self.technician = technician
        return True

    def auth_completed(self) -> None:
        if self.technician is not None:
            self.relay.audit.write(
                "technician.connected",
                address=self.address,
                technician=self.technician.name,
                key=self.technician.fingerprint,
            )

    def session_requested(self):  # type: ignore[no-untyped-def]
        if self.customer is None:  # a technician: only the team server's subsystem (sessions/team/)
            if self.technician is not None and self.relay.team is not None:
                return self.relay.team.session(self.conn, self.technician.fingerprint)
            return False
        return asyncssh.SSHServerProcess(self.customer.run_session, None, 0, False)

    def server_requested(self, listen_host: str, listen_port: int) -> asyncssh.SSHListener | bool:
        if self.customer is None:
            return False
        return self.customer.request_forward(listen_host, listen_port)

    def connection_requested(self, dest_host: str, dest_port: int, orig_host: str, orig_port: int):  # type: ignore[no-untyped-def]
        if self.peer:
            origin = decode_origin(orig_host)
            if origin is None:
                raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.NOT_TECHNICIAN)
            return self.relay.claim(origin[0], origin[1], dest_host, forwarded=True)
        if self.technician is None:
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.NOT_TECHNICIAN)
        return self.relay.claim(self.technician, self.address, dest_host)


class Relay:
    """A running relay. Use `await Relay.start(config)`, then `await relay.close()` (or `async with`)."""

    def __init__(self, config: RelayConfig) -> None:
        self.config = config
        self.technicians = TechnicianRegistry(config.technicians_file)
        self.audit = AuditLog(config.state_dir)
        self.book = PairingBook(code_ttl=config.code_ttl, grace=config.grace)
        self.book.on_closed = self._on_code_closed
        self.limiter = FailureLimiter(config.failure_limit, config.failure_window)
        self.admission = CustomerAdmission(
            config.max_customers_per_address, config.codes_per_minute_per_address
        )
        self.host_key = load_host_key(config.state_dir, config.host_key_file)
        self.fingerprint: str = self.host_key.get_fingerprint("sha256")
        self.port = 0
        self._server: asyncssh.SSHAcceptor | None = None
        self.collector = CollectorPacing()
        self.team: TeamServer | None = None
        self.cluster: ClusterNode | None = None

    @classmethod
    async def start(cls, config: RelayConfig) -> Relay:
        relay = cls(config)
        relay.team = await TeamServer.open(
            config.db_url, config.state_dir, relay.technicians.member, max_record=config.team_max_record
        )
        relay._server = await asyncssh.listen(
            config.host,
            config.port,
            server_factory=lambda: _Connection(relay),
            server_host_keys=[relay.host_key],
            password_auth=False,
            kbdint_auth=False,
            allow_scp=False,
            line_editor=False,  # the consent prompt reads lines itself (sessions/relay/typed_lines.py)
            agent_forwarding=False,
            x11_forwarding=False,
            keepalive_interval=config.keepalive,
            keepalive_count_max=3,
            login_timeout=30,
            server_version="Valuezone_relay",
            encryption_algs=list(CIPHERS),
            compression_algs=["none"],
        )
        relay.port = relay._server.sockets[0].getsockname()[1]
        relay.cluster = ClusterNode(
            relay.team.database, relay.host_key, peer=advertised(config.advertise, config.host, relay.port),
            lease=config.lease, grace=config.grace, keepalive=config.keepalive,
        )  # fmt: skip
        try:
            await relay.cluster.start()
        except BaseException:
            relay.cluster = None
            await relay.close()
            raise
        relay.audit.sink = relay.cluster.audit
        if config.pace_collector:
            relay.collector.start()
        relay.audit.write(
            "relay.started", address=f"{config.host}:{relay.port}", fingerprint=relay.fingerprint
        )
        return relay

    async def close(self) -> None:
        if self.config.pace_collector:
            self.collector.stop()
        self.book.close_all()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        self.audit.write("relay.stopped")
        if self.cluster is not None:
            await self.cluster.close()
            self.cluster = None
        if self.team is not None:
            await self.team.close()
            self.team = None
        self.audit.close()

    async def __aenter__(self) -> Relay:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # --- claims ---------------------------------------------------------------------------------
    def _refuse(self, technician: Technician, address: str, code: str, reason: str, *, failure: bool) -> None:
        if failure:
            self.limiter.record(f"key:{technician.fingerprint}", f"addr:{address}")
        self.audit.write(
            "claim.refused",
            code=code,
            technician=technician.name,
            key=technician.fingerprint,
            address=address,
            reason=reason,
        )
        raise asyncssh.ChannelOpenError(_PROHIBITED, reason)

    async def claim(
        self, technician: Technician, address: str, dest_host: str, *, forwarded: bool = False
    ) -> asyncssh.SSHTCPSession[bytes]:
        """A technician's direct-tcpip to `vz<code>`: check, ask the customer, then bridge."""
        keys = (f"key:{technician.fingerprint}", f"addr:{address}")
        if self.limiter.blocked(*keys):
            self._refuse(technician, address, dest_host, Reason.RATE_LIMITED, failure=False)
        code = codes.from_wire(dest_host)
        if code is None:
            self._refuse(technician, address, dest_host, Reason.NOT_A_CODE, failure=True)
        assert code is not None
        if not forwarded and codes.is_valid(code):
            carried = await routing.route(self, technician, address, code)
            if carried is not None:
                return carried
        pairing = self.book.get(code) if codes.is_valid(code) else None
        if pairing is None:
            self._refuse(technician, address, code, self.book.refusal(code), failure=True)
        assert pairing is not None
        again = False
        if pairing.state is CodeState.ACTIVE:
            if pairing.technician is None or pairing.technician.fingerprint != technician.fingerprint:
                self._refuse(technician, address, code, Reason.IN_USE, failure=False)
            again = True
        elif pairing.state is CodeState.CLAIMING:
            self._refuse(technician, address, code, Reason.BUSY, failure=False)
        elif pairing.state is not CodeState.WAITING:
            self._refuse(technician, address, code, Reason.RECONNECTING, failure=False)
        else:
            pairing.fire(CodeEvent.CLAIM)
        self.audit.write(
            "claim.ok", code=code, technician=technician.name, key=technician.fingerprint, address=address,
            again=again,
        )  # fmt: skip
        return await self._open_device_side(pairing, technician, address, again)

    async def _open_device_side(
        self, pairing: Pairing, technician: Technician, address: str, again: bool
    ) -> asyncssh.SSHTCPSession[bytes]:
        bridge = Bridge(lambda b: self._on_bridge_closed(pairing, technician, b))
        customer: CustomerLink = pairing.customer
        timeout = self.config.consent_timeout + self.config.consent_margin
        try:
            await asyncio.wait_for(customer.open(bridge, technician, address, again), timeout)
        except (asyncssh.ChannelOpenError, TimeoutError) as exc:
            reason = exc.reason if isinstance(exc, asyncssh.ChannelOpenError) else Reason.NO_ANSWER
            if pairing.state is CodeState.CLAIMING:
                pairing.fire(CodeEvent.REFUSE)
            self.audit.write("consent.refused", code=pairing.code, technician=technician.name, reason=reason)
            raise asyncssh.ChannelOpenError(_PROHIBITED, reason) from None
        if pairing.state is CodeState.CLOSED:
            bridge.close()
            raise asyncssh.ChannelOpenError(_PROHIBITED, pairing.closed_reason or Reason.ENDED)
        if pairing.state is CodeState.CLAIMING:
            pairing.fire(CodeEvent.CONSENT)
            pairing.technician = technician
            pairing.cancel_timer()
            self.audit.write("consent.given", code=pairing.code, technician=technician.name)
            if self.cluster is not None:
                self.cluster.bind(pairing.code, technician.fingerprint, technician.name)
        pairing.bridges.add(bridge)
        self.audit.write("session.started", code=pairing.code, technician=technician.name, resumed=again)
        return bridge.technician

    def _on_bridge_closed(self, pairing: Pairing, technician: Technician, bridge: Bridge) -> None:
        pairing.bridges.discard(bridge)
        self.audit.write(
            "session.ended",
            code=pairing.code,
            technician=technician.name,
            bytes_to_customer=bridge.bytes_to_customer,
            bytes_to_technician=bridge.bytes_to_technician,
        )

    def _on_code_closed(self, pairing: Pairing) -> None:
        self.audit.write("code.closed", code=pairing.code, reason=pairing.closed_reason)
        if self.cluster is not None:
            self.cluster.release(pairing.code)
        customer = pairing.customer
        if isinstance(customer, CustomerLink) and pairing.closed_reason in (Reason.EXPIRED, Reason.USED):
            customer.code_closed(pairing.closed_reason)
