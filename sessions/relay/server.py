"""The relay server: technicians by key, customers as `support`, codes paired and channels bridged."""

from __future__ import annotations

import asyncio
import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import asyncssh

from sessions import codes
from sessions.cluster import handover, routing
from sessions.cluster.claims import ClaimCounter, Count
from sessions.cluster.hostkey import read_shared_host_key
from sessions.cluster.node import ClusterNode, advertised
from sessions.cluster.peer import PEER_USER, decode_origin, is_deployment_key
from sessions.listening import listen_error
from sessions.relay import protocol
from sessions.relay.admission import CustomerAdmission
from sessions.relay.audit import DEFAULT_KEEP, DEFAULT_MAX_BYTES, AuditLog
from sessions.relay.bridge import Bridge
from sessions.relay.collector import CollectorPacing
from sessions.relay.customer import CustomerLink
from sessions.relay.dataleg import DataLegs
from sessions.relay.gate import Gate, GateLimits, Tally, auto_total, keep, open_files_limit
from sessions.relay.pairing import CodeEvent, CodeState, Pairing, PairingBook, Technician
from sessions.relay.protocol import Reason
from sessions.relay.ratelimit import FailureLimiter
from sessions.relay.refusals import Refusals, clip
from sessions.relay.techleg import LEG_CLAIM_PORT, LegClaimChannel, data_address
from sessions.relay.technicians import TechnicianRegistry
from sessions.ssh.packets import streamline
from sessions.team.protocol import MAX_RECORD
from sessions.team.service import TeamServer, TeamSession
from sessions.vendor import Vendor

