"""The Escalation part of the Settings dialog: HQ destinations (credential to the keyring only), caps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.app.errors import render_error
from console.kit.widgets import named
from sessions.config import Settings
from sessions.errors import SupportError
from sessions.escalation.destinations import HqDestination, destinations

_ROLE = Qt.ItemDataRole.UserRole


class HqDestinationDialog(QDialog):
    """Add or edit one destination; the secret typed here goes to the keyring, never to settings.toml."""

    def __init__(self, parent: QWidget | None = None, destination: HqDestination | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hqDestinationDialog")
        self.setWindowTitle(self.tr("HQ destination"))
        form = QFormLayout(self)
        given = destination or HqDestination("", "", "en")
        self.name = named(QLineEdit(given.name), "hqName", self.tr("Destination name"))
        self.url = named(QLineEdit(given.url), "hqUrl", self.tr("Destination address"))
        self.url.setPlaceholderText("https://hq.example.com/bundles  ·  sftp://drop@hq.example.com:22/inbox")
        self.language = named(QLineEdit(given.language), "hqLanguage", self.tr("HQ's language"))
        self.language.setPlaceholderText("en, ko, ja, de…")
        self.key_file = named(QLineEdit(given.key_file), "hqKeyFile", self.tr("Key file for SFTP (optional)"))
        self.ca_file = named(QLineEdit(given.ca_file), "hqCaFile", self.tr("HQ's CA certificate (optional)"))
        self.secret = named(QLineEdit(), "hqSecret", self.tr("Token, password or key passphrase"))
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_label = QLabel()
        self.message = named(QLabel(), "hqMessage", self.tr("Destination problem"))
        self.message.setWordWrap(True)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Address:"), self.url)
        form.addRow(self.tr("HQ's language:"), self.language)
        form.addRow(self.tr("Key file (SFTP):"), self.key_file)
        form.addRow(self.tr("CA certificate (HTTPS):"), self.ca_file)
        form.addRow(self.secret_label, self.secret)
        form.addRow(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("hqButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.url.textChanged.connect(self._refresh_secret_label)
        self.key_file.textChanged.connect(self._refresh_secret_label)
        self._refresh_secret_label()
        self.result_destination: HqDestination | None = None

    def destination(self) -> HqDestination:
        return HqDestination(
            self.name.text().strip(),
            self.url.text().strip(),
            self.language.text().strip() or "en",
            self.key_file.text().strip(),
            self.ca_file.text().strip(),
        )

    def _refresh_secret_label(self) -> None:
        try:
            kind = self.destination().credential_label()
        except SupportError:
            kind = "token"
        labels = {
            "token": self.tr("Token (kept in the keyring):"),
            "password": self.tr("Password (kept in the keyring):"),
            "key passphrase": self.tr("Key passphrase (kept in the keyring):"),
        }
        self.secret_label.setText(labels[kind])

    def accept(self) -> None:
        try:
            self.result_destination = self.destination().check()
        except SupportError as exc:
            self.message.setText(render_error(exc).lines())
            return
        super().accept()


class HqSettings(QGroupBox):
    """Destinations and collection caps; `apply()` puts them in the settings, the secrets in the keyring."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Escalation to HQ"), parent)
        self.setObjectName("hqSettings")
        self.settings = settings
        self._pending: dict[str, str] = {}  # url → secret typed in this dialog, stored on apply()
        section = settings.section("escalation")
        layout = QVBoxLayout(self)
        self.table = named(QTreeWidget(self), "hqDestinations", self.tr("HQ destinations"))
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(
            [self.tr("Name"), self.tr("Address"), self.tr("Language"), self.tr("Secret")]
        )
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = named(QPushButton(self.tr("&Add…")), "hqAdd", self.tr("Add an HQ destination"))
        self.edit_button = named(QPushButton(self.tr("&Edit…")), "hqEdit", self.tr("Edit the HQ destination"))
        self.remove_button = named(
            QPushButton(self.tr("Remove")), "hqRemove", self.tr("Remove the destination")
        )
        for button in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        caps = QFormLayout()
        self.per_file = named(QDoubleSpinBox(), "hqPerFileMb", self.tr("Cap per collected log, in MB"))
        self.total = named(QDoubleSpinBox(), "hqTotalMb", self.tr("Cap on all collected logs, in MB"))
        for box, key, default in ((self.per_file, "per_file_mb", 16), (self.total, "total_mb", 128)):
            box.setRange(0.1, 100_000)
            box.setDecimals(1)
            box.setSuffix(" MB")
            box.setValue(float(section.get(key, default)))
        caps.addRow(self.tr("Per log:"), self.per_file)
        caps.addRow(self.tr("All logs:"), self.total)
        layout.addLayout(caps)
        self.message = named(QLabel(), "hqSettingsMessage", self.tr("Escalation settings problem"))
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        for destination in destinations(section):
            self._row(destination)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)

    def current_destinations(self) -> list[HqDestination]:
        rows = (self.table.topLevelItem(i) for i in range(self.table.topLevelItemCount()))
        return [row.data(0, _ROLE) for row in rows if row is not None]

    def _row(self, destination: HqDestination, row: QTreeWidgetItem | None = None) -> None:
        row = row or QTreeWidgetItem(self.table)
        row.setData(0, _ROLE, destination)
        stored = destination.url in self._pending or destination.has_credential()
        secret = self.tr("stored in the keyring") if stored else self.tr("none")
        for column, text in enumerate((destination.name, destination.url, destination.language, secret)):
            row.setText(column, text)

    def _open(self, row: QTreeWidgetItem | None) -> None:
        dialog = HqDestinationDialog(self, row.data(0, _ROLE) if row is not None else None)

        def done() -> None:
            destination = dialog.result_destination
            assert destination is not None
            if dialog.secret.text():
                self._pending[destination.url] = dialog.secret.text()
            self._row(destination, row)

        dialog.accepted.connect(done)
        dialog.open()

    def _on_add_clicked(self) -> None:
        self._open(None)

    def _on_edit_clicked(self) -> None:
        if self.table.currentItem() is not None:
            self._open(self.table.currentItem())

    def _on_remove_clicked(self) -> None:
        row = self.table.currentItem()
        if row is not None:
            self.table.takeTopLevelItem(self.table.indexOfTopLevelItem(row))

    def apply(self) -> None:
        """Secrets to the keyring first, then the destinations and caps into the settings (not saved)."""
        current = self.current_destinations()
        for destination in current:
            secret = self._pending.pop(destination.url, None)
            if secret:
                destination.store_credential(secret)
        section = self.settings.section("escalation")
        section["destinations"] = [d.to_settings() for d in current]
        section["per_file_mb"] = self.per_file.value()
        section["total_mb"] = self.total.value()
