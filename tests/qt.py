"""Qt clean-up between tests: deleteLater() done and Python's garbage collected while Qt is in a sane state.

Collecting wrappers of Qt objects at a random later moment (inside another test) crashed the interpreter
once in CI; doing it at each GUI test's teardown makes it happen where the objects were made.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QEvent


def release_qt_garbage() -> None:
    for _ in range(2):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        QCoreApplication.processEvents()
        gc.collect()
