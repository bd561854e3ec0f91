"""The customer's window (`valuezone agent --gui`): the code, the consent question, activity, chat, End."""

from __future__ import annotations

import asyncio
import html
import logging
import time

from PySide6.QtCore import Qt
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
from console.app.errors import render_error
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
        self.resize(760, 720)
        body = QWidget()
        layout = QVBoxLayout(body)

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
        layout.addWidget(self.expiry_label)

        split = QSplitter(Qt.Orientation.Vertical)
        self.shells = LiveShells(agent.texts, end_to_end=agent.end_to_end)
        split.addWidget(self.shells)
        self.activity = named(QListWidget(), "agentActivity", self._t("activity_name"))
        split.addWidget(self.activity)
        chat_box = QWidget()
        chat_layout = QVBoxLayout(chat_box)
        chat_layout.setContentsMargins(0, 0, 0, 0)
        self.chat = named(QListWidget(), "agentChat", self._t("chat_name"))
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

    def start(self) -> asyncio.Task[None]:
        """Link the agent to the relay: the window shows the code, or why there is none."""
        self._starting = spawn(self._start())
        return self._starting

    async def _start(self) -> None:
        try:
            await self.agent.start()
        except SupportError as exc:
            self.state_label.setText(render_error(exc).lines())

    # --- agent events (called on the loop thread, which is the Qt thread) -----------------------------
    def _on_agent_event(self, event: AgentEventValue) -> None:
        if self.shells.show_event(event):
            return
        if isinstance(event, CodeIssued):
            self.code_label.setText(event.display)
            minutes = max(1, round(event.expires_in / 60))
            self.expiry_label.setText(self._t("read_code", n=minutes))
        elif isinstance(event, StateChanged):
            self._show_state(event.new)
        elif isinstance(event, ConsentRequested):
            self._ask_consent(event)
        elif isinstance(event, ConsentWithdrawn):
            if self._consent_box is not None:
                self._consent_box.done(0)
            self._add_activity(visible(event.reason))
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
        if state is AgentState.ACTIVE:
            self.expiry_label.setText(self._t("code_in_use"))
        elif state is AgentState.ENDED:
            self.expiry_label.setText(self._t("code_dead"))
        ended = state is AgentState.ENDED
        self.end_button.setEnabled(not ended)
        self.entry.setEnabled(not ended)
        self.send_button.setEnabled(not ended)

    def _ask_consent(self, event: ConsentRequested) -> None:
        texts = self.agent.texts  # the agent's own catalogue: every language the customer may speak
        box = QMessageBox(self)
        box.setObjectName("consentDialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self._t("consent_title"))
        box.setTextFormat(Qt.TextFormat.PlainText)  # the name is the relay's text: never markup
        name, scope = visible(event.technician), visible(event.scope_label)
        if event.again:  # the technician left and is coming back: asked again, in these words
            text = texts.text("question.consent_again", technician=name, scope=scope)
        else:
            text = self._t("consent_text", technician=name, scope=scope)
        box.setText(text)
        box.setInformativeText(self._t("consent_info"))
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
            asyncio.get_running_loop().call_later(1.0, lambda: allow.click() if box.isVisible() else None)

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
            self._add_activity(render_error(exc).line())
            self.entry.setText(text)  # nothing typed is lost
            return
        self._add_chat(message)

    def _on_end_clicked(self) -> None:
        spawn(self.agent.end())

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window ends the session, whatever it was waiting for; a question open is a no."""
        self._events.close()
        if self._starting is not None and not self._starting.done():
            self._starting.cancel()
        if self._consent_box is not None:
            self._consent_box.done(0)  # answers no
        for dialog in list(self.questions.values()):
            dialog.done(0)  # withdraws the answer
        if self.agent.state is not AgentState.ENDED:
            spawn(self.agent.end())
        super().closeEvent(event)
