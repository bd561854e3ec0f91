"""Add or edit one device of the device book: name, address, user, profile, key file, notes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from console.kit.widgets import named

PROFILES = ["auto", "linux", "qnap-qts", "synology-dsm", "zfs"]


@dataclass(frozen=True, slots=True)
class DeviceFields:
    """What the form holds; never a password (those go to the keyring at first login)."""

    name: str
    host: str
    port: int
    user: str
    profile: str
    notes: str
    key_file: str
    folder: str = ""


class DeviceDialog(QDialog):
    """The device form. `fields()` returns what was entered once the dialog is accepted."""

    def __init__(
        self,
        parent: QWidget | None = None,
        initial: DeviceFields | None = None,
        folders: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deviceDialog")
        self.setWindowTitle(self.tr("Edit device") if initial else self.tr("Add device"))
        form = QFormLayout(self)
        self.name = named(QLineEdit(), "deviceName", self.tr("Device name"))
        self.name.setPlaceholderText(self.tr("e.g. Customer 1024 – TS-453D"))
        self.host = named(QLineEdit(), "deviceHost", self.tr("Host name or address"))
        self.port = named(QSpinBox(), "devicePort", self.tr("SSH port"))
        self.port.setRange(1, 65535)
        self.port.setValue(22)
        self.user = named(QLineEdit(), "deviceUser", self.tr("User name"))
        self.user.setPlaceholderText("admin")
        self.profile = named(QComboBox(), "deviceProfile", self.tr("Diagnostics profile"))
        self.profile.addItems(PROFILES)
        self.key_file = named(QLineEdit(), "deviceKeyFile", self.tr("Private key file (optional)"))
        browse = named(QPushButton(self.tr("Browse…")), "deviceKeyBrowse", self.tr("Choose a key file"))
        browse.clicked.connect(self._on_browse_clicked)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_file, 1)
        key_row.addWidget(browse)
        self.folder = named(QComboBox(), "deviceFolder", self.tr("Folder"))
        self.folder.setEditable(True)
        self.folder.addItems(folders or [])
        self.folder.setCurrentIndex(-1)
        self.folder.setPlaceholderText(self.tr("none (top level); e.g. Acme/Building 2"))
        self.notes = named(QPlainTextEdit(), "deviceNotes", self.tr("Notes"))
        self.notes.setFixedHeight(70)
        self.error = QLabel()
        self.error.setObjectName("deviceError")
        self.error.setStyleSheet("color: #b00020")
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Host:"), self.host)
        form.addRow(self.tr("Port:"), self.port)
        form.addRow(self.tr("User:"), self.user)
        form.addRow(self.tr("Profile:"), self.profile)
        form.addRow(self.tr("Key file:"), key_row)
        form.addRow(self.tr("Folder:"), self.folder)
        form.addRow(self.tr("Notes:"), self.notes)
        form.addRow(self.error)
        note = QLabel(
            self.tr("Passwords are asked at the first connection and kept in the system keyring only.")
        )
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("deviceButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if initial:
            self.name.setText(initial.name)
            self.host.setText(initial.host)
            self.port.setValue(initial.port)
            self.user.setText(initial.user)
            self.profile.setCurrentText(initial.profile or "auto")
            self.key_file.setText(initial.key_file)
            self.notes.setPlainText(initial.notes)
            self.folder.setCurrentText(initial.folder)

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Private key"), str(Path.home() / ".ssh"))
        if path:
            self.key_file.setText(path)

    def fields(self) -> DeviceFields:
        return DeviceFields(
            name=self.name.text().strip(),
            host=self.host.text().strip(),
            port=self.port.value(),
            user=self.user.text().strip(),
            profile=self.profile.currentText(),
            notes=self.notes.toPlainText().strip(),
            key_file=self.key_file.text().strip(),
            folder=self.folder.currentText().strip(),
        )

    def accept(self) -> None:
        fields = self.fields()
        if not fields.name or not fields.host:
            self.error.setText(self.tr("A device needs a name and a host."))
            return
        if fields.key_file and not Path(fields.key_file).expanduser().is_file():
            self.error.setText(self.tr("The key file does not exist: {path}").format(path=fields.key_file))
            return
        super().accept()
