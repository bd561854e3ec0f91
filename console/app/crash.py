"""The crash hook: an unexpected exception is logged and shown in a dialog, never swallowed."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from sessions.paths import app_dirs

log = logging.getLogger(__name__)
_showing = False


def show_crash(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Log the exception and show it; a second crash while the dialog is open is only logged."""
    global _showing
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("Unexpected error:\n%s", details)
    if _showing or QApplication.instance() is None:
        return
    _showing = True
    try:
        box = QMessageBox(
            QMessageBox.Icon.Critical, QCoreApplication.translate("CrashDialog", "Valuezone hit a bug"), ""
        )
        box.setObjectName("crashDialog")
        box.setText(
            QCoreApplication.translate(
                "CrashDialog",
                "Something went wrong that Valuezone did not expect. Your sessions are still recorded. "
                "Please send the details below and the log file to the Valuezone developers.",
            )
        )
        box.setInformativeText(
            QCoreApplication.translate("CrashDialog", "Log file: {path}").format(path=app_dirs().log_file)
        )
        box.setDetailedText(details)
        box.exec()
    finally:
        _showing = False


def install_crash_hook() -> None:
    """Route uncaught exceptions (also those raised inside Qt slots) to show_crash."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        show_crash(exc_type, exc, tb)

    sys.excepthook = hook
