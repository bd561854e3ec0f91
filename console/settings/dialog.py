"""The Settings dialog: General (identity, language, font, scrollback, archive, relay, team server),
Translation, HQ."""

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
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.app.errors import render_error
from console.app.i18n import LANGUAGES
from console.kit.widgets import named
from console.settings.hq_page import HqSettings
from console.settings.identity import IdentityFields
from console.settings.translation_page import TranslationSettings
from sessions.config import Settings
from sessions.errors import SupportError
from sessions.identity import Identity
from sessions.paths import app_dirs
from sessions.team.client import server_target


class SettingsDialog(QDialog):
    """Edits a Settings object; `accept()` writes the file."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        outer = QVBoxLayout(self)
        self.pages = named(QTabWidget(), "settingsTabs", self.tr("Settings pages"))
        outer.addWidget(self.pages, 1)
        general = QWidget()
        form = QFormLayout(general)
        self.pages.addTab(general, self.tr("General"))

        self.identity = IdentityFields(Identity.from_settings(settings), self)
        form.addRow(self.identity)

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
        self.relay.setToolTip(
            self.tr(
                "One relay as host:port, or the relays of one deployment as host:port,host:port: the first "
                "that answers is used, and every one must show the same host key."
            )
        )
        form.addRow(self.tr("Relay:"), self.relay)

        self.team_server = QLineEdit(settings.get("team", "server", ""))
        named(self.team_server, "teamServerEdit", self.tr("Team server (host:port)"))
        self.team_server.setPlaceholderText(self.tr("your relay, e.g. relay.example.com:2222"))
        self.team_server.setToolTip(
            self.tr(
                "Finished records are pushed here; follow-ups and review show the team's records. "
                "Several relays of one deployment: host:port,host:port (the first that answers)."
            )
        )
        form.addRow(self.tr("Team server:"), self.team_server)
        self.team_message = named(QLabel(), "teamServerMessage", self.tr("Team server problem"))
        self.team_message.setWordWrap(True)
        self.team_message.hide()
        form.addRow(self.team_message)

        self.translation = TranslationSettings(settings, self)
        self.pages.addTab(_scrolled(self.translation), self.tr("Translation"))
        self.hq = HqSettings(settings, self)
        self.pages.addTab(self.hq, self.tr("Escalation to HQ"))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("settingsButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

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
                self.pages.setCurrentIndex(0)
                self.team_server.setFocus()
                self.team_message.setText(render_error(exc).lines())
                self.team_message.show()
                return
        self.identity.identity().store(self.settings)
        self.settings.set("ui", "language", self.language.currentData())
        self.settings.set("ui", "font_family", self.font_family.currentFont().family())
        self.settings.set("ui", "font_size", self.font_size.value())
        self.settings.set("terminal", "scrollback", self.scrollback.value())
        archive = self.archive.text().strip()
        self.settings.set("recording", "archive", "" if archive == str(app_dirs().archive) else archive)
        self.settings.set("relay", "address", self.relay.text().strip())
        self.settings.set("team", "server", team)
        self.translation.apply()
        try:
            self.hq.apply()
        except SupportError as exc:
            self.hq.message.setText(render_error(exc).lines())
            self.pages.setCurrentWidget(self.hq)
            return
        self.settings.save()
        super().accept()


def _scrolled(page: QWidget) -> QScrollArea:
    """A page that may be taller than a 768-pixel screen, in a scroll area."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(page)
    return area
