"""The technician's tools in the main window's menus: Review archive…, the session's files, web admin."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QTabWidget

from console.app import messages
from console.files.dock import FilesDock
from console.followups.dock import FollowUpsDock
from console.kit.tasks import spawn
from console.webadmin.controller import WebAdmin
from sessions.errors import SupportError


class _Window(Protocol):
    followups: FollowUpsDock
    tabs: QTabWidget


@dataclass(frozen=True, slots=True)
class ToolActions:
    review: QAction
    files: QAction
    files_dock: FilesDock
    web: QAction
    web_admin: WebAdmin


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
    review = QAction(QCoreApplication.translate("ToolActions", "&Review archive…"), window)
    review.setObjectName("reviewArchiveAction")
    review.triggered.connect(lambda: open_review(window))  # type: ignore[arg-type]
    menu.addAction(review)
    files_dock: FilesDock = window.files  # type: ignore[attr-defined]  # a tab of the side docks, hidden at first
    tabs: QTabWidget = window.tabs  # type: ignore[attr-defined]
    tabs.currentChanged.connect(lambda _index: files_dock.show_for(tabs.currentWidget()))
    files = files_dock.toggleViewAction()
    files.setText(QCoreApplication.translate("ToolActions", "&Files of this session"))
    files.setObjectName("filesAction")
    files.triggered.connect(lambda checked: files_dock.raise_() if checked else None)  # its tab in front
    files.setShortcut(QKeySequence("Ctrl+Shift+O"))
    menu.addAction(files)
    web_admin = WebAdmin(window)
    web = QAction(QCoreApplication.translate("ToolActions", "&Web admin page of this session…"), window)
    web.setObjectName("webAdminAction")
    web.setShortcut(QKeySequence("Ctrl+Shift+B"))
    web.triggered.connect(lambda: spawn(web_admin.ask(tabs.currentWidget())))
    menu.addAction(web)
    return ToolActions(review, files, files_dock, web, web_admin)
