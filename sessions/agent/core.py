"""The agent: links to the relay, shows the code, asks consent, serves the technician, reconnects, ends.

A window or terminal drives it only through `subscribe()` (events from sessions.agent.events), the
`answer` future of a ConsentRequested event, `send_chat()` and `end()`.
"""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import asyncssh

from sessions import codes, vendor
from sessions.agent import inputfeed
from sessions.agent.catalogue import Catalogue
from sessions.agent.dataleg import LegOffer, Splice, hand_over, open_leg, splice, sshd_host_keys
from sessions.agent.events import (
    LET_BACK_IN,
    TABLE,
    Activity,
    AgentEvent,
    AgentEventValue,
    AgentState,
    ChatReceived,
    CodeIssued,
    ConsentRequested,
    ConsentWithdrawn,
    Ended,
    QuestionAsked,
    QuestionWithdrawn,
    ShellClosed,
    StateChanged,
    VendorKnown,
)
from sessions.agent.inner import FULL, InnerServer, load_host_key
from sessions.agent.link import Claim, RelayLink
from sessions.agent.shellfeed import ShellFeed, duration
from sessions.agent.webgate import WebGate
from sessions.chat.link import ChatLink
from sessions.chat.message import ChatMessage
from sessions.chat.questions import WEB_FORWARD, Question, QuestionDesk
from sessions.errors import HostKeyError, SessionClosedError, SupportError
from sessions.events import Subscribers, Unsubscribe
from sessions.paths import app_dirs
from sessions.relay import protocol
from sessions.relay.protocol import Reason
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from sessions.transports import abort
from sessions.vendor import Vendor
from sessions.visible import visible

log = logging.getLogger(__name__)
_PROHIBITED = asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED


@dataclass(frozen=True, slots=True)
class AgentConfig:
    """How the agent runs. `allow` is the diagnostics allow-list (a command → allowed?)."""

    relay: Target
    scope: str = FULL
    forward_sshd: int | None = None  # forward to this local sshd port instead of serving SSH ourselves
    auto_consent: bool = False  # `valuezone demo` and benchmarks only: the question is shown, then allowed
    consent_timeout: float = 120.0
    grace: float = 120.0  # how long to keep trying to reach the relay after the link drops
    lang: str = ""  # the customer's language: on their chat messages, and the agent's texts (catalogue)
    customer: str = ""  # who answers consent questions (`by`); default: the OS user name
    state_dir: Path | None = None
    allow: Callable[[str], bool] | None = None  # None: the diagnostics profiles' allow-list
    backoff: tuple[float, float] = (0.5, 10.0)
    # Offered with each consent question: "let this technician back in without asking for N minutes"
    # (the customer chooses it; 0: not offered, every reconnection is asked).
    back_in_minutes: int = 10
    vendor: Vendor | None = None  # `--vendor FILE`: shown before the relay's and the packaged one
    # Protocol v2: after consent, carry the session on a pinned TLS data leg to the relay instead of the
    # SSH link (faster; sessions/agent/dataleg.py). False speaks v1 only, as agents before it did.
    data_leg: bool = True
    # More relays of the same deployment (`--relay A,B,C`): tried in turn when the one in use is gone.
    fallbacks: tuple[Target, ...] = ()


class _Consented(asyncssh.SSHTCPSession[bytes]):
    """The consent channel of a v2 claim: confirming it is the yes; the session itself is on the leg."""


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "customer"


def _closed_key(reason: str) -> str:
    """The ``[ended]`` key for the relay closing the code for good with *reason*."""
    return "code_expired" if reason == Reason.EXPIRED else "closed_by_relay"


_PADDED = frozenset({"command", "path"})  # technician's text where padding could push the rest out of sight


def _diagnostics_allow_list(command: str) -> bool:
    """Scope `diagnostics`: exactly the commands the diagnostics profiles run."""
    from sessions.diagnostics.profiles import is_allowed

    try:
        return is_allowed(command)
    except SupportError as exc:
        log.warning("diagnostics profiles unreadable, refusing %r: %s", command, exc)
        return False


