"""DEC special graphics: ncurses borders (ESC ( 0 / ESC ) 0 with SO and SI) draw lines, not "lqqk"."""

from __future__ import annotations

import pytest

from sessions.terminal import TerminalScreen, TerminalStream


def test_g0_designation_draws_a_box(term):
    t = term(cols=10).feed("\x1b(0lqqk\r\nx  x\r\nmqqj\x1b(B lqqk")
    assert t.lines[:3] == ["┌──┐", "│  │", "└──┘ lqqk"]


def test_g1_with_shift_out_and_shift_in(term):
    t = term(cols=12).feed("\x1b)0a\x0etqnqu\x0fb")
    assert t.lines[0] == "a├─┼─┤b"
    assert t.screen.charset is None


def test_every_graphics_character_is_mapped(term):
    t = term(cols=44).feed("\x1b(0_`abcdefghijklmnopqrstuvwxyz{|}~ AZ09+,-.")
    assert t.lines[0] == "\u00a0◆▒␉␌␍␊°±␤␋┘┐┌└┼⎺⎻─⎼⎽├┤┴┬│≤≥π≠£· AZ09+,-."


def test_korean_and_colours_pass_through_graphics_mode(term):
    t = term(cols=12).feed("\x1b(0\x1b[31mq한글q\x1b[0m")
    assert t.lines[0] == "─한글─"
    assert t.screen.buffer[0].styles[0].fg == "red"


def test_save_and_restore_cursor_keep_the_charsets(term):
    t = term(cols=10).feed("\x1b(0\x1b7\x1b(Bq\x1b8q")
    assert t.lines[0] == "─"
    t.feed("\x1b[2;1H\x1b(B\x1b[s\x1b(0\x1b[uq")
    assert t.lines[1] == "q"


def test_reset_and_unknown_sets_return_to_ascii(term):
    t = term(cols=10).feed("\x1b(0\x1b(%5q\x1bcq")
    assert t.lines[0] == "q"
    assert term(cols=10).feed("\x1b(A#\x1b(B#").lines[0] == "£#"


def test_alternate_screen_1049_restores_the_main_screens_charset(term):
    t = term(cols=10).feed("\x1b(B\x1b[?1049h\x1b(0q\x1b[?1049lq")
    assert t.lines[0] == "q"


@pytest.mark.parametrize("chunk", [1, 3, 4096])
def test_dialog_like_box_at_the_bottom_of_a_full_screen(chunk):
    """Lines in graphics mode that scroll are drawn (never kept as text in the wrong charset)."""
    screen = TerminalScreen(12, 3, scrollback=10)
    stream = TerminalStream(screen)
    data = "x\r\n" * 5 + "\x1b(0lqqqqk\r\nx\x1b(B ok \x1b(0x\r\nmqqqqj\r\n\x1b(Bq\r\n"
    for i in range(0, len(data), chunk):
        stream.feed_text(data[i : i + chunk])
    rows = [line.text.rstrip() for line in [*screen.history, *screen.buffer]]
    assert rows[-5:] == ["┌────┐", "│ ok │", "└────┘", "q", ""]


def test_pyte_stream_drives_the_charsets():
    import pyte

    screen = TerminalScreen(10, 2)
    stream = pyte.Stream(screen)  # type: ignore[arg-type]
    stream.use_utf8 = False  # pyte only passes SCS and SO / SI on outside UTF-8 mode
    stream.feed("\x1b(0lqk\x1b(B\x1b)0\x0ex\x0f")
    assert screen.display[0].rstrip() == "┌─┐│"


_CURSES_BOX = """
import curses
def main(scr):
    win = curses.newwin(6, 30, 1, 2)
    win.box()
    win.addstr(0, 10, " Setup ")
    win.hline(3, 1, curses.ACS_HLINE, 28)
    win.addch(3, 0, curses.ACS_LTEE)
    win.addch(3, 29, curses.ACS_RTEE)
    win.addstr(4, 2, "eth0 유선")
    win.refresh()
curses.wrapper(main)
"""


def test_real_ncurses_borders_draw_lines():
    """What ncurses itself sends for a window border (TERM=xterm-256color) shows as a box."""
    import fcntl
    import os
    import struct
    import subprocess
    import sys
    import termios

    pytest.importorskip("curses")
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 8, 40, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "LC_ALL": "C.UTF-8", "NCURSES_NO_UTF8_ACS": "0"}
    process = subprocess.Popen(
        [sys.executable, "-c", _CURSES_BOX], stdin=slave, stdout=slave, stderr=slave, env=env
    )
    os.close(slave)
    out = b""
    try:
        while chunk := os.read(master, 65536):
            out += chunk
    except OSError:  # the other end closed
        pass
    finally:
        os.close(master)
    assert process.wait(timeout=10) == 0, out
    if b"\x1b(0" not in out:
        pytest.skip("this ncurses does not use DEC line drawing for xterm-256color")
    screen = TerminalScreen(40, 8)
    stream = TerminalStream(screen)
    stream.feed(out[: out.index(b"\x1b[?1049l")])  # the screen as the program left it, before it ended
    assert [line.rstrip() for line in screen.display[1:7]] == [
        "  ┌───────── Setup ────────────┐",
        "  │                            │",
        "  │                            │",
        "  ├────────────────────────────┤",
        "  │ eth0 유선                  │",
        "  └────────────────────────────┘",
    ]
