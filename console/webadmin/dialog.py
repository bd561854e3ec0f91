"""The question before the web admin page opens: http or https, and the device's port."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QWidget

from console.kit.widgets import named
from sessions.webadmin import SCHEMES, WebTarget

DEFAULT_PORTS = {"https": 443, "http": 80}


class WebAdminDialog(QDialog):
    """Asks which page; `target()` is the answer once accepted."""

    def __init__(self, label: str, last: WebTarget | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("webAdminDialog")
        self.setWindowTitle(self.tr("Web admin page of {device}").format(device=label))
        form = QFormLayout(self)
        note = QLabel(
            self.tr(
                "The page opens in your browser at an address on this computer only (127.0.0.1), "
                "through the session. Through a code the customer is asked first. It closes when the "
                "session ends."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.scheme = named(QComboBox(), "webAdminScheme", self.tr("Protocol"))
        self.scheme.addItems(list(SCHEMES))
        self.port = named(QSpinBox(), "webAdminPort", self.tr("Port on the device"))
        self.port.setRange(1, 65535)
        start = last or WebTarget("https", DEFAULT_PORTS["https"])
        self.scheme.setCurrentText(start.scheme)
        self.port.setValue(start.port)
        self.scheme.currentTextChanged.connect(self._on_scheme_changed)
        form.addRow(self.tr("Protocol:"), self.scheme)
        form.addRow(self.tr("Port on the device:"), self.port)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Open"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("webAdminOpen")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _on_scheme_changed(self, scheme: str) -> None:
        """Switching protocol moves a default port along (443 ⇄ 80); a port typed by hand stays."""
        if self.port.value() in DEFAULT_PORTS.values():
            self.port.setValue(DEFAULT_PORTS[scheme])

    def target(self) -> WebTarget:
        return WebTarget(self.scheme.currentText(), self.port.value())
