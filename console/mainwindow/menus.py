"""The main window's menus and their shortcuts: the Ctrl+Shift family, so Ctrl+letters stay the shell's.

Help ▸ Keyboard shortcuts is made from these actions (console/mainwindow/shortcuts.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from console.mainwindow.tools import add_tool_actions

# The MainWindow these menus belong to (console/mainwindow/window.py imports this module, so not imported).
ConsoleWindow = Any


@dataclass
class MenuActions:
    """The actions other code triggers, enables or lists."""

    menus: list[QMenu]
    new: QAction
    join: QAction
    duplicate: QAction
    reconnect: QAction
    end: QAction
    close: QAction
    next_tab: QAction
    previous_tab: QAction
    quit: QAction
    copy: QAction
    paste: QAction
    find: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    diagnose: QAction
    escalate: QAction
    followups: QAction
    settings: QAction
    identity: QAction
    shortcuts: QAction


def _action(
    window: ConsoleWindow, text: str, name: str, keys: tuple[str, ...], slot: Callable[[], object]
) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    action.setShortcuts([QKeySequence(k) for k in keys])
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # its shortcut works while the menu bar is hidden too
    return action


def build_menus(w: ConsoleWindow) -> MenuActions:
    """Fill *w*'s menu bar; the shortcuts are the Ctrl+Shift family, F-keys and Ctrl+letters stay free."""
    bar = w.menuBar()
    a = MenuActions(
        menus=[],
        new=_action(
            w,
            QCoreApplication.translate("MainWindow", "&New connection…"),
            "newConnection",
            ("Ctrl+Shift+N",),
            w.ask_address,
        ),
        join=_action(
            w,
            QCoreApplication.translate("MainWindow", "&Join by code…"),
            "joinByCode",
            ("Ctrl+Shift+J",),
            w.ask_code,
        ),
        duplicate=_action(
            w,
            QCoreApplication.translate("MainWindow", "&Duplicate tab"),
            "duplicateTab",
            ("Ctrl+Shift+T",),
            w.duplicate_current,
        ),
        reconnect=_action(
            w,
            QCoreApplication.translate("MainWindow", "&Reconnect"),
            "reconnect",
            ("Ctrl+Shift+R",),
            w.reconnect_current,
        ),
        end=_action(
            w,
            QCoreApplication.translate("MainWindow", "&End session…"),
            "endSession",
            ("Ctrl+Shift+E",),
            w.end_current_session,
        ),
        close=_action(
            w,
            QCoreApplication.translate("MainWindow", "&Close tab"),
            "closeTab",
            ("Ctrl+Shift+W",),
            lambda: w.request_close_tab(w.tabs.currentIndex()),
        ),
        next_tab=_action(
            w,
            QCoreApplication.translate("MainWindow", "Ne&xt tab"),
            "nextTab",
            ("Ctrl+Tab",),
            lambda: w.step_tab(1),
        ),
        previous_tab=_action(
            w,
            QCoreApplication.translate("MainWindow", "Pre&vious tab"),
            "previousTab",
            ("Ctrl+Shift+Tab",),
            lambda: w.step_tab(-1),
        ),
        quit=_action(
            w, QCoreApplication.translate("MainWindow", "&Quit"), "quit", ("Ctrl+Shift+Q",), w.request_quit
        ),
        copy=_action(
            w,
            QCoreApplication.translate("MainWindow", "&Copy"),
            "copyAction",
            ("Ctrl+Shift+C",),
            w.copy_from_terminal,
        ),
        paste=_action(
            w,
            QCoreApplication.translate("MainWindow", "&Paste"),
            "pasteAction",
            ("Ctrl+Shift+V",),
            w.paste_to_terminal,
        ),
        find=_action(
            w,
            QCoreApplication.translate("MainWindow", "&Find…"),
            "findAction",
            ("Ctrl+Shift+F",),
            w.find_in_terminal,
        ),
        zoom_in=_action(
            w,
            QCoreApplication.translate("MainWindow", "Zoom &in"),
            "zoomIn",
            ("Ctrl+Shift++", "Ctrl++", "Ctrl+="),
            lambda: w.zoom(1),
        ),
        zoom_out=_action(
            w,
            QCoreApplication.translate("MainWindow", "Zoom &out"),
            "zoomOut",
            ("Ctrl+Shift+-", "Ctrl+-"),
            lambda: w.zoom(-1),
        ),
        zoom_reset=_action(
            w,
            QCoreApplication.translate("MainWindow", "&Normal size"),
            "zoomReset",
            ("Ctrl+Shift+0", "Ctrl+0"),
            lambda: w.zoom(0),
        ),
        diagnose=_action(
            w,
            QCoreApplication.translate("MainWindow", "&Run diagnostics"),
            "runDiagnostics",
            ("Ctrl+Shift+D",),
            w.run_diagnostics,
        ),
        escalate=_action(
            w,
            QCoreApplication.translate("MainWindow", "&Escalate to HQ…"),
            "escalateAction",
            ("Ctrl+Shift+H",),
            w.escalate,
        ),
        followups=_action(
            w,
            QCoreApplication.translate("MainWindow", "&Follow-ups"),
            "followupsAction",
            ("Ctrl+Shift+U",),
            w.show_followups,
        ),
        settings=_action(
            w,
            QCoreApplication.translate("MainWindow", "&Settings…"),
            "settingsAction",
            ("Ctrl+Shift+S",),
            w.open_settings,
        ),
        identity=_action(
            w, QCoreApplication.translate("MainWindow", "&Identity…"), "identityAction", (), w.open_identity
        ),
        shortcuts=_action(
            w,
            QCoreApplication.translate("MainWindow", "&Keyboard shortcuts"),
            "shortcutsAction",
            (),
            w.show_shortcuts,
        ),
    )

    def menu(title: str, name: str, *items: QAction | None) -> QMenu:
        m = bar.addMenu(title)
        m.setObjectName(name)
        for item in items:
            if item is None:
                m.addSeparator()
            else:
                m.addAction(item)
        a.menus.append(m)
        return m

    session = QCoreApplication.translate("MainWindow", "&Session")
    menu(
        session, "sessionMenu", a.new, a.join, None, a.duplicate, a.reconnect, a.end, a.close, None,
        a.next_tab, a.previous_tab, None, a.followups, None, a.quit,
    )  # fmt: skip
    menu(QCoreApplication.translate("MainWindow", "&Edit"), "editMenu", a.copy, a.paste, None, a.find)
    view = menu(
        QCoreApplication.translate("MainWindow", "&View"),
        "viewMenu",
        a.zoom_in,
        a.zoom_out,
        a.zoom_reset,
        None,
    )
    for dock in w.side_docks():
        view.addAction(dock.toggleViewAction())
    view.addSeparator()
    view.addAction(
        _action(
            w, QCoreApplication.translate("MainWindow", "Reset &layout"), "resetLayout", (), w.reset_layout
        )
    )
    devices = menu(QCoreApplication.translate("MainWindow", "&Devices"), "devicesMenu")
    devices.addAction(
        _action(
            w,
            QCoreApplication.translate("MainWindow", "&Add device…"),
            "addDeviceAction",
            (),
            w.devices.add_device,
        )
    )
    menu(QCoreApplication.translate("MainWindow", "D&iagnostics"), "diagnosticsMenu", a.diagnose)
    menu(QCoreApplication.translate("MainWindow", "Es&calation"), "escalationMenu", a.escalate)
    tools = menu(QCoreApplication.translate("MainWindow", "&Tools"), "toolsMenu", a.settings, a.identity)
    w.tool_actions = add_tool_actions(w, tools)  # Review archive…, the session's files, web admin
    help_menu = menu(QCoreApplication.translate("MainWindow", "&Help"), "helpMenu", a.shortcuts)
    help_menu.addAction(
        _action(w, QCoreApplication.translate("MainWindow", "Open &log file"), "openLog", (), w.open_log)
    )
    help_menu.addAction(
        _action(w, QCoreApplication.translate("MainWindow", "&About Valuezone"), "about", (), w.about)
    )
    return a
