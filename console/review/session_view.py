"""One opened session: the player, and under it chat (both languages), findings, outcome, notes and tags.

Opening a record shows its events at once and loads the recording on a worker thread (a long cast takes
a moment to read and keyframe); the newest opening wins when a person moves through the rows quickly.
A terminal search hit starts playing a second before the moment its words appear, marked on the screen;
a chat, finding or note hit selects its line and shows the screen as it was then.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from functools import partial
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
from sessions.recording import append_event, open_record

log = logging.getLogger(__name__)
T_ROLE = Qt.ItemDataRole.UserRole
LEAD_IN = 1.0  # a terminal hit plays from this many seconds before its words appear
Appender = Callable[[Path, str, dict[str, Any]], Awaitable[None]]


def _prepare(
    folder: Path, at: float, patterns: Sequence[re.Pattern[str]], found: bool
) -> tuple[Playback, float]:
    """On a worker thread: the record's playback, and where to start it. A terminal hit starts LEAD_IN
    before the output that shows its words: *at* itself when *found* (the source pinpointed it), else
    the moment is looked for from *at*, its segment's start."""
    playback = Playback(folder)
    if found:
        return playback, max(0.0, at - LEAD_IN)
    moment = playback.first_appearance(patterns, at) if patterns else None
    return playback, at if moment is None else max(0.0, moment - LEAD_IN)


def _timed_list(parent: QWidget, name: str, accessible: str) -> QListWidget:
    widget = named(QListWidget(parent), name, accessible)
    widget.setWordWrap(True)
    widget.setAlternatingRowColors(True)
    return widget


class SessionView(QWidget):
    """Shows one record. Double-clicking a chat line, finding or note seeks the player there."""

    record_changed = Signal(Path)  # a note or tag was appended: the index should look again
    loaded = Signal(Path)  # the recording of the opened record is ready in the player

    def __init__(self, author: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.author = author
        self.folder: Path | None = None
        # Where notes and tags go: appended to the record folder, or given to the window's source (a team
        # server appends them to its copy and hands the record back into *folder*).
        self.appender: Appender | None = None
        self.loading: asyncio.Task[Any] | None = None
        self._opening = 0
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
        self._notes = self._notes_page()
        self.tabs.addTab(self._notes, self.tr("Notes && tags"))
        splitter = named(QSplitter(Qt.Orientation.Vertical, self), "sessionSplitter", self.tr("Session"))
        splitter.addWidget(self.player)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
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
    def open_record(
        self,
        folder: Path,
        at: float = 0.0,
        *,
        patterns: Sequence[re.Pattern[str]] = (),
        kind: str = "",
        pinpointed: bool = False,
    ) -> None:
        """Show the record in *folder* with the player at *at* seconds.

        *kind* is a search hit's: ``terminal`` plays from LEAD_IN before *patterns* first show after
        *at* (or before *at* itself when it is *pinpointed*, the moment they appear); any other kind
        selects the hit's line. *patterns* are marked on the screen.
        """
        record = open_record(folder)
        events = list(record.events())
        self._opening += 1
        self.folder = folder
        self._fill(record.meta, events)
        self._set_enabled(True)
        self.player.setEnabled(False)
        self.player.unload(self.tr("Loading the recording…"))
        self.status.clear()
        if kind and kind != "terminal":
            self._select_line(kind, at)
        located = tuple(patterns) if kind == "terminal" else ()
        work = Operation.in_thread(self, _prepare, folder, at, located, pinpointed and kind == "terminal")
        done = partial(self._on_prepared, self._opening, folder, tuple(patterns), kind == "terminal")
        self.loading = work.success(done).errors_to(self.status).run_in_background()

    def _on_prepared(
        self,
        opening: int,
        folder: Path,
        patterns: tuple[re.Pattern[str], ...],
        play: bool,
        prepared: tuple[Playback, float],
    ) -> None:
        if opening != self._opening:
            return  # another record was opened meanwhile
        playback, start = prepared
        self.player.load(playback)
        self.player.setEnabled(True)
        self.player.seek(start)
        self.player.highlight(patterns)
        if play:
            self.player.play()
        self.loaded.emit(folder)

    def _select_line(self, kind: str, t: float) -> None:
        """Select the chat line, finding or note a hit found (the one nearest its time)."""
        widget = {"chat": self.chat, "finding": self.findings, "note": self.notes, "tag": self.notes}.get(
            kind
        )
        if widget is None:
            self.tabs.setCurrentWidget(self.outcome)
            return
        self.tabs.setCurrentIndex(self.tabs.indexOf(widget if widget is not self.notes else self._notes))
        items = [widget.item(number) for number in range(widget.count())]
        if items:
            nearest = min(items, key=lambda item: abs(float(item.data(T_ROLE) or 0.0) - t))
            widget.setCurrentItem(nearest)
            widget.scrollToItem(nearest)

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

        async def append() -> None:
            if appender is not None:
                await appender(folder, kind, data)
            else:
                await asyncio.to_thread(append_event, folder, kind, data)

        operation = Operation(self, append)
        operation.success(lambda _none: self._on_appended(folder)).errors_to(self.status).run_in_background()

    def _on_appended(self, folder: Path) -> None:
        if folder == self.folder:
            record = open_record(folder)
            self._fill(record.meta, list(record.events()))
            self.status.setText(self.tr("Saved to the record."))
        self.record_changed.emit(folder)
