"""Join by code (Ctrl+J): the customer's nine-digit code, the relay, and the technician's own key."""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from console.kit.widgets import named
from sessions import codes
from sessions.errors import SupportError
from sessions.relay.techkey import TechnicianKey, ensure_technician_key
from sessions.ssh.target import Target


class JoinDialog(QDialog):
    """Checks the code locally (a typo never reaches the relay) and returns code + relay on accept."""

    def __init__(self, relay_address: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("joinDialog")
        self.setWindowTitle(self.tr("Join by code"))
        self.code_digits = ""
        self.relay: Target | None = None
        form = QFormLayout(self)
        self.code = named(QLineEdit(), "joinCode", self.tr("Session code from the customer"))
        self.code.setPlaceholderText("482 913 557")
        big = QFont()
        big.setPointSize(16)
        self.code.setFont(big)
        self.code.textChanged.connect(self._on_code_text_changed)
        form.addRow(self.tr("Session code:"), self.code)
        self.relay_edit = named(QLineEdit(relay_address), "joinRelay", self.tr("Relay address (host:port)"))
        self.relay_edit.setPlaceholderText("relay.example.com:2222")
        form.addRow(self.tr("Relay:"), self.relay_edit)
        self.error = QLabel()
        self.error.setObjectName("joinError")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form.addRow(self.error)

        key_row = QHBoxLayout()
        self.key_line = named(QLineEdit(), "technicianKey", self.tr("Your public key for the relay"))
        self.key_line.setReadOnly(True)
        copy = named(QPushButton(self.tr("Copy")), "copyTechnicianKey", self.tr("Copy your public key"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.key_line.text()))
        key_row.addWidget(self.key_line, 1)
        key_row.addWidget(copy)
        form.addRow(self.tr("Your key:"), key_row)
        self.key_note = QLabel()
        self.key_note.setWordWrap(True)
        form.addRow(self.key_note)
        self._show_key()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("joinButtons")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Join"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _show_key(self) -> None:
        try:
            key: TechnicianKey = ensure_technician_key()
        except SupportError as exc:
            self.key_note.setText(str(exc))
            return
        self.key_line.setText(key.public_line)
        self.key_line.setCursorPosition(0)
        if key.created:
            self.key_note.setText(
                self.tr(
                    "A key was created for you. Send this line to your relay's administrator once; "
                    "its passphrase is kept in the system keyring."
                )
            )

    def _on_code_text_changed(self, text: str) -> None:
        digits = "".join(ch for ch in text if ch.isdigit())
        if len(digits) == 9:
            try:
                codes.parse(text)
                self.error.clear()
            except SupportError as exc:
                self.error.setText(str(exc))
        else:
            self.error.clear()

    def accept(self) -> None:
        try:
            self.code_digits = codes.parse(self.code.text())
            address = self.relay_edit.text().strip()
            if not address:
                self.error.setText(self.tr("Enter the relay address (you can save it in Settings)."))
                return
            self.relay = Target.parse(address)
        except SupportError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
