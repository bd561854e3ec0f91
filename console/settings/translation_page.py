"""The Settings dialog's Translation page: the provider chain, keys (keyring only), servers, a Test button."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import translation.settings as checked
from console.app.errors import render_error
from console.kit.operations import Operation
from console.kit.widgets import named
from sessions import secrets
from sessions.config import DEFAULTS, Settings
from sessions.errors import ConfigError
from translation.detection import detect
from translation.languages import SUPPORTED, same_language
from translation.providers import KEY_KIND, PROVIDERS, ProviderConfig
from translation.trial import ProviderTrial, try_chain

_ROLE = Qt.ItemDataRole.UserRole
KEYED = ("deepl", "microsoft", "papago", "libre")  # providers that take a key (libre's is optional)
SAMPLE = "디스크에 오류가 있어요. 전원을 끄지 마세요."
DEFAULTS_PROVIDERS: list[str] = DEFAULTS["translation"]["providers"]
T = TypeVar("T")


def _checked(read: Callable[[Mapping[str, Any]], T], section: Mapping[str, Any], default: T) -> T:
    """A setting as *read* checks it, or *default* when it is bad (the main window said so; OK saves this)."""
    try:
        return read(section)
    except ConfigError:
        return default


class TranslationSettings(QWidget):
    """Edits the `translation` section; `apply()` stores typed keys in the keyring, the rest in settings."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("translationSettings")
        self.settings = settings
        section = settings.section("translation")
        layout = QVBoxLayout(self)

        chain_box = QGroupBox(self.tr("Providers, tried in this order"))
        chain_row = QHBoxLayout(chain_box)
        self.providers = named(QListWidget(), "translationProviders", self.tr("Translation providers"))
        self.providers.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        enabled = [p for p in _checked(checked.providers, section, DEFAULTS_PROVIDERS) if p in PROVIDERS]
        for name in [*enabled, *[p for p in PROVIDERS if p not in enabled]]:
            item = QListWidgetItem(self._provider_label(name))
            item.setData(_ROLE, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in enabled else Qt.CheckState.Unchecked)
            self.providers.addItem(item)
        self.providers.setCurrentRow(0)
        chain_row.addWidget(self.providers, 1)
        moves = QVBoxLayout()
        self.up_button = named(QPushButton(self.tr("Up")), "providerUp", self.tr("Try this provider earlier"))
        self.down_button = named(
            QPushButton(self.tr("Down")), "providerDown", self.tr("Try this provider later")
        )
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        moves.addStretch(1)
        chain_row.addLayout(moves)
        layout.addWidget(chain_box)

        form = QFormLayout()
        self.libre_url = named(
            QLineEdit(section.get("libre_url", "")), "libreUrl", self.tr("LibreTranslate address")
        )
        self.libre_url.setPlaceholderText("http://10.0.0.5:5000/")
        form.addRow(self.tr("LibreTranslate server:"), self.libre_url)
        self.region = named(
            QLineEdit(section.get("microsoft_region", "")),
            "microsoftRegion",
            self.tr("Microsoft Translator region"),
        )
        self.region.setPlaceholderText("koreacentral")
        form.addRow(self.tr("Microsoft region:"), self.region)
        self.keys: dict[str, QLineEdit] = {}
        self.forget: dict[str, QPushButton] = {}
        for name in KEYED:
            form.addRow(self._key_label(name), self._key_row(name))
        self.technician_language = named(QComboBox(), "technicianLanguage", self.tr("The language you read"))
        for code, label in SUPPORTED.items():
            self.technician_language.addItem(f"{label} ({code})", code)
        self.technician_language.setCurrentIndex(
            max(0, self.technician_language.findData(section.get("technician_language", "en")))
        )
        form.addRow(self.tr("Translate the customer into:"), self.technician_language)
        self.deadline = named(
            QDoubleSpinBox(), "translationDeadline", self.tr("Seconds to wait for each provider")
        )
        self.deadline.setRange(1, 60)
        self.deadline.setSuffix(" s")
        self.deadline.setValue(_checked(checked.deadline, section, checked.DEFAULT_DEADLINE))
        form.addRow(self.tr("Wait per provider:"), self.deadline)
        self.cache = named(QCheckBox(self.tr("Keep translations in a local cache")), "translationCache", "")
        self.cache.setChecked(bool(section.get("cache", True)))
        form.addRow(self.cache)
        layout.addLayout(form)

        test_box = QGroupBox(self.tr("Test"))
        test_layout = QVBoxLayout(test_box)
        test_row = QHBoxLayout()
        self.sample = named(QLineEdit(SAMPLE), "translationSample", self.tr("Sample text to translate"))
        self.test_button = named(
            QPushButton(self.tr("Test")), "translationTest", self.tr("Translate the sample")
        )
        self.test_button.clicked.connect(
            lambda: Operation(self, self._run_test).success(self._show_test).run_in_background()
        )
        test_row.addWidget(self.sample, 1)
        test_row.addWidget(self.test_button)
        test_layout.addLayout(test_row)
        self.test_result = named(QLabel(), "translationTestResult", self.tr("Test result"))
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        test_layout.addWidget(self.test_result)
        layout.addWidget(test_box)
        layout.addStretch(1)

    # --- the chain ------------------------------------------------------------------------------------
    def _provider_label(self, name: str) -> str:
        notes = {
            "google": self.tr("Google (no key)"),
            "mymemory": self.tr("MyMemory (no key)"),
            "deepl": self.tr("DeepL (key)"),
            "microsoft": self.tr("Microsoft (key, region)"),
            "papago": self.tr("Papago (client id:secret)"),
            "libre": self.tr("LibreTranslate (your server)"),
        }
        return notes.get(name, name)

    def _move(self, step: int) -> None:
        row = self.providers.currentRow()
        if row < 0 or not 0 <= row + step < self.providers.count():
            return
        item = self.providers.takeItem(row)
        self.providers.insertItem(row + step, item)
        self.providers.setCurrentRow(row + step)

    def chain(self) -> list[str]:
        """The ticked providers in the order shown."""
        items = (self.providers.item(i) for i in range(self.providers.count()))
        return [
            str(item.data(_ROLE))
            for item in items
            if item is not None and item.checkState() == Qt.CheckState.Checked
        ]

    def chain_configs(self) -> list[ProviderConfig]:
        return [
            ProviderConfig(
                name,
                url=self.libre_url.text().strip() if name == "libre" else "",
                region=self.region.text().strip() if name == "microsoft" else "",
            )
            for name in self.chain()
        ]

    # --- keys -----------------------------------------------------------------------------------------
    def _key_label(self, name: str) -> str:
        labels = {
            "deepl": self.tr("DeepL API key:"),
            "microsoft": self.tr("Microsoft key:"),
            "papago": self.tr("Papago client id:secret:"),
            "libre": self.tr("LibreTranslate key (optional):"),
        }
        return labels[name]

    def _key_row(self, name: str) -> QHBoxLayout:
        edit = named(QLineEdit(), f"translationKey_{name}", self._key_label(name).rstrip(":"))
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        forget = named(
            QPushButton(self.tr("Forget")), f"translationForget_{name}", self.tr("Delete the saved key")
        )
        forget.clicked.connect(lambda: self._forget(name))
        self.keys[name], self.forget[name] = edit, forget
        self._show_key_state(name)
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(forget)
        return row

    def _show_key_state(self, name: str) -> None:
        stored = secrets.load(KEY_KIND, name) is not None
        self.keys[name].setPlaceholderText(
            self.tr("saved in the keyring (type to replace)") if stored else self.tr("none saved")
        )
        self.forget[name].setEnabled(stored)

    def _forget(self, name: str) -> None:
        secrets.delete(KEY_KIND, name)
        self.keys[name].clear()
        self._show_key_state(name)

    def _key_lookup(self, name: str) -> str | None:
        """A key typed here (not saved yet) first, else the keyring's: the Test tries what you typed."""
        typed = self.keys[name].text().strip() if name in self.keys else ""
        return typed or secrets.load(KEY_KIND, name)

    # --- test -----------------------------------------------------------------------------------------
    async def _run_test(self) -> list[ProviderTrial]:
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(self.tr("Translating the sample…"))
        try:
            chain = self.chain_configs()
            if not chain:
                return []
            text = self.sample.text()
            source = detect(text) or "auto"
            own = str(self.technician_language.currentData())
            target = own if not same_language(source, own) else ("ko" if own == "en" else "en")
            return await try_chain(
                chain, text, source, target, deadline=self.deadline.value(), key_lookup=self._key_lookup
            )
        finally:
            self.test_button.setEnabled(True)

    def _show_test(self, trials: list[ProviderTrial]) -> None:
        if not trials:
            self.test_result.setText(self.tr("Tick at least one provider."))
            return
        lines = []
        for trial in trials:
            who = trial.provider.describe()
            if trial.error is None:
                lines.append(
                    self.tr("{provider} answered in {seconds:.2f} s: {text}").format(
                        provider=who, seconds=trial.seconds, text=trial.text
                    )
                )
            else:
                lines.append(
                    self.tr("{provider} failed after {seconds:.2f} s: {error}").format(
                        provider=who, seconds=trial.seconds, error=render_error(trial.error).line()
                    )
                )
        answered = trials[-1].answered
        self.test_result.setStyleSheet("" if answered else "color: #b00020")
        self.test_result.setText("\n".join(lines))

    # --- saving ---------------------------------------------------------------------------------------
    def apply(self) -> None:
        """Keys typed here to the keyring; the chain and the rest into the settings (the dialog saves)."""
        for name, edit in self.keys.items():
            key = edit.text().strip()
            if key:
                secrets.store(KEY_KIND, name, key)
                edit.clear()
                self._show_key_state(name)
        section = self.settings.section("translation")
        section["providers"] = self.chain() or ["google"]
        section["libre_url"] = self.libre_url.text().strip()
        section["microsoft_region"] = self.region.text().strip()
        section["technician_language"] = str(self.technician_language.currentData())
        section["deadline"] = self.deadline.value()
        section["cache"] = self.cache.isChecked()
