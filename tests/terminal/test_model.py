"""Screen model behaviour: colours, attributes, cursor, wide and NFD Korean, scrollback, modes, replies."""

from __future__ import annotations

import unicodedata

import pytest

from sessions.terminal import STUB, Style, TerminalScreen, TerminalStream


def test_text_and_crlf(term):
    t = term().feed("hello\r\nworld")
    assert t.lines[:2] == ["hello", "world"]
    assert (t.screen.cursor_x, t.screen.cursor_y) == (5, 1)


def test_16_256_and_truecolor(term):
    t = term().feed("\x1b[31ma\x1b[38;5;196mb\x1b[38;2;1;2;3;48;2;250;251;252mc\x1b[0md\x1b[97;104me")
    styles = t.screen.buffer[0].styles
    assert styles[0].fg == "red"
    assert styles[1].fg == "ff0000"
    assert (styles[2].fg, styles[2].bg) == ("010203", "fafbfc")
    assert styles[3] == Style()
    assert (styles[4].fg, styles[4].bg) == ("brightwhite", "brightblue")


def test_colon_truecolor(term):
    t = term().feed("\x1b[38:2::10:20:30mx")
    assert t.screen.buffer[0].styles[0].fg == "0a141e"


def test_text_attributes(term):
    t = term().feed("\x1b[1;3;4;7;9mA\x1b[22;23;24;27;29mB")
    a, b = t.screen.buffer[0].styles[:2]
    assert (a.bold, a.italics, a.underline, a.reverse, a.strikethrough) == (True, True, 1, True, True)
    assert b == Style()


def test_cursor_position_and_visibility(term):
    t = term().feed("\x1b[3;7Hx\x1b[?25l")
    assert t.cell(6, 2) == "x"
    assert (t.screen.cursor_x, t.screen.cursor_y) == (7, 2)
    assert t.screen.cursor_hidden
    t.feed("\x1b[?25h")
    assert not t.screen.cursor_hidden


def test_wide_chars_take_two_cells(term):
    t = term(cols=10).feed("가a나")
    assert t.screen.buffer[0].chars[:5] == ["가", STUB, "a", "나", STUB]
    assert t.screen.cursor_x == 5
    assert t.lines[0] == "가a나"


def test_wide_char_at_last_column_wraps(term):
    t = term(cols=5).feed("abcd가")
    assert t.lines[:2] == ["abcd", "가"]
    assert t.screen.buffer[0].chars[4] == " "
    assert t.screen.buffer[1].chars[:2] == ["가", STUB]
    assert t.screen.buffer[0].wrapped


def test_overwriting_half_a_wide_char_blanks_the_other_half(term):
    t = term(cols=10).feed("가나\x1b[1;2Hx")
    assert t.screen.buffer[0].chars[:4] == [" ", "x", "나", STUB]


def test_nfd_hangul_is_composed(term):
    nfd = unicodedata.normalize("NFD", "한글 가")
    t = term().feed(nfd)
    assert t.lines[0] == "한글 가"
    assert t.screen.cursor_x == 7


def test_nfd_hangul_composed_across_feeds(term):
    nfd = unicodedata.normalize("NFD", "각")  # three jamo
    t = term().feed(nfd[0]).feed(nfd[1]).feed(nfd[2] + "!")
    assert t.lines[0] == "각!"
    assert t.screen.buffer[0].chars[:3] == ["각", STUB, "!"]


def test_combining_mark_joins_previous_cell(term):
    t = term().feed("e\u0301x")
    assert t.screen.buffer[0].chars[:2] == ["é", "x"]


def test_utf8_split_across_feeds(term):
    data = "가 ok".encode()
    t = term().feed(data[:1]).feed(data[1:2]).feed(data[2:])
    assert t.lines[0] == "가 ok"


def test_escape_split_across_feeds(term):
    t = term()
    for ch in "\x1b[31;1mred\x1b]2;tit":
        t.feed(ch)
    t.feed("le\x1b\\")
    assert t.lines[0] == "red"
    assert t.screen.buffer[0].styles[0].fg == "red"
    assert t.titles == ["title"]


def test_scrollback_keeps_lines_and_respects_limit(term):
    t = term(cols=10, rows=3, scrollback=5)
    t.feed("".join(f"line{i}\r\n" for i in range(20)))
    history = t.screen.history
    assert len(history) == 5
    assert [line.text.rstrip() for line in history] == [f"line{i}" for i in range(13, 18)]
    assert history.added == 18
    assert t.lines == ["line18", "line19", ""]


def test_scrollback_default_is_10000():
    assert TerminalScreen(10, 3).history.limit == 10_000


def test_scrolling_region(term):
    t = term(cols=10, rows=5).feed("0\r\n1\r\n2\r\n3\r\n4")
    t.feed("\x1b[2;4r\x1b[4;1H\nX")
    assert t.lines == ["0", "2", "3", "X", "4"]
    assert len(t.screen.history) == 0  # a partial region never scrolls into the history


