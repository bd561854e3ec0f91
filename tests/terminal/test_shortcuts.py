"""The shortcuts that keep floods cheap change speed only: runs dispatched as one call, repeats of a token
that cannot change anything skipped, work skipped on a screen known to be blank, and rows rewritten in
place (CUP, text, EL) kept as text.

The reference is the same model fed every token on its own (``LITERAL_TOKEN_RE``), with no repeat skipped
and no blank screen known: screen, scrollback, cursor, style, saved cursors and modes must be equal.
"""

from __future__ import annotations

import itertools
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sessions.terminal import TerminalScreen, TerminalStream
from sessions.terminal.frames import frame_spans
from sessions.terminal.pages import CLEAR
from sessions.terminal.stream import LITERAL_TOKEN_RE
from sessions.terminal.style import Style
from tests.terminal.realvim import capture_vim


class _LiteralScreen(TerminalScreen):
    """Never knows that it is blank."""

    @property  # type: ignore[override]
    def blank_style(self) -> None:
        return None

    @blank_style.setter
    def blank_style(self, value: object) -> None:
        pass


class _NoGroups(dict):
    """Forgets every token's group: no repeat is ever skipped."""

    def __setitem__(self, key: object, value: object) -> None:
        pass

    def update(self, *args: object, **kwargs: object) -> None:
        pass


def _literal(
    cols: int, rows: int, scrollback: int, on_reply: Callable[[str], None] | None = None
) -> tuple[TerminalScreen, TerminalStream]:
    screen = _LiteralScreen(cols, rows, scrollback=scrollback, on_reply=on_reply)
    stream = TerminalStream(screen)
    stream.tokens = LITERAL_TOKEN_RE
    stream._controls.groups = _NoGroups()
    stream._controls.cups = _NoGroups()
    stream._controls.forwards = _NoGroups()
    stream._controls.flags = _NoGroups()
    return screen, stream


def _state(screen: TerminalScreen) -> tuple:
    rows = [*screen.history, *screen.buffer]
    return (
        [(line.chars, line.styles, line.wrapped) for line in rows],
        screen.history.added,
        (screen.cursor_x, screen.cursor_y),
        screen.style,
        screen.saved_cursors,
        screen.margins,
        (screen.origin, screen.autowrap, screen.insert_mode, screen.newline_mode, screen.alternate),
        (screen.cursor_hidden, sorted(screen.private_modes), screen.app_cursor_keys, screen.bracketed_paste),
    )


def _compare(data: str, cols: int, rows: int, scrollback: int, splits: list[int]) -> None:
    fast = TerminalScreen(cols, rows, scrollback=scrollback)
    stream = TerminalStream(fast)
    slow, literal = _literal(cols, rows, scrollback)
    cuts = sorted({0, len(data), *(s % (len(data) + 1) for s in splits)})
    for a, b in itertools.pairwise(cuts):
        stream.feed_text(data[a:b])
        literal.feed_text(data[a:b])
    assert _state(fast) == _state(slow), repr(data)


_count = st.sampled_from(["", "0", "1", "2", "3", "7", "99", "9999"])
_counted = st.tuples(_count, st.sampled_from("ABCDEFLMPST@IZabe")).map(lambda p: f"\x1b[{p[0]}{p[1]}")
_idempotent = st.sampled_from(
    [
        *["\x1b[2J", "\x1b[J", "\x1b[1J", "\x1b[3J", "\x1b[K", "\x1b[2K", "\x1b[3X", "\x1b[H", "\x1b[3;4H"],
        *["\x1b[2;3r", "\x1b[r", "\x1b[?6h", "\x1b[?6l", "\x1b[4h", "\x1b[4l", "\x1b[20h", "\x1b[20l", "\r"],
        *["\x1b7", "\x1b8", "\x1b[s", "\x1b[u", "\x1b[?1049h", "\x1b[?1049l", "\x1b#8", "\x1bH", "\x1b[3g"],
    ]
)
_compound = st.sampled_from(
    ["\x1b[H\x1b[2J", "\x1b[H\x1b[2J\x1b[3J", "\x1b[4;1H\x1b[J", "\x1b[2;2H\x1b[K\x1b[2X", "\x1b[2J\x1b[H"]
)
_single = st.sampled_from(["\n", "\x0b", "\x0c", "\x1bD", "\x1bM", "\b", "\t", "\x1bE", "\r\n"])
_repeated = st.tuples(st.one_of(_single, _counted, _idempotent, _compound), st.integers(1, 12)).map(
    lambda p: p[0] * p[1]
)
_sgr = st.sampled_from(["\x1b[0m", "\x1b[41m", "\x1b[44;1m", "\x1b[7m", "\x1b[38;5;9m"])
_text = st.sampled_from(["ab", "0123456789", "가나", "x", "e\u0301", "─┐"])
_positioned = st.tuples(
    st.sampled_from(["1", "2", "3", "5", "99"]),
    st.lists(st.one_of(_sgr, _text), min_size=1, max_size=4).map("".join),
).map(lambda p: f"\x1b[{p[0]};1H{p[1]}\x1b[K")  # a row rewritten in place, as vim does
_op = st.one_of(_repeated, _repeated, _sgr, _text, _text, _positioned, _positioned.map(lambda s: s * 3))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ops=st.lists(_op, min_size=1, max_size=30),
    cols=st.integers(2, 12),
    rows=st.integers(1, 6),
    scrollback=st.sampled_from([0, 4, 100]),
    splits=st.lists(st.integers(0, 10_000), max_size=3),
)
def test_shortcuts_change_speed_only(ops, cols, rows, scrollback, splits):
    _compare("".join(ops), cols, rows, scrollback, splits)


