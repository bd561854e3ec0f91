"""The customer's window (`valuezone agent --gui`): the code, the consent question, activity, chat, End."""

from __future__ import annotations

import asyncio
import html
import logging
import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.agent.question_dialog import QuestionDialog
from console.agent.shell_view import LiveShells
from console.agent.vendor import VendorBox, wrapping
from console.kit.bridge import EventBridge
from console.kit.tasks import spawn
from console.kit.widgets import named
from sessions.agent.core import Agent
from sessions.agent.events import (
    Activity,
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
    VendorKnown,
)
from sessions.chat.message import ChatMessage
from sessions.errors import SupportError
from sessions.visible import visible

log = logging.getLogger(__name__)


class AgentWindow(QMainWindow):
    """Shows what the agent reports and lets the customer answer, chat and end the session."""

    def __init__(self, agent: Agent, *, auto_consent: bool = False) -> None:
        super().__init__()
        self.agent = agent
        self.texts = agent.texts  # the customer's language (`--lang`), for every label: offline, 5 languages
        self.auto_consent = auto_consent
        self.lang = agent.config.lang
        self.setObjectName("agentWindow")
        self.setWindowTitle(self._t("title"))
        self._fit_to_screen()
        body = QWidget()
        layout = QVBoxLayout(body)
        self.vendor_box = VendorBox(self.texts)
        layout.addWidget(self.vendor_box)

        self.state_label = named(QLabel(self._t("connecting")), "agentState", "")
        self.state_label.setAccessibleName(self._t("state_name"))
        self.state_label.setWordWrap(True)
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)  # it may hold a technician's name
        layout.addWidget(self.state_label)
        code_row = QHBoxLayout()
        self.code_label = named(QLabel("— — —"), "agentCode", self._t("code_name"))
        code_font = QFont()
        code_font.setPointSize(30)
        code_font.setBold(True)
        self.code_label.setFont(code_font)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = named(QPushButton(self._t("copy")), "agentCopyCode", self._t("copy_name"))
        self.copy_button.clicked.connect(self._on_copy_clicked)
        code_row.addWidget(self.code_label, 1)
        code_row.addWidget(self.copy_button)
        layout.addLayout(code_row)
        self.expiry_label = named(QLabel(""), "agentExpiry", self._t("expiry_name"))
        self.expiry_label.setWordWrap(True)
        layout.addWidget(self.expiry_label)
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self._on_countdown_timeout)

        split = QSplitter(Qt.Orientation.Vertical)
        self.shells = LiveShells(agent.texts, end_to_end=agent.end_to_end)
        split.addWidget(self.shells)
        self.activity = wrapping(named(QListWidget(), "agentActivity", self._t("activity_name")))
        split.addWidget(self.activity)
        chat_box = QWidget()
        chat_layout = QVBoxLayout(chat_box)
        chat_layout.setContentsMargins(0, 0, 0, 0)
        self.chat = wrapping(named(QListWidget(), "agentChat", self._t("chat_name")))
        self.chat.itemClicked.connect(self._on_chat_item_clicked)
        chat_layout.addWidget(self.chat, 1)
        entry_row = QHBoxLayout()
        self.entry = named(QLineEdit(), "agentChatEntry", self._t("entry_name"))
        self.entry.setPlaceholderText(self._t("entry_hint"))
        self.entry.returnPressed.connect(self._on_send_clicked)
        self.send_button = named(QPushButton(self._t("send")), "agentChatSend", self._t("send_name"))
        self.send_button.clicked.connect(self._on_send_clicked)
        entry_row.addWidget(self.entry, 1)
        entry_row.addWidget(self.send_button)
        chat_layout.addLayout(entry_row)
        split.addWidget(chat_box)
        split.setSizes([400, 110, 130])  # the live terminal gets most of the room
        layout.addWidget(split, 1)

        self.end_button = named(QPushButton(self._t("end")), "agentEnd", self._t("end_name"))
        self.end_button.clicked.connect(self._on_end_clicked)
        layout.addWidget(self.end_button)
        self.setCentralWidget(body)
        self._consent_box: QMessageBox | None = None
        self.questions: dict[str, QuestionDialog] = {}
        self._events = EventBridge(agent, self)
        self._events.received.connect(self._on_agent_event)
        self._starting: asyncio.Task[None] | None = None

    def _t(self, key: str, **values: object) -> str:
        return self.texts.text(f"window.{key}", **values)

    def _fit_to_screen(self) -> None:
        """760 × 720, or less on a small screen (1366 × 768 leaves ~730 pixels under the panel)."""
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        width, height = 760, 720
        if room is not None:
            width, height = min(width, room.width() - 20), min(height, room.height() - 40)
        self.resize(max(480, width), max(480, height))

    def start(self) -> asyncio.Task[None]:
        """Link the agent to the relay: the window shows the code, or why there is none."""
        self._starting = spawn(self._start())
        return self._starting

    async def _start(self) -> None:
        try:
            await self.agent.start()
        except SupportError as exc:  # expected (no relay, a changed key): the customer's words, the log
            log.info("agent could not start: %s (%s)", exc, exc.code)
            self.state_label.setText(self.texts.error(exc, relay=self.agent.config.relay.host_port))
        except Exception as exc:  # a bug: still the customer's words here, the traceback in the log
            log.warning("agent could not start: %s", exc, exc_info=True)
            self.state_label.setText(self.texts.error(exc, relay=self.agent.config.relay.host_port))

    # --- agent events (called on the loop thread, which is the Qt thread) -----------------------------
    def _on_agent_event(self, event: AgentEventValue) -> None:
        if self.shells.show_event(event):
            return
        if isinstance(event, VendorKnown):
            self.vendor_box.show_vendor(event.vendor, event.relay)
            name = event.vendor.name_in(self.texts.lang)
            self.setWindowTitle(self._t("title_vendor", vendor=name))
        elif isinstance(event, CodeIssued):
            self.code_label.setText(event.display)
            self._on_countdown_timeout()
            self.countdown.start()
        elif isinstance(event, StateChanged):
            self._show_state(event.new)
        elif isinstance(event, ConsentRequested):
            self._ask_consent(event)
        elif isinstance(event, ConsentWithdrawn):  # the activity line says why
            if self._consent_box is not None:
                self._consent_box.done(0)
        elif isinstance(event, Activity):
            self._add_activity(event.text, event.ts)
        elif isinstance(event, ChatReceived):
            self._add_chat(event.message)
        elif isinstance(event, QuestionAsked):
            self._ask_question(event)
        elif isinstance(event, QuestionWithdrawn):
            dialog = self.questions.pop(event.question_id, None)
            if dialog is not None:
                key = "question.withdrawn" if event.reason == "cancelled" else "question.channel_closed"
                self._add_activity(self.agent.texts.text(key))
                dialog.done(0)
        elif isinstance(event, Ended):
            self._show_state(AgentState.ENDED, event.reason)

    def _show_state(self, state: AgentState, detail: str = "") -> None:
        texts = {
            AgentState.CONNECTING: self._t("connecting"),
            AgentState.WAITING: self._t("waiting"),
            AgentState.ASKING: self._t("asking"),
            AgentState.ACTIVE: self._t("active"),
            AgentState.RECONNECTING: self._t("reconnecting"),
            AgentState.ENDED: self._t("ended"),
        }
        text = texts[state] + (f" {visible(detail)}" if detail else "")
        self.state_label.setText(text)
        if state is AgentState.WAITING:
            self._on_countdown_timeout()
            self.countdown.start()
        else:
            self.countdown.stop()
        if state is AgentState.ACTIVE:
            self.expiry_label.setText(self._t("code_in_use"))
        elif state is AgentState.ENDED:
            self.expiry_label.setText(self._t("code_dead"))
        ended = state is AgentState.ENDED
        self.end_button.setEnabled(not ended)
        self.entry.setEnabled(not ended)
        self.send_button.setEnabled(not ended)

    def _on_countdown_timeout(self) -> None:
        """The code's time left, once a second while it waits to be used."""
        deadline = self.agent.code_deadline
        if deadline is None or self.agent.state is not AgentState.WAITING:
            return
        left = deadline - time.monotonic()
        if left <= 0:
            self.countdown.stop()
            self.expiry_label.setText(self.texts.text("countdown.expired"))
            return
        self.expiry_label.setText(f"{self._t('read_code')} {self.texts.time_left(left)}")

    def _ask_consent(self, event: ConsentRequested) -> None:
        texts = self.agent.texts  # the agent's own catalogue: every language the customer may speak
        box = QMessageBox(self)
        box.setObjectName("consentDialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self._t("consent_title"))
        box.setTextFormat(Qt.TextFormat.PlainText)  # the name is the relay's text: never markup
        box.setText("\n\n".join(event.lines))  # who (of which vendor), what they may do, whom to call
        box.setInformativeText(self._t("consent_info"))
        logo = self.vendor_box.logo_pixmap(64)
        if logo is not None:
            box.setIconPixmap(logo)
        allow = named(box.addButton(self._t("allow"), QMessageBox.ButtonRole.YesRole), "consentAllow", "")
        allow.setAccessibleName(self._t("allow_name"))
        back_in: QPushButton | None = None
        if event.back_in_minutes:
            label = texts.text("question.allow_back_in", minutes=event.back_in_minutes)
            back_in = named(box.addButton(label, QMessageBox.ButtonRole.YesRole), "consentAllowBackIn", label)
        deny = named(box.addButton(self._t("decline"), QMessageBox.ButtonRole.NoRole), "consentDecline", "")
        deny.setAccessibleName(self._t("decline_name"))
        box.setDefaultButton(deny)

        def finished(_result: int) -> None:
            self._consent_box = None
            clicked = box.clickedButton()
            if back_in is not None and clicked is back_in:
                event.allow(let_back_in=True)
            elif clicked is allow:
                event.allow()
            else:
                event.decline()

        box.finished.connect(finished)
        self._consent_box = box
        box.open()
        if self.auto_consent:  # `valuezone demo` only: the question is shown, then answered yes
            # A timer owned by the box dies with it: a window closed within the second clicks nothing.
            answer = QTimer(box)
            answer.setSingleShot(True)
            answer.timeout.connect(lambda: allow.click() if self._consent_box is box else None)
            answer.start(1000)

    def _ask_question(self, event: QuestionAsked) -> None:
        dialog = QuestionDialog(event, self.agent.texts, self)
        self.questions[event.question.id] = dialog
        dialog.finished.connect(lambda _r, qid=event.question.id: self.questions.pop(qid, None))
        dialog.open()

    def _add_activity(self, text: str, ts: float | None = None) -> None:
        stamp = time.strftime("%H:%M:%S", time.localtime(ts or time.time()))
        self.activity.addItem(f"{stamp}  {visible(text)}")
        self.activity.scrollToBottom()

    def _add_chat(self, message: ChatMessage) -> None:
        who = self._t("technician") if message.sender == "technician" else self._t("you")
        shown, original = visible(message.shown_text(self.lang)), visible(message.text)
        item = QListWidgetItem(f"{who}: {shown}")
        if shown != original:
            tip = self._t("original", text=original)
            item.setToolTip(f"<p>{html.escape(tip)}</p>")  # a tooltip would take markup: always escaped
            item.setData(Qt.ItemDataRole.UserRole, (f"{who}: {shown}", f"{who}: {original}"))
        self.chat.addItem(item)
        self.chat.scrollToBottom()

    def _on_chat_item_clicked(self, item: QListWidgetItem) -> None:
        """One click shows the original; another click the translation again."""
        pair = item.data(Qt.ItemDataRole.UserRole)
        if pair:
            translated, original = pair
            item.setText(original if item.text() == translated else translated)

    # --- the customer's actions -----------------------------------------------------------------------
    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.code_label.text())

    def _on_send_clicked(self) -> None:
        text = self.entry.text().strip()
        if not text:
            return
        self.entry.clear()
        spawn(self._send(text))

    async def _send(self, text: str) -> None:
        try:
            message = await self.agent.send_chat(text)
        except SupportError as exc:
            self._add_activity(self.texts.error(exc))
            self.entry.setText(text)  # nothing typed is lost
            return
        self._add_chat(message)

    def _on_end_clicked(self) -> None:
        spawn(self.agent.end())

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window ends the session, whatever it was waiting for; a question open is a no."""
        self._events.close()
        self.countdown.stop()
        if self._starting is not None and not self._starting.done():
            self._starting.cancel()
        if self._consent_box is not None:
            self._consent_box.done(0)  # answers no
        for dialog in list(self.questions.values()):
            dialog.done(0)  # withdraws the answer
        if self.agent.state is not AgentState.ENDED:
            spawn(self.agent.end())
        super().closeEvent(event)
