"""Find in the scrollback (Ctrl+Shift+F, Enter older, Shift+Enter newer, Esc) and font zoom (Ctrl+Shift+Plus,
Minus, 0), driven with keys on a live session's terminal; the device's PTY follows the zoomed grid."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.console.conftest import QtLoop, until
from tests.console.helpers_room import active, console, ended, open_direct, settled
from tests.sshd import Sshd

K, M = Qt.Key, Qt.KeyboardModifier
CTRL_SHIFT = M.ControlModifier | M.ShiftModifier


def test_find_walks_the_scrollback_from_the_newest_match(qtbot, qloop: QtLoop, sshd: Sshd) -> None:  # type: ignore[no-untyped-def]
    window = console(qtbot, (1366, 768))
    tab = open_direct(window, sshd)
    terminal, bar = tab.terminal, tab.find_bar

    async def scenario() -> None:
        await active(tab)
        terminal.setFocus()
        qtbot.keyClicks(terminal, "echo Nee''dle-early; seq 1 300; echo Nee''dle-late; echo nee''dle-lower")
        qtbot.keyClick(terminal, K.Key_Return)
        await until(lambda: "needle-lower" in terminal.snapshot_text(), what="the output")

        qtbot.keyClick(terminal, K.Key_F, CTRL_SHIFT)  # from the terminal: the console's Find
        assert bar.isVisible() and bar.edit.hasFocus()
        qtbot.keyClicks(bar.edit, "needle")  # no capital: any case
        assert bar.count.text() == "3 of 3" and terminal.selected_text() == "needle"
        qtbot.keyClick(bar.edit, K.Key_Return)  # Enter: the next older one
        assert bar.count.text() == "2 of 3" and terminal.selected_text() == "Needle"
        qtbot.keyClick(bar.edit, K.Key_Return)
        assert bar.count.text() == "1 of 3"
        shown = terminal.snapshot_text()  # scrolled back 300 rows to show it
        assert "Needle-early" in shown and "Needle-late" not in shown
        qtbot.keyClick(bar.edit, K.Key_Return, M.ShiftModifier)  # Shift+Enter: newer again
        assert bar.count.text() == "2 of 3" and "Needle-late" in terminal.snapshot_text()

        bar.edit.setText("Needle")  # a capital: exact case
        assert bar.count.text() == "2 of 2"
        bar.edit.setText("no-such-text")
        assert bar.count.text() == "No matches" and terminal.selected_text() == ""

        qtbot.keyClick(bar.edit, K.Key_Escape)
        assert not bar.isVisible() and terminal.hasFocus()
        qtbot.keyClicks(terminal, "echo typed-$((40+2))")  # typing goes back to the shell, at the bottom
        qtbot.keyClick(terminal, K.Key_Return)
        await until(lambda: "typed-42" in terminal.snapshot_text(), what="the shell after find")
        await ended(tab)

    window.activateWindow()
    qloop.run(scenario())


def test_zoom_changes_the_font_and_the_device_gets_the_new_size(qtbot, qloop: QtLoop, sshd: Sshd) -> None:  # type: ignore[no-untyped-def]
    window = console(qtbot, (1366, 768))
    tab = open_direct(window, sshd)
    terminal = tab.terminal

    async def stty_shows(grid: str) -> None:
        qtbot.keyClicks(terminal, "clear; stty size")
        qtbot.keyClick(terminal, K.Key_Return)
        await until(lambda: grid in terminal.snapshot_text(), what=f"stty size {grid}")

    async def scenario() -> None:
        await active(tab)
        await settled()
        terminal.setFocus()
        base_points, base = terminal.font().pointSizeF(), (terminal.rows, terminal.cols)
        qtbot.keyClick(terminal, K.Key_Plus, CTRL_SHIFT)
        qtbot.keyClick(terminal, K.Key_Plus, CTRL_SHIFT)
        assert terminal.zoom == 2 and terminal.font().pointSizeF() == base_points + 2
        assert terminal.cols < base[1] and terminal.rows < base[0]
        await stty_shows(f"{terminal.rows} {terminal.cols}")

        qtbot.keyClick(terminal, K.Key_Minus, CTRL_SHIFT)
        assert terminal.zoom == 1
        window.actions_.zoom_reset.trigger()  # View ▸ Normal size
        assert terminal.zoom == 0 and (terminal.rows, terminal.cols) == base
        await stty_shows(f"{base[0]} {base[1]}")
        for _ in range(60):  # bounded: it stops at the smallest size
            qtbot.keyClick(terminal, K.Key_Minus, CTRL_SHIFT)
        assert terminal.font().pointSizeF() == 6
        qtbot.keyClick(terminal, K.Key_0, CTRL_SHIFT)
        assert terminal.zoom == 0 and terminal.font().pointSizeF() == base_points
        await ended(tab)

    window.activateWindow()
    qloop.run(scenario())
