"""The relay's side of one customer connection: our agent (control subsystem) or stock OpenSSH."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from typing import TYPE_CHECKING, Any

import asyncssh

from sessions import codes
from sessions.cluster import routing
from sessions.relay import protocol
from sessions.relay.bridge import Bridge
from sessions.relay.pairing import CodeState, Pairing, Technician
from sessions.relay.protocol import Reason
from sessions.relay.typed_lines import TypedLines

if TYPE_CHECKING:
    from sessions.relay.server import Relay

_claim_ids = itertools.count(1)
_PROHIBITED = asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED


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

    def __init__(self, relay: Relay, conn: asyncssh.SSHServerConnection, address: str) -> None:
        self.relay = relay
        self.conn = conn
        self.address = address
        self.pairing: Pairing | None = None
        self.forward: tuple[str, int] | None = None
        self.agent = False
        self.ended = False
        self._hello: dict[str, Any] = {}
        self._control: asyncssh.SSHServerProcess[str] | None = None
        self._terminal: asyncssh.SSHServerProcess[str] | None = None
        self._answer: asyncio.Future[str] | None = None
        self._code_ready = asyncio.Event()
        self._forwarding = False
        self._lost = False

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
            pairing = await routing.resume(self.relay, self, code, token)
            if pairing is not None:
                if isinstance(old, CustomerLink) and old is not self:
                    old.pairing = None
                    old.conn.close()
                self.relay.audit.write("customer.resumed", code=pairing.code, address=self.address)
        if pairing is None:
            pairing = await routing.issue(self.relay, self)
            self.relay.admission.code_issued(self.address)
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
        ttl = int(self.relay.book.code_ttl)
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
        """Open the channel to the device for *technician*; raises ChannelOpenError with a reason."""
        if self.forward is None or self.pairing is None:
            raise asyncssh.ChannelOpenError(asyncssh.OPEN_CONNECT_FAILED, Reason.RECONNECTING)
        claim = next(_claim_ids)
        if self._control is not None:
            self._send(
                "claim",
                claim=claim,
                technician=technician.name,
                fingerprint=technician.fingerprint,
                address=address,
                again=again,
            )
        elif self._terminal is not None:
            if not again:
                await self._ask_terminal(technician)
        else:
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.NO_PROMPT)
        try:
            await self.conn.create_connection(
                lambda: bridge.customer, self.forward[0], self.forward[1], address, claim
            )
        except asyncio.CancelledError:
            self._send("withdrawn", claim=claim)
            raise

    async def _ask_terminal(self, technician: Technician) -> None:
        assert self._terminal is not None
        self._answer = asyncio.get_running_loop().create_future()
        self._terminal.stdout.write(
            f"\r\n{technician.name} wants to connect (to this device's SSH server). Allow? [y/N] "
        )
        try:
            answer = await asyncio.wait_for(self._answer, self.relay.config.consent_timeout)
        except TimeoutError:
            self._terminal.stdout.write("\r\nNo answer: the technician was told.\r\n")
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.NO_ANSWER) from None
        finally:
            self._answer = None
        if answer.strip().lower() not in ("y", "yes"):
            self._terminal.stdout.write("Declined.\r\n")
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.DECLINED)
        self._terminal.stdout.write(f"Connecting {technician.name}. Type /end to end the session.\r\n")

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
        else:
            self.notify(f"{reason}.")
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
                process.stderr.write("The relay offers only a session-code prompt here.\r\n")
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
                self._send("welcome", v=protocol.PROTOCOL_VERSION)
            elif message["type"] == "end":
                by_technician = message.get("by") == "technician"
                self.end_by_customer(Reason.USED if by_technician else Reason.ENDED)
                return

    async def _run_terminal(self, process: asyncssh.SSHServerProcess[str]) -> None:
        self._terminal = process
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._code_ready.wait(), 10)
        if self.pairing is None:
            process.stdout.write(
                "No session code: connect with a remote forward, for example\r\n"
                "  ssh -R vz:22:localhost:22 support@RELAY\r\n"
            )
            return
        minutes = max(1, round(self.relay.book.code_ttl / 60))
        process.stdout.write(
            f"Session code: {codes.display(self.pairing.code)} (expires in {minutes} min)\r\n"
            "Read it to your technician. Type /end or press Ctrl-C to end the session.\r\n"
        )
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
            self._terminal.stdout.write("Session ended.\r\n")
            self._terminal.exit(0)

    def connection_lost(self) -> None:
        """The SSH link dropped: an agent may come back within the grace period; a terminal may not."""
        self._lost = True
        if self.ended or self.pairing is None or self.pairing.customer is not self:
            return
        if self.agent:
            self.relay.audit.write("customer.link_lost", code=self.pairing.code, address=self.address)
            self.relay.book.link_lost(self.pairing)
        else:
            self.end_by_customer()
