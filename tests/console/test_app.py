"""The application shell: CLI basics, self-test, settings dialog, the log and the crash hook."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QMessageBox, QSpinBox

from console.app.logfile import setup_logging
from console.cli import main
from console.mainwindow.window import MainWindow
from console.settings.dialog import SettingsDialog
from sessions import __version__
from sessions.config import Settings
from sessions.paths import app_dirs
from tests.console.conftest import visible


def test_version(capsys) -> None:  # type: ignore[no-untyped-def]
    try:
        main(["--version"])
    except SystemExit as exit_:
        assert exit_.code == 0
    assert capsys.readouterr().out.strip() == f"valuezone {__version__}"


def test_self_test_opens_and_closes_the_window(vz_home: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "VALUEZONE_HOME": str(vz_home)}
    result = subprocess.run(
        [sys.executable, "-m", "console", "--self-test"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "main window opened and closed" in result.stdout


def test_bad_address_is_refused_before_any_window(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["ssh", "admin@nas:99999"]) == 1
    assert "invalid port" in capsys.readouterr().err


def test_settings_dialog_saves_what_the_person_chose(qtbot) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(app_dirs().settings_file)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    language = dialog.findChild(QComboBox, "languageCombo")
    language.setCurrentIndex(language.findData("ko"))
    scrollback = dialog.findChild(QSpinBox, "scrollbackSpin")
    scrollback.lineEdit().selectAll()
    qtbot.keyClicks(scrollback, "20000")
    ok = dialog.findChild(QDialogButtonBox, "settingsButtons").button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    saved = tomllib.loads(app_dirs().settings_file.read_text())
    assert saved["ui"]["language"] == "ko"
    assert saved["terminal"]["scrollback"] == 20000


def test_korean_ui_is_switchable(qtbot) -> None:  # type: ignore[no-untyped-def]
    from console.app.i18n import install_translator

    assert install_translator("ko") == "ko"
    try:
        window = MainWindow(Settings(app_dirs().settings_file))
        qtbot.addWidget(window)
        menus = [a.text() for a in window.menuBar().actions()]
        assert any("세션" in text for text in menus), menus
    finally:
        install_translator("en")


def test_every_interactive_widget_has_names(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QTabBar,
    )

    window = MainWindow(Settings(app_dirs().settings_file))
    qtbot.addWidget(window)
    window.show()
    checked = 0
    for kind in (QAbstractButton, QLineEdit, QAbstractItemView, QComboBox, QAbstractSpinBox):
        for widget in window.findChildren(kind):
            internal = (
                widget.objectName().startswith("qt_")
                or isinstance(widget.parent(), QTabBar)
                or isinstance(widget, QHeaderView)  # part of its view, which carries the names
            )
            if not widget.isVisible() or internal:
                continue
            checked += 1
            assert widget.objectName(), f"{kind.__name__} without objectName: {widget}"
            assert widget.accessibleName(), f"{widget.objectName()} has no accessibleName"
    assert checked >= 5


def test_log_masks_secret_shapes_and_lives_in_the_log_dir() -> None:
    path = setup_logging()
    logging.getLogger("test").warning("connect with password=hunter2-secret to nas")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text()
    assert "hunter2-secret" not in text
    assert "password=********" in text
    assert path.parent == app_dirs().log


@pytest.mark.expected_log("boom for the crash hook")
def test_crash_hook_logs_the_exception_and_shows_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    import console.app.crash as crash

    setup_logging()
    try:
        raise RuntimeError("boom for the crash hook")
    except RuntimeError as exc:
        crash.show_crash(type(exc), exc, exc.__traceback__)
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "boom for the crash hook" in app_dirs().log_file.read_text()
    qtbot.waitUntil(lambda: visible(QMessageBox, "crashDialog") is not None)
    box = visible(QMessageBox, "crashDialog")
    assert box is not None and "boom for the crash hook" in box.detailedText()
    qtbot.mouseClick(box.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: visible(QMessageBox, "crashDialog") is None)