def test_a_flood_of_line_feeds_fills_the_scrollback_as_one_at_a_time_would():
    data = "top\r\n" + "\x1b[44m" + "\n" * 500 + "x"
    _compare(data, 10, 4, 100, [])
    fast = TerminalScreen(10, 4, scrollback=100)
    TerminalStream(fast).feed_text(data)
    assert fast.history.added == 500 - 3 + 1 and len(fast.history) == 100
    assert fast.history[-1].styles[0].bg == "blue"  # blank lines made by scrolling take the colours


def test_a_save_right_after_a_restore_is_not_skipped():
    """DECRC with nothing saved goes home; the DECSC after it saves (found by Hypothesis: ESC 8 ESC 7)."""
    for data in (
        "\x1b8\x1b7",
        "\x1b[u\x1b[s",
        "\x1b8\x1b[s",
        "\x1b[3;2H\x1b7\x1b8\x1b7\x1b[H\x1b8",
        "\x1b8\x1b7" * 3,
    ):
        for rows in (1, 3):
            _compare(data, 4, rows, 0, [])
    fast = TerminalScreen(4, 2)
    TerminalStream(fast).feed_text("\x1b8\x1b7")
    assert fast.saved_cursors[0] is not None


# --- frames a full-screen program redraws from home (frames.py) -------------------------------------------
_frame_text = st.sampled_from(["ab", "0123456789", "가나", "x", "─┐", "abcdefghijk", " "])
_frame_row = st.tuples(
    st.lists(st.one_of(_frame_text, _frame_text, _sgr, st.just("\x1b[m")), max_size=5).map("".join),
    st.sampled_from(["", "\x1b[K", "\x1b[K", "\x1b[K"]),
).map("".join)
_frame = st.tuples(
    st.lists(_frame_row, min_size=1, max_size=7).map("\r\n".join), st.sampled_from(["", "\x1b[J", "\x1b[J"])
).map(lambda p: "\x1b[H" + "".join(p))
_setup = st.sampled_from(
    ["", "", "\x1b[2;4r", "\x1b[1;3r", "\x1b[?6h", "\x1b[4h", "\x1b(0", "\x1b[?7l", "\x1b[?1049h", "\x1b[44m"]
)
_frame_op = st.one_of(_frame, _frame, _frame.map(lambda f: f * 3), _sgr, _text, _positioned, _repeated)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    setup=_setup,
    ops=st.lists(_frame_op, min_size=1, max_size=12),
    cols=st.integers(2, 12),
    rows=st.integers(1, 6),
    splits=st.lists(st.integers(0, 10_000), max_size=3),
)
def test_frames_overwritten_in_the_same_read_change_speed_only(setup, ops, cols, rows, splits):
    _compare(setup + "".join(ops), cols, rows, 4, splits)


