"""The technician's tools in the main window's menus: Review archive…, the session's files, web admin."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from console.app import messages
from console.followups.dock import FollowUpsDock
from sessions.errors import SupportError


class _Window(Protocol):
    followups: FollowUpsDock


@dataclass(frozen=True, slots=True)
class ToolActions:
    review: QAction


def _tr(text: str) -> str:
    return QCoreApplication.translate("ToolActions", text)


def open_review(window: _Window) -> QMainWindow | None:
    """Tools ▸ Review archive…: the review window over the archive the settings name."""
    try:
        return window.followups.review_window()
    except SupportError as exc:
        messages.error(exc)
        return None


def add_tool_actions(window: QMainWindow, menu: QMenu) -> ToolActions:
    """Add the tools to *menu* (the Tools menu); shortcuts, where there are any, are Ctrl+Shift ones."""
    menu.addSeparator()
    review = QAction(_tr("&Review archive…"), window)
    review.setObjectName("reviewArchiveAction")
    review.triggered.connect(lambda: open_review(window))  # type: ignore[arg-type]
    menu.addAction(review)
    return ToolActions(review)
