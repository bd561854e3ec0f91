"""Qt's own words in the customer's window (context menus: Copy, Paste, Select All) in their language."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

log = logging.getLogger(__name__)
_installed: list[QTranslator] = []


def install_qt_words(lang: str) -> bool:
    """Load Qt's translation (qtbase_ko, qtbase_zh_TW …) for *lang*; False for English or when Qt has none.

    For `valuezone agent --gui` only: the application is the customer's. (In `valuezone demo` the console
    shares the application, and the technician's menus stay in the technician's language.)
    """
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    remove_qt_words()
    if not lang or lang == "en":
        return False
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{lang.replace('-', '_')}", folder):
        log.info("Qt has no translation of its own words for %s", lang)
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True


def remove_qt_words() -> None:
    """Take Qt's own words back to English (tests; a window that goes away)."""
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
