"""Errors in the console's language: rendered from their code and params through tr(); Korean reads Korean."""

from __future__ import annotations

import html
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from console.app.errors import CATALOGUE, render_coded, render_error
from console.app.i18n import install_translator
from console.mainwindow.window import MainWindow
from console.session.join_dialog import JoinDialog
from sessions.config import Settings
from sessions.errors import SupportError
from sessions.paths import app_dirs
from sessions.ssh.target import Target
from tests.console.conftest import visible

ROOT = Path(__file__).resolve().parents[2]
KO = ROOT / "resources" / "i18n" / "valuezone_ko.ts"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _korean() -> dict[str, str]:
    text = KO.read_text(encoding="utf-8")
    context = re.search(r"<name>Errors</name>(.*?)</context>", text, re.S)
    assert context is not None, "no Errors context in valuezone_ko.ts"
    pairs = re.findall(r"<source>(.*?)</source>\s*<translation>(.*?)</translation>", context.group(1), re.S)
    return {html.unescape(source): html.unescape(target) for source, target in pairs}


def test_every_catalogue_text_has_a_korean_translation_with_the_same_fields() -> None:
    korean = _korean()
    for code, texts in CATALOGUE.items():
        for english in filter(None, texts):
            assert korean.get(english), f"{code}: no Korean for {english!r}"
            assert _fields(korean[english]) == _fields(english), code
            assert re.search("[가-힣]", korean[english]), code


@pytest.fixture
def korean() -> Iterator[None]:
    assert install_translator("ko") == "ko"
    yield
    install_translator("en")


def test_a_korean_console_shows_a_typo_in_the_address_in_korean(qtbot: QtBot, korean: None) -> None:
    window = MainWindow(Settings(app_dirs().settings_file))
    qtbot.addWidget(window)
    window.show()
    assert window.open_address("admin@nas:99999") is None  # Session ▸ New connection, a typo in the port
    qtbot.waitUntil(lambda: visible(QMessageBox, "noticeDialog") is not None)
    box = visible(QMessageBox, "noticeDialog")
    assert box is not None
    assert box.text() == "'admin@nas:99999'의 포트 '99999'이(가) 올바르지 않습니다."
    assert (
        box.informativeText() == "주소는 [사용자@]호스트[:포트] 형식으로, 포트는 1~65535 사이로 적어 주세요."
    )
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_a_korean_console_shows_a_mistyped_session_code_in_korean(qtbot: QtBot, korean: None) -> None:
    dialog = JoinDialog("127.0.0.1:2222")
    qtbot.addWidget(dialog)
    dialog.show()
    code = dialog.findChild(QLineEdit, "joinCode")
    qtbot.keyClicks(code, "482 913 558")  # the last digit misheard
    error = dialog.findChild(QLabel, "joinError")
    assert error.text() == (
        "코드에 오타가 있습니다. 마지막 자리가 나머지 숫자와 맞지 않습니다.\n"
        "고객에게 코드를 한 자리씩 다시 읽어 달라고 요청하세요."
    )


def test_an_english_console_shows_the_cores_own_words() -> None:
    with pytest.raises(SupportError) as caught:
        Target.parse("admin@nas:99999")
    rendered = render_error(caught.value)
    assert (rendered.text, rendered.hint) == (caught.value.message, caught.value.hint)
    assert rendered.lines() == f"{caught.value.message}\n{caught.value.hint}"
    assert rendered.line() == str(caught.value)


def test_an_unknown_code_or_params_that_do_not_fit_fall_back_to_english(korean: None) -> None:
    unknown = SupportError("Something new happened.", "Do this.", code="brand.new")
    assert render_error(unknown).lines() == "Something new happened.\nDo this."
    short = render_coded("target.bad_port", {"spec": "x"}, "English text.", "English hint.")
    assert (short.text, short.hint) == ("English text.", "English hint.")
