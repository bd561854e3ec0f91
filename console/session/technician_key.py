"""The technician key in the console: choose its passphrase, type it when needed, make a new key, show it.

Without a keyring the technician chooses the key's passphrase (typed twice; empty only when "No
passphrase" is ticked, with a warning) and types it once per run when joining by code, with "Add to
ssh-agent" when an agent runs. Key errors are shown in the UI's language (`key_error_text`).
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.app.errors import render_error
from console.kit.prompts import await_dialog
from console.kit.widgets import named
from sessions import secrets
from sessions.errors import RelayKeyRefusedError, SupportError, TechnicianKeyLockedError
from sessions.relay.techkey import (
    TechnicianKey,
    create_technician_key,
    default_key_path,
    replace_technician_key,
)
from sessions.relay.unlock import PassphraseAnswer, PassphraseQuestion

_RED = "color: #b00020"


def _label(text: str = "", name: str = "", *, red: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    if red:
        label.setStyleSheet(_RED)
    return label


class NewPassphraseDialog(QDialog):
    """The new key's passphrase, typed twice; "No passphrase" must be ticked to leave it empty."""

    def __init__(self, parent: QWidget | None, path: str) -> None:
        super().__init__(parent)
        self.setObjectName("newPassphraseDialog")
        self.setWindowTitle(self.tr("Passphrase for your technician key"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            _label(
                self.tr(
                    "This computer has no system keyring, so choose a passphrase for your technician key "
                    "({path}). It is asked when you join a session by code, once per run, unless your "
                    "ssh-agent holds the key."
                ).format(path=path)
            )
        )
        self.first = named(QLineEdit(), "newPassphrase", self.tr("Passphrase"))
        self.second = named(QLineEdit(), "newPassphraseAgain", self.tr("The same passphrase again"))
        for edit, hint in ((self.first, self.tr("Passphrase")), (self.second, self.tr("Again"))):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(hint)
            layout.addWidget(edit)
        self.none = named(
            QCheckBox(self.tr("No passphrase (not recommended)")), "noPassphrase", self.tr("No passphrase")
        )
        self.none.toggled.connect(self._on_none_toggled)
        layout.addWidget(self.none)
        self.warning = _label(
            self.tr(
                "Without a passphrase, anyone who can read the key file (a stolen laptop or backup) can "
                "log in to your relays as you."
            ),
            "noPassphraseWarning",
            red=True,
        )
        self.warning.setVisible(False)
        layout.addWidget(self.warning)
        self.error = _label(name="newPassphraseError", red=True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("newPassphraseButtons")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create key"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _on_none_toggled(self, checked: bool) -> None:
        self.first.setEnabled(not checked)
        self.second.setEnabled(not checked)
        self.warning.setVisible(checked)
        self.error.clear()

    def passphrase(self) -> str:
        return "" if self.none.isChecked() else self.first.text()

    def accept(self) -> None:
        if not self.none.isChecked():
            if not self.first.text():
                self.error.setText(self.tr("Type a passphrase, or tick “No passphrase”."))
                return
            if self.first.text() != self.second.text():
                self.error.setText(self.tr("The passphrases do not match. Type them again."))
                self.second.clear()
                self.second.setFocus()
                return
        super().accept()


class TechnicianPassphraseDialog(QDialog):
    """The technician key's passphrase, when the key is needed (like ssh-add's question)."""

    def __init__(self, parent: QWidget | None, question: PassphraseQuestion) -> None:
        super().__init__(parent)
        self.setObjectName("technicianPassphraseDialog")
        self.setWindowTitle(self.tr("Unlock your technician key"))
        layout = QVBoxLayout(self)
        if question.attempt > 1:
            wrong = self.tr("Wrong passphrase. Try again ({attempt} of {tries}).")
            layout.addWidget(
                _label(
                    wrong.format(attempt=question.attempt, tries=question.tries), "passphraseRetry", red=True
                )
            )
        text = self.tr("Passphrase for your technician key {path} ({fingerprint}), to log in to the relay:")
        layout.addWidget(_label(text.format(path=question.path, fingerprint=question.fingerprint)))
        self.secret = named(QLineEdit(), "technicianPassphrase", self.tr("Technician key passphrase"))
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.secret)
        self.add_to_agent = named(
            QCheckBox(self.tr("Add to ssh-agent (not asked again while the agent runs)")),
            "addToAgent",
            self.tr("Add the key to ssh-agent"),
        )
        self.add_to_agent.setVisible(question.can_add_to_agent)
        layout.addWidget(self.add_to_agent)
        self.save = named(QCheckBox(self.tr("Save in the system keyring")), "secretSave", self.tr("Save"))
        self.save.setVisible(question.can_save)
        layout.addWidget(self.save)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("technicianPassphraseButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class PublicKeyDialog(QDialog):
    """The public key line to send to the relay's administrator, with Copy."""

    def __init__(self, parent: QWidget | None, key: TechnicianKey) -> None:
        super().__init__(parent)
        self.setObjectName("publicKeyDialog")
        self.setWindowTitle(self.tr("Your new technician key"))
        layout = QVBoxLayout(self)
        layout.addWidget(_label(send_line_text()))
        row = QHBoxLayout()
        self.line = named(
            QLineEdit(key.public_line), "publicKeyLine", self.tr("Your public key for the relay")
        )
        self.line.setReadOnly(True)
        self.line.setCursorPosition(0)
        copy = named(QPushButton(self.tr("Copy")), "copyPublicKey", self.tr("Copy your public key"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.line.text()))
        row.addWidget(self.line, 1)
        row.addWidget(copy)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def send_line_text() -> str:
    return QCoreApplication.translate(
        "TechnicianKey",
        "Send this line to your relay's administrator, who adds it to the relay's technicians file. "
        "Until then the relay refuses the key.",
    )


async def ask_technician_passphrase(
    parent: QWidget | None, question: PassphraseQuestion
) -> PassphraseAnswer | None:
    """TechnicianKeyAccess's `ask` for the console."""
    dialog = TechnicianPassphraseDialog(parent, question)
    if await await_dialog(dialog) != QDialog.DialogCode.Accepted:
        return None
    return PassphraseAnswer(
        dialog.secret.text(),
        add_to_agent=question.can_add_to_agent and dialog.add_to_agent.isChecked(),
        save=question.can_save and dialog.save.isChecked(),
    )


async def make_key(parent: QWidget | None, *, replace: bool) -> TechnicianKey | None:
    """Create the key (or a new one in place of the old): the passphrase is chosen when there is no keyring.

    None when the technician cancelled. The key is made in a worker thread (its key derivation takes a
    moment).
    """
    passphrase: str | None = None
    if not secrets.keyring_available():
        dialog = NewPassphraseDialog(parent, str(default_key_path()))
        if await await_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        passphrase = dialog.passphrase()
    make = replace_technician_key if replace else create_technician_key
    return await asyncio.to_thread(make, passphrase=passphrase)


async def offer_new_key(parent: QWidget | None) -> TechnicianKey | None:
    """The one-click way out of a lost passphrase: a new key, then its line to send to the administrator."""
    key = await make_key(parent, replace=True)
    if key is not None:
        await await_dialog(PublicKeyDialog(parent, key))
    return key


def key_error_text(error: SupportError) -> str:
    """*error* in the UI's language when it is about the technician key; its English text otherwise."""
    if isinstance(error, RelayKeyRefusedError):
        return QCoreApplication.translate(
            "TechnicianKey",
            "The relay at {relay} does not list this technician key. Send this public key line to the "
            "relay's administrator, then join again: {line}",
        ).format(relay=error.relay, line=error.public_line)
    if isinstance(error, TechnicianKeyLockedError):
        return QCoreApplication.translate(
            "TechnicianKey",
            "Your technician key cannot be opened any more: its random passphrase was kept in a system "
            "keyring this computer does not have (or no longer has). Create a new key and send its public "
            "line to the relay's administrator.",
        )
    return render_error(error).lines()
