"""Join by code (Ctrl+J): the customer's nine-digit code, the relay, and the technician's own key.

The key is shown for the relay's administrator. With a system keyring it is made on first use (its
random passphrase kept there); without one, "Create key…" asks the technician to choose a passphrase.
A key that cannot be opened any more (a lost random passphrase) is said so, with "Create a new key".
"""

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

from console.app.errors import render_error
from console.kit.operations import Operation
from console.kit.widgets import named
from console.session.technician_key import key_error_text, make_key, send_line_text
from sessions import codes, secrets
from sessions.errors import SupportError
from sessions.identity import Identity
from sessions.relay.relays import parse_relays
from sessions.relay.techkey import (
    Protection,
    TechnicianKey,
    create_technician_key,
    default_key_path,
    lost_passphrase_error,
    passphrase_lost,
    read_technician_key,
)
from sessions.ssh.target import Target


class JoinDialog(QDialog):
    """Checks the code locally (a typo never reaches the relay) and returns code + relay on accept."""

    def __init__(
        self, relay_address: str, parent: QWidget | None = None, identity: Identity | None = None
    ) -> None:
        super().__init__(parent)
        self.identity = identity or Identity()
        self.setObjectName("joinDialog")
        self.setWindowTitle(self.tr("Join by code"))
        self.code_digits = ""
        self.relay: tuple[Target, ...] | None = None  # one relay, or the relays of one deployment
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
        self.relay_edit.setToolTip(
            self.tr(
                "One relay as host:port, or the relays of one deployment as host:port,host:port: the first "
                "that answers is used, and every one must show the same host key."
            )
        )
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
        self.key_note.setObjectName("technicianKeyNote")
        self.key_note.setWordWrap(True)
        form.addRow(self.key_note)
        self.make_key_button = named(
            QPushButton(), "makeTechnicianKey", self.tr("Create your technician key")
        )
        self.make_key_button.clicked.connect(self._on_make_key_clicked)
        self.make_key_button.hide()
        form.addRow(self.make_key_button)
        self.key: TechnicianKey | None = None
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
            key = read_technician_key()
            if key is None and secrets.keyring_available():
                key = create_technician_key()  # its random passphrase goes to the keyring
        except SupportError as exc:
            self._offer_key(render_error(exc).lines(), self.tr("Create a new key"))
            return
        if key is None:
            self._offer_key(
                self.tr(
                    "You have no technician key yet. Create it, then send its public line to your relay's "
                    "administrator."
                ),
                self.tr("Create key…"),
            )
            return
        if passphrase_lost(key):
            self._offer_key(key_error_text(lost_passphrase_error(key)), self.tr("Create a new key"))
            return
        self.key = key
        self.make_key_button.hide()
        self.key_line.setText(self.identity.public_line(key.public_line))
        self.key_line.setCursorPosition(0)
        self.key_line.setToolTip(
            self.tr(
                "The customer's consent question shows the name the relay's administrator lists for your "
                "key: this line carries yours (Tools ▸ Identity)."
            )
        )
        if key.created:
            self.key_note.setText(
                self.tr(
                    "A key was created for you. Send this line to your relay's administrator once; "
                    "its passphrase is kept in the system keyring."
                )
            )
        elif key.protection is Protection.PASSPHRASE:
            self.key_note.setText(
                self.tr(
                    "Its passphrase is asked when you join (once per run), unless ssh-agent holds the key."
                )
            )

    def _offer_key(self, note: str, action: str) -> None:
        self.key = None
        self.key_line.clear()
        self.key_note.setText(note)
        self.make_key_button.setText(action)
        self.make_key_button.show()

    def _on_make_key_clicked(self) -> None:
        replace = default_key_path().exists()
        making = Operation(self, lambda: make_key(self, replace=replace)).success(self._on_key_made)
        making.errors_to(self.key_note).run_in_background()

    def _on_key_made(self, key: TechnicianKey | None) -> None:
        if key is None:
            return
        self._show_key()
        self.key_note.setText(send_line_text())

    def _on_code_text_changed(self, text: str) -> None:
        digits = "".join(ch for ch in text if ch.isdigit())
        if len(digits) == 9:
            try:
                codes.parse(text)
                self.error.clear()
            except SupportError as exc:
                self.error.setText(render_error(exc).lines())
        else:
            self.error.clear()

    def accept(self) -> None:
        if self.key is None:
            self.error.setText(self.tr("Create your technician key first (below)."))
            return
        try:
            self.code_digits = codes.parse(self.code.text())
            address = self.relay_edit.text().strip()
            if not address:
                self.error.setText(self.tr("Enter the relay address (you can save it in Settings)."))
                return
            self.relay = parse_relays(address)
        except SupportError as exc:
            self.error.setText(render_error(exc).lines())
            return
        super().accept()
