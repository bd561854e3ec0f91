"""One session tab: a status banner over the terminal and its find bar, showing a SupportSession (Qt-free).

How a session connects, rejoins, opens chat and records diagnostics lives in sessions.support; the tab
asks the technician's questions (host key, password) and shows what the session publishes. The tab owns
its chat pane, diagnostics findings and escalations; the main window's docks show the current tab's.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from console.app import messages
from console.app.errors import render_coded, render_error
from console.kit.prompts import SecretDialog, await_dialog, host_key_box, password_retry_note
from console.kit.tasks import spawn
from console.kit.widgets import named
from console.session.bridge import SessionBridge
from console.session.chat_pane import ChatPane
from console.session.findbar import FindBar
from console.session.technician_key import ask_technician_passphrase, key_error_text, offer_new_key
from console.terminal import TerminalWidget
from sessions import codes
from sessions.chat.conversation import Conversation, TranslatorLike
from sessions.config import Settings
from sessions.diagnostics import DiagnosticsRunner
from sessions.ending import Ending
from sessions.errors import RelayKeyRefusedError, SupportError, TechnicianKeyError, TechnicianKeyLockedError
from sessions.identity import Identity
from sessions.live import Output, RecordingProblem, SessionState, SessionStatus
from sessions.paths import app_dirs
from sessions.relay.joined import CodeSession
from sessions.relay.relays import RelayAddress
from sessions.relay.unlock import PassphraseAnswer, PassphraseQuestion
from sessions.ssh.auth import PASSWORD_TRIES
from sessions.ssh.hostkeys import HostKeyQuestion
from sessions.ssh.target import Target
from sessions.stages import SessionStage
from sessions.support import (
    ChatEntryChanged,
    ChatOpened,
    ChatUnavailable,
    Failed,
    Notice,
    SessionPlan,
    SessionSetup,
    SupportSession,
)
from translation import detect

__all__ = ["SessionPlan", "SessionTab", "plan_by_code"]


def plan_by_code(code: str, relay: RelayAddress, *, accept_new: bool = False) -> SessionPlan:
    """A session through the relay, labelled in the console's language; *code* is already checked."""
    label = QCoreApplication.translate("SessionPlan", "Code {code}").format(code=codes.display(code))
    return SessionPlan.by_code(code, relay, label=label, accept_new=accept_new)


class BannerAction(enum.Enum):
    """What the banner's button does (never read back from its translated text)."""

    CANCEL = "cancel"
    TRY_AGAIN = "try again"
    RESUME_RECORDING = "resume recording"
    NEW_KEY = "new key"
    RECONNECT = "reconnect"
    DUPLICATE = "duplicate"


class Recording(enum.Enum):
    """What the tab's recording indicator shows."""

    NONE = "none"  # not connected yet: nothing is recorded
    ON = "on"  # a red dot: every byte goes to the record
    SUSPENDED = "suspended"  # a warning: writing failed, the session goes on unrecorded
    DONE = "done"  # the record is sealed


