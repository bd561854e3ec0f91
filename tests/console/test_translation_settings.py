"""Settings ▸ Translation driven as a technician would: order and tick providers, type a key (keyring only),
point at a LibreTranslate server, press Test and read who answered and how long it took."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox

from console.mainwindow.window import MainWindow
from console.settings.dialog import SettingsDialog
from console.settings.translation_page import TranslationSettings
from sessions import secrets
from sessions.config import Settings
from sessions.paths import app_dirs
from tests.console.conftest import QtLoop, until, visible
from tests.translation.libre_server import LibreServer
from translation.providers import KEY_KIND

DEEPL_KEY = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0:fx"


@pytest.fixture
def libre() -> Iterator[LibreServer]:
    with LibreServer() as server:
        yield server


def _open(qtbot, window: MainWindow) -> tuple[SettingsDialog, TranslationSettings]:  # type: ignore[no-untyped-def]
    window.actions_.settings.trigger()  # Tools ▸ Settings…
    dialog = visible(SettingsDialog, "settingsDialog")
    assert dialog is not None
    dialog.pages.setCurrentWidget(dialog.pages.widget(1))  # the Translation tab
    assert dialog.pages.tabText(1) == "Translation"
    return dialog, dialog.translation


def _tick_only(page: TranslationSettings, names: list[str]) -> None:
    """Untick everything, tick *names*, and move them to the top in that order with the Up button."""
    for row in range(page.providers.count()):
        page.providers.item(row).setCheckState(Qt.CheckState.Unchecked)
    for wanted, name in enumerate(names):
        row = next(
            r
            for r in range(page.providers.count())
            if page.providers.item(r).data(Qt.ItemDataRole.UserRole) == name
        )
        page.providers.item(row).setCheckState(Qt.CheckState.Checked)
        page.providers.setCurrentRow(row)
        for _ in range(row - wanted):
            page.up_button.click()
    assert page.chain() == names


@pytest.fixture
def window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(Settings(app_dirs().settings_file))
    qtbot.addWidget(win)
    win.show()
    return win


def test_choose_providers_save_a_key_and_test_the_chain(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, window: MainWindow, libre: LibreServer
) -> None:
    assert window.translator() is not None  # made with the defaults (google, mymemory) before
    dialog, page = _open(qtbot, window)
    _tick_only(page, ["deepl", "libre"])
    page.libre_url.setText(libre.url)
    page.sample.setText("디스크 오류")
    page.technician_language.setCurrentIndex(page.technician_language.findData("en"))

    # DeepL comes first; without a key it fails at once (no network: tests stay on loopback), so the
    # Test shows it failing and LibreTranslate answering, each with its time.
    page.keys["deepl"].clear()
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    result = page.test_result
    qloop.run(until(lambda: "answered" in result.text(), what="the test result"))
    lines = result.text().splitlines()
    assert lines[0].startswith("deepl failed after") and "API key" in lines[0]
    assert lines[1].startswith(f"libre ({libre.url}) answered in ") and lines[1].endswith(": disk error")
    assert len(libre.translate_requests()) == 1  # the chain stopped at the first answer

    qtbot.keyClicks(page.keys["deepl"], DEEPL_KEY)
    ok = dialog.findChild(QDialogButtonBox, "settingsButtons").button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    saved = tomllib.loads(app_dirs().settings_file.read_text())["translation"]
    assert saved["providers"] == ["deepl", "libre"] and saved["libre_url"] == libre.url
    assert secrets.load(KEY_KIND, "deepl") == DEEPL_KEY
    assert DEEPL_KEY not in app_dirs().settings_file.read_text()
    translator = window.translator()  # the console's chain follows the new settings at once
    assert translator is not None and [c.name for c in translator.chain] == ["deepl", "libre"]

    dialog, page = _open(qtbot, window)  # opened again: the key is shown as saved, and can be forgotten
    assert page.chain() == ["deepl", "libre"]
    assert page.keys["deepl"].text() == "" and "saved in the keyring" in page.keys["deepl"].placeholderText()
    assert page.forget["deepl"].isEnabled() and not page.forget["papago"].isEnabled()
    qtbot.mouseClick(page.forget["deepl"], Qt.MouseButton.LeftButton)
    assert secrets.load(KEY_KIND, "deepl") is None
    dialog.reject()


def test_a_chain_where_nobody_answers_says_so_in_red(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, window: MainWindow, down_port: int
) -> None:
    dialog, page = _open(qtbot, window)
    _tick_only(page, ["libre"])
    page.libre_url.setText(f"http://127.0.0.1:{down_port}/")
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qloop.run(until(lambda: "failed" in page.test_result.text(), what="the failure"))
    assert "could not be reached" in page.test_result.text()
    assert "b00020" in page.test_result.styleSheet()
    assert page.test_button.isEnabled()
    _tick_only(page, [])
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qloop.run(until(lambda: "Tick at least one" in page.test_result.text(), what="the hint"))
    dialog.reject()


def test_the_test_runs_off_the_ui_thread(
    qtbot, qloop: QtLoop, window: MainWindow, libre: LibreServer
) -> None:  # type: ignore[no-untyped-def]
    """A slow provider: while the Test waits, the dialog still takes input (Qt events are processed)."""
    dialog, page = _open(qtbot, window)
    _tick_only(page, ["libre"])
    page.libre_url.setText(libre.url)
    libre.script.delay = 1.0
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)

    async def scenario() -> None:
        await until(lambda: not page.test_button.isEnabled(), what="the test started")
        qtbot.keyClicks(page.region, "koreacentral")  # typing while the provider has not answered
        assert page.region.text() == "koreacentral" and not page.test_button.isEnabled()
        await until(lambda: "answered" in page.test_result.text(), what="the answer")

    qloop.run(scenario())
    assert isinstance(page.test_result, QLabel)
    dialog.reject()


# (the [translation] line in the settings file, what the person reads, what to do)
BAD_SETTINGS = [
    (
        'deadline = "soon"',
        "The wait per translation provider in the settings is 'soon', not a number of seconds more than 0.",
        "Open Tools ▸ Settings ▸ Translation, set “Wait per provider” and press OK.",
    ),
    (
        "deadline = nan",
        "The wait per translation provider in the settings is nan, not a number of seconds more than 0.",
        "Open Tools ▸ Settings ▸ Translation, set “Wait per provider” and press OK.",
    ),
    (
        "deadline = -3",
        "The wait per translation provider in the settings is -3, not a number of seconds more than 0.",
        "Open Tools ▸ Settings ▸ Translation, set “Wait per provider” and press OK.",
    ),
    (
        "providers = 5",
        "The translation providers in the settings are 5, not a list of provider names.",
        "Open Tools ▸ Settings ▸ Translation, tick the providers to try (in order) and press OK.",
    ),
    (
        'providers = "deepl"',
        "The translation providers in the settings are 'deepl', not a list of provider names.",
        "Open Tools ▸ Settings ▸ Translation, tick the providers to try (in order) and press OK.",
    ),
]


def _window_with(qtbot, line: str) -> MainWindow:  # type: ignore[no-untyped-def]
    path = app_dirs().settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"[translation]\n{line}\n", encoding="utf-8")
    win = MainWindow(Settings.load(path))
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.mark.parametrize(("line", "text", "hint"), BAD_SETTINGS, ids=[line for line, _, _ in BAD_SETTINGS])
def test_a_bad_translation_setting_says_what_and_where_to_fix_it_and_the_page_fixes_it(  # type: ignore[no-untyped-def]
    qtbot, line: str, text: str, hint: str
) -> None:
    window = _window_with(qtbot, line)
    assert window.translator() is None  # a chat opened now goes untranslated, and the person is told why
    qtbot.waitUntil(lambda: visible(QMessageBox, "noticeDialog") is not None)
    box = visible(QMessageBox, "noticeDialog")
    assert box is not None
    assert (box.text(), box.informativeText()) == (text, hint)
    assert "Traceback" not in box.text() and "ValueError" not in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    dialog, page = _open(qtbot, window)  # what the hint says: the page opens with sensible values
    assert page.chain() and 1 <= page.deadline.value() <= 60
    ok = dialog.findChild(QDialogButtonBox, "settingsButtons").button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    translator = window.translator()
    assert translator is not None and translator.chain and translator.deadline > 0
    translator.close()


def test_a_bad_translation_setting_reads_in_korean(qtbot) -> None:  # type: ignore[no-untyped-def]
    from console.app.i18n import install_translator

    assert install_translator("ko") == "ko"
    try:
        window = _window_with(qtbot, 'deadline = "soon"')
        assert window.translator() is None
        qtbot.waitUntil(lambda: visible(QMessageBox, "noticeDialog") is not None)
        box = visible(QMessageBox, "noticeDialog")
        assert box is not None
        for shown in (box.text(), box.informativeText()):
            assert re.search("[가-힣]", shown) and not re.search(
                "[A-Za-z]{2,}", shown.replace("soon", "").replace("OK", "")
            ), shown
        assert "'soon'" in box.text() and "OK" in box.informativeText()  # the button's own label, as shown
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    finally:
        install_translator("en")