class Agent:
    """One support session seen from the customer's side (see the module docstring)."""

    def __init__(self, config: AgentConfig) -> None:
        self.config = config
        self.events: Subscribers[AgentEventValue] = Subscribers("agent")
        self._machine = TABLE.start()
        self._machine.subscribe(lambda step: self.events.emit(StateChanged(step.old, step.new)))
        self.code = ""  # nine digits; show codes.display(agent.code)
        self.code_deadline: float | None = None  # time.monotonic() when the code expires unclaimed
        self.technician: Claim | None = None  # who the customer allowed
        self.chats: list[ChatLink] = []
        self.end_reason = ""  # in the customer's language
        self.vendor = vendor.chosen(config.vendor, None)
        self._vendor_shown: tuple[Vendor, str] | None = None
        state_dir = config.state_dir or app_dirs().state / "agent"
        self._host_key = load_host_key(state_dir / "host_ed25519")
        self._trust = HostKeyTrust(
            known_hosts=state_dir / "relay_known_hosts", read_user_known_hosts=False, accept_new=True
        )
        self.shells = ShellFeed(self.events.emit, self._on_shell_closed, self._on_typed_unseen)
        self.web = WebGate(scope=config.scope, ask=self._ask_web, activity=self._activity)
        self._web_questions: dict[str, asyncio.Future[dict[str, object]]] = {}
        self._inner = InnerServer(
            host_key=self._host_key,
            scope=config.scope,
            allow=config.allow or _diagnostics_allow_list,
            activity=self._activity,
            on_chat=self._on_chat,
            on_closed=self._on_inner_closed,
            on_refused=self._on_inner_refused,
            watch_terminal=self.shells.watch,
            open_web=self.web.open,
        )
        self.texts = Catalogue(config.lang)
        self._desk = QuestionDesk(
            lang=config.lang or self.texts.lang,
            by=config.customer or _user_name(),
            on_asked=self._on_question,
            on_withdrawn=lambda question, reason: self.events.emit(QuestionWithdrawn(question.id, reason)),
        )
        self._link: RelayLink | None = None
        self._ended = asyncio.Event()
        self._ending = False
        self._asking: dict[int, tuple[Claim, asyncio.Future[bool | str]]] = {}
        # The customer's "let back in without asking": (key fingerprint, loop time it ends, shown "HH:MM").
        self._back_in: tuple[str, float, str] | None = None
        self._watch: asyncio.Task[None] | None = None
        self._relay_index = 0  # which of config.relay + config.fallbacks the link is on
        self._pinned: asyncssh.SSHKey | None = None  # the deployment's host key, from the first link
        self._legs: set[asyncio.Transport] = set()  # the data legs in use (protocol v2)
        self._host_keys: tuple[str, ...] | None = None  # the inner host keys told to the relay

    # --- public API ------------------------------------------------------------------------------
    def subscribe(self, callback: Callable[[AgentEventValue], None]) -> Unsubscribe:
        """Receive every event (code issued, consent requested, activity, chat, state, ended)."""
        return self.events.subscribe(callback)

    async def start(self) -> None:
        """Link to the relay and show the code; raises a SupportError when the relay cannot be reached."""
        await self._inner.start()
        link = await self._open_link(resume=None)
        if self._ending or self.state is AgentState.ENDED:  # ended while connecting: let go of the code
            link.say_end("customer")
            link.close()
            return
        self._link = link
        self._fire(AgentEvent.LINKED)
        self._issued(self._link)
        self._watch = asyncio.get_running_loop().create_task(self._watch_link())

    async def wait_ended(self) -> str:
        await self._ended.wait()
        return self.end_reason

    async def end(self, reason: str = "you") -> None:
        """End the session for both sides at once: the technician is disconnected, the code closed.

        *reason* is an ``[ended]`` key of the catalogue (``you``, ``demo``); anything else reads as ``you``.
        """
        if self.state is AgentState.ENDED or self._ending:
            return
        self._ending = True
        if self._link is not None:
            self._link.say_end("customer")
        self._inner.disconnect_all(Reason.ENDED)
        await asyncio.sleep(0)  # let the end and the disconnects reach the socket first
        self._finish(reason if reason in ("you", "demo") else "you")

    async def send_chat(self, text: str) -> ChatMessage:
        """Send the customer's *text* to the technician; raises SessionClosedError with no chat open."""
        message = ChatMessage("customer", text, self.config.lang)
        links = [link for link in self.chats if not link.closed]
        if not links:
            raise SessionClosedError(
                "No technician is connected to chat with yet.", code="chat.no_technician"
            )
        for link in links:
            await link.send(message)
        return message

    @property
    def relay(self) -> Target:
        """The relay the link is on (or was last on): one of `--relay A,B,C`."""
        return (self.config.relay, *self.config.fallbacks)[self._relay_index]

    # --- the link and its reconnection -----------------------------------------------------------
    async def _open_link(self, resume: dict[str, str] | None) -> RelayLink:
        version = protocol.PROTOCOL_VERSION if self.config.data_leg else protocol.OLD_PROTOCOL_VERSION
        relays = (self.config.relay, *self.config.fallbacks)
        order = [relays[(self._relay_index + step) % len(relays)] for step in range(len(relays))]
        failures: list[SupportError] = []
        for relay in order:
            try:
                link = await RelayLink.open(
                    relay,
                    trust=self._trust,
                    accept=self._on_forwarded,
                    resume=resume,
                    pinned=self._pinned,
                    version=version,
                    host_keys=await self._inner_host_keys(),
                )
            except SupportError as exc:
                failures.append(exc)
                continue
            self._relay_index = relays.index(relay)
            self._pinned = link.conn.get_server_host_key()
            return self._linked(link)
        raise next((exc for exc in failures if isinstance(exc, HostKeyError)), failures[-1])

    async def _inner_host_keys(self) -> tuple[str, ...]:
        """What a technician pins for the inner session: this agent's key, or the device sshd's keys."""
        if self._host_keys is None:
            if self.config.forward_sshd is None:
                self._host_keys = (self._host_key.export_public_key().decode().strip(),)
            else:
                self._host_keys = await sshd_host_keys("localhost", self.config.forward_sshd)
        return self._host_keys

    def _linked(self, link: RelayLink) -> RelayLink:
        link.on_notice = self._notice
        link.on_withdrawn = self._on_withdrawn
        self.code = link.code
        return link

    def _issued(self, link: RelayLink) -> None:
        self.vendor = vendor.chosen(self.config.vendor, link.vendor)
        shown = (self.vendor, self.relay.host_port if self.vendor.source == vendor.FROM_RELAY else "")
        if self.vendor and shown != self._vendor_shown:
            self._vendor_shown = shown
            self.events.emit(VendorKnown(*shown))
        self.code_deadline = time.monotonic() + link.ttl
        self.events.emit(CodeIssued(codes.display(link.code), link.ttl, link.resumed))

    async def _watch_link(self) -> None:
        while self.state is not AgentState.ENDED:
            assert self._link is not None
            await self._link.wait_closed()
            if self.state is AgentState.ENDED:
                return
            if self._link.closed_reason:
                self._finish(_closed_key(self._link.closed_reason))
                return
            self._fire(AgentEvent.LINK_LOST)
            self._drop_legs()  # the session lives and ends with the link, as it did on the link itself
            self._activity("relay_dropped")
            if not await self._reconnect():
                self._finish("link_lost")
                return

    async def _reconnect(self) -> bool:
        low, high = self.config.backoff
        deadline = asyncio.get_running_loop().time() + self.config.grace
        delay = low
        assert self._link is not None
        resume = {"code": self._link.code, "token": self._link.token}
        while asyncio.get_running_loop().time() < deadline and self.state is AgentState.RECONNECTING:
            try:
                link = await self._open_link(resume)
                if self.state is not AgentState.RECONNECTING:  # ended meanwhile
                    link.say_end("customer")
                    link.close()
                    return True
            except HostKeyError as exc:  # not the relay we talked to: stop, never talk to this one
                log.warning("relay host key refused on reconnect: %s", exc)
                self._finish("relay_changed")
                return True
            except SupportError as exc:
                log.info("reconnect failed: %s", exc)
                await asyncio.sleep(delay * (0.8 + 0.4 * random.random()))
                delay = min(delay * 2, high)
                continue
            self._link = link
            if link.resumed and link.relay_state == "active" and self.technician is not None:
                self._fire(AgentEvent.RESUMED)
                self._activity("resumed")
            else:
                if not link.resumed:
                    self.technician = None
                    self._back_in = None
                self._fire(AgentEvent.LINKED)
                self._issued(link)
            return True
        return False

    # --- consent ---------------------------------------------------------------------------------
    def _on_forwarded(self, orig_host: str, orig_port: int) -> object:
        return self._accept(orig_port)

    async def _accept(self, claim_id: int) -> asyncssh.SSHTCPSession[bytes]:
        link = self._link
        if link is None or self.state is AgentState.ENDED:
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.ENDED)
        try:
            claim = await link.claim(claim_id)
        except SessionClosedError:
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.UNANNOUNCED) from None
        bound = self.technician
        if bound is not None and claim.fingerprint != bound.fingerprint:
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.IN_USE)
        if bound is None:
            await self._ask(claim, again=False)
        elif (until := self._let_back_in(claim)) is not None:
            self._activity("back_in", technician=claim.technician, until=until)
        else:  # a technician who left comes back only with a new yes
            await self._ask(claim, again=True)
        if link.leg is not None and claim.leg:
            return await self._leg_session(link.leg, claim)
        return await self._device_session(claim)

    def _let_back_in(self, claim: Claim) -> str | None:
        """The shown end of the customer's "let back in without asking" for *claim*'s key, if it runs."""
        window = self._back_in
        if window is None or window[0] != claim.fingerprint:
            return None
        return window[2] if asyncio.get_running_loop().time() < window[1] else None

    @property
    def scope(self) -> str:
        """The scope's key: ``full``, ``diagnostics`` or ``sshd`` (the device's own SSH server)."""
        return "sshd" if self.config.forward_sshd else self.config.scope

    def _consent_lines(self, claim: Claim, *, again: bool) -> tuple[str, ...]:
        """The question in the customer's words: who (of which vendor), what they may do, whom to call."""
        t = self.texts.text
        name = visible(claim.technician)
        vendor_name = self.vendor.name_in(self.texts.lang)
        key = "consent.who_again" if again else "consent.who"
        if vendor_name:
            who = t(key + "_vendor", technician=name, vendor=vendor_name)
        else:
            who = t(key, technician=name)
        lines = [who, t(f"consent.scope_{self.scope}", user=visible(_user_name()))]
        if vendor_name and self.vendor.phone:
            lines.append(t("consent.call", vendor=vendor_name, phone=self.vendor.phone))
        return tuple(lines)

    async def _ask(self, claim: Claim, *, again: bool) -> None:
        """Ask the customer about *claim*; returns on yes, raises ChannelOpenError(reason) otherwise."""
        expected = AgentState.ACTIVE if again else AgentState.WAITING
        if self._asking or self.state is not expected:
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.BUSY)
        if not again:
            self._fire(AgentEvent.CLAIMED)
            expected = AgentState.ASKING
        answer: asyncio.Future[bool | str] = asyncio.get_running_loop().create_future()
        minutes = max(0, int(self.config.back_in_minutes))
        request = ConsentRequested(
            claim.technician, claim.fingerprint, self.texts.text(f"consent.name_{self.scope}"),
            self.config.consent_timeout, answer, again=again, back_in_minutes=minutes, scope=self.scope,
            lines=self._consent_lines(claim, again=again),
        )  # fmt: skip
        self.events.emit(request)
        self._asking[claim.claim] = (claim, answer)
        if self.config.auto_consent and not answer.done():
            answer.set_result(True)
        try:
            await asyncio.wait({answer}, timeout=self.config.consent_timeout)
        finally:
            self._asking.pop(claim.claim, None)
            if not answer.done():
                answer.cancel()  # no answer in time (or the relay withdrew the question)
        if answer.cancelled():
            self.events.emit(ConsentWithdrawn(claim.technician, Reason.NO_ANSWER))
            if self.state is AgentState.ASKING:
                self._fire(AgentEvent.REFUSED)
            self._activity("no_answer", technician=claim.technician)
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.NO_ANSWER) from None
        result = answer.result()
        if result not in (True, LET_BACK_IN) or self.state is not expected:
            if self.state is AgentState.ASKING:
                self._fire(AgentEvent.REFUSED)
            self._activity("declined", technician=claim.technician)
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.DECLINED)
        self.technician = claim
        self.web.forget()  # the web admin page is asked again in each session
        if again:
            self._activity("allowed_again", technician=claim.technician)
        else:
            self._fire(AgentEvent.ALLOWED)
            self._activity("connected", technician=claim.technician)
        if result == LET_BACK_IN and minutes:
            until = time.strftime("%H:%M", time.localtime(time.time() + minutes * 60))
            self._back_in = (claim.fingerprint, asyncio.get_running_loop().time() + minutes * 60, until)
            self._activity("let_back_in", technician=claim.technician, until=until)

    def _on_withdrawn(self, claim_id: int) -> None:
        """The relay stopped waiting for this answer: treat it as no answer."""
        asking = self._asking.get(claim_id)
        if asking is not None and not asking[1].done():
            asking[1].cancel()

    async def _device_session(self, claim: Claim) -> asyncssh.SSHTCPSession[bytes]:
        if self.config.forward_sshd is None:
            return self._inner.new_connection(claim.fingerprint)
        assert self._link is not None
        try:
            session = await self._link.conn.forward_connection("localhost", self.config.forward_sshd)
        except OSError as exc:
            raise asyncssh.ChannelOpenError(
                asyncssh.OPEN_CONNECT_FAILED, f"The device's SSH server is not reachable ({exc.strerror})"
            ) from exc
        self._activity("sshd")
        return session  # type: ignore[return-value]

    async def _leg_session(self, offer: LegOffer, claim: Claim) -> asyncssh.SSHTCPSession[bytes]:
        """Protocol v2: bring the data leg (and the sshd connection it is spliced to), then say yes.

        The channel this returns for only confirms the customer's yes; the relay closes it and the
        session runs on the leg. A leg port it cannot reach at all leaves the session on the channel.
        """
        sshd_end: Splice | None = None
        if self.config.forward_sshd is not None:
            try:
                _, sshd_end = await asyncio.get_running_loop().create_connection(
                    Splice, "localhost", self.config.forward_sshd
                )
            except OSError as exc:
                raise asyncssh.ChannelOpenError(
                    asyncssh.OPEN_CONNECT_FAILED, f"The device's SSH server is not reachable ({exc.strerror})"
                ) from exc
        try:
            transport, early = await open_leg(offer, claim.leg)
        except SupportError as exc:
            if sshd_end is not None and sshd_end.transport is not None:
                sshd_end.transport.close()
            log.warning("data leg failed: %s", exc)
            if getattr(exc, "unreachable", False):  # a firewall, most likely: stay on the link, as in v1
                return await self._device_session(claim)
            self._activity("leg_failed")
            detail = str(exc.params.get("detail", exc))
            raise asyncssh.ChannelOpenError(
                asyncssh.OPEN_CONNECT_FAILED, f"{Reason.LEG_FAILED} ({detail})"
            ) from exc
        self._legs = {leg for leg in self._legs if not leg.is_closing()} | {transport}
        if sshd_end is None:
            hand_over(transport, self._inner.new_connection(claim.fingerprint), early)
        else:
            splice(transport, early, sshd_end)
            self._activity("sshd")
        return _Consented()

    def _drop_legs(self) -> None:
        for leg in self._legs:
            abort(leg)
        self._legs.clear()

    # --- inside the session ----------------------------------------------------------------------
    def _on_chat(self, link: ChatLink) -> None:
        self.chats = [*(c for c in self.chats if not c.closed), link]
        link.on_message = lambda message: self.events.emit(ChatReceived(message))
        self._desk.attach(link)

    def _on_question(self, question: Question, answer: asyncio.Future[dict[str, object]]) -> None:
        shown = self.texts.render(question)
        self._activity("question", title=shown.title)
        self.events.emit(QuestionAsked(question, shown, answer))

    async def _ask_web(self, port: int) -> bool:
        """Ask the customer whether the technician may open the web admin page on *port*."""
        who = self.technician.technician if self.technician is not None else "The technician"
        question = Question(WEB_FORWARD, {"port": port, "technician": who})
        answer: asyncio.Future[dict[str, object]] = asyncio.get_running_loop().create_future()
        self._web_questions[question.id] = answer
        self._on_question(question, answer)
        try:
            await asyncio.wait({answer}, timeout=self.config.consent_timeout)
        finally:
            self._web_questions.pop(question.id, None)
            if not answer.done():
                answer.cancel()  # no answer in time
            if answer.cancelled():
                self.events.emit(QuestionWithdrawn(question.id, "closed"))
        return not answer.cancelled() and answer.result().get("agreed") is True

    def _on_typed_unseen(self, shell: int, count: int) -> None:
        """Typing the terminal did not echo (a password, or `stty -echo`): said, never shown."""
        self._activity("typed_unseen", count=str(count), n=str(shell))

    def _on_shell_closed(self, event: ShellClosed, seconds: float) -> None:
        self._activity("shell_ended", duration=duration(seconds, self.texts.text))
        self.events.emit(event)

    @property
    def end_to_end(self) -> bool:
        """True when the technician's session goes to the device's own sshd: nothing inside can be shown."""
        return self.config.forward_sshd is not None

    def _on_inner_closed(self, exc: Exception | None) -> None:
        if self.state is AgentState.ENDED or self._ending:
            return
        if self.state is AgentState.RECONNECTING:  # its leg went with the link: not the technician's end
            self._activity("technician_dropped")
        elif exc is None and not self._inner.connections:
            if self._link is not None:
                self._link.say_end("technician")
            if self.technician is None:
                self._finish("technician_unnamed")
            else:
                self._finish("technician", technician=self.technician.technician)
        elif exc is None:
            return
        else:
            self._activity("technician_dropped")

    def _on_inner_refused(self) -> None:
        """A connection on a consented leg or channel closed without the technician's key (not an end)."""
        if self.state is not AgentState.ENDED and not self._ending and self.technician is not None:
            self._activity("inner_refused", technician=self.technician.technician)

    def _activity(self, key: str, **values: str) -> None:
        """One line of the feed, in the customer's language (commands and paths verbatim, controls shown)."""
        shown = {
            name: inputfeed.shown(str(value)) if name in _PADDED else visible(str(value))
            for name, value in values.items()
        }
        if key == "sftp_refused":  # an SFTP operation's name, in the customer's words
            op = str(values.get("operation", "")).replace(" ", "_")
            op_key = f"sftp_op.{op}" if self.texts.has(f"sftp_op.{op}") else "sftp_op.other"
            shown["operation"] = self.texts.text(op_key, name=shown["operation"])
        self.events.emit(Activity(self.texts.text(f"activity.{key}", **shown), key=key))

    def _notice(self, text: str) -> None:
        """A sentence the relay sent (no language of its own: quoted as the relay's, controls shown)."""
        self.events.emit(Activity(self.texts.text("relay.notice", text=visible(text)), key="notice"))

    # --- state -----------------------------------------------------------------------------------
    @property
    def state(self) -> AgentState:
        return self._machine.state

    def _fire(self, event: AgentEvent) -> None:
        self._machine.fire(event)

    def _finish(self, key: str, **values: str) -> None:
        """End with the ``[ended]`` text *key* (filled with *values*) in the customer's language."""
        if self.state is AgentState.ENDED:
            return
        self._fire(AgentEvent.END)
        shown = {name: visible(str(value)) for name, value in values.items()}
        reason = self.end_reason = self.texts.text(f"ended.{key}", **shown)
        self._desk.withdraw_all("closed")
        for answer in self._web_questions.values():
            answer.cancel()  # the asking coroutine withdraws its question
        for link in self.chats:
            link.close()
        if self._link is not None:
            self._link.close()
        self.events.emit(Ended(reason, key))
        self._ended.set()
        if self._watch is not None and self._watch is not asyncio.current_task():
            self._watch.cancel()
        with contextlib.suppress(Exception):
            self._inner.disconnect_all(Reason.ENDED)
        self._drop_legs()