class SessionTab(QWidget):
    """Banner + terminal (+ find bar) for one session; the main window's Chat dock shows its chat pane."""

    title_changed = Signal(str)
    recording_changed = Signal()  # see recording()
    duplicate_requested = Signal()  # the banner's Duplicate: a new tab to the same device
    state_changed = Signal()  # live, ended, failed: the main window's actions follow

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
        self.second_button = named(
            QPushButton(self.tr("Duplicate")), "sessionSecondAction", self.tr("Open a new tab to this device")
        )
        self.second_button.clicked.connect(self.duplicate_requested.emit)
        self.second_button.hide()
        banner_row.addWidget(self.status_label, 1)
        banner_row.addWidget(self.action_button)
        banner_row.addWidget(self.second_button)
        layout.addWidget(self.banner)

        self.terminal = TerminalWidget(self, font=self._font(), scrollback=self._scrollback())
        self.terminal.setAccessibleName(self.tr("Terminal of {label}").format(label=plan.label))
        layout.addWidget(self.terminal, 1)
        self.find_bar = FindBar(self.terminal, self)
        layout.addWidget(self.find_bar)
        # The chat channel lives inside sessions by code; the main window's Chat dock shows this pane.
        self.chat = ChatPane(self.identity(), self)
        self.chat.hide()
        self.bundles: set[str] = set()  # escalations queued from this tab (the Escalations dock's filter)
        self.escalate_dialog: QWidget | None = None  # the one Escalate dialog of this tab, while open
        self._recording = Recording.NONE
        self._record_folder: Path | None = None
        self.translator_factory = translator_factory
        self.ending: Ending | None = None  # set once the outcome is recorded (End session…)
        self.support = SupportSession(
            plan, self._setup(), _TabAsker(self), translator_factory=translator_factory, detect=detect
        )
        self.bridge: SessionBridge | None = None  # made at the first start()
        self._password_note = ""  # set when the device refused a password: shown when it is asked again
        self._key_problem: SupportError | None = None  # a technician-key failure, shown in the UI's language
        self._state = SessionState.NEW
        self._action: BannerAction | None = BannerAction.CANCEL  # the button made above: Cancel
        self.terminal.input_ready.connect(self.support.write)
        self.terminal.grid_resized.connect(self.support.resize)
        self.terminal.title_changed.connect(self._on_terminal_title_changed)

    # --- settings -------------------------------------------------------------------------------------
    def _font(self) -> QFont:
        font = QFont(self.settings.get("ui", "font_family", "monospace"))
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(int(self.settings.get("ui", "font_size", 11)))
        return font

    def _scrollback(self) -> int:
        return int(self.settings.get("terminal", "scrollback", 10_000))

    def identity(self) -> Identity:
        return Identity.from_settings(self.settings)

    def _technician(self) -> str:
        """The record's technician field: the display name and company from Settings ▸ Identity."""
        return self.identity().label()

    def technician_name(self) -> str:
        return self._technician()

    def apply_settings(self) -> None:
        self.terminal.set_font(self._font())
        self.chat.set_identity(self.identity())

    def archive_root(self) -> Path:
        configured = self.settings.get("recording", "archive", "")
        return Path(configured) if configured else app_dirs().archive

    def _setup(self) -> SessionSetup:
        return SessionSetup(
            technician=self._technician(),
            archive_root=self.archive_root(),
            technician_lang=str(self.settings.get("translation", "technician_language", "en")),
        )

    @property
    def conversation(self) -> Conversation | None:
        """The chat with the customer (sessions by code, once open)."""
        return self.support.conversation

    @property
    def code_session(self) -> CodeSession | None:
        return self.support.code_session

    # --- lifecycle ------------------------------------------------------------------------------------
    def start(self) -> None:
        """Connect (again): a new LiveSession and a new record."""
        self.support.setup = self._setup()  # a name changed in Settings since the last start counts
        self.terminal.set_read_only(False)
        self.support.start(self.terminal.cols, self.terminal.rows)  # its task runs once this returns
        if self.bridge is None:
            self.bridge = SessionBridge(self.support, self)
            self.bridge.on(SessionStatus, self._on_bridge_status_changed)
            self.bridge.on(Output, lambda event: self.terminal.feed(event.data))
            self.bridge.on(RecordingProblem, self._on_bridge_recording_problem)
            self.bridge.on(Failed, self._on_bridge_failed)
            self.bridge.on(Notice, lambda event: messages.warning(event.text))
            self.bridge.on(ChatOpened, lambda event: self.chat.bind(event.conversation))
            self.bridge.on(ChatEntryChanged, lambda event: self.chat.show_entry(event.entry))
            self.bridge.on(ChatUnavailable, lambda event: self.chat.preview_note.setText(event.message))

    def is_live(self) -> bool:
        return self._state in (SessionState.CONNECTING, SessionState.ACTIVE, SessionState.RECONNECTING)

    def is_over(self) -> bool:
        """Ended or failed: its inputs are off and the banner offers Reconnect (and Duplicate)."""
        return self._state in (SessionState.ENDED, SessionState.FAILED)

    def can_duplicate(self) -> bool:
        """A code is single-use: only a direct session can be opened again in a new tab."""
        return self.plan.via != "code"

    def recording(self) -> tuple[Recording, str]:
        """The recording indicator's state and its tooltip."""
        folder = str(self._record_folder or "")
        texts = {
            Recording.NONE: self.tr("Not recording yet: the record starts once the session is open."),
            Recording.ON: self.tr("Recording to {folder}").format(folder=folder),
            Recording.SUSPENDED: self.tr(
                "Recording is suspended: the session goes on unrecorded. Use Resume recording in the banner."
            ),
            Recording.DONE: self.tr("Recorded to {folder}").format(folder=folder),
        }
        return self._recording, texts[self._recording]

    def _set_recording(self, state: Recording) -> None:
        if state is Recording.ON:
            recorder = self.bridge.session.recorder if self.bridge is not None else None
            self._record_folder = recorder.folder if recorder is not None else self._record_folder
        if state is Recording.DONE and self._record_folder is None:
            state = Recording.NONE
        self._recording = state
        self.recording_changed.emit()

    def end(self) -> None:
        self.support.end()

    def can_end(self) -> bool:
        """True once there is a record to write the outcome to (live, or ended with its record kept)."""
        return self.support.can_end()

    def record_ending(self, ending: Ending) -> str | None:
        """Write the outcome, survey and any follow-up to this session's record; returns the due date."""
        working_days = int(self.settings.get("followup", "working_days", 2))
        return self.support.record_ending(ending, working_days=working_days)

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
    def _stage_text(self, stage: SessionStage | None) -> str:
        texts = {
            SessionStage.RESOLVING: self.tr("Looking up {label}…"),
            SessionStage.CONNECTING: self.tr("Connecting to {label}…"),
            SessionStage.BANNER: self.tr("Waiting for {label} to answer (SSH)…"),
            SessionStage.KEY_EXCHANGE: self.tr("Setting up encryption with {label}…"),
            SessionStage.HOST_KEY: self.tr("Checking the host key of {label}…"),
            SessionStage.AUTHENTICATING: self.tr("Logging in to {label}…"),
            SessionStage.OPENING_CHANNEL: self.tr("Opening a shell on {label}…"),
            SessionStage.OPENING_SHELL: self.tr("Opening a shell on {label}…"),
            SessionStage.RELAY: self.tr("Connecting to the relay…"),
            SessionStage.CUSTOMER: self.tr("Waiting for the customer to allow the connection…"),
        }
        text = texts.get(stage, "") if stage is not None else ""
        return (text or self.tr("Connecting to {label}…")).format(label=self.plan.label)

    def _on_bridge_status_changed(self, status: SessionStatus) -> None:
        was = self._state
        self._state = status.state
        if status.state is SessionState.CONNECTING:
            self._show_banner(self._stage_text(status.stage), BannerAction.CANCEL, "info")
        elif status.state is SessionState.ACTIVE:
            self.banner.hide()
            self.terminal.setFocus()
            self.title_changed.emit(self.plan.label)
            if was is not SessionState.RECONNECTING or self._recording is Recording.NONE:
                self._set_recording(Recording.ON)
        elif status.state is SessionState.RECONNECTING:
            self._show_banner(self.tr("Connection lost: reconnecting…"), None, "warn")
        elif status.state is SessionState.ENDED:
            self._show_banner(
                self.tr("Session ended: {reason}").format(reason=status.detail),
                BannerAction.RECONNECT,
                "info",
            )
            self._inputs_off()
            self.title_changed.emit(self.tr("{label} (ended)").format(label=self.plan.label))
            self._set_recording(Recording.DONE)
        self.state_changed.emit()

    def _inputs_off(self) -> None:
        """An ended or failed session: the terminal is read-only and the chat cannot send."""
        self.terminal.set_read_only(True)
        self.chat.set_ended()

    def can_diagnose(self) -> bool:
        return self.support.can_diagnose()

    async def make_diagnostics_runner(self) -> DiagnosticsRunner:
        """A runner over this session's connection; findings and raw outputs go into its record."""
        return await self.support.diagnostics_runner()

    def _on_bridge_failed(self, failed: Failed) -> None:
        self._state = SessionState.FAILED
        self._inputs_off()
        self._set_recording(Recording.DONE)
        self.state_changed.emit()
        problem = (
            failed.error if isinstance(failed.error, TechnicianKeyError | RelayKeyRefusedError) else None
        )
        self._key_problem = problem
        if isinstance(problem, TechnicianKeyLockedError):
            self._show_banner(key_error_text(problem), BannerAction.NEW_KEY, "error")
            return
        if problem is not None:
            message = key_error_text(problem)
        elif failed.code == "unexpected":
            message = self.tr("Unexpected error: {error}").format(error=failed.params.get("error", ""))
        elif failed.error is not None:
            message = render_error(failed.error).lines()
        else:
            message = render_coded(failed.code, failed.params, failed.message).lines()
        self._show_banner(message, BannerAction.TRY_AGAIN, "error")

    async def _replace_key(self) -> None:
        """The one-click way out of a lost key passphrase: a new key, its line to send, then Try again."""
        try:
            key = await offer_new_key(self)
        except SupportError as exc:
            self._show_banner(render_error(exc).lines(), BannerAction.NEW_KEY, "error")
            return
        if key is not None:
            self._key_problem = None
            self._show_banner(
                self.tr("A new key was made. Once the relay lists it, join again."),
                BannerAction.TRY_AGAIN,
                "info",
            )

    def _on_bridge_recording_problem(self, problem: RecordingProblem) -> None:
        self._show_banner(problem.message, BannerAction.RESUME_RECORDING, "warn")
        self._set_recording(Recording.SUSPENDED)

    def _on_terminal_title_changed(self, title: str) -> None:
        if title:
            self.title_changed.emit(f"{self.plan.label} — {title}")

    def _on_action_clicked(self) -> None:
        if self._action is BannerAction.CANCEL:
            self.end()
        elif self._action in (BannerAction.TRY_AGAIN, BannerAction.RECONNECT):
            self.reconnect()
        elif self._action is BannerAction.RESUME_RECORDING and self.support.resume_recording():
            self.banner.hide()
            self._set_recording(Recording.ON)
        elif self._action is BannerAction.NEW_KEY:
            spawn(self._replace_key())

    def reconnect(self) -> None:
        """The same plan again in this tab: a new session and a new record (the terminal keeps its text)."""
        if self.is_live():
            return
        self.terminal.feed(b"\r\n")
        self.start()

    def _show_banner(self, text: str, action: BannerAction | None, level: str) -> None:
        colours = {"info": "#e8f0fe", "warn": "#fff4e5", "error": "#fdecea"}
        self.banner.setStyleSheet(f"#sessionBanner {{ background: {colours[level]}; }}")
        self.status_label.setText(text)
        self._action = action
        label = self._action_label(action)
        self.action_button.setText(label)
        self.action_button.setAccessibleName(label)
        self.action_button.setVisible(action is not None)
        over = action in (BannerAction.RECONNECT, BannerAction.TRY_AGAIN)
        self.second_button.setVisible(over and self.can_duplicate())
        self.banner.show()

    def _action_label(self, action: BannerAction | None) -> str:
        if action is BannerAction.CANCEL:
            return self.tr("Cancel")
        if action is BannerAction.TRY_AGAIN:
            return self.tr("Try again")
        if action is BannerAction.RESUME_RECORDING:
            return self.tr("Resume recording")
        if action is BannerAction.NEW_KEY:
            return self.tr("Create a new key…")
        if action is BannerAction.RECONNECT:
            return self.tr("Reconnect")
        return ""


class _TabAsker:
    """The tab's dialogs as the questions a SupportSession asks while connecting."""

    def __init__(self, tab: SessionTab) -> None:
        self._tab = tab

    async def host_key(self, question: HostKeyQuestion) -> bool:
        return await self._tab._ask_host_key(question)

    async def password(self, target: Target) -> tuple[str, bool] | None:
        return await self._tab._ask_password(target)

    def password_refused(self, target: Target, refused: int) -> None:
        self._tab._on_password_refused(target, refused)

    async def passphrase(self, key_file: Path) -> tuple[str, bool] | None:
        return await self._tab._ask_passphrase(key_file)

    async def technician_passphrase(self, question: PassphraseQuestion) -> PassphraseAnswer | None:
        return await self._tab._ask_technician_passphrase(question)
