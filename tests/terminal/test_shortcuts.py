"""The shortcuts that keep floods cheap change speed only: runs dispatched as one call, repeats of a token
that cannot change anything skipped, work skipped on a screen known to be blank, and rows rewritten in
place (CUP, text, EL) kept as text.

The reference is the same model fed every token on its own (``LITERAL_TOKEN_RE``), with no repeat skipped
and no blank screen known: screen, scrollback, cursor, style, saved cursors and modes must be equal.
"""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sessions.terminal import TerminalScreen, TerminalStream
from sessions.terminal.stream import LITERAL_TOKEN_RE


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


def _literal(cols: int, rows: int, scrollback: int) -> tuple[TerminalScreen, TerminalStream]:
    screen = _LiteralScreen(cols, rows, scrollback=scrollback)
    stream = TerminalStream(screen)
    stream.tokens = LITERAL_TOKEN_RE
    stream._controls.groups = _NoGroups()
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
