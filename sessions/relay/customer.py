"""The relay's side of one customer connection: our agent (control subsystem) or stock OpenSSH."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from typing import Any, Protocol

import asyncssh

from sessions import codes
from sessions.cluster import routing
from sessions.cluster.node import ClusterNode
from sessions.relay import protocol
from sessions.relay.bridge import Bridge
from sessions.relay.dataleg import DataLegs, Leg
from sessions.relay.pairing import CodeState, Pairing, PairingBook, Technician
from sessions.relay.protocol import Reason
from sessions.relay.stock_words import consent_question, ended, texts_for
from sessions.relay.typed_lines import TypedLines
from sessions.vendor import Vendor
from sessions.visible import visible

_claim_ids = itertools.count(1)
_PROHIBITED = asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED
# How long a claim waits for a (re)linked agent to say its forward is in place; past it, "reconnecting".
READY_WAIT = 5.0
# asyncssh's refusal of a channel for a forward it has not registered: an agent that does not say "ready"
# answers a claim that reached it just after it (re)linked, before its listener was in place, with it.
_NO_LISTENER = "No such listener"


class _Audit(Protocol):
    def write(self, event: str, **fields: Any) -> None: ...


class _Refusals(Protocol):
    def write(self, event: str, address: str, **fields: Any) -> None: ...


class _Admission(Protocol):
    def take_code(self, address: str) -> str: ...


class _Settings(Protocol):
    @property
    def consent_timeout(self) -> float: ...

    @property
    def vendor(self) -> Vendor | None: ...


class RelayHost(Protocol):
    """What a customer link uses of the relay (sessions.relay.server.Relay): codes, audit, admission."""

    @property
    def book(self) -> PairingBook: ...

    @property
    def audit(self) -> _Audit: ...

    @property
    def refusals(self) -> _Refusals: ...

    @property
    def admission(self) -> _Admission: ...

    @property
    def config(self) -> _Settings: ...

    @property
    def legs(self) -> DataLegs | None: ...

    @property
    def leg_offer(self) -> dict[str, object] | None: ...

    @property
    def cluster(self) -> ClusterNode | None: ...

    @property
    def probe_timeout(self) -> float: ...


class _NoSocketListener(asyncssh.SSHListener):
    """What `server_requested` returns: registers the forward without binding any socket."""

    def __init__(self, port: int) -> None:
        super().__init__()
        self._port = port

    def get_port(self) -> int:
        return self._port

    def close(self) -> None:
        """Nothing to close: no socket was ever opened."""

    async def wait_closed(self) -> None:
        """Nothing to wait for."""


class CustomerLink:
    """One customer SSH connection (user `support`): at most one forward, one code, one prompt."""

    def __init__(self, relay: RelayHost, conn: asyncssh.SSHServerConnection, address: str) -> None:
        self.relay = relay
        self.conn = conn
        self.address = address
        self.pairing: Pairing | None = None
        self.forward: tuple[str, int] | None = None
        self.agent = False
        self.version = protocol.OLD_PROTOCOL_VERSION  # what the agent's hello and the relay agreed on
        self.ended = False
        self._hello: dict[str, Any] = {}
        self.host_keys: tuple[str, ...] = ()  # the agent's inner host key(s), for a technician's own leg
        self._control: asyncssh.SSHServerProcess[str] | None = None
        self._terminal: asyncssh.SSHServerProcess[str] | None = None
        self._answer: asyncio.Future[str] | None = None
        self._texts = texts_for(None)  # a stock-ssh customer's language, from the LANG/LC_* their ssh sent
        self._code_ready = asyncio.Event()
        self._says_ready = False  # the agent's hello promised a "ready" once its forward is in place
        self._ready = asyncio.Event()
        self._forwarding = False
        self._lost = False
        self._gone = False  # the loss was handled (it may be reported twice: dropped here, then by asyncssh)

    # --- the forward that carries the code ------------------------------------------------------
    def request_forward(self, host: str, port: int) -> Any:
        if self.forward is not None or self._forwarding:
            return False
        self._forwarding = True
        return self._forward(host, port)

    async def _forward(self, host: str, port: int) -> asyncssh.SSHListener | bool:
        resume = self._hello.get("resume") if isinstance(self._hello.get("resume"), dict) else None
        pairing = None
        if resume:
            code, token = str(resume.get("code", "")), str(resume.get("token", ""))
            previous = self.relay.book.get(code)
            old = previous.customer if previous is not None else None
            try:
                pairing = await routing.resume(self.relay, self, self.address, code, token)
            except routing.ResumeDeferred:  # the relay holding the code is alive but did not answer
                self._send("refused", reason=Reason.HOLDER_UNREACHABLE)
                self.conn.close()
                return False
            if pairing is not None:
                if isinstance(old, CustomerLink) and old is not self:
                    old.pairing = None
                    old.conn.close()
                self.relay.audit.write("customer.resumed", code=pairing.code, address=self.address)
        if pairing is None:
            refusal = self.relay.admission.take_code(self.address)
            if refusal:  # simultaneous logins from one address all passed the check at login
                self.relay.refusals.write("customer.refused", self.address, reason=refusal)
                self._send("refused", reason=refusal)  # the agent reads why; stock ssh prints the disconnect
                self.conn.disconnect(asyncssh.DISC_TOO_MANY_CONNECTIONS, refusal)
                return False
            pairing = await routing.issue(self.relay, self)
            self.relay.audit.write(
                "code.issued", code=pairing.code, address=self.address, agent=self.agent, forward=host
            )
        self.pairing = pairing
        if self._lost:  # the link dropped while the database answered
            self.connection_lost()
            return False
        self.forward = (host, port or protocol.FORWARD_PORT)
        self._announce_code(resumed=resume is not None and pairing.code == resume.get("code"))
        return _NoSocketListener(self.forward[1])

    def _announce_code(self, *, resumed: bool) -> None:
        assert self.pairing is not None
        ttl = self.relay.book.time_left(self.pairing)
        if self._control is not None:
            self._send(
                "code",
                code=self.pairing.code,
                ttl=ttl,
                token=self.pairing.resume_token,
                resumed=resumed,
                state=self.pairing.state.value,
            )
        self._code_ready.set()

    # --- opening the device side (after asking, or letting the agent ask) -----------------------
    async def open(self, bridge: Bridge, technician: Technician, address: str, again: bool) -> None:
        """Open the channel to the device for *technician*; raises ChannelOpenError with a reason.

        A v2 agent gets a one-time data-leg token with the claim and, after the customer's yes, brings
        the leg before it confirms the channel: the bridge then runs over the leg (the channel closes).
        """
        if self.forward is None or self.pairing is None:
            raise asyncssh.ChannelOpenError(asyncssh.OPEN_CONNECT_FAILED, Reason.RECONNECTING)
        await self._until_ready()
        claim = next(_claim_ids)
        legs = self.relay.legs if self.version >= 2 else None
        token, arrived = legs.expect(self.pairing.code, claim) if legs is not None else ("", None)
        try:
            await self._announce(claim, technician, address, again, token)
            await self._open_channel(bridge, address, claim, arrived)
        finally:
            if legs is not None:
                legs.forget(token)

    async def _until_ready(self) -> None:
        """Hold a claim until the agent has its forward: one that reached the agent's new link before the
        relay's answer to its forward request did would find no listener there (the technician's rejoin
        racing the agent's return, docs/relay-cluster.md)."""
        if not self._says_ready or self._ready.is_set():
            return
        try:
            async with asyncio.timeout(READY_WAIT):
                await self._ready.wait()
        except TimeoutError:
            raise asyncssh.ChannelOpenError(asyncssh.OPEN_CONNECT_FAILED, Reason.RECONNECTING) from None

    async def _announce(
        self, claim: int, technician: Technician, address: str, again: bool, token: str
    ) -> None:
        if self._control is not None:
            leg = {"leg": token} if token else {}
            self._send(
                "claim",
                claim=claim,
                technician=technician.name,
                fingerprint=technician.fingerprint,
                address=address,
                again=again,
                **leg,
            )
        elif self._terminal is not None:
            await self._ask_terminal(technician, again)  # a technician who left is asked about again
        else:
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.NO_PROMPT)

    async def _open_channel(
        self, bridge: Bridge, address: str, claim: int, arrived: asyncio.Future[Leg] | None
    ) -> None:
        """The forwarded channel for *claim*; with a v2 agent, its confirmation comes after the leg did.

        The agent brings its leg (and has it accepted) before it confirms the channel, so at that point
        the leg is there or it is not coming: a leg the agent could not reach (a firewall) leaves the
        session on the channel, as in v1. Either way the session is inside the technician's SSH.
        """
        assert self.forward is not None
        try:
            await self.conn.create_connection(
                lambda: bridge.customer, self.forward[0], self.forward[1], address, claim
            )
        except BaseException as exc:
            if isinstance(exc, asyncio.CancelledError):
                self._send("withdrawn", claim=claim)
            if arrived is not None and arrived.done() and not arrived.cancelled():
                arrived.result().close()
            if isinstance(exc, asyncssh.ChannelOpenError) and exc.reason == _NO_LISTENER:  # an older agent
                raise asyncssh.ChannelOpenError(asyncssh.OPEN_CONNECT_FAILED, Reason.RECONNECTING) from None
            raise
        if arrived is not None and arrived.done() and not arrived.cancelled():
            bridge.use_leg(arrived.result())

    async def _ask_terminal(self, technician: Technician, again: bool) -> None:
        assert self._terminal is not None
        if self._answer is not None:
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.BUSY)
        self._answer = asyncio.get_running_loop().create_future()
        texts, name = self._texts, visible(technician.name)
        question = consent_question(texts, technician.name, self.relay.config.vendor, again=again)
        self._terminal.stdout.write(
            "\r\n" + "\r\n".join(question) + f"\r\n{texts.text('consent.allow_prompt')} "
        )
        try:
            answer = await asyncio.wait_for(self._answer, self.relay.config.consent_timeout)
        except TimeoutError:
            self._terminal.stdout.write(f"\r\n{texts.text('activity.no_answer', technician=name)}\r\n")
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.NO_ANSWER) from None
        finally:
            self._answer = None
        if texts.yes_no(answer) is not True:
            self._terminal.stdout.write(f"{texts.text('activity.declined', technician=name)}\r\n")
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.DECLINED)
        said = [texts.text(key) for key in ("stock.end_hint", "stock.end_to_end")]
        self._terminal.stdout.write(
            "\r\n".join([texts.text("activity.connected", technician=name), *said]) + "\r\n"
        )

    def notify(self, text: str) -> None:
        """A line for the customer: an event for the agent, a printed line for a stock terminal."""
        if self._control is not None:
            self._send("notice", text=text)
        elif self._terminal is not None:
            self._terminal.stdout.write(f"\r\n{text}\r\n")

    def code_closed(self, reason: str) -> None:
        """The relay closed the code (expired, or its session is over): say why, then hang up."""
        if self._control is not None:
            self._send("closed", reason=reason)
        elif self._terminal is not None:
            self._terminal.stdout.write(f"\r\n{ended(self._texts, reason)}\r\n")
        self.ended = True
        self.conn.close()

    def _send(self, kind: str, **fields: Any) -> None:
        if self._control is not None and not self._control.is_closing():
            self._control.stdout.write(protocol.encode(kind, **fields))

    # --- session channels ----------------------------------------------------------------------
    async def run_session(self, process: asyncssh.SSHServerProcess[str]) -> None:
        """Process factory for the customer's session channel: the agent's control link or a terminal."""
        try:
            if process.subsystem == protocol.CONTROL_SUBSYSTEM:
                await self._run_control(process)
            elif process.subsystem or process.command or self._terminal is not None:
                process.stderr.write(texts_for(process.env).text("stock.only_prompt") + "\r\n")
                process.exit(1)
                return
            else:
                await self._run_terminal(process)
        except (asyncssh.Error, OSError, BrokenPipeError):
            pass
        finally:
            if not process.is_closing():
                process.exit(0)

    async def _run_control(self, process: asyncssh.SSHServerProcess[str]) -> None:
        self.agent = True
        self._control = process
        async for line in process.stdin:
            message = protocol.decode(line)
            if message["type"] == "hello":
                self._hello = message
                self._says_ready = message.get("ready") is True
                self.host_keys = _host_keys(message.get("host_keys"))
                self._welcome(message)
            elif message["type"] == "ready":
                self._ready.set()
            elif message["type"] == "end":
                by_technician = message.get("by") == "technician"
                self.end_by_customer(Reason.USED if by_technician else Reason.ENDED)
                return

    def _welcome(self, hello: dict[str, Any]) -> None:
        """Agree on the lower protocol version; a v2 welcome names the data leg (port, pin)."""
        offered = hello.get("v")
        agent = offered if isinstance(offered, int) and offered > 0 else protocol.OLD_PROTOCOL_VERSION
        offer = self.relay.leg_offer
        self.version = min(agent, protocol.PROTOCOL_VERSION if offer else protocol.OLD_PROTOCOL_VERSION)
        extra: dict[str, Any] = {}
        handed_out = self.relay.config.vendor
        if handed_out:  # an older agent ignores the extra field
            extra["vendor"] = handed_out.to_wire()
        if self.version >= 2:
            extra["leg"] = offer
        self._send("welcome", v=self.version, **extra)

    async def _run_terminal(self, process: asyncssh.SSHServerProcess[str]) -> None:
        self._terminal = process
        texts = self._texts = texts_for(process.env)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(10):
                await self._code_ready.wait()
        if self.pairing is None:
            process.stdout.write(
                f"{texts.text('stock.no_forward')}\r\n  ssh -R vz:22:localhost:22 support@RELAY\r\n"
            )
            return
        minutes = max(1, round(self.relay.book.time_left(self.pairing) / 60))
        code = texts.text("terminal.code", code=codes.display(self.pairing.code), minutes=minutes)
        process.stdout.write(f"{code}\r\n{texts.text('terminal.read_it')}\r\n")
        typed = TypedLines(process)
        while not self.ended:
            try:
                line = await typed.readline()
            except asyncssh.TerminalSizeChanged:
                continue
            except (asyncssh.BreakReceived, asyncssh.SignalReceived):
                break
            if self._answer is not None and not self._answer.done():
                self._answer.set_result(line)
            elif not line or line.strip() == "/end":
                break
        self.end_by_customer()

    # --- is the link still there (sessions/cluster/handover.py) --------------------------------
    async def answers(self, timeout: float) -> bool:
        """True when the customer's SSH client answers a keepalive within *timeout* seconds."""
        if self._lost or self.conn.is_closed():
            return False
        try:
            async with asyncio.timeout(timeout):
                # asyncssh's own keepalive request (no public call for one): any reply means it is there.
                await self.conn._make_global_request(b"keepalive@openssh.com")
        except (TimeoutError, asyncssh.Error, OSError):
            return False
        return not (self._lost or self.conn.is_closed())

    def drop(self) -> None:
        """The link stopped answering: treat it as lost now and cut it."""
        self.connection_lost()
        self.conn.abort()

    # --- endings -------------------------------------------------------------------------------
    def end_by_customer(self, reason: str = Reason.ENDED) -> None:
        """The session is over (the customer ended it, or the agent saw the technician end it)."""
        if self.ended:
            return
        self.ended = True
        if self.pairing is not None and self.pairing.state is not CodeState.CLOSED:
            by = "technician" if reason == Reason.USED else "customer"
            self.relay.audit.write("session.closed", code=self.pairing.code, address=self.address, by=by)
            self.relay.book.end(self.pairing, reason)
        if self._terminal is not None and not self._terminal.is_closing():
            self._terminal.stdout.write(f"{ended(self._texts, reason)}\r\n")
            self._terminal.exit(0)

    def connection_lost(self) -> None:
        """The SSH link dropped: an agent may come back within the grace period; a terminal may not."""
        self._lost = True
        if self._gone or self.ended or self.pairing is None or self.pairing.customer is not self:
            return
        if self.relay.book.get(self.pairing.code) is not self.pairing:  # handed over to another relay
            return
        self._gone = True
        if self.agent:
            self.relay.audit.write("customer.link_lost", code=self.pairing.code, address=self.address)
            for bridge in list(self.pairing.bridges):  # data legs end with the link they were agreed on
                bridge.close()
            self.relay.book.link_lost(self.pairing)
        else:
            self.end_by_customer()


def _host_keys(value: object) -> tuple[str, ...]:
    """The agent's inner host keys from its hello (OpenSSH public lines), passed on as they are."""
    if not isinstance(value, list):
        return ()
    return tuple(line for line in value[:8] if isinstance(line, str) and 0 < len(line) < 16384)
