"""Who the technician is: the name and company fields (Settings) and the first-run question."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from console.kit.widgets import named
from sessions.config import Settings
from sessions.identity import SECTION, Identity


class IdentityFields(QGroupBox):
    """Display name and company, as records, canned replies, follow-ups and reports use them."""

    def __init__(self, identity: Identity, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Identity"), parent)
        self.setObjectName("identityFields")
        form = QFormLayout(self)
        self.name = named(QLineEdit(identity.name), "identityName", self.tr("Your display name"))
        self.name.setPlaceholderText(self.tr("e.g. Kim Minsu"))
        self.company = named(QLineEdit(identity.company), "identityCompany", self.tr("Your company"))
        self.company.setPlaceholderText(self.tr("e.g. ACME Storage"))
        form.addRow(self.tr("Display name:"), self.name)
        form.addRow(self.tr("Company:"), self.company)
        note = QLabel(
            self.tr(
                "Session records, follow-ups and reports name you this way, and canned replies say "
                "“this is {name} from {company} support”. The customer's consent question shows the name "
                "the relay's administrator gave your key: the line under Join by code ▸ Your key carries "
                "this name for them."
            )
        )
        note.setObjectName("identityNote")
        note.setWordWrap(True)
        form.addRow(note)

    def identity(self) -> Identity:
        return Identity(" ".join(self.name.text().split()), " ".join(self.company.text().split()))


class IdentityDialog(QDialog):
    """The first run's question (and Tools ▸ Identity…): name and company, or Later."""

    def __init__(self, settings: Settings, parent: QWidget | None = None, *, first_run: bool = False) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("identityDialog")
        self.setWindowTitle(self.tr("Welcome to Valuezone") if first_run else self.tr("Identity"))
        layout = QVBoxLayout(self)
        if first_run:
            intro = QLabel(
                self.tr("Before your first session: how should customers and colleagues know you?")
            )
            intro.setWordWrap(True)
            layout.addWidget(intro)
        self.fields = IdentityFields(Identity.from_settings(settings), self)
        layout.addWidget(self.fields)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save, self)
        self.buttons.setObjectName("identityButtons")
        later = self.buttons.addButton(
            self.tr("Later") if first_run else self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        named(later, "identityLater", self.tr("Decide later (Tools ▸ Identity)"))
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        named(self.save_button, "identitySave", self.tr("Save your name and company"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.fields.name.textChanged.connect(self._on_name_changed)
        self._on_name_changed()
        self._first_run = first_run

    def _on_name_changed(self, *_: object) -> None:
        self.save_button.setEnabled(bool(self.fields.name.text().strip()))

    def accept(self) -> None:
        self.fields.identity().store(self.settings)
        self.settings.save()
        super().accept()

    def reject(self) -> None:
        if self._first_run:  # asked once: Tools ▸ Identity is where it is set later
            self.settings.set(SECTION, "asked", True)
            self.settings.save()
        super().reject()


def should_ask(settings: Settings) -> bool:
    """The first run: no name yet and the question not put aside with Later."""
    return not Identity.from_settings(settings).name and not settings.get(SECTION, "asked", False)
