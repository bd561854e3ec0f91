"""The chat pane: each line in both languages, a preview of what the customer reads, canned replies."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.kit.operations import Operation
from console.kit.tasks import spawn
from console.kit.widgets import named
from sessions.chat.conversation import ChatEntry, Conversation, EntryState, Preview
from sessions.errors import SupportError
from sessions.identity import Identity
from translation import canned

LANGUAGE_NAMES = {
    "ko": "한국어",
    "en": "English",
    "ja": "日本語",
    "zh-TW": "繁體中文",
    "zh-CN": "简体中文",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
}


def _badge(lang: str, colour: str) -> str:
    return f"<span style='background:{colour}'>&nbsp;{html.escape(lang)}&nbsp;</span>"


class _EntryView(QWidget):
    """One chat line: who, language badges, original, translation, state and a Retry button."""

    retry_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 3, 4, 3)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label)
        self.retry = named(
            QPushButton(self.tr("Retry translation")), "chatRetry", self.tr("Retry translation")
        )
        self.retry.setVisible(False)
        layout.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignLeft)
        self._id = ""
        self.retry.clicked.connect(lambda: self.retry_requested.emit(self._id))

    def show_entry(self, entry: ChatEntry) -> None:
        message = entry.message
        self._id = message.id
        who = self.tr("You") if entry.outgoing else self.tr("Customer")
        badge = _badge(message.lang or "?", "#dde4ee")
        lines = [f"<b>{who}</b> {badge} {html.escape(message.text)}"]
        if message.translation is not None:
            t = message.translation
            tbadge = (
                f"<span style='background:#e3f1e3;border-radius:3px'>&nbsp;{html.escape(t.lang)}&nbsp;</span>"
            )
            lines.append(f"<span style='color:#1b5e20'>{tbadge} {html.escape(t.text)}</span>")
        if entry.state is EntryState.TRANSLATING:
            lines.append(f"<i style='color:#666'>{self.tr('translating…')}</i>")
        elif entry.state is EntryState.NOT_TRANSLATED:
            reason = html.escape(entry.error)
            lines.append(
                f"<span style='color:#b00020'>⚠ {self.tr('not translated')}</span> <small>{reason}</small>"
            )
        elif entry.state is EntryState.SECRET_HELD:
            found = html.escape(", ".join(entry.held))
            note = self.tr("not translated: it held a secret")
            detail = self.tr("shown only here; recorded with it redacted")
            lines.append(f"<span style='color:#8a5a00'>🔒 {note}</span> <small>({found}) {detail}</small>")
        self.label.setText("<br>".join(lines))
        self.retry.setVisible(entry.state is EntryState.NOT_TRANSLATED and not entry.outgoing)
        self.setAccessibleName(message.text)


class ChatPane(QWidget):
    """Shows a Conversation and lets the technician write, preview, edit and send."""

    def __init__(self, identity: Identity | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatPane")
        self.conversation: Conversation | None = None
        self.identity = identity or Identity()
        self._ended = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Customer language:")))
        self.lang_combo = named(QComboBox(), "customerLanguage", self.tr("Customer language"))
        self.lang_combo.addItem(self.tr("Detect automatically"), "")
        for code, name in LANGUAGE_NAMES.items():
            self.lang_combo.addItem(name, code)
        self.lang_combo.currentIndexChanged.connect(self._on_lang_combo_changed)
        top.addWidget(self.lang_combo, 1)
        layout.addLayout(top)

        self.list = named(QListWidget(), "chatList", self.tr("Chat messages"))
        self.list.setWordWrap(True)
        layout.addWidget(self.list, 1)

        layout.addWidget(QLabel(self.tr("Your message:")))
        self.compose = named(QPlainTextEdit(), "chatCompose", self.tr("Your message"))
        self.compose.setFixedHeight(60)
        self.compose.textChanged.connect(self._on_compose_changed)
        layout.addWidget(self.compose)
        self.preview_label = named(QLabel(self.tr("The customer will read:")), "chatPreviewLabel", "")
        layout.addWidget(self.preview_label)
        self.preview = named(
            QPlainTextEdit(), "chatPreview", self.tr("What the customer will read (editable)")
        )
        self.preview.setFixedHeight(60)
        layout.addWidget(self.preview)
        self.preview_note = named(QLabel(), "chatPreviewNote", self.tr("Translation status"))
        self.preview_note.setWordWrap(True)
        layout.addWidget(self.preview_note)

        buttons = QHBoxLayout()
        self.canned_button = named(
            QPushButton(self.tr("Canned… (Ctrl+Shift+K)")), "chatCanned", self.tr("Canned replies")
        )
        self.canned_button.clicked.connect(self.show_canned)
        self.send_button = named(
            QPushButton(self.tr("Send (Ctrl+Enter)")), "chatSend", self.tr("Send the message")
        )
        self.send_button.clicked.connect(self.send)
        buttons.addWidget(self.canned_button)
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)
        layout.addLayout(buttons)

        # Ctrl+Shift+K works from the terminal too (the console's Ctrl+Shift family); Ctrl+Enter only here.
        self.canned_action = self._shortcut(self.tr("Canned replies…"), "cannedAction", "Ctrl+Shift+K")
        self.canned_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.canned_action.triggered.connect(self.show_canned)
        self.send_action = self._shortcut(self.tr("Send the chat message"), "sendChatAction", "Ctrl+Return")
        self.send_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.send_action.triggered.connect(self.send)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(500)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self._preview: Preview | None = None
        self._preview_source = ""
        self._views: dict[str, tuple[QListWidgetItem, _EntryView]] = {}
        self._set_enabled(False)

    def _shortcut(self, text: str, name: str, keys: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        self.addAction(action)
        return action

    def set_identity(self, identity: Identity) -> None:
        """The name and company canned replies fill in (Settings ▸ Identity)."""
        self.identity = identity

    def set_ended(self) -> None:
        """The session is over: the history stays readable, nothing more can be sent."""
        self._ended = True
        self._set_enabled(False)
        if self.conversation is not None:
            self.preview_note.setText(self.tr("The session has ended: nothing more can be sent."))

    # --- binding to a conversation ------------------------------------------------------------------
    def bind(self, conversation: Conversation) -> None:
        self._ended = False
        self.conversation = conversation
        conversation.on_customer_lang = self._on_conversation_lang
        if conversation.customer_lang:
            self._on_conversation_lang(conversation.customer_lang)
        self._set_enabled(True)

    def unbind(self) -> None:
        self.conversation = None
        self._set_enabled(False)

    def _set_enabled(self, on: bool) -> None:
        for widget in (self.compose, self.preview, self.send_button, self.canned_button):
            widget.setEnabled(on)

    def show_entry(self, entry: ChatEntry) -> None:
        """Add or update a line (Conversation.on_entry lands here)."""
        if entry.message.id in self._views:
            item, view = self._views[entry.message.id]
        else:
            item = QListWidgetItem()
            view = _EntryView()
            view.retry_requested.connect(self._on_retry_requested)
            self.list.addItem(item)
            self.list.setItemWidget(item, view)
            self._views[entry.message.id] = (item, view)
        view.show_entry(entry)
        item.setSizeHint(view.sizeHint())
        self.list.scrollToBottom()

    def show_note(self, text: str) -> None:
        """A line from the console itself (not a chat message), e.g. the survey's outcome."""
        item = QListWidgetItem(text)
        item.setForeground(Qt.GlobalColor.darkGray)
        self.list.addItem(item)
        self.list.scrollToBottom()

    def show_survey_answer(self, answer: dict[str, object]) -> None:
        """The customer's survey answer, as they gave it in their agent."""
        solved = self.tr("solved") if answer.get("solved") else self.tr("not solved")
        score = answer.get("score")
        parts = [solved, self.tr("score {score}/10").format(score=score) if score is not None else ""]
        if answer.get("comment"):
            parts.append(f"“{answer['comment']}”")
        self.show_note(
            self.tr("Customer's survey answer: {answer}").format(answer=" · ".join(p for p in parts if p))
        )

    def _on_retry_requested(self, message_id: str) -> None:
        if self.conversation is not None:
            spawn(self.conversation.retry(message_id))

    def _on_conversation_lang(self, lang: str) -> None:
        index = self.lang_combo.findData(lang)
        if index < 0:
            self.lang_combo.addItem(lang, lang)
            index = self.lang_combo.count() - 1
        self.lang_combo.blockSignals(True)
        self.lang_combo.setCurrentIndex(index)
        self.lang_combo.blockSignals(False)
        self.preview_label.setText(self.tr("The customer will read ({lang}):").format(lang=lang))
        self._preview_timer.start()

    def _on_lang_combo_changed(self, _index: int) -> None:
        lang = self.lang_combo.currentData()
        if self.conversation is not None and lang:
            self.conversation.set_customer_lang(lang)

    # --- composing ----------------------------------------------------------------------------------
    def _on_compose_changed(self) -> None:
        self._preview = None
        self._preview_timer.start()

    def refresh_preview(self) -> None:
        text = self.compose.toPlainText().strip()
        if not text or self.conversation is None:
            self.preview.setPlainText("")
            self.preview_note.clear()
            return
        self.preview_note.setText(self.tr("translating…"))
        spawn(self._make_preview(text))

    async def _make_preview(self, text: str) -> None:
        assert self.conversation is not None
        preview = await self.conversation.preview(text)
        if self.compose.toPlainText().strip() != text:
            return  # the technician typed on; a newer preview is coming
        self._preview, self._preview_source = preview, text
        self.preview.setPlainText(preview.text)
        if preview.secret:
            self.preview_note.setText(
                self.tr(
                    "🔒 Not translated: your message holds a secret, so it is not sent to a translation "
                    "service. The customer reads it as you wrote it, with a note in their language."
                )
            )
        elif preview.error:
            self.preview_note.setText(
                self.tr("⚠ not translated: the customer will read your original. {error}").format(
                    error=preview.error
                )
            )
        else:
            self.preview_note.setText(self.tr("You can edit the text above before sending."))

    def canned_menu(self) -> QMenu | None:
        """The canned replies, filled with the technician's name and company; one that needs a field not
        set yet is shown disabled, saying which (never "from  support")."""
        if self.conversation is None or self._ended:
            return None
        menu = QMenu(self)
        menu.setObjectName("cannedMenu")
        names = {"technician": self.tr("your name"), "company": self.tr("your company")}
        for reply in canned.replies(self.conversation.technician_lang):
            missing = self.identity.missing(reply.text)
            text = reply.fill(**self.identity.fields())
            if missing:
                needs = " · ".join(names[key] for key in missing)
                text = self.tr("{reply} — needs {fields}: Tools ▸ Identity").format(
                    reply=reply.text, fields=needs
                )
            action = menu.addAction(text)
            action.setData(reply.id)
            action.setEnabled(not missing)
        menu.triggered.connect(lambda action: self.use_canned(str(action.data())))
        return menu

    def show_canned(self) -> None:
        menu = self.canned_menu()
        if menu is not None:
            self.compose.setFocus()
            menu.popup(self.compose.mapToGlobal(self.compose.rect().topLeft()))

    def use_canned(self, reply_id: str) -> None:
        """Insert a canned reply: the customer's version comes from the catalogue, no network needed."""
        assert self.conversation is not None
        values = self.identity.fields()
        own = canned.reply(reply_id, self.conversation.technician_lang).fill(**values)
        self.compose.blockSignals(True)
        self.compose.setPlainText(own)
        self.compose.blockSignals(False)
        target = self.conversation.customer_lang or self.conversation.technician_lang
        try:
            theirs = canned.reply(reply_id, target).fill(**values)
            self._preview = Preview(theirs, target, "canned")
        except SupportError:
            self._preview = None
            self._preview_timer.start()
            return
        self._preview_source = own
        self.preview.setPlainText(theirs)
        self.preview_note.setText(self.tr("Canned reply: written by people, no translation service needed."))

    def send(self) -> None:
        text = self.compose.toPlainText().strip()
        if not text or self.conversation is None:
            return
        if self._ended:
            return
        preview = self._preview if self._preview_source == text else None
        shown = self.preview.toPlainText().strip()
        if preview is not None and not preview.secret and shown and shown != preview.text:
            preview = Preview(shown, preview.lang, "edited by technician")
        sending = Operation(self, lambda: self._send(text, preview)).success(self._on_sent)
        sending.errors_to(self.preview_note).run_in_background()  # on an error the line stays in the box

    async def _send(self, text: str, preview: Preview | None) -> None:
        assert self.conversation is not None
        if preview is None:
            preview = await self.conversation.preview(text)
        await self.conversation.send(text, preview)

    def _on_sent(self, _: None) -> None:
        self.compose.clear()
        self.preview.clear()
        self.preview_note.clear()
        self._preview = None
