"""One technician's support session, Qt-free: connect directly or by code, rejoin, chat, diagnose, end.

The console's session tab shows it; later the team features drive the same object. The UI answers the
questions asked while connecting (an `Asker`) and watches `subscribe()`: everything a LiveSession says,
plus Notice, Failed, ChatOpened, ChatEntryChanged and ChatUnavailable.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import asyncssh

from sessions import codes, secrets
from sessions.chat.conversation import ChatEntry, Conversation, TranslatorLike
from sessions.chat.link import ChatLink
from sessions.devices import Device
from sessions.diagnostics.recorded import AUTO, start_run
from sessions.diagnostics.runner import DiagnosticsRunner
from sessions.ending import ClosedRecord, Ending, RecorderLike, record_ending
from sessions.errors import DiagnosticsError, SessionClosedError, SupportError
from sessions.events import Subscribers, Unsubscribe
from sessions.live import LiveEventValue, LiveSession, SessionRequest, SessionState, SessionStatus
from sessions.paths import app_dirs
from sessions.recording import DeviceInfo
from sessions.recording.seal import technician_seal_key
from sessions.relay.client import JoinOptions
from sessions.relay.joined import CodeSession, JoinEventValue, JoinState, JoinStatus, Rejoined
from sessions.relay.relays import RelayAddress, relay_list
from sessions.relay.unlock import PassphraseAnswer, PassphraseQuestion, TechnicianKeyAccess
from sessions.ssh.auth import Credentials, preload
from sessions.ssh.client import connect
from sessions.ssh.hostkeys import HostKeyQuestion, HostKeyTrust
from sessions.ssh.target import Target
from sessions.stages import SessionStage

log = logging.getLogger(__name__)
Answer = tuple[str, bool]  # (secret, save it in the keyring)


@dataclass(frozen=True, slots=True)
class SessionPlan:
    """What a session connects to and how it is labelled and recorded."""

    label: str
    target: Target
    device: DeviceInfo
    via: str = "direct"
    accept_new: bool = False
    profile: str = AUTO  # diagnostics profile: detected on the device unless the device book names one
    code: str = ""  # nine digits when joined by code through `relay`
    relay: tuple[Target, ...] | None = None  # the relays of one deployment (sessions/relay/relays.py)

    @classmethod
    def direct(cls, target: Target, *, accept_new: bool = False) -> SessionPlan:
        device = DeviceInfo(name=target.host, host=target.host, port=target.port, user=target.login)
        return cls(target.display, target, device, accept_new=accept_new)

    @classmethod
    def by_code(
        cls, code: str, relay: RelayAddress, *, label: str = "", accept_new: bool = False
    ) -> SessionPlan:
        """A session through the relay (or the first of several that answers); *code* is already checked
        (nine digits); *label* as the UI says it."""
        label = label or f"Code {codes.display(code)}"
        device = DeviceInfo(name=label, host=codes.wire(code), port=22, user="")
        target = Target(codes.wire(code), 22, "")
        relays = relay_list(relay)
        return cls(label, target, device, via="code", accept_new=accept_new, code=code, relay=relays)

    @classmethod
    def for_device(cls, device: Device) -> SessionPlan:
        target = device.target()
        info = DeviceInfo(name=device.name, host=device.host, port=device.port, user=target.login)
        return cls(device.name, target, info, profile=device.profile or AUTO)


class Asker(Protocol):
    """The questions a person answers while a session connects (the console shows dialogs)."""

    async def host_key(self, question: HostKeyQuestion) -> bool: ...

    async def password(self, target: Target) -> Answer | None: ...

    def password_refused(self, target: Target, refused: int) -> None:
        """The device refused a password (*refused* so far); the next password question says so."""

    async def passphrase(self, key_file: Path) -> Answer | None: ...

    async def technician_passphrase(self, question: PassphraseQuestion) -> PassphraseAnswer | None:
        """The technician key's passphrase, for the relay (sessions by code)."""


@dataclass(frozen=True, slots=True)
class SessionSetup:
    """Who works, where records go, which language the technician reads (from the console's settings)."""

    technician: str
    archive_root: Path
    technician_lang: str = "en"
    cols: int = 80
    rows: int = 24
    seal_key: Callable[[], Any] | None = technician_seal_key  # signs the record at its end, when a key exists
    code_known_hosts: Path | None = None  # the agents' keys, trusted on first use (default: the state folder)
    technician_key: Path | None = None  # for the relay (default: sessions.relay.techkey.default_key_path())


@dataclass(frozen=True, slots=True)
class Notice:
    """A sentence for the technician that is not an error (e.g. secrets are kept for this run only)."""

    text: str


