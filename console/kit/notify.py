"""Telling the person: messages in a window (status bar, notice dialog), and background news (tray, alert)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QStyle, QSystemTrayIcon

from console.app import messages

log = logging.getLogger(__name__)
STATUS_MS = 30_000
NOTICE_STATUS_MS = 15_000
TRAY_MS = 10_000


def show_messages_in(window: QMainWindow) -> None:
    """*window* shows the console's messages from now on (those raised before it existed first)."""
    messages.bridge().attach(window, lambda message: show_message(window, message))


def show_message(window: QMainWindow, message: messages.Message) -> None:
    """In the status bar; a warning or an error also in a notice the person closes, its hint apart."""
    window.statusBar().showMessage(message.text, NOTICE_STATUS_MS)
    if message.level is messages.Level.INFO:
        return
    box = QMessageBox(
        QMessageBox.Icon.Information, "Valuezone", message.text, QMessageBox.StandardButton.Ok, window
    )
    box.setObjectName("noticeDialog")
    box.setInformativeText(message.hint)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


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
