"""Deferred rows (plain lines kept as text until looked at) change speed only: screen, scrollback, cursor and
style are the same as when every character is drawn at once: lines scrolled in at the bottom, and lines
that replace whole rows above it (full width, or ending in EL), in either screen and any margins.

The reference is the same model fed the same pieces, cut once more after each CR: CR and LF then arrive
apart, so no run of plain lines is ever seen and everything is drawn on the spot.
"""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sessions.terminal import TerminalScreen, TerminalStream


def _state(screen: TerminalScreen) -> tuple:
    rows = [*screen.history, *screen.buffer]
    return (
        [(line.chars, line.styles, line.wrapped) for line in rows],
        screen.history.added,
        (screen.cursor_x, screen.cursor_y),
        screen.style,
    )


def _pair(cols: int, rows: int, scrollback: int) -> tuple[TerminalScreen, TerminalStream, TerminalScreen]:
    fast = TerminalScreen(cols, rows, scrollback=scrollback)
    slow = TerminalScreen(cols, rows, scrollback=scrollback)
    return fast, TerminalStream(fast), slow


def _compare(data: str, cols: int, rows: int, scrollback: int, splits: list[int]) -> TerminalScreen:
    fast, stream, slow = _pair(cols, rows, scrollback)
    cuts = sorted({0, len(data), *(s % (len(data) + 1) for s in splits)})
    for a, b in itertools.pairwise(cuts):
        stream.feed_text(data[a:b])
    drawn = TerminalStream(slow)
    after_cr = [i + 1 for i, char in enumerate(data) if char == "\r"]
    for a, b in itertools.pairwise(sorted({*cuts, *after_cr})):
        drawn.feed_text(data[a:b])
    assert _state(fast) == _state(slow), repr(data)
    return fast


_word = st.sampled_from(
    [
        "a",
        "log",
        "0123456789",
        "가나다",
        "새 장치",
        "漢字",
        "é",
        "e\u0301",
        "\u1100\u1161",
        "😀",
        "±°",
        " ",
        "─┐",
    ]
)
_sgr = st.sampled_from(
    [
        "\x1b[0m",
        "\x1b[m",
        "\x1b[1;31m",
        "\x1b[0;2m",
        "\x1b[38;5;75m",
        "\x1b[48;2;1;2;3m",
        "\x1b[22m",
        "\x1b[0;7m",
    ]
)
_line = st.lists(st.one_of(_word, _word, _sgr), max_size=12).map("".join)
_end = st.sampled_from(["\r\n", "\r\n", "\x1b[K\r\n"])  # a line may end in EL (top, htop)
_other = st.sampled_from(
    [
        *["\t", "\x1b[A", "\x1b[2;3H", "\r", "\n", "\x1b[?7l", "\x1b[?7h", "\x1b[4h", "\x1b[4l"],
        *["\x1b[H", "\x1b[H", "\x1b[?1049h", "\x1b[?1049l", "\x1b[2;4r", "\x1b[r", "\x1b[44m"],
    ]
)
_ended = st.tuples(_line, _end).map("".join)
_piece = st.one_of(_ended, _ended, _other, _line)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(_piece, min_size=1, max_size=40),
    cols=st.integers(1, 14),
    rows=st.integers(1, 6),
    scrollback=st.sampled_from([0, 3, 100]),
    splits=st.lists(st.integers(0, 10_000), max_size=3),
)
def test_generated_lines_match_drawing_each_character(pieces, cols, rows, scrollback, splits):
    _compare("".join(pieces), cols, rows, scrollback, splits)


def test_log_lines_that_wrap_and_lines_with_marks():
    lines = [
        "\x1b[0;2m[    1.0]\x1b[0m \x1b[32musb 1-1\x1b[0m: 새 장치가 연결되었습니다 (디스크 검사를 시작)",
        "plain ascii line that is longer than the screen is wide, so it wraps twice at least",
        "가" * 7 + "x",  # a wide character would be cut at the margin of 15 columns
        "NFD 한글: \u1112\u1161\u11ab\u1100\u1173\u11af and a mark: e\u0301",
        "",
        "\x1b[1mbold to the end",
        "still bold? \x1b[22mno",
    ]
    data = "start\r\n" + "\r\n".join(lines * 5) + "\r\ntail"
    for cols, rows in ((15, 4), (40, 6), (80, 24)):
        for splits in ([], [3, 50, 51, 400], list(range(0, len(data), 37))):
            _compare(data, cols, rows, 50, splits)


def test_styles_carried_over_many_lines_without_a_reset():
    colours = ["\x1b[31m", "\x1b[1m", "\x1b[42m", "\x1b[22m", "\x1b[7m", "\x1b[39m", "", "\x1b[38;5;9m"]
    data = "x\r\n\x1b[0m" + "".join(f"{colours[n % 8]}line {n}\r\n" for n in range(60)) + "\x1b[0mlast\r\n"
    for splits in ([], [200], list(range(0, len(data), 101))):
        _compare(data, 12, 4, 100, splits)


def test_a_full_screen_refresh_replaces_rows_with_text():
    """top rewrites its screen from the top, each row ended with EL: the rows are kept as text."""
    frame = "\x1b[H" + "".join(f"\x1b[7m{n:3d}\x1b[m row {n}\x1b[K\r\n" for n in range(5)) + "\x1b[J"
    data = "\x1b[?1049h\x1b[44m" + frame * 3
    fresh = TerminalScreen(12, 7)
    TerminalStream(fresh).feed_text(data)
    # Rows 1-4 (row 0 follows CSI H: drawn, its EL noted on it, rowwrites.py)
    assert sum(isinstance(line._deferred, tuple) for line in fresh.buffer) == 4
    screen = _compare(data, 12, 7, 100, [])
    assert [row.text.rstrip() for row in screen.buffer[:5]] == [f"{n:3d} row {n}" for n in range(5)]
    assert screen.buffer[2].styles[11].bg == "default"  # EL after a reset: the rest of the row in default


def test_rows_are_kept_as_text_until_read():
    screen = TerminalScreen(20, 3, scrollback=100)
    TerminalStream(screen).feed_text(
        "first\r\n" + "".join(f"\x1b[3{n % 8}mline {n}\x1b[0m\r\n" for n in range(30))
    )
    deferred = [line for line in screen.history if line._deferred is not None]
    assert len(deferred) > 20
    assert screen.history[5].text.rstrip() == "line 4"
    assert screen.history[5].styles[0].fg == "blue"
    assert screen.history[5]._deferred is None
    assert screen.display[1].rstrip() == "line 29"


def test_flood_beyond_the_scrollback_keeps_the_newest_rows():
    screen = TerminalScreen(10, 3, scrollback=5)
    TerminalStream(screen).feed_text("x\r\n" + "".join(f"n{n}\r\n" for n in range(1000)))
    assert screen.history.added == 999  # x, n0 ... n997
    assert [line.text.rstrip() for line in screen.history] == ["n993", "n994", "n995", "n996", "n997"]
    assert screen.display == ["n998      ", "n999      ", "          "]