_PROHIBITED = asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED
# AES-GCM runs in one hardware-accelerated call per packet; asyncssh's chacha20-poly1305 needs several
# Python-level calls. Every byte crosses the relay twice, so it offers GCM (and CTR for old clients) only.
REPORT_EVERY = 60.0
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
    # Connections that have not logged in yet (sessions/relay/gate.py). None: from the open-files limit.
    max_unauthenticated: int | None = None
    max_unauthenticated_per_address: int = 32
    handshake_timeout: float = 10.0  # accept → first authentication request
    login_timeout: float = 30.0  # accept → logged in (OpenSSH asks for a key's passphrase meanwhile)
    # The audit log (sessions/relay/audit.py, refusals.py): file size before rotation, rotated files kept,
    # and refusals written in full per source and in all each minute (the rest are counted).
    audit_max_bytes: int = DEFAULT_MAX_BYTES
    audit_keep: int = DEFAULT_KEEP
    refusals_per_source: int = 10
    refusals_per_minute: int = 1000
    # The team server (sessions/team/): records, review and reports. "" = SQLite in state_dir.
    db_url: str = ""
    team_max_record: int = MAX_RECORD
    # Several relays as one (sessions/cluster/, docs/relay-cluster.md): the deployment's shared host key,
    # the HOST:PORT other relays reach this one on, and how long a lease in the database lasts.
    host_key_file: Path | None = None
    advertise: str = ""
    lease: float = 10.0
    # An agent back with its code's resume token while the code's link (here or on another relay) is up:
    # how long that link gets to answer a keepalive before it counts as gone (sessions/cluster/handover.py).
    resume_probe: float = 5.0
    vendor: Vendor | None = None  # handed to each agent in `welcome`, for display only
    # The data leg (protocol v2, sessions/relay/dataleg.py): a TLS port agents carry the inner SSH on
    # after consent. data_port 0: any free port; data_public_port: the port agents are told, when a
    # firewall or load balancer forwards another one to it (0: data_port as bound).
    data_leg: bool = True
    data_port: int = 0
    data_public_port: int = 0
    leg_token_timeout: float = 10.0


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
        self.technician: Technician | None = None  # bound in auth_completed, never before
        self.customer: CustomerLink | None = None
        self.peer = False  # another relay of this deployment (sessions/cluster/peer.py), once signed
        self._peer_offered = False  # the latest publickey request under PEER_USER named the deployment key
        self._admitted = False
        # The listed key named by the latest publickey request, and for which user name. asyncssh asks
        # validate_public_key for a query (no signature) and for a signed request alike, before it has
        # checked any signature: this is only a candidate until authentication completes.
        self._offered: tuple[str, Technician] | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        self.relay.connections.add(conn)
        streamline(conn)
        peer = conn.get_extra_info("peername")
        self.address = str(peer[0]) if peer else "?"
        if not self.relay.gate.arrived(conn, self.address):
            conn.abort()  # too many waiting to log in from here, all of them young (gate.py)

    def connection_lost(self, exc: Exception | None) -> None:
        self.relay.connections.discard(self.conn)
        self.relay.gate.gone(self.conn)
        if self._admitted:
            self._admitted = False
            self.relay.admission.unlinked(self.address)
        if self.customer is not None:
            self.customer.connection_lost()

    def begin_auth(self, username: str) -> bool:
        self._offered = None  # a new user name: nothing from attempts under the old one carries over
        self._peer_offered = False
        self.relay.gate.logging_in(self.conn)
        if username == protocol.CUSTOMER_USER:
            assert self.conn is not None
            if self.customer is not None:
                return False
            refusal = self.relay.admission.refusal(self.address)
            if refusal:
                self.relay.refusals.write("customer.refused", self.address, reason=refusal)
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
        if username == PEER_USER:  # another relay: only the deployment's own key (a candidate until signed)
            self._offered = None
            self._peer_offered = is_deployment_key(self.relay.host_key, key)
            if not self._peer_offered:
                self.relay.refusals.write("peer.refused", self.address, key=key.get_fingerprint("sha256"))
            return self._peer_offered
        technician = self.relay.technicians.lookup(key)
        self._offered = (username, technician) if technician is not None else None
        if technician is None:
            self.relay.refusals.write(
                "technician.refused", self.address, user=clip(username), key=key.get_fingerprint("sha256")
            )
        return technician is not None

    def auth_completed(self) -> None:
        """Decide who this is from what completed: the final user name and the key that proved it.

        For any name but `support` the only method offered is publickey (password, keyboard-interactive,
        host-based and GSS are off), so authentication completes only when asyncssh verified a signature
        for the key named by the latest request: the one in `_offered`, under that same user name.
        """
        assert self.conn is not None
        self.relay.gate.logged_in(self.conn)
        username = self.conn.get_extra_info("username")
        offered, self._offered = self._offered, None
        if username == protocol.CUSTOMER_USER:
            return  # a customer: `customer` was set up when the name was given; no technician, ever
        if username == PEER_USER and self._peer_offered:  # signed with the deployment's key
            self.peer = True
            self.relay.audit.write("peer.connected", address=self.address)
            return
        if offered is None or offered[0] != username:  # cannot happen with the methods above; never guess
            self.conn.disconnect(asyncssh.DISC_NO_MORE_AUTH_METHODS_AVAILABLE, "Authentication incomplete")
            return
        self.technician = offered[1]
        self.relay.audit.write(
            "technician.connected",
            address=self.address,
            technician=self.technician.name,
            key=self.technician.fingerprint,
        )

    def session_requested(self) -> asyncssh.SSHServerProcess[str] | tuple[Any, TeamSession] | bool:
        if self.customer is None:  # a technician: only the team server's subsystem (sessions/team/)
            if self.technician is not None and self.relay.team is not None and self.conn is not None:
                return self.relay.team.session(self.conn, self.technician.fingerprint)
            return False
        return asyncssh.SSHServerProcess(self.customer.run_session, None, 0, False)

    def server_requested(self, listen_host: str, listen_port: int) -> asyncssh.SSHListener | bool:
        if self.customer is None:
            return False
        return self.customer.request_forward(listen_host, listen_port)

    def connection_requested(self, dest_host: str, dest_port: int, orig_host: str, orig_port: int):  # type: ignore[no-untyped-def]
        if self.peer:
            if dest_host.startswith(handover.PREFIX):  # its agent came back there: hand the code over?
                return handover.answer_peer(self.relay, dest_host, orig_host)
            origin = decode_origin(orig_host)
            if origin is None:
                raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.NOT_TECHNICIAN)
            return self.relay.claim(origin[0], origin[1], dest_host, forwarded=True, port=dest_port)
        if self.technician is None:
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.NOT_TECHNICIAN)
        return self.relay.claim(self.technician, self.address, dest_host, port=dest_port)


