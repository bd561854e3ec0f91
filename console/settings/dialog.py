"""The Settings dialog: UI language, terminal font, scrollback, archive folder, relay, team server, HQ."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from console.app.errors import render_error
from console.app.i18n import LANGUAGES
from console.kit.widgets import named
from console.settings.hq_page import HqSettings
from sessions.config import Settings
from sessions.errors import SupportError
from sessions.paths import app_dirs
from sessions.team.client import server_target


class SettingsDialog(QDialog):
    """Edits a Settings object; `accept()` writes the file."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        form = QFormLayout(self)

        self.language = QComboBox()
        named(self.language, "languageCombo", self.tr("User interface language"))
        self.language.addItem(self.tr("System default"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("ui", "language", ""))))
        form.addRow(self.tr("Language:"), self.language)

        self.font_family = QFontComboBox()
        self.font_family.setFontFilters(QFontComboBox.FontFilter.MonospacedFonts)
        named(self.font_family, "fontCombo", self.tr("Terminal font"))
        self.font_family.setCurrentFont(QFont(settings.get("ui", "font_family", "monospace")))
        self.font_size = QSpinBox()
        named(self.font_size, "fontSizeSpin", self.tr("Terminal font size"))
        self.font_size.setRange(6, 48)
        self.font_size.setValue(int(settings.get("ui", "font_size", 11)))
        font_row = QHBoxLayout()
        font_row.addWidget(self.font_family, 1)
        font_row.addWidget(self.font_size)
        form.addRow(self.tr("Terminal font:"), font_row)

        self.scrollback = QSpinBox()
        named(self.scrollback, "scrollbackSpin", self.tr("Scrollback lines"))
        self.scrollback.setRange(100, 1_000_000)
        self.scrollback.setSingleStep(1000)
        self.scrollback.setValue(int(settings.get("terminal", "scrollback", 10_000)))
        form.addRow(self.tr("Scrollback lines:"), self.scrollback)

        self.archive = QLineEdit(settings.get("recording", "archive", "") or str(app_dirs().archive))
        named(self.archive, "archiveEdit", self.tr("Archive folder for session records"))
        browse = QPushButton(self.tr("Browse…"))
        named(browse, "archiveBrowseButton", self.tr("Choose the archive folder"))
        browse.clicked.connect(self._on_browse_clicked)
        archive_row = QHBoxLayout()
        archive_row.addWidget(self.archive, 1)
        archive_row.addWidget(browse)
        form.addRow(self.tr("Archive folder:"), archive_row)

        self.relay = QLineEdit(settings.get("relay", "address", ""))
        named(self.relay, "relayEdit", self.tr("Relay address (host:port)"))
        self.relay.setPlaceholderText("relay.example.com:2222")
        form.addRow(self.tr("Relay:"), self.relay)

        self.team_server = QLineEdit(settings.get("team", "server", ""))
        named(self.team_server, "teamServerEdit", self.tr("Team server (host:port)"))
        self.team_server.setPlaceholderText(self.tr("your relay, e.g. relay.example.com:2222"))
        self.team_server.setToolTip(
            self.tr("Finished records are pushed here; follow-ups and review show the team's records.")
        )
        form.addRow(self.tr("Team server:"), self.team_server)

        self.hq = HqSettings(settings, self)
        form.addRow(self.hq)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("settingsButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _on_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Archive folder"), self.archive.text())
        if folder:
            self.archive.setText(folder)

    def accept(self) -> None:
        team = self.team_server.text().strip()
        if team:
            try:
                server_target(team)
            except SupportError as exc:
                self.team_server.setFocus()
                self.hq.message.setText(render_error(exc).lines())
                return
        self.settings.set("ui", "language", self.language.currentData())
        self.settings.set("ui", "font_family", self.font_family.currentFont().family())
        self.settings.set("ui", "font_size", self.font_size.value())
        self.settings.set("terminal", "scrollback", self.scrollback.value())
        archive = self.archive.text().strip()
        self.settings.set("recording", "archive", "" if archive == str(app_dirs().archive) else archive)
        self.settings.set("relay", "address", self.relay.text().strip())
        self.settings.set("team", "server", team)
        try:
            self.hq.apply()
        except SupportError as exc:
            self.hq.message.setText(render_error(exc).lines())
            return
        self.settings.save()
        super().accept()
