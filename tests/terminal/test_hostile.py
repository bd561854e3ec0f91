"""Hostile input is harmless: clipboard OSC dropped, titles sanitised, numbers clamped, floods bounded."""

from __future__ import annotations

import time

from sessions.terminal import sanitize_title
from sessions.terminal.stream import MAX_PENDING


def test_osc52_never_reaches_anything(term):
    t = term()
    t.feed("\x1b]52;c;" + "QUFB" * 1000 + "\x07after")
    t.feed("\x1b]52;p;cGFzc3dvcmQ=\x1b\\")
    assert t.lines[0] == "after"
    assert t.titles == [] and t.replies == []


def test_unknown_osc_and_dcs_are_swallowed(term):
    t = term().feed("a\x1b]8;;http://x\x07b\x1bP1$qm\x1b\\c\x1b_apc\x1b\\d\x1b]1337;File=x\x07e")
    assert t.lines[0] == "abcde"


def test_title_is_sanitised():
    raw = "ev\x1b[31mil\x07 \u202eexe.txt\u2066 \x9b" + "x" * 500
    clean = sanitize_title(raw)
    assert "\x1b" not in clean and "\u202e" not in clean and "\u2066" not in clean and "\x9b" not in clean
    assert len(clean) <= 120
    assert clean.startswith("ev[31mil exe.txt")


def test_title_callback_gets_sanitised_text(term):
    t = term().feed("\x1b]0;hi\u202eth\x01\x08\x7f\x85ere\x07")
    assert t.titles == ["hithere"]
    t.feed("\x1b]2;" + "가" * 1000 + "\x07")
    assert len(t.titles[-1]) <= 120


def test_huge_cursor_motion_is_clamped(term):
    t = term(cols=10, rows=5).feed("\x1b[99999999B\x1b[99999999C\x1b[99999999;99999999H" + "9" * 5000 + "A")
    assert 0 <= t.screen.cursor_y < 5 and 0 <= t.screen.cursor_x <= 10


def test_huge_counts_do_not_allocate_or_loop(term):
    t = term(cols=10, rows=5)
    start = time.perf_counter()
    t.feed("ab\x1b[99999999X\x1b[99999999@\x1b[99999999P\x1b[99999999b\x1b[99999999L\x1b[99999999M")
    t.feed("\x1b[99999999S\x1b[99999999T\x1b[99999999I\x1b[99999999Z\x1b[99999999;99999999r")
    assert time.perf_counter() - start < 1.0
    assert all(len(line.chars) == 10 for line in t.screen.buffer)
    assert len(t.screen.buffer) == 5


def test_huge_sgr_list_is_ignored(term):
    t = term()
    start = time.perf_counter()
    t.feed("\x1b[" + "1;" * 200_000 + "31mx")
    t.feed("\x1b[38;5;99999;48;2;99999;99999;99999my")
    assert time.perf_counter() - start < 1.0
    assert t.lines[0] == "xy"
    assert t.screen.buffer[0].styles[1].bg == "ffffff"


def test_unterminated_sequences_are_bounded(term):
    t = term()
    t.feed("\x1b]0;" + "x" * (MAX_PENDING + 10))
    assert len(t.stream._pending) == 0
    t.feed("y" * 100 + "\x07visible")
    assert t.lines[0] == "visible"
    t.feed("\x1b[" + "1" * (MAX_PENDING + 10))
    t.feed("2" * 100 + "mZ")
    assert t.lines[0] == "visibleZ"


def test_reply_flood_is_capped(term):
    t = term().feed("\x1b[6n" * 10_000)
    assert 0 < len(t.replies) <= 16


def test_controls_and_c1_are_not_drawn(term):
    t = term().feed("a\x00\x01\x02\x7f\x85\x9b31mb")
    assert t.lines[0] == "a31mb"


def test_saving_the_cursor_over_and_over_keeps_one_state(term):
    t = term().feed("\x1b7" * 100_000)
    assert len(t.screen.saved_cursors) == 2  # one per screen, as xterm; no stack to grow


def test_many_combining_marks_stay_bounded(term):
    t = term().feed("a" + "\u0301" * 10_000)
    assert len(t.screen.buffer[0].chars[0]) <= 17


def test_extra_parameters_of_cup_and_decstbm_are_ignored(term):
    # They crashed the stream (TypeError: the screen's call takes two numbers); xterm reads the first two.
    t = term(cols=10, rows=5).feed("\x1b[2;3;4Hx\x1b[1;2;3;4fy\x1b[2;4;9rz\x1b[3;2;1;1H")
    assert t.lines[1] == "  x"
    assert t.lines[0] == "zy"  # y at column 2; DECSTBM homes the cursor
    assert t.screen.margins == (1, 3)
    assert (t.screen.cursor_x, t.screen.cursor_y) == (1, 2)
