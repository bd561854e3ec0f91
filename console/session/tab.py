"""One session tab: a status banner over the terminal, wired to a LiveSession through the bridge."""

from __future__ import annotations

import asyncio
import getpass
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import asyncssh
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from console.kit.prompts import SecretDialog, await_dialog, host_key_box, password_retry_note
from console.kit.tasks import spawn
from console.kit.widgets import named
from console.session.bridge import SessionBridge
from console.session.chat_pane import ChatPane
from console.session.technician_key import ask_technician_passphrase, key_error_text, offer_new_key
from console.terminal import TerminalWidget
from sessions import codes, secrets
from sessions.chat.conversation import Conversation, TranslatorLike
from sessions.chat.link import ChatLink
from sessions.config import Settings
from sessions.devices import Device
from sessions.diagnostics import DiagnosticsRunner, Finding, detect_profile, resolve_profile
from sessions.diagnostics.platform import platform_of
from sessions.ending import ClosedRecord, Ending, RecorderLike, record_ending
from sessions.errors import (
    DiagnosticsError,
    RelayKeyRefusedError,
    SupportError,
    TechnicianKeyError,
    TechnicianKeyLockedError,
)
from sessions.live import SessionRequest, SessionState, SessionStatus
from sessions.paths import app_dirs
from sessions.recording import DeviceInfo
from sessions.recording.seal import technician_seal_key
from sessions.relay.joined import CodeSession, JoinState, JoinStatus
from sessions.relay.unlock import PassphraseAnswer, PassphraseQuestion, TechnicianKeyAccess
from sessions.ssh.auth import PASSWORD_TRIES, Credentials, preload
from sessions.ssh.client import connect
from sessions.ssh.hostkeys import HostKeyQuestion, HostKeyTrust
from sessions.ssh.target import Target
from translation import detect

OpenerFactory = Callable[["SessionTab"], Callable[[Callable[[str], None]], object]]


@dataclass(frozen=True, slots=True)
class SessionPlan:
    """What a tab connects to and how it is labelled and recorded."""

    label: str
    target: Target
    device: DeviceInfo
    via: str = "direct"
    accept_new: bool = False
    profile: str = "auto"  # diagnostics profile: auto-detected on the device unless the device book says
    code: str = ""  # nine digits when joined by code through `relay`
    relay: Target | None = None

    @classmethod
    def direct(cls, target: Target, *, accept_new: bool = False) -> SessionPlan:
        device = DeviceInfo(name=target.host, host=target.host, port=target.port, user=target.login)
        return cls(target.display, target, device, accept_new=accept_new)

    @classmethod
    def by_code(cls, code: str, relay: Target, *, accept_new: bool = False) -> SessionPlan:
        """A session through the relay; *code* is already checked (nine digits)."""
        label = QCoreApplication.translate("SessionPlan", "Code {code}").format(code=codes.display(code))
        device = DeviceInfo(name=label, host=codes.wire(code), port=22, user="")
        target = Target(codes.wire(code), 22, "")
        return cls(label, target, device, via="code", accept_new=accept_new, code=code, relay=relay)

    @classmethod
    def for_device(cls, device: Device) -> SessionPlan:
        target = device.target()
        info = DeviceInfo(name=device.name, host=device.host, port=device.port, user=target.login)
        return cls(device.name, target, info, profile=device.profile or "auto")


