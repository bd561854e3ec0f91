"""TerminalWidget driven with pytest-qt: keys, IME, selection and copy, paste, scrollback, resize, signals."""

from __future__ import annotations

import itertools
import math

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication, QInputMethodEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from console.terminal import TerminalWidget

K = Qt.Key
M = Qt.KeyboardModifier


@pytest.fixture
def terminal(qtbot) -> TerminalWidget:
    widget = TerminalWidget(font=QFont("DejaVu Sans Mono", 10))
    qtbot.addWidget(widget)
    widget.resize(640, 400)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    return widget


def sent(qtbot, widget: TerminalWidget, key: int, mods: Qt.KeyboardModifier = M.NoModifier) -> bytes:
    out: list[bytes] = []
    widget.input_ready.connect(out.append)
    qtbot.keyClick(widget, key, mods)
    widget.input_ready.disconnect(out.append)
    return b"".join(out)


def test_names_and_focus_policy(terminal):
    assert terminal.objectName() == "terminal"
    assert terminal.accessibleName()
    assert terminal.focusPolicy() == Qt.FocusPolicy.StrongFocus


@pytest.mark.parametrize(
    ("key", "mods", "expected"),
    [
        (K.Key_A, M.NoModifier, b"a"),
        (K.Key_Return, M.NoModifier, b"\r"),
        (K.Key_Backspace, M.NoModifier, b"\x7f"),
        (K.Key_Tab, M.NoModifier, b"\t"),
        (K.Key_Backtab, M.ShiftModifier, b"\x1b[Z"),
        (K.Key_Escape, M.NoModifier, b"\x1b"),
        (K.Key_Up, M.NoModifier, b"\x1b[A"),
        (K.Key_Left, M.NoModifier, b"\x1b[D"),
        (K.Key_Right, M.ControlModifier, b"\x1b[1;5C"),
        (K.Key_F1, M.NoModifier, b"\x1bOP"),
        (K.Key_F5, M.NoModifier, b"\x1b[15~"),
        (K.Key_F12, M.NoModifier, b"\x1b[24~"),
        (K.Key_Home, M.NoModifier, b"\x1b[H"),
        (K.Key_End, M.NoModifier, b"\x1b[F"),
        (K.Key_PageUp, M.NoModifier, b"\x1b[5~"),
        (K.Key_PageDown, M.NoModifier, b"\x1b[6~"),
        (K.Key_Insert, M.NoModifier, b"\x1b[2~"),
        (K.Key_Delete, M.NoModifier, b"\x1b[3~"),
        (K.Key_C, M.ControlModifier, b"\x03"),
        (K.Key_D, M.ControlModifier, b"\x04"),
        (K.Key_X, M.AltModifier, b"\x1bx"),
    ],
)
def test_keys_send_the_right_bytes(qtbot, terminal, key, mods, expected):
    assert sent(qtbot, terminal, key, mods) == expected


def test_arrows_honour_application_cursor_mode(qtbot, terminal):
    terminal.feed(b"\x1b[?1h")
    terminal.snapshot_text()
    assert sent(qtbot, terminal, K.Key_Up) == b"\x1bOA"
    terminal.feed(b"\x1b[?1l")
    terminal.snapshot_text()
    assert sent(qtbot, terminal, K.Key_Up) == b"\x1b[A"


def test_tab_does_not_move_focus(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    layout = QVBoxLayout(parent)
    terminal = TerminalWidget(parent)
    other = QLineEdit(parent)
    layout.addWidget(terminal)
    layout.addWidget(other)
    parent.show()
    qtbot.waitExposed(parent)
    terminal.setFocus()
    out: list[bytes] = []
    terminal.input_ready.connect(out.append)
    qtbot.keyClick(terminal, K.Key_Tab)
    qtbot.keyClick(terminal, K.Key_Backtab, M.ShiftModifier)
    assert out == [b"\t", b"\x1b[Z"]
    assert parent.focusWidget() is terminal
    assert terminal.focusNextPrevChild(True) is False


def test_input_method_commit_is_sent(qtbot, terminal):
    out: list[bytes] = []
    terminal.input_ready.connect(out.append)
    event = QInputMethodEvent("", [])
    event.setCommitString("한글")
    QApplication.sendEvent(terminal, event)
    assert out == ["한글".encode()]


def test_korean_split_across_feeds_renders(terminal):
    data = "가 ok\r\n".encode()
    terminal.feed(data[:2])
    terminal.feed(data[2:])
    assert terminal.snapshot_text().splitlines()[0] == "가 ok"


def _mouse(widget: TerminalWidget, kind: QEvent.Type, cell: tuple[int, int], buttons: Qt.MouseButton) -> None:
    cw, ch = widget._cell.width, widget._cell.height
    pos = QPointF(cell[0] * cw + 1, cell[1] * ch + ch / 2)
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons, M.NoModifier)
    QApplication.sendEvent(widget, event)


