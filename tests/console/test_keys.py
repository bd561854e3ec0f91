"""Keys: with the terminal focused, every key a shell or a full-screen program uses reaches the device as
xterm would send it; the console's own shortcuts are the Ctrl+Shift family, listed in Help ▸ Keyboard
shortcuts from the actions themselves; quitting with live sessions asks first."""

from __future__ import annotations

import string

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QPushButton

from console.mainwindow.shortcuts import ShortcutsDialog
from console.mainwindow.window import MainWindow
from console.session.tab import SessionTab
from tests.console.conftest import QtLoop, until, visible
from tests.console.helpers_room import active, console, ended, open_direct
from tests.sshd import Sshd

K, M = Qt.Key, Qt.KeyboardModifier
CTRL, ALT, SHIFT = M.ControlModifier, M.AltModifier, M.ShiftModifier
F_KEYS = {  # xterm's PC-style function keys
    K.Key_F1: b"\x1bOP", K.Key_F2: b"\x1bOQ", K.Key_F3: b"\x1bOR", K.Key_F4: b"\x1bOS",
    K.Key_F5: b"\x1b[15~", K.Key_F6: b"\x1b[17~", K.Key_F7: b"\x1b[18~", K.Key_F8: b"\x1b[19~",
    K.Key_F9: b"\x1b[20~", K.Key_F10: b"\x1b[21~", K.Key_F11: b"\x1b[23~", K.Key_F12: b"\x1b[24~",
}  # fmt: skip


def _letter(ch: str) -> Qt.Key:
    return Qt.Key(K.Key_A.value + ord(ch) - ord("a"))


def _typed(qtbot, tab: SessionTab, key: Qt.Key, mods: Qt.KeyboardModifier, text: str = "") -> bytes:  # type: ignore[no-untyped-def]
    sent: list[bytes] = []
    tab.terminal.input_ready.connect(sent.append)
    try:
        qtbot.keyClick(tab.terminal, key, mods)
    finally:
        tab.terminal.input_ready.disconnect(sent.append)
    return b"".join(sent)


async def _focused(window: MainWindow, tab: SessionTab) -> None:
    window.activateWindow()
    await until(window.isActiveWindow, what="the console in front")
    tab.terminal.setFocus()
    await until(tab.terminal.hasFocus, what="the terminal focused")


def _dialogs() -> list[str]:
    return sorted(
        w.objectName() for w in QApplication.topLevelWidgets() if w.isVisible() and isinstance(w, QDialog)
    )


def _key_cases() -> list[tuple[str, Qt.Key, Qt.KeyboardModifier, bytes]]:
    """(name, key, modifiers, what xterm sends) for every key a shell or full-screen program uses."""
    cases: list[tuple[str, Qt.Key, Qt.KeyboardModifier, bytes]] = []
    for ch in string.ascii_lowercase:
        control = bytes([ord(ch) - ord("a") + 1])
        cases.append((f"Ctrl+{ch.upper()}", _letter(ch), CTRL, control))
        cases.append((f"Alt+{ch}", _letter(ch), ALT, b"\x1b" + ch.encode()))
        cases.append((f"Ctrl+Alt+{ch}", _letter(ch), CTRL | ALT, b"\x1b" + control))
    for key, expected in F_KEYS.items():
        cases.append((f"F{key.value - K.Key_F1.value + 1}", key, M.NoModifier, expected))
    cases += [
        ("Ctrl+_ (Ctrl+Shift+-)", K.Key_Underscore, CTRL | SHIFT, b"\x1f"),
        ("Ctrl+@ (Ctrl+Shift+2)", K.Key_At, CTRL | SHIFT, b"\x00"),
        ("Ctrl+[", K.Key_BracketLeft, CTRL, b"\x1b"),
        ("Esc", K.Key_Escape, M.NoModifier, b"\x1b"),
        ("Tab", K.Key_Tab, M.NoModifier, b"\t"),
        ("Shift+Tab", K.Key_Backtab, SHIFT, b"\x1b[Z"),
        ("Ctrl+Left", K.Key_Left, CTRL, b"\x1b[1;5D"),
        ("Alt+Up", K.Key_Up, ALT, b"\x1b[1;3A"),
        ("Ctrl+PgDn", K.Key_PageDown, CTRL, b"\x1b[6;5~"),
    ]
    return cases


def test_every_ctrl_alt_and_function_key_reaches_the_device(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, sshd: Sshd, tmp_path
) -> None:
    """Each key is pressed on the terminal widget of a live session; the device's side, its tty in raw
    mode (so Ctrl+C, Ctrl+Z, Ctrl+S/Q, Ctrl+D are bytes, not signals), writes what it reads to a file."""
    window = console(qtbot, (1366, 768))
    tab = open_direct(window, sshd)
    cases = _key_cases()
    expected = b"".join(case[3] for case in cases)
    received = tmp_path / "received.bin"
    wrong: list[str] = []

    async def scenario() -> None:
        await active(tab)
        await _focused(window, tab)
        dialogs, tabs = _dialogs(), window.tabs.count()
        command = (
            f"stty raw -echo -iexten; echo RE''ADY; head -c {len(expected)} > {received}; "
            f"stty sane; echo DO''NE"
        )
        qtbot.keyClicks(tab.terminal, command)
        qtbot.keyClick(tab.terminal, K.Key_Return)
        await until(lambda: "READY" in tab.terminal.snapshot_text(), what="the raw tty reading")
        for name, key, mods, want in cases:
            got = _typed(qtbot, tab, key, mods)
            if got != want:
                wrong.append(f"{name}: sent {got!r}, xterm sends {want!r}")
        assert _dialogs() == dialogs and window.tabs.count() == tabs  # no shortcut fired
        if wrong:  # the device still waits for the missing bytes: nothing more to learn from it
            await ended(tab)
            return
        await until(lambda: "DONE" in tab.terminal.snapshot_text(), what="every byte on the device")
        assert received.read_bytes() == expected  # in order, none lost, none added on the way
        qtbot.keyClicks(tab.terminal, "echo still-$((20+22))")
        qtbot.keyClick(tab.terminal, K.Key_Return)
        await until(lambda: "still-42" in tab.terminal.snapshot_text(), what="the shell still there")
        await ended(tab)

    qloop.run(scenario(), timeout=90)
    assert not wrong, "\n".join(wrong)