@dataclass(frozen=True, slots=True)
class Failed:
    """Connecting failed: `message` in English; `code` and `params` to show it in the reader's language.

    ``code`` is the SupportError's code, or ``unexpected`` (``params["error"]``) for a bug.
    """

    message: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    error: SupportError | None = field(default=None, compare=False, repr=False)  # e.g. a key to show


@dataclass(frozen=True, slots=True)
class ChatOpened:
    """The chat with the customer is open (sessions by code): show `conversation`."""

    conversation: Conversation = field(compare=False)


@dataclass(frozen=True, slots=True)
class ChatEntryChanged:
    """A chat line to show, new or changed (translated, failed, held back)."""

    entry: ChatEntry


@dataclass(frozen=True, slots=True)
class ChatUnavailable:
    """The chat could not be opened; `message` says why."""

    message: str


SupportEventValue = LiveEventValue | Notice | Failed | ChatOpened | ChatEntryChanged | ChatUnavailable


class SupportSession:
    """One session tab's worth of work (see the module docstring). `start()` may be called again to retry."""

    def __init__(
        self,
        plan: SessionPlan,
        setup: SessionSetup,
        asker: Asker,
        *,
        translator_factory: Callable[[], TranslatorLike | None] | None = None,
        detect: Callable[[str], str | None] | None = None,
    ) -> None:
        self.plan = plan
        self.setup = setup
        self._asker = asker
        self._translator_factory = translator_factory
        self._detect = detect
        self.events: Subscribers[SupportEventValue] = Subscribers("support session")
        self.live: LiveSession | None = None
        self.code_session: CodeSession | None = None
        self.conversation: Conversation | None = None
        self._task: asyncio.Task[None] | None = None
        self._chat_task: asyncio.Future[Any] | None = None

    def subscribe(self, callback: Callable[[SupportEventValue], None]) -> Unsubscribe:
        return self.events.subscribe(callback)

    # --- lifecycle ------------------------------------------------------------------------------------
    def start(self, cols: int | None = None, rows: int | None = None) -> None:
        """Connect (again): a new LiveSession and a new record. Must run on the event loop."""
        request = SessionRequest(
            label=self.plan.label,
            technician=self.setup.technician,
            device=self.plan.device,
            archive_root=self.setup.archive_root,
            via=self.plan.via,
            cols=cols or self.setup.cols,
            rows=rows or self.setup.rows,
            resumable=self.plan.via == "code",
            seal_key=self.setup.seal_key,
        )
        self.live = LiveSession(request, self._open_connection)
        self.live.subscribe(self._on_live)
        self._task = asyncio.ensure_future(self._run(self.live))

    async def _run(self, live: LiveSession) -> None:
        try:
            await live.run()
        except SupportError as exc:
            self.events.emit(Failed(str(exc), exc.code, dict(exc.params), exc))
        except asyncio.CancelledError:
            pass
        except Exception as exc:  # top-level boundary of a session task: log and show, never vanish
            log.exception("session task crashed")
            self.events.emit(Failed(f"Unexpected error: {exc}", "unexpected", {"error": str(exc)}))

    async def wait(self) -> None:
        """Until the session task (connect, then the whole session) is over."""
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)

    @property
    def state(self) -> SessionState:
        return self.live.state if self.live is not None else SessionState.NEW

    def is_live(self) -> bool:
        return self.state in (SessionState.CONNECTING, SessionState.ACTIVE, SessionState.RECONNECTING)

    def end(self) -> None:
        """Cancel a connect in progress, or end the running session (and the code session with it)."""
        live = self.live
        if live is not None and self.is_live():
            if self._task is not None and not self._task.done() and live.shell is None:
                self._task.cancel()
            else:
                live.end()
        if self.code_session is not None:
            _keep(asyncio.ensure_future(self.code_session.close()))

    def write(self, data: bytes) -> None:
        if self.live is not None:
            self.live.write(data)

    def resize(self, cols: int, rows: int) -> None:
        if self.live is not None:
            self.live.resize(cols, rows)

    def resume_recording(self) -> bool:
        """Try writing the record again after a RecordingProblem; True when it works again."""
        recorder = self.live.recorder if self.live is not None else None
        return recorder is not None and recorder.resume()

    # --- connecting -----------------------------------------------------------------------------------
    async def _open_connection(self, on_progress: Callable[[str], None]) -> asyncssh.SSHClientConnection:
        # The device's saved password and passphrase are redacted by value from chat, translation
        # requests and bundles even when a key logs in first (sessions.secrets.held).
        await asyncio.to_thread(preload, self.plan.target)
        trust = HostKeyTrust(ask=self._asker.host_key, accept_new=self.plan.accept_new)
        credentials = Credentials(
            ask_password=self._asker.password,
            ask_passphrase=self._asker.passphrase,
            on_password_refused=self._asker.password_refused,
        )
        if self.plan.relay is not None:
            connection = await self._join(trust, credentials, on_progress)
        else:
            connection = await connect(
                self.plan.target, trust=trust, credentials=credentials, on_progress=on_progress
            )
        notice = secrets.take_fallback_notice()
        if notice:
            self.events.emit(Notice(notice))
        return connection

    async def _join(
        self, trust: HostKeyTrust, credentials: Credentials, on_progress: Callable[[str], None]
    ) -> asyncssh.SSHClientConnection:
        assert self.plan.relay is not None
        # The agent's key is new for every code: the relay vouches for the pairing, so trust it on first
        # use in a file of its own; the relay's key is asked about like any host's.
        inner_trust = HostKeyTrust(
            known_hosts=self.setup.code_known_hosts or app_dirs().state / "code_known_hosts",
            read_user_known_hosts=False,
            accept_new=True,
        )
        key_access = TechnicianKeyAccess(self.setup.technician_key, ask=self._asker.technician_passphrase)
        options = JoinOptions(
            trust=trust, key_access=key_access, inner_trust=inner_trust, credentials=credentials
        )
        self.code_session = CodeSession(self.plan.relay, self.plan.code, options)
        self.code_session.subscribe(lambda event: self._on_join(event, on_progress))
        on_progress(SessionStage.RELAY)
        return await self.code_session.join()

    def _on_join(self, event: JoinEventValue, on_progress: Callable[[str], None]) -> None:
        live = self.live
        if isinstance(event, JoinStatus) and event.state is JoinState.AWAITING_CONSENT:
            on_progress(SessionStage.CUSTOMER)
        elif isinstance(event, JoinStatus) and event.state is JoinState.CLOSED and live is not None:
            live.end(event.detail)
        elif isinstance(event, Rejoined) and live is not None:
            self.conversation = None  # the chat channel died with the link: reopened once the shell is back
            _keep(asyncio.ensure_future(live.resume(event.conn)))

    def _on_live(self, event: LiveEventValue) -> None:
        self.events.emit(event)
        active = isinstance(event, SessionStatus) and event.state is SessionState.ACTIVE
        if active and self.plan.via == "code" and self.conversation is None:
            self._chat_task = _keep(asyncio.ensure_future(self.open_chat()))

    # --- chat -----------------------------------------------------------------------------------------
    async def open_chat(self) -> Conversation | None:
        """Open the chat channel inside the session (sessions by code); ChatOpened or ChatUnavailable."""
        live = self.live
        if live is None or live.connection is None:
            return None
        try:
            link = await ChatLink.open(live.connection)
        except SupportError as exc:
            self.events.emit(ChatUnavailable(str(exc)))
            return None
        conversation = Conversation(
            translator=self._translator_factory() if self._translator_factory else None,
            technician_lang=self.setup.technician_lang,
            on_entry=lambda entry: self.events.emit(ChatEntryChanged(entry)),
            record=live.record_event,
            detect=self._detect,
        )
        conversation.attach(link)
        self.conversation = conversation
        self.events.emit(ChatOpened(conversation))
        return conversation

    # --- diagnostics and the record -------------------------------------------------------------------
    def can_diagnose(self) -> bool:
        return self.live is not None and self.live.state is SessionState.ACTIVE

    async def diagnostics_runner(self) -> DiagnosticsRunner:
        """A runner over this session's connection; raw outputs, findings and platform go into its record."""
        live = self.live
        if live is None or live.connection is None or not self.can_diagnose():
            raise DiagnosticsError(
                "This session is not connected.",
                "Connect first, then run diagnostics.",
                code="diagnostics.not_connected",
            )
        return await start_run(live.connection, self.plan.profile, record=live.recorder)

    def can_end(self) -> bool:
        """True once there is a record to write the outcome to (live, or ended with its record kept)."""
        return self.live is not None and self.live.recorder is not None

    def record_ending(self, ending: Ending, *, working_days: int = 2) -> str | None:
        """Write the outcome, survey and any follow-up to this session's record; returns the due date."""
        recorder = self.live.recorder if self.live is not None else None
        if recorder is None:
            raise SessionClosedError(
                "This session has no record to write the outcome to.", code="session.no_record"
            )
        target: RecorderLike = recorder if not recorder.closed else ClosedRecord(recorder.folder)
        return record_ending(target, ending, working_days=working_days)


_running: set[asyncio.Future[Any]] = set()


def _keep(task: asyncio.Future[Any]) -> asyncio.Future[Any]:
    """Hold a reference to a background task until it is done (asyncio keeps only weak ones)."""
    _running.add(task)
    task.add_done_callback(_running.discard)
    return task