def test_selection_and_copy_to_clipboard(qtbot, terminal):
    terminal.feed("hello wide 한글 world\r\nsecond line".encode())
    terminal.snapshot_text()
    left = Qt.MouseButton.LeftButton
    _mouse(terminal, QEvent.Type.MouseButtonPress, (6, 0), left)
    _mouse(terminal, QEvent.Type.MouseMove, (3, 1), left)
    _mouse(terminal, QEvent.Type.MouseButtonRelease, (3, 1), Qt.MouseButton.NoButton)
    assert terminal.selected_text() == "wide 한글 world\nsec"
    qtbot.keyClick(terminal, K.Key_C, M.ControlModifier | M.ShiftModifier)
    assert QGuiApplication.clipboard().text() == "wide 한글 world\nsec"


def test_paste_with_bracketed_mode(qtbot, terminal):
    out: list[bytes] = []
    terminal.input_ready.connect(out.append)
    QGuiApplication.clipboard().setText("ls\nrm -rf /\x1b[201~evil")
    qtbot.keyClick(terminal, K.Key_V, M.ControlModifier | M.ShiftModifier)
    assert out[-1] == b"ls\rrm -rf /\x1b[201~evil"
    terminal.feed(b"\x1b[?2004h")
    terminal.snapshot_text()
    qtbot.keyClick(terminal, K.Key_V, M.ControlModifier | M.ShiftModifier)
    assert out[-1] == b"\x1b[200~ls\rrm -rf /evil\x1b[201~"


