"""The crash dialog: a bug (an exception nobody expected) is logged and shown, never swallowed.

Bugs reach it from three places: an exception raised in a Qt slot (sys.excepthook), one that ends a
background task (console.kit.tasks), and one the asyncio loop reports (its exception handler, set in
console.app.runtime). The dialog is application-modal but opened without a nested event loop, so
asyncio keeps running (the session goes on being recorded) while it is open.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from sessions.paths import app_dirs

log = logging.getLogger(__name__)
_showing: QMessageBox | None = None  # the open crash dialog (kept referenced while it is shown)


def show_crash(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Log the exception and show it; a second crash while the dialog is open is only logged."""
    global _showing
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("Unexpected error:\n%s", details)
    if _showing is not None or QApplication.instance() is None:
        return
    _showing = crash_dialog(details)
    _showing.show()


def crash_dialog(details: str) -> QMessageBox:
    """The dialog for one bug, with its traceback under "Show details"."""
    box = QMessageBox(
        QMessageBox.Icon.Critical, QCoreApplication.translate("CrashDialog", "Valuezone hit a bug"), ""
    )
    box.setObjectName("crashDialog")
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
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
    box.finished.connect(_closed)
    return box


def _closed(_result: int) -> None:
    global _showing
    _showing = None


def show_exception(exc: BaseException) -> None:
    """show_crash for an exception caught elsewhere (a background task, the loop's handler)."""
    show_crash(type(exc), exc, exc.__traceback__)


def install_crash_hook() -> None:
    """Route uncaught exceptions (also those raised inside Qt slots) to show_crash."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        show_crash(exc_type, exc, tb)

    sys.excepthook = hook
