"""Pages of the Escalate dialog: details, progress, preview with consent, waiting for the customer, done."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.kit.widgets import named
from sessions.escalation import OutboxItem, Preview


def size_text(n: float) -> str:
    """1.5 MB, 320 KB, 12 B."""
    for unit in ("B", "KB", "MB"):
        if n < 1024:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


def redaction_text(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{rule} × {count}" for rule, count in sorted(counts.items()))


def _label(parent: QWidget, name: str, accessible: str) -> QLabel:
    label = named(QLabel(parent), name, accessible)
    label.setWordWrap(True)
    return label


class DetailsPage(QWidget):
    """Ticket, destination, summary (with its translation for HQ), logs to collect, findings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.ticket = named(QLineEdit(self), "escalateTicket", self.tr("HQ ticket number"))
        self.ticket.setPlaceholderText(self.tr("e.g. T-1024 (may be empty)"))
        form.addRow(self.tr("&Ticket:"), self.ticket)
        self.destination = named(QComboBox(self), "escalateDestination", self.tr("HQ destination"))
        form.addRow(self.tr("&Send to:"), self.destination)
        layout.addLayout(form)

        summaries = QHBoxLayout()
        original = QVBoxLayout()
        original.addWidget(QLabel(self.tr("Your summary:"), self))
        self.summary = named(QPlainTextEdit(self), "escalateSummary", self.tr("The technician's summary"))
        self.summary.setPlaceholderText(self.tr("What happened, what you tried, what HQ should look at."))
        original.addWidget(self.summary)
        summaries.addLayout(original)
        self.translated_box = QWidget(self)
        translated = QVBoxLayout(self.translated_box)
        translated.setContentsMargins(0, 0, 0, 0)
        self.translation_title = QLabel(self.translated_box)
        translated.addWidget(self.translation_title)
        self.translation = named(
            QPlainTextEdit(self.translated_box),
            "escalateTranslation",
            self.tr("The summary in HQ's language"),
        )
        translated.addWidget(self.translation)
        self.translation_state = _label(
            self.translated_box, "escalateTranslationState", self.tr("Translation")
        )
        translated.addWidget(self.translation_state)
        summaries.addWidget(self.translated_box)
        layout.addLayout(summaries, 2)

        lists = QHBoxLayout()
        logs_box = QGroupBox(self.tr("Logs to collect"), self)
        logs_layout = QVBoxLayout(logs_box)
        self.logs_state = _label(logs_box, "escalateLogsState", self.tr("Which logs are collected"))
        self.logs = named(QListWidget(logs_box), "escalateLogs", self.tr("Logs to collect from the device"))
        logs_layout.addWidget(self.logs_state)
        logs_layout.addWidget(self.logs)
        findings_box = QGroupBox(self.tr("Findings in the record"), self)
        findings_layout = QVBoxLayout(findings_box)
        self.findings_state = _label(findings_box, "escalateFindingsState", self.tr("Findings"))
        self.findings_state.setText(self.tr("No diagnostics were run in this session."))
        self.findings = named(
            QListWidget(findings_box), "escalateFindings", self.tr("Findings that go to HQ")
        )
        findings_layout.addWidget(self.findings_state)
        findings_layout.addWidget(self.findings)
        lists.addWidget(logs_box)
        lists.addWidget(findings_box)
        layout.addLayout(lists, 2)

        self.message = _label(self, "escalateMessage", self.tr("Escalation message"))
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.build_button = named(
            QPushButton(self.tr("&Collect and preview"), self),
            "escalateBuild",
            self.tr("Collect and preview"),
        )
        self.build_button.setDefault(True)
        self.cancel_button = named(QPushButton(self.tr("Cancel"), self), "escalateCancel", self.tr("Cancel"))
        buttons.addWidget(self.build_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)

    def set_translation_target(self, language: str | None) -> None:
        """Show the translation column for *language*, or hide it when HQ reads the summary as written."""
        self.translated_box.setVisible(language is not None)
        if language is not None:
            self.translation_title.setText(self.tr("For HQ ({lang}):").format(lang=language))

    def show_findings(self, findings: list[dict[str, Any]]) -> None:
        self.findings.clear()
        for item in findings:
            status = str(item.get("status", "?")).upper()
            target = f" ({item['target']})" if item.get("target") else ""
            self.findings.addItem(f"[{status}] {item.get('check', '?')}{target}: {item.get('summary', '')}")
        self.findings_state.setText(
            self.tr("Findings from this session that go into the bundle: {count}").format(count=len(findings))
            if findings
            else self.tr("No diagnostics were run in this session.")
        )


