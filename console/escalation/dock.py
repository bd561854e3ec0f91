"""The Escalations dock: the outbox's bundles (queued, sending, delivered, failed); Retry, Remove.

With a session tab current it shows that session's bundles ("Only this session"), or every bundle.
"""

from __future__ import annotations

import time
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.app.errors import render_error
from console.escalation.outbox import OutboxService
from console.kit.widgets import named
from sessions.errors import SupportError
from sessions.escalation import OutboxItem, State

_KEY_ROLE = Qt.ItemDataRole.UserRole
_ICONS = {
    State.QUEUED: QStyle.StandardPixmap.SP_BrowserReload,
    State.SENDING: QStyle.StandardPixmap.SP_ArrowUp,
    State.DELIVERED: QStyle.StandardPixmap.SP_DialogApplyButton,
    State.FAILED: QStyle.StandardPixmap.SP_MessageBoxCritical,
}
COLUMNS = ("state", "ticket", "destination", "size", "attempts", "next", "reason")


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


class EscalationsDock(QDockWidget):
    """Shows the outbox live; the buttons act on the selected bundle."""

    def __init__(self, service: OutboxService, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Escalations"), parent)
        self.setObjectName("escalationsDock")
        self.service = service
        self._session: set[str] | None = None  # the current tab's bundle ids; None: no session tab
        self._build()
        service.item_changed.connect(self._on_service_item_changed)
        service.items_reset.connect(self.reload)
        self.reload()

    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.only_session = named(
            QCheckBox(self.tr("Only this session"), body),
            "escalationsOnlySession",
            self.tr("Show only the bundles escalated from the current session"),
        )
        self.only_session.setChecked(True)
        self.only_session.setEnabled(False)
        self.only_session.toggled.connect(lambda _on: self._apply_filter())
        layout.addWidget(self.only_session)
        self.table = named(QTreeWidget(body), "escalationsTable", self.tr("Bundles for headquarters"))
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(
            [
                self.tr("State"),
                self.tr("Ticket"),
                self.tr("Destination"),
                self.tr("Size"),
                self.tr("Attempts"),
                self.tr("Next retry"),
                self.tr("Reason"),
            ]
        )
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.retry_button = named(
            QPushButton(self.tr("&Retry now"), body),
            "escalationsRetry",
            self.tr("Retry the selected bundle now"),
        )
        self.remove_button = named(
            QPushButton(self.tr("Re&move"), body), "escalationsRemove", self.tr("Remove the selected bundle")
        )
        self.message = named(QLabel(body), "escalationsMessage", self.tr("Escalations message"))
        self.message.setWordWrap(True)
        row.addWidget(self.retry_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.message, 1)
        layout.addLayout(row)
        self.setWidget(body)
        self.retry_button.clicked.connect(self._on_retry_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.table.currentItemChanged.connect(lambda *_: self._refresh_buttons())
        self._refresh_buttons()

    # --- rows -------------------------------------------------------------------------------------
    def show_session(self, bundles: set[str] | None) -> None:
        """Filter on the bundles escalated from the current tab (*bundles*, kept up to date by the tab)."""
        self._session = bundles
        self.only_session.setEnabled(bundles is not None)
        self._apply_filter()

    def _apply_filter(self) -> None:
        only = self._session if self.only_session.isChecked() else None
        for index in range(self.table.topLevelItemCount()):
            row = self.table.topLevelItem(index)
            if row is not None:
                item: OutboxItem = row.data(0, _KEY_ROLE)
                row.setHidden(only is not None and item.bundle_id not in only)
        current = self.table.currentItem()
        if current is not None and current.isHidden():
            self.table.setCurrentItem(None)  # type: ignore[call-overload]
        self._refresh_buttons()

    def visible_bundles(self) -> list[str]:
        """The bundle ids shown now, top to bottom."""
        rows = (self.table.topLevelItem(i) for i in range(self.table.topLevelItemCount()))
        return [row.data(0, _KEY_ROLE).bundle_id for row in rows if row is not None and not row.isHidden()]

    def reload(self) -> None:
        self.table.clear()
        for item in self.service.items():
            self._show(item)
        self._apply_filter()

    def row_for(self, bundle_id: str, destination: str = "") -> QTreeWidgetItem | None:
        for index in range(self.table.topLevelItemCount()):
            row = self.table.topLevelItem(index)
            item: OutboxItem | None = row.data(0, _KEY_ROLE) if row else None
            if item and item.bundle_id == bundle_id and (not destination or item.destination == destination):
                return row
        return None

    def state_of(self, bundle_id: str) -> State | None:
        row = self.row_for(bundle_id)
        return row.data(0, _KEY_ROLE).state if row is not None else None

    def _show(self, item: OutboxItem) -> None:
        row = self.row_for(item.bundle_id, item.destination) or QTreeWidgetItem(self.table)
        row.setData(0, _KEY_ROLE, item)
        row.setIcon(0, self.style().standardIcon(_ICONS[item.state]))
        texts = {
            "state": self._state_text(item.state),
            "ticket": item.ticket or "—",
            "destination": self.service.destination_label(item.destination),
            "size": _size(item.size),
            "attempts": str(item.attempts),
            "next": self._next_text(item),
            "reason": item.reason,
        }
        for column, key in enumerate(COLUMNS):
            row.setText(column, texts[key])
        row.setToolTip(6, item.reason)
        row.setToolTip(2, item.destination)
        only = self._session if self.only_session.isChecked() else None
        row.setHidden(only is not None and item.bundle_id not in only)
        if self.table.currentItem() is None and not row.isHidden():
            self.table.setCurrentItem(row)
        self._refresh_buttons()

    def _state_text(self, state: State) -> str:
        return {
            State.QUEUED: self.tr("queued"),
            State.SENDING: self.tr("sending"),
            State.DELIVERED: self.tr("delivered"),
            State.FAILED: self.tr("failed"),
        }[state]

    def _next_text(self, item: OutboxItem) -> str:
        if item.state is not State.QUEUED:
            return ""
        if item.next_attempt <= time.time() + 1:
            return self.tr("now")
        return datetime.fromtimestamp(item.next_attempt).strftime("%H:%M:%S")

    def _selected(self) -> OutboxItem | None:
        row = self.table.currentItem()
        return row.data(0, _KEY_ROLE) if row is not None and not row.isHidden() else None

    def _refresh_buttons(self) -> None:
        item = self._selected()
        self.retry_button.setEnabled(item is not None and item.state in (State.QUEUED, State.FAILED))
        self.remove_button.setEnabled(item is not None and item.state is not State.SENDING)

    # --- slots ------------------------------------------------------------------------------------
    def _on_service_item_changed(self, item: OutboxItem) -> None:
        self._show(item)

    def _on_retry_clicked(self) -> None:
        item = self._selected()
        if item is not None:
            self.service.retry(item.bundle_id)
            self.message.setText(self.tr("Sending again now."))

    def _on_remove_clicked(self) -> None:
        item = self._selected()
        if item is None:
            return
        if item.state is State.DELIVERED:
            self._remove(item)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove bundle"),
            self.tr("The bundle for ticket {ticket} has not reached HQ. Remove it and its file?").format(
                ticket=item.ticket or "—"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("removeEscalationConfirm")
        yes = named(box.button(QMessageBox.StandardButton.Yes), "removeEscalationYes", self.tr("Remove"))
        box.finished.connect(lambda _r: self._remove(item) if box.clickedButton() is yes else None)
        box.open()

    def _remove(self, item: OutboxItem) -> None:
        try:
            self.service.remove(item)
        except SupportError as exc:
            self.message.setText(render_error(exc).lines())
            return
        self.message.setText(
            self.tr("Removed the bundle for ticket {ticket}.").format(ticket=item.ticket or "—")
        )