def test_a_read_of_top_frames_skips_all_but_the_last_whole_frame():
    frame = "\x1b[H" + "\r\n".join(f"\x1b[7mrow {y}\x1b[m load\x1b[K" for y in range(5)) + "\x1b[J"
    frames = [frame.replace("load", f"load {i}") for i in range(6)]
    data = "\x1b[1;31m" + "".join(frames) + "\x1b[Hnext"
    assert [start for start, _frame, _after in frame_spans(data, 14)] == [
        7 + i * len(frames[0]) for i in range(5)
    ]
    _compare(data, 14, 6, 4, [])
    _compare(data, 14, 6, 4, [len(data) // 2, len(data) // 3])  # a chunk boundary inside a frame
    fast = TerminalScreen(14, 6, scrollback=4)
    TerminalStream(fast).feed_text(data)
    assert [line.rstrip() for line in fast.display[:2]] == ["next0 load 5", "row 1 load 5"]


# --- runs of REP with a character between (repeats.py) --------------------------------------------------
_rep_unit = st.tuples(st.sampled_from(["x", "y", " ", "가", "─"]), _count).map(
    lambda p: f"{p[0]}\x1b[{p[1]}b"
)
#: REP right after a token that ends in text (rows written at positions, a colour per cell), a sequence
#: or combining marks: it repeats the last character only right after it, and a mark's base character.
_rep_after = st.tuples(
    st.sampled_from(["\x1b[2;3Hab", "\x1b[31;1mA\x1b[32;1mB", "\x1b[2;3H\x1b[K", "e\u0301", "\u1112\u1161"]),
    st.sampled_from(["\x1b[b", "\x1b[3b", "\x1b[2bx\x1b[3b"]),
).map("".join)
_rep_op = st.one_of(
    st.lists(_rep_unit, min_size=1, max_size=12).map("".join),
    *[_sgr, _text, _repeated, _setup, _positioned, _rep_after],
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ops=st.lists(_rep_op, min_size=1, max_size=12),
    cols=st.integers(1, 8),
    rows=st.integers(1, 5),
    scrollback=st.sampled_from([0, 3, 100]),
    splits=st.lists(st.integers(0, 10_000), max_size=3),
)
def test_runs_of_repeats_change_speed_only(ops, cols, rows, scrollback, splits):
    _compare("".join(ops), cols, rows, scrollback, splits)


def test_a_flood_of_repeats_fills_the_scrollback_as_one_at_a_time_would():
    data = "log\r\n" * 5 + "\x1b[41m" + "x\x1b[9999b" * 300 + "y\x1b[9999b" * 2 + "x\x1b[3b" + "z\x1b[9b"
    _compare(data, 10, 4, 100, [])
    _compare(data, 10, 4, 100, [1000, 1005])
    fast = TerminalScreen(10, 4, scrollback=100)
    TerminalStream(fast).feed_text(data)
    assert fast.history.added == 2 + 299 + 2 + 1 and len(fast.history) == 100
    assert [line.text for line in fast.buffer] == ["x" * 10, "y" * 10, "y" * 10, "xxxxzzzzzz"]
    assert fast.buffer[1].wrapped and not fast.buffer[3].wrapped


def test_a_wide_character_on_a_one_column_screen_after_a_skipped_frame():
    # Found by Hypothesis on another branch: two frames from the same CUP, the later one's wide characters
    # cannot be placed on one column, so its EL decides the cell (the skipped frame's red stayed).
    _compare("\x1b[1;1H\x1b[41m\x1b[K\x1b[1;1H\x1b[0m가나\x1b[K", 1, 1, 0, [])
    _compare("\x1b[1;1H\x1b[41m\x1b[K\x1b[1;1H\x1b[0m가나\x1b[K", 1, 3, 5, [9])


def test_saving_after_a_restore_with_nothing_saved_is_not_skipped():
    # DECRC with nothing saved goes home in default attributes; the DECSC after it saves that state, so it
    # is not a repeat (it was skipped as one: the saved cursor stayed empty).
    _compare("\x1b[3;2H\x1b[1m\x1b8\x1b7", 4, 4, 0, [])
    _compare("\x1b[?6h\x1b[2;3r\x1b[3;1H\x1b7\x1b[r\x1b8\x1b7\x1b[r\x1b8x", 4, 5, 0, [])


# --- a colour per cell (cellruns.py) ----------------------------------------------------------------------
_cell_sgr = st.sampled_from(
    [
        *["38;2;1;2;3;48;2;4;5;6", "38;2;1;2;3;48;2;4;5;6", "38;2;255;0;9;48;2;0;0;0", "38;5;9;48;5;10"],
        *["48;5;10;38;2;1;2;3", "38;2;1;2;3", "48;5;3", "1;38;5;9;48;5;1", "0", "", "38;2;007;0;0;48;5;1"],
    ]
)
_cell = st.tuples(_cell_sgr, st.sampled_from(["▀", "▀", "x", "m", " ", "가", "é", "\u212b", "─", "e\u0301"]))
_cell_run = st.lists(_cell, min_size=1, max_size=10).map(lambda u: "".join(f"\x1b[{s}m{c}" for s, c in u))
_cell_op = st.one_of(
    *[_cell_run, _cell_run, _cell_run.map(lambda r: r + "\x1b[0m\r\n"), _text, _sgr, _setup],
    st.sampled_from(["\x1b[H", "\x1b[2;1H", "\x1b[1;3H", "\r\n", "\x1b[K"]),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ops=st.lists(_cell_op, min_size=1, max_size=10),
    cols=st.integers(1, 12),
    rows=st.integers(1, 4),
    splits=st.lists(st.integers(0, 10_000), max_size=3),
)
def test_a_colour_per_cell_changes_speed_only(ops, cols, rows, splits):
    _compare("".join(ops), cols, rows, 4, splits)


def test_a_cell_run_that_ends_in_the_letter_m_is_not_taken_for_sgr():
    # It ends in "m" as SGR does: it was run as one odd SGR (nothing drawn).
    run = "\x1b[38;2;1;2;3;48;2;4;5;6mA\x1b[38;2;1;2;3;48;2;4;5;6mm"
    _compare(run, 10, 3, 10, [])
    screen = TerminalScreen(10, 3)
    TerminalStream(screen).feed_text(run)
    assert screen.display[0] == "Am" + " " * 8


def test_an_image_frame_drawn_in_cell_runs_is_the_frame_drawn_cell_by_cell():
    def cell(x: int, y: int) -> str:
        return f"\x1b[38;2;{x};{y};0;48;2;0;{x};{y}m\u2580"

    frame = "\x1b[H" + "\r\n".join("".join(cell(x, y) for x in range(8)) + "\x1b[0m" for y in range(3))
    data = "\x1b[3m" + frame * 2 + "\x1b[1m" + frame
    _compare(data, 8, 4, 4, [])
    _compare(data, 8, 4, 4, [100, 555, 1001])  # reads cut inside rows and inside SGRs
    for cut in range(0, len(data), 7):  # a row begun over a row kept as text, finished in the next read
        _compare(data, 8, 4, 4, [cut, cut + 150])
    fast = TerminalScreen(8, 4)
    TerminalStream(fast).feed_text(data)
    assert fast.buffer[0].styles[7] == Style("070000", "000700", bold=True)  # each row ends in a reset
    assert fast.buffer[2].styles[7] == Style("070200", "000702")


def test_a_wrap_pending_into_a_blank_alternate_screen_runs_the_row_on():
    # The row the wrap leaves runs on even when the screen was known to be blank (scrolling a blank screen
    # costs nothing, and that row kept its wrap flag while it scrolled away).
    _compare("ab\x1b[?1049hab", 2, 1, 4, [])
    _compare("abc\x1b[?1049hxy", 3, 2, 4, [])


_margin = st.sampled_from(["", "0", "1", "2", "3", "4", "6", "99"])
_region = st.one_of(
    st.just(""),
    st.tuples(_margin, _margin).map(lambda p: f"{p[0]};{p[1]}"),
    _margin,
)
_moves = st.lists(
    st.tuples(st.sampled_from(["\n", "\x0b", "\x0c", "\x1bD", "\x1bM"]), st.integers(1, 8)).map(
        lambda p: p[0] * p[1]
    ),
    min_size=1,
    max_size=3,
).map("".join)
_cup = st.sampled_from(["", "1", "2;3", "3;1", "5;2", "7;9", "99;99", ";4", "0;0"])
#: vim's scrolling step: set the region, maybe an SGR, move into it, line feeds or RIs (maybe after a CR),
#: reset the region.
_scroll_step = st.tuples(
    _region,
    st.sampled_from(["", "", "\x1b[m", "\x1b[44m", "\x1b[0;1;7m"]),
    _cup,
    st.sampled_from(["", "\r"]),
    _moves,
    _region,
).map(lambda p: f"\x1b[{p[0]}r{p[1]}\x1b[{p[2]}H{p[3]}{p[4]}\x1b[{p[5]}r")
_scroll_setup = st.sampled_from(
    ["", "\x1b[?6h", "\x1b[20h", "\x1b[?1049h", "\x1b[3;5r\x1b[?6h", "\x1b[6;1H", "\x1b[41m", "\x1b[?25l"]
)
_scroll_op = st.one_of(
    _scroll_step, _scroll_step, _scroll_setup, _positioned, _text, st.sampled_from(["\x1b[?25h", "\x1b[?25l"])
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ops=st.lists(_scroll_op, min_size=1, max_size=12),
    cols=st.integers(2, 10),
    rows=st.integers(1, 7),
    scrollback=st.sampled_from([0, 3, 100]),
    splits=st.lists(st.integers(0, 10_000), max_size=3),
)
def test_scrolling_steps_change_speed_only(ops, cols, rows, scrollback, splits):
    """Regions of every size (one row, the whole screen, invalid ones left alone), origin mode on and off,
    the cursor outside the region, runs of LF, VT, FF, IND and RI, reads cut inside the step."""
    _compare("".join(ops), cols, rows, scrollback, splits)


def test_a_vim_scrolling_step_is_one_token():
    # The first as the synthetic stream makes it, the second as vim 9 does (a captured `j` at the bottom).
    for step in ("\x1b[1;38r\x1b[38;1H\n\x1b[r", "\x1b[1;39r\x1b[m\x1b[39;1H\r\n\x1b[1;40r"):
        assert TerminalStream.tokens.split(step) == ["", step, ""]


# --- redraws a later redraw in the same read overwrites (redraws.py) ---------------------------------------
_redraw_text = st.sampled_from(["ab", "0123456789", "가나다", "x", "─┐", "abcdefghijklm", " ", "", "e\u0301"])
_short_text = st.sampled_from(["ab", "x", "가", "─┐", " ", "", "12", "abc\x1b[1mde"])
_redraw_row = st.tuples(
    st.sampled_from(["1", "2", "3", "4", "5", "6", "7", "8", "0", "99"]),
    st.lists(st.one_of(_redraw_text, _redraw_text, _sgr, st.just("\x1b[m")), max_size=4).map("".join),
).map(lambda p: f"\x1b[{p[0]};1H{p[1]}\x1b[K")
#: A redraw: rows rewritten in place, as many as a redraw has (some rows, or every row from the top).
_redraw = st.one_of(
    st.lists(_redraw_row, min_size=5, max_size=9).map("".join),
    st.tuples(st.integers(5, 9), st.lists(_short_text, min_size=9, max_size=9), _sgr).map(
        lambda p: "".join(f"\x1b[{y};1H{p[2]}{p[1][y - 1]}\x1b[K" for y in range(1, p[0] + 1))
    ),
)
_redraw_setup = st.sampled_from(
    [
        *["", "", "\x1b[?1049h", "\x1b[?1049h", "\x1b[2;4r", "\x1b[?1049h\x1b[2;5r", "\x1b[?6h", "\x1b[4h"],
        *["\x1b(0", "\x1b[?7l", "\x1b[?1049h\x1b[?7l", "\x1b[44m", "\x1b[?1049h\x1b[20h"],
    ]
)
#: What vim writes between redraws: hide the cursor, scroll, rewrite a row or two, show it.
_vim_step = st.tuples(
    st.sampled_from(["\x1b[?25l", "", "\x1b[48;5;235m"]),
    st.lists(st.one_of(_scroll_step, _redraw_row, _sgr), min_size=1, max_size=4).map("".join),
    st.sampled_from(["\x1b[?25h", "\x1b[0m\x1b[2;3H\x1b[?25h", ""]),
).map("".join)
_redraw_op = st.one_of(
    *[_redraw, _redraw, _redraw, _vim_step, _vim_step, _vim_step, _scroll_step, _redraw_row, _positioned],
    st.sampled_from(["\x1b[?25l", "\x1b[?25h", "\x1b[?1h", "\x1b[?1l", "\x1b[?2004h", "\x1b[?25;2004l"]),
    st.sampled_from(["\x1b[?1000h", "\x1b[3;4H", "\x1b[H", "\x1b[9;2f", "\x1b[0m", "\x1b[1;2;3H"]),
    st.sampled_from(["\r\n", "x", "\x1b[K", "\x1b[2J", "\x1b[?1049l", "\x1b[?1049h", "\x1b[?6h", "\x1b[4l"]),
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    setup=_redraw_setup,
    ops=st.lists(_redraw_op, min_size=2, max_size=16),
    cols=st.integers(2, 14),
    rows=st.integers(5, 9),
    scrollback=st.sampled_from([0, 3, 100]),
    splits=st.lists(st.integers(0, 10_000), max_size=2),
)
def test_redraws_overwritten_in_the_same_read_change_speed_only(setup, ops, cols, rows, scrollback, splits):
    """Rows too wide for the screen (wrapping into rows the redraw does or does not rewrite, scrolling the
    region), regions on the main and the alternate screen, origin and insert modes, a character set, no
    autowrap, partial redraws, reads cut anywhere."""
    _compare(setup + "".join(ops), cols, rows, scrollback, splits)


def _vim_session(cols: int, rows: int, frames: int, seed: int) -> str:
    """vim on the alternate screen: full redraws (rows of coloured words, some wider than the screen) and
    scrolling steps in the text region, the status line in reverse video."""
    rng = random.Random(seed)
    words = ["def", "self.x", "=", "가나다", "return", "─┐", "0", "a_very_long_identifier_name", ""]

    def line(number: int) -> str:
        spans = "".join(f"\x1b[38;5;{rng.choice([81, 149, 204])}m{rng.choice(words)} " for _ in range(4))
        return f"\x1b[38;5;244m{number:3d} {spans}"

    out = ["\x1b[?1049h\x1b[H\x1b[2J"]
    top = 1
    for _ in range(frames):
        parts = ["\x1b[?25l\x1b[48;5;235m"]
        if rng.random() < 0.3:
            parts += [f"\x1b[{y};1H{line(top + y)}\x1b[K" for y in range(1, rows - 1)]
        else:
            for _ in range(rng.randrange(1, 4)):
                top += 1
                parts.append(f"\x1b[1;{rows - 2}r\x1b[{rows - 2};1H\n\x1b[r")
                parts.append(f"\x1b[{rows - 2};1H{line(top)}\x1b[K")
        parts.append(f"\x1b[{rows - 1};1H\x1b[0;1;7m main.py {top}\x1b[K\x1b[0m")
        parts.append(f"\x1b[{rng.randrange(1, rows - 2)};{rng.randrange(1, cols)}H\x1b[?25h")
        out.append("".join(parts))
    return "".join(out)


def test_a_read_of_vim_redraws_skips_what_the_last_redraw_overwrites(monkeypatch):
    skipped: list[int] = []
    real = TerminalStream._skip_before

    def counting(self, parts, start, stop):
        done = real(self, parts, start, stop)
        skipped.extend([stop - start] if done else [])
        return done

    monkeypatch.setattr(TerminalStream, "_skip_before", counting)
    for seed in range(12):
        cols, rows = 20 + seed * 5, 6 + seed
        data = _vim_session(cols, rows, 60, seed)
        for size in (len(data), 997, 4096):  # one read; reads cut anywhere
            _compare(data, cols, rows, 100, list(range(size, len(data), size)))
    assert len(skipped) > 100 and sum(skipped) > 1_000  # tokens skipped, times two


def test_a_redraw_does_not_skip_what_runs_on_below_it():
    long = "x" * 25
    # The first redraw's last row (too wide) runs on to row 7, which the second does not rewrite.
    first = "".join(f"\x1b[{y};1Ha{y}\x1b[K" for y in range(1, 6)) + f"\x1b[6;1H{long}\x1b[K"
    second = "".join(f"\x1b[{y};1Hb{y}\x1b[K" for y in range(1, 7))
    for setup in ("\x1b[?1049h", "", "\x1b[?1049h\x1b[1;6r"):
        _compare(setup + first + second, 20, 8, 10, [])
    fast = TerminalScreen(20, 8)
    TerminalStream(fast).feed_text("\x1b[?1049h" + first + second)
    assert fast.display[6].rstrip() == "xxxxx"


# --- text written over the last column without autowrap (screen._skip_overwritten) -------------------------
_margin_text = st.lists(
    st.sampled_from(["가", "x", "가", "─", "ab", "가나", "e\u0301", "\uff21", "x가"]), max_size=40
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.sampled_from(["", "가나다라", "abcdef", "ab가", "a가나", "\x1b[4h", "\x1b[44m가"]),
    text=_margin_text.map("".join),
    cols=st.integers(1, 7),
)
def test_text_past_the_margin_without_autowrap_is_as_written_one_character_at_a_time(before, text, cols):
    """All of it at once (most of it written over the last column or two: skipped) against one character
    per read (nothing to skip); the row held wide characters at the edge or not; insert mode."""
    data = "\x1b[?7l" + before + "\r" + "x" * cols + text
    fast = TerminalScreen(cols, 3)
    TerminalStream(fast).feed_text(data)
    slow = TerminalScreen(cols, 3)
    stream = TerminalStream(slow)
    for char in data[: data.index("\r") + 1 + cols]:  # the setup and the row filled
        stream.feed_text(char)
    for char in text:
        stream.feed_text(char)
    assert _state(fast) == _state(slow), repr(data)


def _real_vim_session(tmp_path: Path) -> str:
    """What vim itself (syntax colours, line numbers, 120x40, TERM=xterm-256color) sends while paging,
    scrolling a line at a time and jumping around a file, read from a pty."""
    keys = [b"\x06"] * 4 + [b"\x05"] * 12 + [b"j"] * 45 + [b"\x02", b"\x19" * 5, b"G", b"gg", b"\x04"]
    return capture_vim(keys, tmp_path).decode("utf-8", "replace")


@pytest.mark.skipif(shutil.which("vim") is None, reason="vim is not installed (scripts/setup installs it)")
def test_real_vim_output_changes_speed_only(tmp_path):
    data = _real_vim_session(tmp_path)
    assert "\x1b[?1049h" in data and data.count("\x1b[K") > 20
    for size in (len(data), 32768, 4096, 997):  # one read, reads cut anywhere
        _compare(data, 120, 40, 1000, list(range(size, len(data), size)))


def test_the_captured_real_vim_stream_changes_speed_only():
    # bench/data/real_vim.bin (bench/capture_real_vim.py): paging, scrolling, a search, a split.
    data = (Path(__file__).resolve().parents[2] / "bench" / "data" / "real_vim.bin").read_bytes().decode()
    assert data.count(CLEAR) > 10
    for size in (len(data), 32768, 4096, 997):  # one read, reads cut anywhere
        _compare(data, 120, 40, 1000, list(range(size, len(data), size)))


# --- pages overwritten in the same read on the alternate screen (pages.py) -------------------------------
_page_row = st.lists(
    st.one_of(_frame_text, _frame_text, _sgr, st.sampled_from(["\x1b[m", "\x1b[3C", "\x1b[K", "\x1b[?4m"])),
    max_size=5,
).map("".join)
_page = st.lists(_page_row, min_size=1, max_size=6).map(lambda rows: CLEAR + "\r\n".join(rows))
_page_spoiler = st.sampled_from(
    [
        *[
            "\x1b7",
            "\x1b8",
            "\x1b[?1049l",
            "\x1b[?1049h",
            "\x1b[3J",
            "\x1b[?6h",
            "\x1b[6n",
            "\x1b[?1h",
            "\x1b[4h",
            "\x1b(0",
            "\x1b(B",
        ],
        *["\x07", "\x1b]2;t\x07", "\x1b[?7l", "\x1b[?7h", "\x1b[20h", "\x0e", "\x0f", "\x1b[3g", "\x1bH"],
    ]
)
_page_op = st.one_of(
    *[_page, _page, _page.map(lambda p: p * 2), _sgr, _text, _positioned, _cell_run, _scroll_step],
    st.sampled_from(["\x1b[?25l", "\x1b[?25h", "\x1b[?1000h", "\x1b[2;3r", "\x1b[r", "\x1b[3;2H", "\x1b[2L"]),
    st.sampled_from(["\r\n", "\n", "\x1b[5C", "x\x1b[3b", "\x1b[1;3H\x1b[K", "\x1bM", "\x1b[2S"]),
    _page_spoiler,
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    setup=st.sampled_from(
        ["\x1b[?1049h", "\x1b[?1049h\x1b[44m", "", "\x1b[?1049h\x1b[2;3r", "\x1b[?1049h\x1b[?6h"]
    ),
    ops=st.lists(_page_op, min_size=1, max_size=14),
    cols=st.integers(1, 10),
    rows=st.integers(1, 6),
    scrollback=st.sampled_from([0, 3, 100]),
    splits=st.lists(st.integers(0, 10_000), max_size=3),
)
def test_pages_overwritten_in_the_same_read_change_speed_only(setup, ops, cols, rows, scrollback, splits):
    data = setup + "".join(ops)
    _compare(data, cols, rows, scrollback, [len(setup), *splits])  # (on the alternate screen from the start)


def _recorded_runs(monkeypatch: pytest.MonkeyPatch, stream: TerminalStream) -> list[list[str]]:
    """What *stream* runs from now on (each split it runs, as it runs it)."""
    ran: list[list[str]] = []
    run = stream._run

    def recording(parts: list[str]) -> None:
        ran.append(list(parts))
        run(parts)

    monkeypatch.setattr(stream, "_run", recording)
    return ran


def test_a_read_of_vim_pages_draws_only_the_last(monkeypatch):
    row = "\x1b[38;5;130m  1 \x1b[m\x1b[31mdef\x1b[m f():\r\n"
    page = row + "\x1b[38;5;130m  2 \x1b[m\x1b[8Creturn \x1b[36mNone"
    pages = (CLEAR + page + "\x1b[?25h\x1b[?25l\x1b[1;39r\x1b[39;1H\r\n\x1b[1;40r") * 5
    stream = TerminalStream(TerminalScreen(40, 10))
    stream.feed_text("\x1b[?1049h")
    ran = _recorded_runs(monkeypatch, stream)
    stream.feed_text(pages)
    assert sum("".join(p for p in parts if p).count(CLEAR) for parts in ran) == 1  # only the last page
    _compare("\x1b[?1049h" + pages, 40, 10, 100, [9])


def test_pages_before_a_report_are_skipped_up_to_the_clear_before_it(monkeypatch):
    """A query in the read (vim asks for the background colour as it starts) is answered in order; the
    pages before the clear that precedes it are skipped all the same, the one between is drawn."""
    page = "\x1b[1;1H\x1b[38;5;130m  1 \x1b[m\x1b[8Cpage {}\x1b[m\r\n\x1b[34m# end\x1b[m"
    data = "".join(CLEAR + page.format(n) for n in range(4)) + "\x1b[6n" + CLEAR + page.format(9)
    answers: list[str] = []
    screen = TerminalScreen(40, 10, on_reply=answers.append)
    stream = TerminalStream(screen)
    stream.feed_text("\x1b[?1049h")
    ran = _recorded_runs(monkeypatch, stream)
    stream.feed_text(data)
    drawn = "".join(p for parts in ran for p in parts if p)
    assert "page 3" in drawn and "page 9" in drawn and "page 0" not in drawn and "page 2" not in drawn
    assert answers == ["\x1b[2;6R"]  # the cursor where page 3 left it, after "# end" on its second row
    assert screen.buffer[0].text.startswith("  1         page 9")
    _compare("\x1b[?1049h" + data, 40, 10, 100, [9])


# --- floods a hostile program may send, each one run (stream.py) -------------------------------------------
_flood_unit = st.one_of(
    st.tuples(
        st.sampled_from(["", "0", "1", "3", "99", "9999"]), st.sampled_from(["", "0", "2", "7", "99"])
    ).map(lambda p: f"\x1b[{p[0]};{p[1]}H" if p[1] else f"\x1b[{p[0]}H"),
    st.sampled_from(["\x1b[2;3f", "\x1b[H", "\x1b[K", "\x1b[2J", "\x1b[3C", "\x1b[1K", "\x1b[3J", "\x1b[J"]),
    st.sampled_from(["\x1b[2K", "\x1b[0K", "\x1b[1J", "\x1b[X", "\x1b[9999X", "\x1b[2X", "\x1b[99999J"]),
    _sgr,
    st.sampled_from(
        ["\x1b[m", "\x1b[0;1;38;2;1;2;3m", "\x1b[4:3m", "\x1b[38;5m", "\x1b[" + "1;" * 200 + "m"]
    ),
    st.sampled_from(["\x1b[6n", "\x1b[5n", "\x1b[c", "\x1b[>c", "\x1b[0c", "\x1b[?6n", "\x1b[3n", "\x1b[?c"]),
    st.sampled_from(["\u0301", "\u0301" * 20, "\u0302\u0303", "e", "가", "\u1161", " ", "\r", "\n", "\r\n"]),
    st.sampled_from(
        [f"\x1b[?{mode}h\x1b[?{mode}l" for mode in (1049, 1047, 47)] + ["\x1b[?1049h", "\x1b[?47l"]
    ),
    st.sampled_from(["\x1b7\x1b8", "\x1b[s\x1b[u", "\x1b7", "\x1b8", "\x1b[u", "\x1b[?6h", "\x1b[?6l"]),
    _text,
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    setup=st.sampled_from(["", "\x1b[?1049h", "\x1b[2;4r\x1b[?6h", "\x1b[4h", "\x1b[?7l", "\x1b(0"]),
    units=st.lists(st.tuples(_flood_unit, st.integers(1, 40)), min_size=1, max_size=8),
    cols=st.integers(1, 8),
    rows=st.integers(1, 5),
    splits=st.lists(st.integers(0, 100_000), max_size=3),
)
def test_floods_of_cups_sgr_queries_and_marks_change_speed_only(setup, units, cols, rows, splits):
    """Runs of CUP (only the last counts), of SGR (each field from the last that sets it), of erases
    (each change once), of device queries (answered in order up to a read's allowance), of combining marks
    (joined while the cell holds fewer than 16 characters), of switches to the alternate screen and back
    and of cursor saves and restores (the first pair counts) leave the screen and send the replies as one
    token at a time would."""
    data = setup + "".join(unit * count for unit, count in units)
    fast_replies: list[str] = []
    slow_replies: list[str] = []
    fast = TerminalScreen(cols, rows, scrollback=10, on_reply=fast_replies.append)
    stream = TerminalStream(fast)
    slow, literal = _literal(cols, rows, 10, on_reply=slow_replies.append)
    cuts = sorted({0, len(data), *(s % (len(data) + 1) for s in splits)})
    for a, b in itertools.pairwise(cuts):
        stream.feed_text(data[a:b])
        literal.feed_text(data[a:b])
    assert _state(fast) == _state(slow), repr(data)
    assert fast_replies == slow_replies


def test_a_flood_of_cups_sgr_or_queries_is_one_token_a_read():
    for unit in ("\x1b[3;7H", "\x1b[38;5;9m", "\x1b[6n", "\x1b[?1049h\x1b[?1049l", "\x1b7\x1b8", "\x1b[2K"):
        flood = unit * 500
        assert TerminalStream.split(flood) == ["", flood, ""]
    # ... but not the CUP that rows written at positions or an erase start with
    flood = "\x1b[6n" * 200
    assert TerminalStream.split(flood + "\x1b[1;1H\x1b[5;1Hab")[1:] == [
        flood,
        "",
        "\x1b[1;1H",
        "",
        "\x1b[5;1Hab",
        "",
    ]
    assert TerminalStream.split(flood + "\x1b[1;1H\x1b[H\x1b[2J")[1:4] == [flood, "", "\x1b[1;1H"]
    # (a read that is not a flood is cut without the runs: they cost every read a little)
    assert TerminalStream.split("\x1b[m" + "x" * 600 + "\x1b[6n\x1b[6n")[-4:] == [
        "\x1b[6n",
        "",
        "\x1b[6n",
        "",
    ]
