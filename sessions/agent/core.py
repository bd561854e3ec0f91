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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import asyncssh

from sessions import codes
from sessions.agent.catalogue import Catalogue
from sessions.agent.events import (
    TRANSITIONS,
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
    StateChanged,
    Subscribers,
)
from sessions.agent.inner import FULL, SCOPE_LABELS, InnerServer, load_host_key
from sessions.agent.link import Claim, RelayLink
from sessions.chat.link import ChatLink
from sessions.chat.message import ChatMessage
from sessions.chat.questions import Question, QuestionDesk
from sessions.errors import HostKeyError, SessionClosedError, SupportError
from sessions.paths import app_dirs
from sessions.relay.protocol import Reason
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target

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
    # More relays of the same deployment (`--relay A,B,C`): tried in turn when the one in use is gone.
    fallbacks: tuple[Target, ...] = ()


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "customer"


def _closed_sentence(reason: str) -> str:
    if reason == Reason.EXPIRED:
        return "Your session code expired before anyone used it. Start the agent again for a new code."
    return f"{reason}."


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
        self.events = Subscribers()
        self.state = AgentState.CONNECTING
        self.code = ""  # nine digits; show codes.display(agent.code)
        self.technician: Claim | None = None  # who the customer allowed
        self.chats: list[ChatLink] = []
        self.end_reason = ""
        state_dir = config.state_dir or app_dirs().state / "agent"
        self._host_key = load_host_key(state_dir / "host_ed25519")
        self._trust = HostKeyTrust(
            known_hosts=state_dir / "relay_known_hosts", read_user_known_hosts=False, accept_new=True
        )
        self._inner = InnerServer(
            host_key=self._host_key,
            scope=config.scope,
            allow=config.allow or _diagnostics_allow_list,
            activity=self._activity,
            on_chat=self._on_chat,
            on_closed=self._on_inner_closed,
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
        self._asking: dict[int, tuple[Claim, asyncio.Future[bool]]] = {}
        self._watch: asyncio.Task[None] | None = None
        self._relay_index = 0  # which of config.relay + config.fallbacks the link is on
        self._pinned: asyncssh.SSHKey | None = None  # the deployment's host key, from the first link

    # --- public API ------------------------------------------------------------------------------
    def subscribe(self, callback: Callable[[AgentEventValue], None]) -> Callable[[], None]:
        """Receive every event (code issued, consent requested, activity, chat, state, ended)."""
        return self.events.subscribe(callback)

    async def start(self) -> None:
        """Link to the relay and show the code; raises a SupportError when the relay cannot be reached."""
        await self._inner.start()
        self._link = await self._open_link(resume=None)
        self._fire(AgentEvent.LINKED)
        self._issued(self._link)
        self._watch = asyncio.get_running_loop().create_task(self._watch_link())

    async def wait_ended(self) -> str:
        await self._ended.wait()
        return self.end_reason

    async def end(self, reason: str = "You ended the session.") -> None:
        """End the session for both sides at once: the technician is disconnected, the code closed."""
        if self.state is AgentState.ENDED or self._ending:
            return
        self._ending = True
        if self._link is not None:
            self._link.say_end("customer")
        self._inner.disconnect_all(Reason.ENDED)
        await asyncio.sleep(0)  # let the end and the disconnects reach the socket first
        self._finish(reason)

    async def send_chat(self, text: str) -> ChatMessage:
        """Send the customer's *text* to the technician; raises SessionClosedError with no chat open."""
        message = ChatMessage("customer", text, self.config.lang)
        links = [link for link in self.chats if not link.closed]
        if not links:
            raise SessionClosedError("No technician is connected to chat with yet.")
        for link in links:
            await link.send(message)
        return message

    # --- the link and its reconnection -----------------------------------------------------------
    async def _open_link(self, resume: dict[str, str] | None) -> RelayLink:
        relays = (self.config.relay, *self.config.fallbacks)
        order = [relays[(self._relay_index + step) % len(relays)] for step in range(len(relays))]
        failures: list[SupportError] = []
        for relay in order:
            try:
                link = await RelayLink.open(
                    relay, trust=self._trust, accept=self._on_forwarded, resume=resume, pinned=self._pinned
                )
            except SupportError as exc:
                failures.append(exc)
                continue
            self._relay_index = relays.index(relay)
            self._pinned = link.conn.get_server_host_key()
            return self._linked(link)
        raise next((exc for exc in failures if isinstance(exc, HostKeyError)), failures[-1])

    def _linked(self, link: RelayLink) -> RelayLink:
        link.on_notice = self._notice
        link.on_withdrawn = self._on_withdrawn
        self.code = link.code
        return link

    def _issued(self, link: RelayLink) -> None:
        self.events.emit(CodeIssued(codes.display(link.code), link.ttl, link.resumed))

    async def _watch_link(self) -> None:
        while self.state is not AgentState.ENDED:
            assert self._link is not None
            await self._link.wait_closed()
            if self.state is AgentState.ENDED:
                return
            if self._link.closed_reason:
                self._finish(_closed_sentence(self._link.closed_reason))
                return
            self._fire(AgentEvent.LINK_LOST)
            self._activity("relay_dropped")
            if not await self._reconnect():
                self._finish("The connection to the relay was lost and could not be restored.")
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
            except HostKeyError as exc:
                self._finish(str(exc))
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
        if bound is not None:
            if claim.fingerprint != bound.fingerprint:
                raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.IN_USE)
            self._activity("reconnected", technician=claim.technician)
        else:
            await self._ask(claim)
        return await self._device_session()

    async def _ask(self, claim: Claim) -> None:
        if self.state is not AgentState.WAITING:
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.BUSY)
        self._fire(AgentEvent.CLAIMED)
        answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        label = "the device's SSH server" if self.config.forward_sshd else SCOPE_LABELS[self.config.scope]
        request = ConsentRequested(
            claim.technician, claim.fingerprint, label, self.config.consent_timeout, answer
        )
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
            self._fire(AgentEvent.REFUSED)
            self._activity("no_answer", technician=claim.technician)
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.NO_ANSWER) from None
        if not answer.result() or self.state is not AgentState.ASKING:
            if self.state is AgentState.ASKING:
                self._fire(AgentEvent.REFUSED)
            self._activity("declined", technician=claim.technician)
            raise asyncssh.ChannelOpenError(_PROHIBITED, Reason.DECLINED)
        self.technician = claim
        self._fire(AgentEvent.ALLOWED)
        self._activity("connected", technician=claim.technician)

    def _on_withdrawn(self, claim_id: int) -> None:
        """The relay stopped waiting for this answer: treat it as no answer."""
        asking = self._asking.get(claim_id)
        if asking is not None and not asking[1].done():
            asking[1].cancel()

    async def _device_session(self) -> asyncssh.SSHTCPSession[bytes]:
        if self.config.forward_sshd is None:
            return self._inner.new_connection()
        assert self._link is not None
        try:
            session = await self._link.conn.forward_connection("localhost", self.config.forward_sshd)
        except OSError as exc:
            raise asyncssh.ChannelOpenError(
                asyncssh.OPEN_CONNECT_FAILED, f"The device's SSH server is not reachable ({exc.strerror})"
            ) from exc
        self._activity("sshd")
        return session  # type: ignore[return-value]

    # --- inside the session ----------------------------------------------------------------------
    def _on_chat(self, link: ChatLink) -> None:
        self.chats = [*(c for c in self.chats if not c.closed), link]
        link.on_message = lambda message: self.events.emit(ChatReceived(message))
        self._desk.attach(link)

    def _on_question(self, question: Question, answer: asyncio.Future[dict[str, object]]) -> None:
        shown = self.texts.render(question)
        self._activity("question", title=shown.title)
        self.events.emit(QuestionAsked(question, shown, answer))

    def _on_inner_closed(self, exc: Exception | None) -> None:
        if self.state is AgentState.ENDED or self._ending:
            return
        if exc is None and not self._inner.connections:
            who = self.technician.technician if self.technician else "The technician"
            if self._link is not None:
                self._link.say_end("technician")
            self._finish(f"{who} ended the session.")
        elif exc is None:
            return
        else:
            self._activity("technician_dropped")

    def _activity(self, key: str, **values: str) -> None:
        """One line of the feed, in the customer's language (commands and paths verbatim)."""
        self.events.emit(Activity(self.texts.text(f"activity.{key}", **values), key=key))

    def _notice(self, text: str) -> None:
        """A sentence the relay sent (already written for a person)."""
        self.events.emit(Activity(text))

    # --- state -----------------------------------------------------------------------------------
    def _fire(self, event: AgentEvent) -> None:
        target = TRANSITIONS.get((self.state, event))
        if target is None:
            log.warning("agent: %s ignored in state %s", event.value, self.state.value)
            return
        old, self.state = self.state, target
        if old is not target:
            self.events.emit(StateChanged(old, target))

    def _finish(self, reason: str) -> None:
        if self.state is AgentState.ENDED:
            return
        self._fire(AgentEvent.END)
        self.end_reason = reason
        self._desk.withdraw_all("closed")
        for link in self.chats:
            link.close()
        if self._link is not None:
            self._link.close()
        self.events.emit(Ended(reason))
        self._ended.set()
        if self._watch is not None and self._watch is not asyncio.current_task():
            self._watch.cancel()
        with contextlib.suppress(Exception):
            self._inner.disconnect_all(Reason.ENDED)
