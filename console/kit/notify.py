"""Telling the technician about something that finished in the background: status bar, tray, taskbar alert."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QStyle, QSystemTrayIcon

log = logging.getLogger(__name__)
STATUS_MS = 30_000
TRAY_MS = 10_000


class Notifier(QObject):
    """Shows a message in the window's status bar and, where the desktop has a tray, as a tray balloon."""

    notified = Signal(str, str)  # title, text: every notification raised (tests and screen readers)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._tray: QSystemTrayIcon | None = None

    def notify(self, title: str, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)
        tray = self._tray_icon()
        if tray is not None:
            tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, TRAY_MS)
        QApplication.alert(self.window)
        log.info("notification: %s", text)
        self.notified.emit(title, text)

    def _tray_icon(self) -> QSystemTrayIcon | None:
        if self._tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            icon = self.window.windowIcon()
            if icon.isNull():
                icon = self.window.style().standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)
            self._tray = QSystemTrayIcon(icon, self)
            self._tray.setToolTip("Valuezone")
            self._tray.show()
        return self._tray