def test_alternate_screen(term):
    t = term(cols=10, rows=3).feed("main\x1b[?1049h")
    assert t.screen.alternate
    t.feed("alt\r\n\r\n\r\n\r\n")
    assert len(t.screen.history) == 0
    t.feed("\x1b[?1049l")
    assert t.lines[0] == "main"
    assert not t.screen.alternate
    assert t.screen.cursor_x == 4


def test_mode_flags(term):
    t = term().feed("\x1b[?2004h\x1b[?1h")
    assert t.screen.bracketed_paste and t.screen.app_cursor_keys
    t.feed("\x1b[?2004l\x1b[?1l")
    assert not (t.screen.bracketed_paste or t.screen.app_cursor_keys)


def test_device_attribute_and_status_replies(term):
    t = term().feed("\x1b[c\x1b[5n\x1b[2;3H\x1b[6n")
    assert t.replies == ["\x1b[?6c", "\x1b[0n", "\x1b[2;3R"]


def test_erase_and_insert_delete(term):
    t = term(cols=10, rows=3).feed("abcdefgh\x1b[1;3H\x1b[2P")
    assert t.lines[0] == "abefgh"
    t.feed("\x1b[2@")
    assert t.lines[0] == "ab  efgh"
    t.feed("\x1b[3X")
    assert t.lines[0] == "ab   fgh"
    t.feed("\x1b[K")
    assert t.lines[0] == "ab"
    t.feed("\r\nsecond\x1b[1;1H\x1b[L")
    assert t.lines == ["", "ab", "second"]
    t.feed("\x1b[M\x1b[2J")
    assert t.lines == ["", "", ""]


def test_tabs(term):
    t = term(cols=20).feed("a\tb\x1b[3g\x1b[1;5H\x1bH\rc\td")
    assert t.lines[0] == "c   d   b"


def test_repeat_and_scroll_up_down(term):
    t = term(cols=10, rows=3).feed("x\x1b[4b")
    assert t.lines[0] == "xxxxx"
    t.feed("\r\nsecond\x1b[S")
    assert t.lines[0] == "second"
    t.feed("\x1b[T")
    assert t.lines[:2] == ["", "second"]


def test_resize_keeps_cursor_line_and_moves_top_lines_to_history(term):
    t = term(cols=10, rows=4).feed("a\r\nb\r\nc\r\nd")
    t.screen.resize(2, 6)
    assert t.lines == ["c", "d"]
    assert [line.text.rstrip() for line in t.screen.history] == ["a", "b"]
    assert (t.screen.cols, t.screen.rows) == (6, 2)
    t.screen.resize(5, 12)
    assert t.lines[:2] == ["c", "d"] and len(t.lines) == 5


def test_resize_cuts_wide_char_cleanly(term):
    t = term(cols=6).feed("abcd가")
    t.screen.resize(3, 5)
    assert t.screen.buffer[0].chars == ["a", "b", "c", "d", " "]


def test_dirty_rows_tracked(term):
    t = term(cols=10, rows=4)
    t.screen.take_dirty()
    t.feed("\x1b[3;1Hx")
    assert t.screen.take_dirty() == {2}
    assert t.screen.take_dirty() == set()
    t.feed("\r\n\r\n\r\n")
    assert t.screen.take_dirty() is None  # scrolled: everything


def test_pyte_stream_can_drive_the_screen():
    """The screen keeps pyte's listener interface, so pyte's own Stream works on it too."""
    import pyte

    screen = TerminalScreen(10, 3)
    pyte.Stream(screen).feed("ab\x1b[1;31mc\r\nd\x1b#8")
    assert screen.display[0] == "E" * 10


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64])
def test_chunking_does_not_change_the_result(term, chunk):
    data = (
        "\x1b[1;32mok\x1b[0m 한글 \x1b[38;2;1;2;3mtrue\x1b[0m\r\n"
        + unicodedata.normalize("NFD", "분해된 한글")
        + "\x1b]0;t\x07\x1b[2;5Hx\x1b[?1049h\x1b[?1049lend\r\n"
    ).encode()
    whole = TerminalScreen(12, 4)
    TerminalStream(whole).feed(data)
    parts = TerminalScreen(12, 4)
    stream = TerminalStream(parts)
    for i in range(0, len(data), chunk):
        stream.feed(data[i : i + chunk])
    assert [line.chars for line in parts.buffer] == [line.chars for line in whole.buffer]
    assert [line.styles for line in parts.buffer] == [line.styles for line in whole.buffer]
    assert parts.display[1].rstrip() == "분해xend 글"


def test_reset_sgr_does_not_keep_the_style_before(term):
    t = term().feed("\x1b[1;31mA\x1b[0;4mB\x1b[32;7mC\x1b[0;4mD\x1b[45mE\x1b[mF")
    styles = t.screen.buffer[0].styles
    assert styles[1] == styles[3] == Style(underline=1)
    assert styles[5] == Style()
