"""One opened session: the player, and beside it chat (both languages), findings, outcome, notes and tags."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.kit.operations import Operation
from console.kit.widgets import named
from console.review.player import PlayerWidget, clock
from sessions.archive import Playback
from sessions.recording import append_event

log = logging.getLogger(__name__)
T_ROLE = Qt.ItemDataRole.UserRole


def _timed_list(parent: QWidget, name: str, accessible: str) -> QListWidget:
    widget = named(QListWidget(parent), name, accessible)
    widget.setWordWrap(True)
    widget.setAlternatingRowColors(True)
    return widget


class SessionView(QWidget):
    """Shows one record. Double-clicking a chat line, finding or note seeks the player there."""

    record_changed = Signal(Path)  # a note or tag was appended: the index should look again

    def __init__(self, author: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.author = author
        self.folder: Path | None = None
        # Where notes and tags go: appended to the record folder, or (team server) sent to the server,
        # which appends them to its copy and hands the record back into *folder*.
        self.appender: Callable[[Path, str, dict[str, Any]], Awaitable[None]] | None = None
        self.player = PlayerWidget(self)
        self.header = named(QLabel(self), "sessionHeader", self.tr("Session"))
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header.setWordWrap(True)
        self.chat = _timed_list(self, "chatList", self.tr("Chat, original and translation"))
        self.findings = _timed_list(self, "findingsList", self.tr("Diagnostic findings"))
        self.outcome = named(QLabel(self), "outcomeLabel", self.tr("Outcome and score"))
        self.outcome.setWordWrap(True)
        self.outcome.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.notes = _timed_list(self, "notesList", self.tr("Notes and tags"))
        self.note_edit = named(QLineEdit(self), "noteEdit", self.tr("New note"))
        self.note_edit.setPlaceholderText(self.tr("Note at the current time…"))
        self.note_button = named(QPushButton(self.tr("Add note"), self), "addNote", self.tr("Add note"))
        self.tag_edit = named(QLineEdit(self), "tagEdit", self.tr("New tag"))
        self.tag_edit.setPlaceholderText(self.tr("Tag…"))
        self.tag_button = named(QPushButton(self.tr("Add tag"), self), "addTag", self.tr("Add tag"))
        self.status = named(QLabel(self), "sessionStatus", self.tr("Session view status"))
        self.tabs = named(QTabWidget(self), "sessionTabs", self.tr("Session details"))
        self.tabs.addTab(self.chat, self.tr("Chat"))
        self.tabs.addTab(self.findings, self.tr("Findings"))
        self.tabs.addTab(self.outcome, self.tr("Outcome"))
        self.tabs.addTab(self._notes_page(), self.tr("Notes && tags"))
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.player)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        for widget in (self.chat, self.findings, self.notes):
            widget.itemActivated.connect(self._on_timed_item_activated)
        self.note_button.clicked.connect(self._on_note_button_clicked)
        self.note_edit.returnPressed.connect(self._on_note_button_clicked)
        self.tag_button.clicked.connect(self._on_tag_button_clicked)
        self.tag_edit.returnPressed.connect(self._on_tag_button_clicked)
        self._set_enabled(False)

    def _notes_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(self.notes, 1)
        for edit, button in ((self.note_edit, self.note_button), (self.tag_edit, self.tag_button)):
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(button)
            layout.addLayout(row)
        return page

    def _set_enabled(self, on: bool) -> None:
        for widget in (self.note_edit, self.note_button, self.tag_edit, self.tag_button, self.player):
            widget.setEnabled(on)

    # --- loading ------------------------------------------------------------------------------------
    def open_record(self, folder: Path, at: float = 0.0) -> None:
        """Show the record in *folder* and seek the player to *at* seconds."""
        playback = Playback(folder)
        self.folder = folder
        self.player.load(playback)
        self._fill(playback.record.meta, list(playback.record.events()))
        self._set_enabled(True)
        self.player.seek(at)

    def _fill(self, meta: dict[str, Any], events: list[dict[str, Any]]) -> None:
        device = meta.get("device") or {}
        self.header.setText(
            f"<b>{meta.get('started', '')[:16].replace('T', ' ')}</b> · {device.get('name', '')} "
            f"({device.get('user', '')}@{device.get('host', '')}) · {meta.get('technician', '')}"
        )
        for widget in (self.chat, self.findings, self.notes):
            widget.clear()
        outcome: list[str] = []
        for event in events:
            kind, t, data = event.get("type", ""), float(event.get("t", 0.0)), event.get("data") or {}
            if kind == "chat.message":
                self._add(self.chat, t, self._chat_text(data))
            elif kind == "diagnostics.finding":
                status = str(data.get("status", "")).upper()
                text = (
                    f"[{status}] {data.get('check', '')} {data.get('target', '')}: {data.get('summary', '')}"
                )
                self._add(self.findings, t, text)
            elif kind in ("outcome", "survey") or kind.startswith(("escalation.", "followup.")):
                outcome.append(self._outcome_line(kind, t, data))
            elif kind == "annotation":
                at = data.get("t", data.get("at"))
                where = float(at) if isinstance(at, (int, float)) else 0.0
                self._add(self.notes, where, f"✎ {data.get('author', '')}: {data.get('text', '')}")
            elif kind == "tag":
                self._add(self.notes, 0.0, f"# {data.get('tag', '')} ({data.get('author', '')})")
        if not outcome and meta.get("outcome"):
            outcome.append(self.tr("Outcome: %s") % meta["outcome"])
        if meta.get("survey_score") is not None and not any("survey" in line for line in outcome):
            outcome.append(self.tr("Score: %s/10") % meta["survey_score"])
        self.outcome.setText("\n\n".join(outcome) or self.tr("No outcome was recorded."))

    def _chat_text(self, data: dict[str, Any]) -> str:
        line = f"{data.get('from', '')} ({data.get('lang', '')}): {data.get('text', '')}"
        translation = data.get("translation") or {}
        if translation.get("text"):
            line += f"\n    → ({translation.get('lang', '')}) {translation['text']}"
        return line

    def _outcome_line(self, kind: str, t: float, data: dict[str, Any]) -> str:
        if kind == "outcome":
            return self.tr("Outcome at %1: %2 — %3").replace("%1", clock(t)).replace(
                "%2", str(data.get("outcome", ""))).replace("%3", str(data.get("summary", "")))  # fmt: skip
        if kind == "survey":
            solved = self.tr("solved") if data.get("solved") else self.tr("not solved")
            return self.tr("Customer survey: %1, score %2/10. %3").replace("%1", solved).replace(
                "%2", str(data.get("score", "–"))).replace("%3", str(data.get("comment", "")))  # fmt: skip
        details = ", ".join(f"{k}: {v}" for k, v in data.items() if isinstance(v, (str, int, float)))
        return f"{kind} ({clock(t)}): {details}"

    @staticmethod
    def _add(widget: QListWidget, t: float, text: str) -> None:
        item = QListWidgetItem(f"{clock(t)}  {text}")
        item.setData(T_ROLE, t)
        widget.addItem(item)

    # --- slots --------------------------------------------------------------------------------------
    def _on_timed_item_activated(self, item: QListWidgetItem) -> None:
        self.player.seek(float(item.data(T_ROLE) or 0.0))

    def _on_note_button_clicked(self) -> None:
        text = self.note_edit.text().strip()
        if text and self.folder is not None:
            at = round(self.player.playback.position if self.player.playback else 0.0, 3)
            self.note_edit.clear()
            self._append("annotation", {"author": self.author, "text": text, "t": at})

    def _on_tag_button_clicked(self) -> None:
        tag = self.tag_edit.text().strip()
        if tag and self.folder is not None:
            self.tag_edit.clear()
            self._append("tag", {"author": self.author, "tag": tag})

    def _append(self, kind: str, data: dict[str, Any]) -> None:
        folder = self.folder
        assert folder is not None
        appender = self.appender
        operation: Operation[Any]
        if appender is not None:
            operation = Operation(self, lambda: appender(folder, kind, data))
        else:
            operation = Operation.in_thread(self, append_event, folder, kind, data)
        operation.success(lambda _event: self._on_appended(folder)).errors_to(self.status).run_in_background()

    def _on_appended(self, folder: Path) -> None:
        if folder == self.folder:
            self._fill(self._meta(folder), self._events(folder))
            self.status.setText(self.tr("Saved to the record."))
        self.record_changed.emit(folder)

    @staticmethod
    def _meta(folder: Path) -> dict[str, Any]:
        from sessions.recording import open_record

        return open_record(folder).meta

    @staticmethod
    def _events(folder: Path) -> list[dict[str, Any]]:
        from sessions.recording import open_record

        return list(open_record(folder).events())