def test_wheel_scrolls_history_and_typing_returns(qtbot, terminal):
    terminal.feed("".join(f"line {i}\r\n" for i in range(200)).encode())
    bottom = terminal.snapshot_text()
    assert "line 199" in bottom
    pos = QPointF(10, 10)
    wheel = QWheelEvent(
        pos, terminal.mapToGlobal(pos), QPoint(), QPoint(0, 120 * 5), Qt.MouseButton.NoButton,
        M.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(terminal, wheel)
    scrolled = terminal.snapshot_text()
    assert scrolled != bottom and "line 199" not in scrolled
    first = int(scrolled.splitlines()[0].split()[1])
    assert first == 200 - terminal.rows + 1 - 15
    qtbot.keyClick(terminal, K.Key_A)
    assert terminal.snapshot_text() == bottom


def test_shift_page_up_scrolls(qtbot, terminal):
    terminal.feed("".join(f"row {i}\r\n" for i in range(100)).encode())
    bottom = terminal.snapshot_text()
    qtbot.keyClick(terminal, K.Key_PageUp, M.ShiftModifier)
    assert terminal.snapshot_text() != bottom
    qtbot.keyClick(terminal, K.Key_PageDown, M.ShiftModifier)
    assert terminal.snapshot_text() == bottom


def test_resize_emits_grid_resized(qtbot, terminal):
    with qtbot.waitSignal(terminal.grid_resized, timeout=5000) as blocker:
        terminal.resize(terminal.width() + 200, terminal.height() + 100)
    cols, rows = blocker.args
    assert (cols, rows) == (terminal.cols, terminal.rows) == (terminal.screen.cols, terminal.screen.rows)


def test_title_changed_is_sanitised(qtbot, terminal):
    with qtbot.waitSignal(terminal.title_changed, timeout=5000) as blocker:
        terminal.feed(b"\x1b]0;host\xe2\x80\xae:~\x07")
        terminal.snapshot_text()
    assert blocker.args == ["host:~"]


def test_osc52_does_not_touch_clipboard(terminal):
    QGuiApplication.clipboard().setText("mine")
    terminal.feed(b"\x1b]52;c;ZXZpbA==\x07")
    terminal.snapshot_text()
    assert QGuiApplication.clipboard().text() == "mine"


def test_device_status_reply_goes_to_input_ready(qtbot, terminal):
    with qtbot.waitSignal(terminal.input_ready, timeout=5000) as blocker:
        terminal.feed(b"\x1b[6n")
        terminal.snapshot_text()
    assert blocker.args == [b"\x1b[1;1R"]


def test_big_feed_is_worked_off_in_slices(qtbot, terminal):
    payload = "".join(f"\x1b[32m{i:06d}\x1b[0m 한국어 로그 줄\r\n" for i in range(60_000)).encode()
    terminal.feed(payload)
    qtbot.waitUntil(lambda: not terminal.busy, timeout=60_000)
    assert terminal.snapshot_text().split("\n")[-2].startswith("059999")


def test_set_font_changes_grid(qtbot, terminal):
    before = (terminal.cols, terminal.rows)
    terminal.set_font(QFont("DejaVu Sans Mono", 20))
    assert (terminal.cols, terminal.rows) != before
    terminal.grab()  # paints without error


def test_flood_repaints_in_bands_and_ends_with_a_whole_view(qtbot, terminal):
    terminal.show()
    qtbot.waitExposed(terminal)
    painted: list[tuple[int, int]] = []
    original = terminal.paintEvent

    def spy(event):
        painted.append((event.rect().top(), event.rect().bottom()))
        original(event)

    terminal.paintEvent = spy
    terminal.feed("".join(f"\x1b[33m{i:05d}\x1b[0m 한글 줄\r\n" for i in range(5000)).encode())

    def ends_with_a_whole_view() -> bool:
        """The last paints together cover the whole view (the repaint after the output may come a timer
        tick after the model is done: a fast model can finish before the first paint)."""
        covered = [False] * terminal.height()
        for top, bottom in painted[-terminal.rows :]:
            for y in range(max(0, top), min(terminal.height(), bottom + 1)):
                covered[y] = True
        return all(covered)

    qtbot.waitUntil(
        lambda: not terminal.busy and terminal._band_row is None and ends_with_a_whole_view(), timeout=30_000
    )
    assert terminal.snapshot_text().split("\n")[-2].startswith("04999")


def test_flood_repaints_the_whole_view_at_most_30_times_a_second(qtbot, terminal):
    import time

    starts: list[float] = []
    original = terminal.paintEvent

    def spy(event):
        if event.rect().top() <= 0:  # the first band of a pass
            starts.append(time.monotonic())
        original(event)

    terminal.paintEvent = spy
    terminal.feed("".join(f"\x1b[32m{i:05d}\x1b[0m 로그 줄 {i}\r\n" for i in range(80_000)).encode())
    qtbot.waitUntil(lambda: not terminal.busy and terminal._band_row is None, timeout=60_000)
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(gaps) >= 2
    assert min(gaps) >= 0.030  # 33 ms, less a coarse timer's 5 %


def test_flood_gives_the_garbage_collector_back(qtbot, terminal):
    import gc

    from console.terminal import widget as widget_module

    qtbot.waitUntil(lambda: not widget_module._gc_holders, timeout=5_000)  # earlier tests' widgets
    assert gc.get_freeze_count() == 0
    terminal.feed("".join(f"line {i}\r\n" for i in range(20_000)).encode())
    qtbot.waitUntil(lambda: not terminal.busy, timeout=30_000)
    qtbot.waitUntil(lambda: not widget_module._gc_holders, timeout=5_000)
    assert gc.get_freeze_count() == 0


def test_closing_a_flooded_terminal_gives_the_garbage_collector_back(qtbot):
    import gc

    from console.terminal import widget as widget_module

    qtbot.waitUntil(lambda: not widget_module._gc_holders, timeout=5_000)  # earlier tests' widgets
    widget = TerminalWidget()
    qtbot.addWidget(widget)
    widget.feed("".join(f"line {i}\r\n" for i in range(20_000)).encode())
    widget.close()
    assert not widget_module._gc_holders
    assert gc.get_freeze_count() == 0


def test_line_drawing_borders_join_across_cells_and_rows(qtbot, terminal):
    """ncurses borders (DEC special graphics) are painted as lines that meet: no gap between cells or rows."""
    terminal.feed(b"\x1b(0lqqk\r\nx  x\r\nmqqj\x1b(B")
    assert terminal.snapshot_text().splitlines()[:3] == ["┌──┐", "│  │", "└──┘"]
    image = terminal.grab().toImage()
    metrics = QFontMetricsF(terminal.font())
    width, height = metrics.horizontalAdvance("M"), float(metrics.lineSpacing())
    fg = "#d0d0d0"
    top_y, bottom_y = math.floor(height / 2), math.floor(2 * height + height / 2)
    left_x, right_x = math.floor(width / 2), math.floor(3 * width + width / 2)
    assert {image.pixelColor(x, top_y).name() for x in range(left_x, right_x + 1)} == {fg}
    assert {image.pixelColor(x, bottom_y).name() for x in range(left_x, right_x + 1)} == {fg}
    assert {image.pixelColor(left_x, y).name() for y in range(top_y, bottom_y + 1)} == {fg}
    assert {image.pixelColor(right_x, y).name() for y in range(top_y, bottom_y + 1)} == {fg}
    assert image.pixelColor(left_x - 2, top_y - 2).name() != fg  # the corner does not stick out


def _row_band(terminal: TerminalWidget, row: int) -> tuple[float, float, float, float]:
    """(cell width, top, baseline, bottom) of screen row *row* in widget pixels."""
    metrics = QFontMetricsF(terminal.font())
    height = float(metrics.lineSpacing())
    top = row * height
    return metrics.horizontalAdvance("M"), top, top + metrics.ascent(), top + height


def _red(image, x: int, y: int) -> bool:
    colour = image.pixelColor(x, y)
    return colour.red() > 110 and colour.red() > 2 * max(colour.green(), colour.blue())


def test_underline_styles_are_drawn_as_their_kind(qtbot, terminal):
    """SGR 4:1..4:5 (single, double, curly, dotted, dashed) in the SGR 58 underline colour, under blanks."""
    kinds = ["4:1", "4:2", "4:3", "4:4", "4:5"]
    terminal.feed("\r\n".join(f"\x1b[{kind};58;2;255;0;0m{' ' * 12}\x1b[0m" for kind in kinds).encode())
    image = terminal.grab().toImage()
    found = {}
    for row, kind in enumerate(kinds):
        width, top, _baseline, bottom = _row_band(terminal, row)
        xs = range(math.ceil(width), math.floor(11 * width))
        ys = [y for y in range(math.ceil(top), math.floor(bottom)) if any(_red(image, x, y) for x in xs)]
        found[kind] = (ys, [[_red(image, x, y) for x in xs] for y in ys])
    ys, lines = found["4:1"]
    assert len(ys) == 1 and all(lines[0])  # one solid line
    ys, lines = found["4:2"]
    assert len(ys) == 2 and ys[1] - ys[0] >= 2 and all(lines[0]) and all(lines[1])  # two, apart
    ys, lines = found["4:3"]
    assert len(ys) >= 3 and not any(all(line) for line in lines)  # a wave: several heights, none solid
    for kind, most in (("4:4", 0.7), ("4:5", 0.85)):
        ys, lines = found[kind]
        assert len(ys) == 1, kind
        share = sum(lines[0]) / len(lines[0])
        assert 0.3 < share < most, (kind, share)  # broken: dots about half on, dashes two thirds
    dots = sum(a != b for a, b in itertools.pairwise(found["4:4"][1][0]))
    dashes = sum(a != b for a, b in itertools.pairwise(found["4:5"][1][0]))
    assert dots > 2 * dashes  # dots change far more often than dashes


def test_faint_and_concealed_text_are_drawn_as_xterm_does(qtbot, terminal):
    """Faint: halfway between the text colour and the background. Concealed: only the background."""
    terminal.feed("\u2588\x1b[2m\u2588\x1b[22;8m\u2588\x1b[28m\u2588".encode())
    image = terminal.grab().toImage()
    width, top, _baseline, bottom = _row_band(terminal, 0)
    y = int((top + bottom) / 2)
    normal, faint, concealed, revealed = (image.pixelColor(int((i + 0.5) * width), y) for i in range(4))
    assert normal.name() == revealed.name() == "#d0d0d0"
    assert concealed.name() == "#1e1e1e"  # the background
    assert abs(faint.red() - (0xD0 + 0x1E) // 2) <= 2 and faint.red() == faint.green() == faint.blue()


def test_erased_cells_are_painted_in_the_current_background(qtbot, terminal):
    """Background colour erase: EL with a blue background paints the rest of the row blue."""
    terminal.feed(b"text\x1b[44m\x1b[K\x1b[0m")
    image = terminal.grab().toImage()
    width, top, _baseline, bottom = _row_band(terminal, 0)
    blue = image.pixelColor(int(20.5 * width), int((top + bottom) / 2))
    assert blue.name() == "#2472c8"