def test_console_shortcuts_are_ctrl_shift_and_work_from_the_terminal(
    qtbot, qloop: QtLoop, sshd: Sshd
) -> None:  # type: ignore[no-untyped-def]
    window = console(qtbot, (1366, 768))
    tab = open_direct(window, sshd)

    async def scenario() -> None:
        await active(tab)
        await _focused(window, tab)
        assert _typed(qtbot, tab, K.Key_J, CTRL | SHIFT) == b""  # the console's: Join by code
        dialog = await until(lambda: visible(QDialog, "joinDialog"), what="the join dialog")
        dialog.reject()
        await _focused(window, tab)
        qtbot.keyClick(tab.terminal, K.Key_T, CTRL | SHIFT)  # Duplicate tab: a new tab to the same device
        await until(lambda: window.tabs.count() == 2, what="a duplicate tab")
        second = window.current_tab()
        assert second is not tab and second is not None and second.plan == tab.plan
        await active(second)
        await _focused(window, second)
        qtbot.keyClick(second.terminal, K.Key_Tab, CTRL)  # Ctrl+Tab: the next tab, round the end
        assert window.current_tab() is tab
        qtbot.keyClick(tab.terminal, K.Key_Backtab, CTRL | SHIFT)
        assert window.current_tab() is second

    qloop.run(scenario())


def test_help_lists_the_shortcuts_from_the_actions(qtbot, qloop: QtLoop) -> None:  # type: ignore[no-untyped-def]
    window = console(qtbot)
    window.actions_.join.setShortcut("Ctrl+Shift+Y")  # the list follows the action, so it cannot lie
    dialog = window.show_shortcuts()
    assert isinstance(dialog, ShortcutsDialog)
    listed = dialog.listed()
    assert listed["Join by code"] == "Ctrl+Shift+Y"
    assert listed["Find"] == "Ctrl+Shift+F" and listed["Copy"] == "Ctrl+Shift+C"
    assert listed["Run diagnostics"] == "Ctrl+Shift+D" and listed["Escalate to HQ"] == "Ctrl+Shift+H"
    assert listed["Canned replies"] == "Ctrl+Shift+K"
    assert listed["Zoom in"].startswith("Ctrl+Shift++")
    allowed_plain = {"Ctrl+Tab", "Ctrl++", "Ctrl+=", "Ctrl+-", "Ctrl+0", "Ctrl+Return", "Ctrl+Wheel"}
    for what, keys in listed.items():
        for key in keys.split(", "):
            if key.startswith(("Shift+", "Enter", "Esc")):
                continue  # the terminal's own scrolling and the find bar's keys
            assert key.startswith("Ctrl+Shift+") or key in allowed_plain, f"{what}: {key}"
            assert "Alt+" not in key and not key.startswith("F"), f"{what}: {key}"
    dialog.reject()


def test_quitting_with_live_sessions_asks_first(qtbot, qloop: QtLoop, sshd: Sshd) -> None:  # type: ignore[no-untyped-def]
    window = console(qtbot, (1366, 768))
    tabs = [open_direct(window, sshd), open_direct(window, sshd)]
    closed: list[bool] = []
    window.destroyed.connect(lambda: closed.append(True))

    async def scenario() -> None:
        for tab in tabs:
            await active(tab)
        await _focused(window, tabs[1])
        qtbot.keyClick(tabs[1].terminal, K.Key_Q, CTRL)  # Ctrl+Q is XON for the shell: nothing happens
        assert visible(QMessageBox, "quitConfirm") is None
        qtbot.keyClick(tabs[1].terminal, K.Key_Q, CTRL | SHIFT)
        box = await until(lambda: visible(QMessageBox, "quitConfirm"), what="the quit question")
        assert "2 sessions are live" in box.text()
        box.button(QMessageBox.StandardButton.Cancel).click()
        await until(lambda: not box.isVisible(), what="the question gone")
        assert window.isVisible() and all(tab.is_live() for tab in tabs)
        window.actions_.quit.trigger()
        box = await until(lambda: visible(QMessageBox, "quitConfirm"), what="the quit question again")
        qtbot.mouseClick(box.findChild(QPushButton, "quitYes"), Qt.MouseButton.LeftButton)
        await until(lambda: not window.isVisible(), what="the console closed")
        await until(lambda: all(not tab.is_live() for tab in tabs), what="the sessions ended")

    QApplication.setQuitOnLastWindowClosed(False)
    try:
        qloop.run(scenario())
    finally:
        QApplication.setQuitOnLastWindowClosed(True)


def test_quitting_with_no_live_session_does_not_ask(qtbot, qloop: QtLoop) -> None:  # type: ignore[no-untyped-def]
    window = console(qtbot)
    QApplication.setQuitOnLastWindowClosed(False)
    try:
        assert window.request_quit() is None
        assert not window.isVisible()
    finally:
        QApplication.setQuitOnLastWindowClosed(True)
    assert visible(QLineEdit, "joinCode") is None
