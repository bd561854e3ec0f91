"""The Chat dock: the current session tab's chat pane (each tab keeps its own conversation)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QStackedWidget, QWidget

from console.session.tab import SessionTab


class ChatDock(QDockWidget):
    """Shows the chat pane of the tab given to `show_for`, or says why there is no chat."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Chat"), parent)
        self.setObjectName("chatDock")
        self.stack = QStackedWidget(self)
        self.placeholder = QLabel(self.stack)
        self.placeholder.setObjectName("chatPlaceholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setMargin(16)
        self.stack.addWidget(self.placeholder)
        self.setWidget(self.stack)
        self.show_for(None)

    def show_for(self, tab: SessionTab | None) -> None:
        """Show *tab*'s chat (a session by code), or a sentence saying where chat comes from."""
        if tab is not None and tab.plan.via == "code":
            if self.stack.indexOf(tab.chat) < 0:
                self.stack.addWidget(tab.chat)  # the pane moves here from its tab, which still owns it
            tab.chat.show()
            self.stack.setCurrentWidget(tab.chat)
            return
        if tab is None:
            text = self.tr("No session is open. Chat with the customer opens with a session by code.")
        else:
            text = self.tr(
                "A direct SSH session has no chat: the chat travels with the customer's agent "
                "(Session ▸ Join by code)."
            )
        self.placeholder.setText(text)
        self.stack.setCurrentWidget(self.placeholder)

    def forget(self, tab: SessionTab) -> None:
        """A tab closed: its pane goes with it."""
        if self.stack.indexOf(tab.chat) >= 0:
            self.stack.removeWidget(tab.chat)
            tab.chat.deleteLater()

    def current_pane(self) -> QWidget | None:
        widget = self.stack.currentWidget()
        return None if widget is self.placeholder else widget
