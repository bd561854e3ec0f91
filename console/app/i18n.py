"""UI language: Qt Linguist translations (.qm) from resources/i18n, chosen from settings or the locale."""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

log = logging.getLogger(__name__)

LANGUAGES = {"en": "English", "ko": "한국어"}
_installed: list[QTranslator] = []


def resolve_language(configured: str) -> str:
    """The UI language: the configured one if we have it, else the system locale's, else English."""
    if configured in LANGUAGES:
        return configured
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


def install_translator(language: str) -> str:
    """Install the translator for *language* (replacing any earlier one) and return the language used."""
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == "en":
        return "en"
    data = resources.files("resources") / "i18n" / f"valuezone_{language}.qm"
    translator = QTranslator(app)
    loaded = False
    if data.is_file():
        with resources.as_file(data) as path:
            loaded = translator.load(str(path))
    if not loaded:
        log.warning("No UI translation for %s; using English", language)
        return "en"
    app.installTranslator(translator)
    _installed.append(translator)
    return language
