"""Dialogs the connect flow awaits without blocking the loop: host key trust, password, passphrase.

A refused password is asked again (three tries, like OpenSSH) with a note saying so.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from console.kit.widgets import named


async def await_dialog(dialog: QDialog) -> int:
    """Show *dialog* window-modal with open() and wait for its result while the loop keeps running."""
    future: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def done(result: int) -> None:
        if not future.done():
            future.set_result(result)

    dialog.finished.connect(done)
    dialog.open()
    try:
        return await future
    finally:
        dialog.finished.disconnect(done)
        dialog.deleteLater()


def host_key_box(parent: QWidget | None, address: str, key_type: str, fingerprint: str) -> QMessageBox:
    """The trust-on-first-use question, with the fingerprint as OpenSSH prints it."""
    box = QMessageBox(parent)
    box.setObjectName("hostKeyDialog")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("HostKeyDialog", "Unknown host key"))
    box.setText(
        QCoreApplication.translate(
            "HostKeyDialog", "This is the first connection to {address}. Its {kind} key fingerprint is:"
        ).format(address=address, kind=key_type)
    )
    box.setInformativeText(
        f"<p><code>{fingerprint}</code></p><p>"
        + QCoreApplication.translate(
            "HostKeyDialog",
            "If you can, compare it with the fingerprint the customer reads from the device. "
            "Trust this key and connect?",
        )
        + "</p>"
    )
    trust = box.addButton(
        QCoreApplication.translate("HostKeyDialog", "Trust and connect"), QMessageBox.ButtonRole.AcceptRole
    )
    named(
        trust, "hostKeyTrust", QCoreApplication.translate("HostKeyDialog", "Trust this host key and connect")
    )
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    named(cancel, "hostKeyCancel", QCoreApplication.translate("HostKeyDialog", "Do not connect"))
    box.setDefaultButton(cancel)
    return box


class SecretDialog(QDialog):
    """Asks for a password or passphrase; the text never leaves this object except to the caller."""

    def __init__(
        self, parent: QWidget | None, title: str, prompt: str, *, offer_save: bool, note: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("secretDialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.note = QLabel(note)  # "The password was refused; try again (2 of 3)."
        self.note.setObjectName("secretNote")
        self.note.setStyleSheet("color: #b00020")
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        layout.addWidget(self.note)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.secret = named(QLineEdit(), "secretEdit", title)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.secret)
        self.save = named(QCheckBox(self.tr("Save in the system keyring")), "secretSave", self.tr("Save"))
        self.save.setVisible(offer_save)
        layout.addWidget(self.save)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("secretButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def password_retry_note(refused: int, tries: int) -> str:
    """The note over the password question after *refused* refusals."""
    return QCoreApplication.translate(
        "SecretDialog", "The password was refused. Try again ({attempt} of {tries})."
    ).format(attempt=refused + 1, tries=tries)
