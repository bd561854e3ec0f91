"""The main window's layout: the terminal in the middle, docks tabbed on the right, and what is remembered.

Window geometry, the docks' places and sizes (QMainWindow.saveState) and the Diagnostics splitter are kept
in `window.ini` in Valuezone's config folder (so VALUEZONE_HOME keeps tests and the demo away from the
technician's own); a newer layout version, or a file that cannot be read, starts from the default.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabWidget

from sessions.paths import app_dirs

#: Raised when the docks change so much that an old saved state would put them in odd places.
LAYOUT_VERSION = 2
#: The side docks' default width: this share of the window, within these bounds (pixels).
DOCK_SHARE, DOCK_MIN, DOCK_MAX = 0.26, 420, 520


def layout_file() -> Path:
    return app_dirs().config / "window.ini"


def _store() -> QSettings:
    path = layout_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


def default_dock_width(window_width: int) -> int:
    return max(DOCK_MIN, min(DOCK_MAX, int(window_width * DOCK_SHARE)))


def arrange_docks(window: QMainWindow, docks: list[QDockWidget], *, raised: QDockWidget) -> None:
    """The default: every dock on the right, tabbed (tabs on top), *raised* in front, a sensible width."""
    window.setTabPosition(Qt.DockWidgetArea.RightDockWidgetArea, QTabWidget.TabPosition.North)
    window.setDockOptions(
        QMainWindow.DockOption.AnimatedDocks
        | QMainWindow.DockOption.AllowTabbedDocks
        | QMainWindow.DockOption.AllowNestedDocks
    )
    first = docks[0]
    for dock in docks:
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.show()
    for dock in docks[1:]:
        window.tabifyDockWidget(first, dock)
    raised.raise_()
    fit_dock_width(window, first)


def fit_dock_width(window: QMainWindow, dock: QDockWidget) -> None:
    """Give the right-hand docks their default share of the window's width."""
    window.resizeDocks([dock], [default_dock_width(window.width())], Qt.Orientation.Horizontal)


def restore(window: QMainWindow) -> list[int] | None:
    """Put back the saved geometry and dock state; returns the saved splitter sizes, None when nothing was."""
    store = _store()
    if store.value("layout/version", 0, int) != LAYOUT_VERSION:
        return None
    geometry = store.value("mainwindow/geometry", QByteArray())
    state = store.value("mainwindow/state", QByteArray())
    if not isinstance(geometry, QByteArray) or not isinstance(state, QByteArray) or state.isEmpty():
        return None
    window.restoreGeometry(geometry)
    if not window.restoreState(state, LAYOUT_VERSION):
        return None
    sizes = store.value("diagnostics/splitter", [])
    sizes = [sizes] if isinstance(sizes, str) else sizes  # an INI list of one comes back as its item
    try:
        return [int(size) for size in sizes] if isinstance(sizes, list) else []
    except ValueError:
        return []


def save(window: QMainWindow, splitter_sizes: list[int]) -> None:
    """Remember the geometry, the docks and the splitter for the next start."""
    store = _store()
    store.setValue("layout/version", LAYOUT_VERSION)
    store.setValue("mainwindow/geometry", window.saveGeometry())
    store.setValue("mainwindow/state", window.saveState(LAYOUT_VERSION))
    store.setValue("diagnostics/splitter", [int(size) for size in splitter_sizes])
    store.sync()


def forget() -> None:
    """Start from the default layout next time (View ▸ Reset layout does this and re-arranges at once)."""
    store = _store()
    store.clear()
    store.sync()