class SessionTab(QWidget):
    """Banner + terminal for one session."""

    title_changed = Signal(str)
    notice = Signal(str)

    def __init__(
        self,
        plan: SessionPlan,
        settings: Settings,
        parent: QWidget | None = None,
        translator_factory: Callable[[], TranslatorLike | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.plan = plan
        self.settings = settings
        self.setObjectName("sessionTab")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        self.banner = QFrame()
        self.banner.setObjectName("sessionBanner")
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(8, 4, 8, 4)
        self.status_label = named(QLabel(), "sessionStatus", self.tr("Session status"))
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # key lines
        self.action_button = named(
            QPushButton(self.tr("Cancel")), "sessionAction", self.tr("Cancel connecting")
        )
        self.action_button.clicked.connect(self._on_action_clicked)
        banner_row.addWidget(self.status_label, 1)
        banner_row.addWidget(self.action_button)
        layout.addWidget(self.banner)

        self.terminal = TerminalWidget(self, font=self._font(), scrollback=self._scrollback())
        self.terminal.setAccessibleName(self.tr("Terminal of {label}").format(label=plan.label))
        self.chat = ChatPane(self._technician(), self)
        self.chat.setVisible(plan.via == "code")  # the chat channel lives inside sessions by code
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("sessionSplitter")
        self.splitter.addWidget(self.terminal)
        self.splitter.addWidget(self.chat)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([3000, 1100])  # scaled to the real width: the terminal gets most of it
        layout.addWidget(self.splitter, 1)
        self.translator_factory = translator_factory
        self.conversation: Conversation | None = None
        self.code_session: CodeSession | None = None
        self.ending: Ending | None = None  # set once the outcome is recorded (End session…)

        self.bridge: SessionBridge | None = None
        self._state = SessionState.NEW
        self._password_note = ""  # set when the device refused a password: shown when it is asked again
        self._key_problem: SupportError | None = None  # a technician-key failure, shown in the UI's language

    # --- settings -------------------------------------------------------------------------------------
    def _font(self) -> QFont:
        font = QFont(self.settings.get("ui", "font_family", "monospace"))
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(int(self.settings.get("ui", "font_size", 11)))
        return font

    def _scrollback(self) -> int:
        return int(self.settings.get("terminal", "scrollback", 10_000))

    def _technician(self) -> str:
        return str(self.settings.get("technician", "name", "") or getpass.getuser())

    def technician_name(self) -> str:
        return self._technician()

    def apply_settings(self) -> None:
        self.terminal.set_font(self._font())

    def archive_root(self) -> Path:
        configured = self.settings.get("recording", "archive", "")
        return Path(configured) if configured else app_dirs().archive

    # --- lifecycle ------------------------------------------------------------------------------------
    def start(self) -> None:
        """Connect (again): a new LiveSession and a new record."""
        request = SessionRequest(
            label=self.plan.label,
            technician=self._technician(),
            device=self.plan.device,
            archive_root=self.archive_root(),
            via=self.plan.via,
            cols=self.terminal.cols,
            rows=self.terminal.rows,
            resumable=self.plan.via == "code",
            seal_key=technician_seal_key,  # signs the record at its end when a technician key exists
        )
        self.bridge = SessionBridge(request, self._open_connection, self)
        self.bridge.status_changed.connect(self._on_bridge_status_changed)
        self.bridge.output_received.connect(self.terminal.feed)
        self.bridge.recording_problem.connect(self._on_bridge_recording_problem)
        self.bridge.failed.connect(self._on_bridge_failed)
        self.terminal.input_ready.connect(self.bridge.session.write)
        self.terminal.grid_resized.connect(self.bridge.session.resize)
        self.terminal.title_changed.connect(self._on_terminal_title_changed)
        self.bridge.start()

    async def _open_connection(self, on_progress: Callable[[str], None]) -> asyncssh.SSHClientConnection:
        # The device's saved password and passphrase are redacted by value from chat, translation
        # requests and bundles even when a key logs in first (sessions.secrets.held).
        await asyncio.to_thread(preload, self.plan.target)
        trust = HostKeyTrust(ask=self._ask_host_key, accept_new=self.plan.accept_new)
        credentials = Credentials(
            ask_password=self._ask_password,
            ask_passphrase=self._ask_passphrase,
            on_password_refused=self._on_password_refused,
        )
        self._key_problem = None
        try:
            connection = await self._connect(trust, credentials, on_progress)
        except (TechnicianKeyError, RelayKeyRefusedError) as exc:
            self._key_problem = exc
            raise
        notice = secrets.take_fallback_notice()
        if notice:
            self.notice.emit(notice)
        return connection

    async def _connect(
        self, trust: HostKeyTrust, credentials: Credentials, on_progress: Callable[[str], None]
    ) -> asyncssh.SSHClientConnection:
        if self.plan.relay is not None:
            # The agent's key is new for every code: the relay vouches for the pairing, so trust it on
            # first use in a file of its own; the relay's key is asked about like any host's.
            inner_trust = HostKeyTrust(
                known_hosts=app_dirs().state / "code_known_hosts",
                read_user_known_hosts=False,
                accept_new=True,
            )
            self.code_session = CodeSession(
                self.plan.relay,
                self.plan.code,
                trust=trust,
                inner_trust=inner_trust,
                credentials=credentials,
                key_access=TechnicianKeyAccess(ask=self._ask_technician_passphrase),
            )
            self.code_session.on_state = self._on_code_session_state
            self.code_session.on_reconnected = self._on_code_session_reconnected
            on_progress("connecting to the relay")
            return await self.code_session.join()
        return await connect(self.plan.target, trust=trust, credentials=credentials, on_progress=on_progress)

    def _on_code_session_state(self, status: JoinStatus) -> None:
        if status.state is JoinState.AWAITING_CONSENT and self._state is SessionState.CONNECTING:
            self._show_banner(
                self.tr("Waiting for the customer to allow the connection…"), self.tr("Cancel"), "info"
            )
        elif status.state is JoinState.CLOSED and self.bridge is not None:
            self.bridge.session.end(status.detail)

    def _on_code_session_reconnected(self, connection: asyncssh.SSHClientConnection) -> None:
        if self.bridge is not None:
            spawn(self.bridge.session.resume(connection))
        self.conversation = None  # the chat channel died with the link: reopened once the shell is back

    def is_live(self) -> bool:
        return self._state in (SessionState.CONNECTING, SessionState.ACTIVE, SessionState.RECONNECTING)

    def end(self) -> None:
        if self.bridge is not None and self.is_live():
            self.bridge.cancel()
        if self.code_session is not None:
            spawn(self.code_session.close())

    def can_end(self) -> bool:
        """True once there is a record to write the outcome to (live, or ended with its record kept)."""
        return bool(self.bridge and self.bridge.session.recorder is not None)

    def record_ending(self, ending: Ending) -> str | None:
        """Write the outcome, survey and any follow-up to this session's record; returns the due date."""
        recorder = self.bridge.session.recorder if self.bridge else None
        if recorder is None:
            raise SupportError(self.tr("This session has no record to write the outcome to."))
        target: RecorderLike = recorder if not recorder.closed else ClosedRecord(recorder.folder)
        working_days = int(self.settings.get("followup", "working_days", 2))
        return record_ending(target, ending, working_days=working_days)

    # --- questions asked while connecting -------------------------------------------------------------
    async def _ask_host_key(self, question: HostKeyQuestion) -> bool:
        box = host_key_box(self, question.host_display, question.key_type, question.fingerprint)
        trust_button = box.findChild(QPushButton, "hostKeyTrust")
        await await_dialog(box)
        return box.clickedButton() is trust_button

    def _on_password_refused(self, target: Target, refused: int) -> None:
        self._password_note = password_retry_note(refused, PASSWORD_TRIES)

    async def _ask_technician_passphrase(self, question: PassphraseQuestion) -> PassphraseAnswer | None:
        return await ask_technician_passphrase(self, question)

    async def _ask_password(self, target: Target) -> tuple[str, bool] | None:
        note, self._password_note = self._password_note, ""
        dialog = SecretDialog(
            self,
            self.tr("Password"),
            self.tr("Password for {who}:").format(who=target.display),
            offer_save=True,
            note=note,
        )
        if await await_dialog(dialog) != SecretDialog.DialogCode.Accepted:
            return None
        return dialog.secret.text(), dialog.save.isChecked()

    async def _ask_passphrase(self, key_file: Path) -> tuple[str, bool] | None:
        dialog = SecretDialog(
            self,
            self.tr("Key passphrase"),
            self.tr("Passphrase for the key {path}:").format(path=key_file),
            offer_save=True,
        )
        if await await_dialog(dialog) != SecretDialog.DialogCode.Accepted:
            return None
        return dialog.secret.text(), dialog.save.isChecked()

    # --- reacting to the session ----------------------------------------------------------------------
    def _on_bridge_status_changed(self, status: SessionStatus) -> None:
        self._state = status.state
        if status.state is SessionState.CONNECTING:
            stage = {
                "resolving": self.tr("Looking up {label}…"),
                "connecting": self.tr("Connecting to {label}…"),
                "waiting for the server": self.tr("Waiting for {label} to answer (SSH)…"),
                "key exchange": self.tr("Setting up encryption with {label}…"),
                "verifying host key": self.tr("Checking the host key of {label}…"),
                "authenticating": self.tr("Logging in to {label}…"),
                "opening channel": self.tr("Opening a shell on {label}…"),
                "opening shell": self.tr("Opening a shell on {label}…"),
                "connecting to the relay": self.tr("Connecting to the relay…"),
                "waiting for the customer": self.tr("Waiting for the customer to allow the connection…"),
            }.get(status.detail, self.tr("Connecting to {label}…"))
            self._show_banner(stage.format(label=self.plan.label), self.tr("Cancel"), "info")
        elif status.state is SessionState.ACTIVE:
            self.banner.hide()
            self.terminal.setFocus()
            if self.plan.via == "code" and self.conversation is None:
                spawn(self._open_chat())
        elif status.state is SessionState.RECONNECTING:
            self._show_banner(self.tr("Connection lost: reconnecting…"), "", "warn")
        elif status.state is SessionState.ENDED:
            self._show_banner(self.tr("Session ended: {reason}").format(reason=status.detail), "", "info")
            self.title_changed.emit(self.tr("{label} (ended)").format(label=self.plan.label))

    async def _open_chat(self) -> None:
        session = self.bridge.session if self.bridge else None
        if session is None or session.connection is None:
            return
        try:
            link = await ChatLink.open(session.connection)
        except SupportError as exc:
            self.chat.preview_note.setText(str(exc))
            return
        self.conversation = Conversation(
            translator=self.translator_factory() if self.translator_factory else None,
            technician_lang=str(self.settings.get("translation", "technician_language", "en")),
            on_entry=self.chat.show_entry,
            record=session.record_event,
            detect=detect,
        )
        self.conversation.attach(link)
        self.chat.bind(self.conversation)

    def can_diagnose(self) -> bool:
        return bool(self.bridge and self.bridge.session.state is SessionState.ACTIVE)

    async def make_diagnostics_runner(self) -> DiagnosticsRunner:
        """A runner over this session's connection; findings and raw outputs go into its record."""
        session = self.bridge.session if self.bridge else None
        if session is None or session.connection is None or not self.can_diagnose():
            raise DiagnosticsError(
                self.tr("This session is not connected."), self.tr("Connect first, then run diagnostics.")
            )
        connection = session.connection
        if self.plan.profile in ("", "auto"):
            profile = await detect_profile(connection)
        else:
            profile = resolve_profile(self.plan.profile)
        recorder = session.recorder
        raw_dir = recorder.folder / "diagnostics" / "raw" if recorder is not None else None
        if recorder is not None:
            recorder.marker(f"diagnostics: {profile.name}")

        def sink(finding: Finding) -> None:
            session.record_event("diagnostics.finding", finding.to_dict())
            platform = platform_of(finding, profile)
            if platform and recorder is not None and not recorder.closed:
                recorder.update_meta(platform=platform)  # "md degraded on DSM 7.2" in the archive's reports

        return DiagnosticsRunner(connection, profile, raw_dir=raw_dir, sink=sink)

    def _on_bridge_failed(self, message: str) -> None:
        self._state = SessionState.FAILED
        problem = self._key_problem
        if isinstance(problem, TechnicianKeyLockedError):
            self._show_banner(key_error_text(problem), self.tr("Create a new key…"), "error")
            return
        self._show_banner(key_error_text(problem) if problem else message, self.tr("Try again"), "error")

    async def _replace_key(self) -> None:
        """The one-click way out of a lost key passphrase: a new key, its line to send, then Try again."""
        try:
            key = await offer_new_key(self)
        except SupportError as exc:
            self._show_banner(str(exc), self.tr("Create a new key…"), "error")
            return
        if key is not None:
            self._key_problem = None
            self._show_banner(
                self.tr("A new key was made. Once the relay lists it, join again."),
                self.tr("Try again"),
                "info",
            )

    def _on_bridge_recording_problem(self, message: str) -> None:
        self._show_banner(message, self.tr("Resume recording"), "warn")

    def _on_terminal_title_changed(self, title: str) -> None:
        if title:
            self.title_changed.emit(f"{self.plan.label} — {title}")

    def _on_action_clicked(self) -> None:
        text = self.action_button.text()
        if text == self.tr("Cancel"):
            self.end()
        elif text == self.tr("Try again"):
            self.start()
        elif text == self.tr("Create a new key…"):
            spawn(self._replace_key())
        elif text == self.tr("Resume recording"):
            recorder = self.bridge.session.recorder if self.bridge else None
            if recorder is not None and recorder.resume():
                self.banner.hide()

    def _show_banner(self, text: str, action: str, level: str) -> None:
        colours = {"info": "#e8f0fe", "warn": "#fff4e5", "error": "#fdecea"}
        self.banner.setStyleSheet(f"#sessionBanner {{ background: {colours[level]}; }}")
        self.status_label.setText(text)
        self.action_button.setText(action)
        self.action_button.setAccessibleName(action)
        self.action_button.setVisible(bool(action))
        self.banner.show()