class Relay:
    """A running relay. Use `await Relay.start(config)`, then `await relay.close()` (or `async with`)."""

    def __init__(self, config: RelayConfig) -> None:
        self.config = config
        self.technicians = TechnicianRegistry(config.technicians_file)
        self.audit = AuditLog(config.state_dir, max_bytes=config.audit_max_bytes, keep=config.audit_keep)
        self.refusals = Refusals(
            self.audit, per_source=config.refusals_per_source, total=config.refusals_per_minute
        )
        self.book = PairingBook(code_ttl=config.code_ttl, grace=config.grace)
        self.book.on_closed = self._on_code_closed
        self._handing_over = False  # stopping, with its codes handed over to the deployment's other relays
        self.limiter = FailureLimiter(config.failure_limit, config.failure_window)
        self.claims = ClaimCounter(self.limiter)  # per key across the deployment once it joined
        self.admission = CustomerAdmission(
            config.max_customers_per_address, config.codes_per_minute_per_address
        )
        self.host_key = load_host_key(config.state_dir, config.host_key_file)
        self.fingerprint: str = self.host_key.get_fingerprint("sha256")
        self.port = 0
        self._server: asyncssh.SSHAcceptor | None = None
        self.collector = CollectorPacing()
        self.gate = Gate(
            GateLimits(
                total=auto_total(open_files_limit())
                if config.max_unauthenticated is None
                else config.max_unauthenticated,
                per_source=config.max_unauthenticated_per_address,
                handshake_timeout=config.handshake_timeout,
            )
        )
        self._gate_task: asyncio.Task[None] | None = None
        self._minute_task: asyncio.Task[None] | None = None
        self.legs: DataLegs | None = None
        if config.data_leg:
            self.legs = DataLegs(
                config.state_dir,
                self._leg_refused,
                token_timeout=config.leg_token_timeout,
                handshake_timeout=config.handshake_timeout,
                gate=self.gate,
            )
        self.team: TeamServer | None = None
        self.cluster: ClusterNode | None = None
        self.connections: set[asyncssh.SSHServerConnection] = set()  # every one taken in and not yet lost

    @property
    def probe_timeout(self) -> float:
        return self.config.resume_probe

    @property
    def leg_offer(self) -> dict[str, object] | None:
        """What the welcome tells a v2 agent about the data leg (port and certificate pin), if offered."""
        if self.legs is None or not self.legs.port:
            return None
        return {"port": self.config.data_public_port or self.legs.port, "pin": self.legs.pin}

    def _leg_refused(self, address: str, reason: str) -> None:
        self.refusals.write("leg.refused", address, reason=reason)

    @classmethod
    async def start(cls, config: RelayConfig) -> Relay:
        relay = cls(config)
        relay.team = await TeamServer.open(
            config.db_url, config.state_dir, relay.technicians.member, max_record=config.team_max_record
        )
        try:
            relay._server = await relay._listen()
        except OSError as exc:
            await relay.team.close()
            relay.audit.close()
            raise listen_error(exc, config.host, config.port, who="another relay?") from exc
        relay.port = relay._server.sockets[0].getsockname()[1]
        if relay.legs is not None:
            try:
                await relay.legs.start(config.host, config.data_port)
            except OSError as exc:
                relay._server.close()
                await relay.team.close()
                relay.audit.close()
                raise listen_error(exc, config.host, config.data_port, who="another relay?") from exc
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
        relay.claims.node = relay.cluster
        relay._gate_task = asyncio.get_running_loop().create_task(keep(relay.gate, relay._gate_report))
        relay._minute_task = asyncio.get_running_loop().create_task(relay._every_minute())
        if config.pace_collector:
            relay.collector.start()
        relay.audit.write(
            "relay.started", address=f"{config.host}:{relay.port}", fingerprint=relay.fingerprint,
            data_leg=relay.leg_offer,
        )  # fmt: skip
        return relay

    async def _listen(self) -> asyncssh.SSHAcceptor:
        return await asyncssh.listen(
            self.config.host,
            self.config.port,
            server_factory=lambda: _Connection(self),
            server_host_keys=[self.host_key],
            password_auth=False,
            kbdint_auth=False,
            host_based_auth=False,
            gss_host=None,
            allow_scp=False,
            line_editor=False,  # the consent prompt reads lines itself (sessions/relay/typed_lines.py)
            agent_forwarding=False,
            x11_forwarding=False,
            keepalive_interval=self.config.keepalive,
            keepalive_count_max=3,
            login_timeout=self.config.login_timeout,
            backlog=1024,  # a flood's connections are taken in and dropped fast; real ones wait less
            server_version="Valuezone_relay",
            encryption_algs=list(CIPHERS),
            compression_algs=["none"],
        )

    async def close(self) -> None:
        if self.config.pace_collector:
            self.collector.stop()
        # With other relays of the deployment running, its codes live on: their agents reconnect there
        # and keep them (as after a crash, without waiting for a lease). Alone, its codes end here.
        hand_over = self.cluster is not None and await self.cluster.others_alive()
        if hand_over:
            self._handing_over = True
            self.book.hand_over_all()
            assert self.cluster is not None
            await self.cluster.leave(hand_over=True)  # before its links drop: an agent adopts at once
        else:
            self.book.close_all()
        if self.legs is not None:
            await self.legs.close()
        server, self._server = self._server, None
        if server is not None:
            server.close()  # stops listening only: asyncssh leaves the connections open
        await self._close_connections()
        if server is not None:  # (from Python 3.12 on this waits for every connection it accepted to end)
            with contextlib.suppress(TimeoutError):  # (all were cut above: never hang a stop on one)
                await asyncio.wait_for(server.wait_closed(), 5)
        for task in (self._gate_task, self._minute_task):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        self._gate_task = self._minute_task = None
        self.refusals.report()
        self.audit.write("relay.stopped")
        if self.cluster is not None:  # after the last event: the node writes the audit table out on close
            self.claims.node = None
            await self.cluster.close(hand_over=hand_over)
            self.cluster = None
        if self.team is not None:
            await self.team.close()
            self.team = None
        self.audit.close()

    async def _close_connections(self) -> None:
        """Close every customer, technician and peer connection (their sockets too) and wait for them."""
        open_now = list(self.connections)
        for conn in open_now:
            conn.close()
        if open_now:
            await asyncio.wait([asyncio.ensure_future(conn.wait_closed()) for conn in open_now], timeout=5)
        for conn in open_now:  # one that did not finish closing in time (a peer not reading): cut it
            if conn in self.connections:
                conn.abort()
        self.connections.clear()

    async def __aenter__(self) -> Relay:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def _gate_report(self, tally: Tally) -> None:
        self.audit.write("unauthenticated.dropped", **tally.to_dict())

    async def _every_minute(self) -> None:
        """The refusals counted this minute go into one line, and the audit file to disk."""
        while True:
            await asyncio.sleep(REPORT_EVERY)
            self.refusals.report()
            self.audit.sync()

    # --- claims ---------------------------------------------------------------------------------
    # Every claim that does not end in the customer's yes counts against the technician's key and the
    # source address: wrong codes, codes in use, declines and unanswered questions alike. Against the
    # key a claim counts from the moment it starts (checked and counted in one step, so simultaneous
    # claims cannot slip under the limit: a key has at most `failure_limit` claims pending or refused
    # per window); it is handed back when the customer says yes, or when it failed through no fault of
    # the claimant (its own session waiting for the customer's link, the device's sshd not answering).
    # Against the address a claim counts when it is refused, so many technicians behind one office
    # address can wait for their customers at the same time. A claim handed back here (*handed_back*)
    # is refused with OPEN_CONNECT_FAILED, so a relay that carried it hands it back too.
    def _refuse(
        self, technician: Technician, address: str, code: str, reason: str, *, counted: bool = True,
        handed_back: bool = False,
    ) -> NoReturn:  # fmt: skip
        if counted:
            self.claims.record(f"addr:{address}")
        self.refusals.write(
            "claim.refused", address, code=clip(code), technician=technician.name, key=technician.fingerprint,
            reason=reason,
        )  # fmt: skip
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_CONNECT_FAILED if handed_back else _PROHIBITED, reason)

    async def claim(
        self, technician: Technician, address: str, dest_host: str, *, forwarded: bool = False, port: int = 22
    ) -> asyncssh.SSHTCPSession[bytes]:
        """A technician's direct-tcpip to `vz<code>`: check, ask the customer, then bridge.

        Port 0 (`LEG_CLAIM_PORT`) asks for the technician's own data leg (sessions/relay/techleg.py).
        """
        listed = self.technicians.current(technician.fingerprint)
        if listed is None:  # removed from the technicians file since this connection logged in
            self._refuse(technician, address, dest_host, Reason.REVOKED, counted=False)
        technician = listed
        if self._handing_over:  # stopping, its codes go to other relays: not counted, the technician retries
            self._refuse(technician, address, dest_host, Reason.RECONNECTING, counted=False, handed_back=True)
        key = f"key:{technician.fingerprint}"
        stamp = await self.claims.take(key, f"addr:{address}", forwarded=forwarded)
        if stamp is None:
            self._refuse(technician, address, dest_host, Reason.RATE_LIMITED, counted=False)
        code = codes.from_wire(dest_host)
        if code is None:
            self._refuse(technician, address, dest_host, Reason.NOT_A_CODE)
        if not forwarded and codes.is_valid(code):  # held by another relay of the cluster: carried there
            try:
                carried = await routing.route(self, technician, address, code, port=port)
            except asyncssh.ChannelOpenError as exc:
                self._claim_failed(exc, stamp, key, address)
                raise
            if carried is not None:
                self.claims.refund(stamp, key)
                return carried
        pairing = self.book.get(code) if codes.is_valid(code) else None
        if pairing is None:
            reason, counted = await routing.refusal(self, code, technician)
            if not counted:
                self.claims.refund(stamp, key)
            self._refuse(technician, address, code, reason, counted=counted, handed_back=not counted)
        bound = pairing.technician is not None and pairing.technician.fingerprint == technician.fingerprint
        again = False
        if pairing.state is CodeState.ACTIVE:
            if not bound:
                self._refuse(technician, address, code, Reason.IN_USE)
            again = True
        elif pairing.state is CodeState.CLAIMING:
            self._refuse(technician, address, code, Reason.BUSY)
        elif pairing.state is not CodeState.WAITING:
            if bound:  # its own session, waiting for the customer's link to come back
                self.claims.refund(stamp, key)
            self._refuse(technician, address, code, Reason.RECONNECTING, counted=not bound, handed_back=bound)
        else:
            pairing.fire(CodeEvent.CLAIM)
        self.audit.write(
            "claim.ok", code=code, technician=technician.name, key=technician.fingerprint, address=address,
            again=again,
        )  # fmt: skip
        try:
            session = await self.open_device_side(pairing, technician, address, again)
        except asyncssh.ChannelOpenError as exc:
            self._claim_failed(exc, stamp, key, address)
            raise
        self.claims.refund(stamp, key)
        bridge = getattr(session, "bridge", None)
        if port == LEG_CLAIM_PORT and self.legs is not None and isinstance(bridge, Bridge):
            return self._leg_answer(pairing, bridge, technician, address, forwarded=forwarded)
        return session

    def _leg_answer(
        self, pairing: Pairing, bridge: Bridge, technician: Technician, address: str, *, forwarded: bool
    ) -> LegClaimChannel:
        """A leg claim's answer: where to bring the technician's leg, its token, the agent's host keys."""
        assert self.legs is not None
        token, arrived = self.legs.expect(pairing.code, 0, tls=False)
        host = self.config.advertise.rpartition(":")[0].strip("[]") or self.config.host
        where = data_address(host, self.config.data_public_port or self.legs.port, forwarded=forwarded)
        keys = list(getattr(pairing.customer, "host_keys", ()))

        def outcome(event: str, leg_address: str) -> None:
            self.audit.write(
                event, code=pairing.code, technician=technician.name, address=leg_address or address
            )

        return LegClaimChannel(bridge, self.legs, {**where, "host_keys": keys}, token, arrived, outcome)

    def _claim_failed(self, exc: asyncssh.ChannelOpenError, stamp: Count, key: str, address: str) -> None:
        if exc.code == asyncssh.OPEN_CONNECT_FAILED:  # the device side or a relay, not the customer, said no
            self.claims.refund(stamp, key)
        else:
            self.claims.record(f"addr:{address}")

    async def open_device_side(
        self, pairing: Pairing, technician: Technician, address: str, again: bool
    ) -> asyncssh.SSHTCPSession[bytes]:
        """Ask *pairing*'s customer about *technician* and open the data path; returns the session to
        hand the technician's channel (a bridge half). The one entry for a claim, local or forwarded.

        With a v2 agent the customer's side is a TLS data leg (sessions/relay/dataleg.py), else a
        forwarded channel on its link. Raises ChannelOpenError with the reason the technician reads.
        """
        bridge = Bridge(lambda b: self._on_bridge_closed(pairing, technician, b))
        customer = pairing.customer
        if customer is None:
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.RECONNECTING)
        timeout = self.config.consent_timeout + self.config.consent_margin
        try:
            async with asyncio.timeout(timeout):
                await customer.open(bridge, technician, address, again)
        except (asyncssh.ChannelOpenError, TimeoutError) as exc:
            reason = exc.reason if isinstance(exc, asyncssh.ChannelOpenError) else Reason.NO_ANSWER
            code = exc.code if isinstance(exc, asyncssh.ChannelOpenError) else _PROHIBITED
            if pairing.state is CodeState.CLAIMING:
                pairing.fire(CodeEvent.REFUSE)
            self.audit.write("consent.refused", code=pairing.code, technician=technician.name, reason=reason)
            raise asyncssh.ChannelOpenError(code, reason) from None
        except asyncio.CancelledError:  # the technician's connection went away while the customer was asked
            if pairing.state is CodeState.CLAIMING:
                pairing.fire(CodeEvent.REFUSE)
            raise
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
        self.audit.write(
            "session.started", code=pairing.code, technician=technician.name, resumed=again,
            leg="tls" if bridge.over_leg else "ssh",
        )  # fmt: skip
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
            self.cluster.release(pairing.code, pairing.closed_reason)
        customer = pairing.customer
        if customer is not None and pairing.closed_reason in (Reason.EXPIRED, Reason.USED):
            customer.code_closed(pairing.closed_reason)