class ProgressPage(QWidget):
    """Files and bytes done, with Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.text = _label(self, "escalateProgressText", self.tr("Progress"))
        self.bar = named(QProgressBar(self), "escalateProgress", self.tr("Progress"))
        self.current = _label(self, "escalateProgressCurrent", self.tr("Current file"))
        self.cancel_button = named(
            QPushButton(self.tr("Cancel"), self), "escalateWorkCancel", self.tr("Cancel collecting")
        )
        for widget in (self.text, self.bar, self.current):
            layout.addWidget(widget)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        layout.addStretch(1)

    def begin(self, text: str) -> None:
        self.text.setText(text)
        self.current.setText("")
        self.bar.setRange(0, 0)  # busy until the first numbers arrive

    def show_numbers(self, text: str, done: int, total: int, current: str) -> None:
        self.text.setText(text)
        self.current.setText(current)
        if total > 0:
            scale = max(1, total // 1_000_000_000 + 1)  # QProgressBar holds an int
            self.bar.setRange(0, total // scale)
            self.bar.setValue(min(done, total) // scale)


class PreviewPage(QWidget):
    """Every file with its size and redactions, the totals, then the customer's consent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.heading = _label(self, "escalatePreviewHeading", self.tr("What will be sent"))
        layout.addWidget(self.heading)
        self.files = named(QTreeWidget(self), "escalatePreviewFiles", self.tr("Files in the bundle"))
        self.files.setRootIsDecorated(False)
        self.files.setHeaderLabels([self.tr("File"), self.tr("Size"), self.tr("Redacted")])
        layout.addWidget(self.files, 1)
        self.totals = _label(self, "escalatePreviewTotals", self.tr("Totals"))
        self.redactions = _label(self, "escalateRedactions", self.tr("What was redacted"))
        self.notes = _label(self, "escalateNotes", self.tr("What collection left out"))
        for widget in (self.totals, self.redactions, self.notes):
            layout.addWidget(widget)

        consent = QGroupBox(self.tr("The customer's consent"), self)
        consent_layout = QVBoxLayout(consent)
        self.agent_box = QWidget(consent)
        agent_row = QHBoxLayout(self.agent_box)
        agent_row.setContentsMargins(0, 0, 0, 0)
        agent_row.addWidget(
            _label(
                self.agent_box,
                "escalateAgentNote",
                self.tr("The customer is asked on their screen, in their language, with this list."),
            ),
            1,
        )
        self.ask_button = named(
            QPushButton(self.tr("&Ask the customer"), self.agent_box),
            "escalateAskCustomer",
            self.tr("Ask the customer for consent"),
        )
        agent_row.addWidget(self.ask_button)
        consent_layout.addWidget(self.agent_box)
        self.phone_box = QWidget(consent)
        phone = QFormLayout(self.phone_box)
        phone.setContentsMargins(0, 0, 0, 0)
        self.agreed = named(
            QCheckBox(self.tr("The customer agreed by phone to send these files"), self.phone_box),
            "escalatePhoneAgreed",
            self.tr("The customer agreed by phone"),
        )
        phone.addRow(self.agreed)
        self.agreed_by = named(QLineEdit(self.phone_box), "escalateAgreedBy", self.tr("Who agreed"))
        self.agreed_by.setPlaceholderText(self.tr("name of the person who agreed"))
        phone.addRow(self.tr("Who agreed:"), self.agreed_by)
        phone_buttons = QHBoxLayout()
        self.send_button = named(
            QPushButton(self.tr("&Send to HQ"), self.phone_box), "escalateSend", self.tr("Send to HQ")
        )
        self.declined_button = named(
            QPushButton(self.tr("The customer &declined"), self.phone_box),
            "escalateDeclined",
            self.tr("The customer declined"),
        )
        phone_buttons.addWidget(self.send_button)
        phone_buttons.addWidget(self.declined_button)
        phone.addRow(phone_buttons)
        consent_layout.addWidget(self.phone_box)
        layout.addWidget(consent)
        self.message = _label(self, "escalatePreviewMessage", self.tr("Consent message"))
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.close_button = named(
            QPushButton(self.tr("Close without sending"), self), "escalatePreviewClose", self.tr("Close")
        )
        row.addWidget(self.close_button)
        layout.addLayout(row)

    def set_agent_mode(self, agent: bool) -> None:
        """Ask through the agent (sessions by code) or confirm a phone agreement (direct SSH)."""
        self.agent_box.setVisible(agent)
        self.phone_box.setVisible(not agent)

    def show_preview(self, preview: Preview, destination: str) -> None:
        self.heading.setText(self.tr("These files go to {destination}:").format(destination=destination))
        self.files.clear()
        for item in preview.files:
            row = QTreeWidgetItem(
                self.files, [item.path, size_text(item.size), redaction_text(item.redactions)]
            )
            row.setToolTip(0, item.path)
        self.files.resizeColumnToContents(0)
        self.totals.setText(
            self.tr("Files: {count}, {size} in all.").format(
                count=len(preview.files), size=size_text(preview.total_bytes)
            )
        )
        total = sum(preview.redactions.values())
        self.redactions.setText(
            self.tr("Redacted before anything was written: {counts}.").format(
                counts=redaction_text(preview.redactions)
            )
            if total
            else self.tr("Nothing needed redacting.")
        )
        self.notes.setText("\n".join(preview.notes))
        self.notes.setVisible(bool(preview.notes))
        self.message.setText("")


class WaitingPage(QWidget):
    """Waiting for the customer's answer, with Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.text = _label(self, "escalateWaiting", self.tr("Waiting for the customer"))
        bar = QProgressBar(self)
        bar.setRange(0, 0)
        self.cancel_button = named(
            QPushButton(self.tr("Stop waiting"), self), "escalateWaitCancel", self.tr("Stop waiting")
        )
        layout.addWidget(self.text)
        layout.addWidget(bar)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        layout.addStretch(1)

    def begin(self, destination: str) -> None:
        self.text.setText(
            self.tr(
                "Waiting for the customer… They see the list of files and {destination} on their screen, "
                "in their language, and choose Allow or Decline."
            ).format(destination=destination)
        )


class DonePage(QWidget):
    """The bundle is queued: where it goes and where to follow it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.text = _label(self, "escalateResult", self.tr("Result"))
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addStretch(1)
        self.close_button = named(QPushButton(self.tr("Close"), self), "escalateClose", self.tr("Close"))
        row.addWidget(self.close_button)
        layout.addLayout(row)
        layout.addStretch(1)

    def show_queued(self, item: OutboxItem, destination: str) -> None:
        self.text.setText(
            self.tr(
                "The bundle ({size}) is queued for {destination}. The Escalations view shows its delivery; "
                "if HQ cannot be reached it is retried, also after a restart."
            ).format(size=size_text(item.size), destination=destination)
        )
