"""Rows written at positions (CUP, text, SGR, CUF, EL, CR LF: writes.py) and noted on their rows until read
(rowwrites.py) come out exactly as drawing each token would have made them.

The reference is the model fed every token on its own (test_shortcuts.py's ``_compare``): screen,
scrollback, cursor, style, saved cursors and modes must be equal, with reads cut anywhere.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sessions.terminal import TerminalScreen, TerminalStream, rowwrites
from tests.terminal.realvim import OPTIONS, capture
from tests.terminal.test_shortcuts import _compare, _compound, _idempotent, _repeated, _sgr

#: Text of every width: ASCII, wide (Korean, CJK), box drawing, a combining mark (ends the token), emoji,
#: a spacing mark that composes with the one before it (Oriya: two pieces drawn apart stay apart).
_text = st.sampled_from(
    [
        "ab",
        "0123456789",
        "가나",
        "x",
        "e\u0301",
        "─┐",
        "abcdefghijklmnop",
        " ",
        "中",
        "\u0b47",
        "\u0b3e",
        "🙂",
    ]
)
_cup = st.tuples(
    st.sampled_from(["1", "2", "3", "5", "99", "0"]), st.sampled_from(["1", "2", "4", "7", "99", "0"])
)
_piece = st.one_of(
    _text,
    _text,
    _sgr,
    st.sampled_from(["\x1b[m", "\x1b[C", "\x1b[0C", "\x1b[3C", "\x1b[12C", "\x1b[999C", "\x1b[K", "\r\n"]),
    _cup.map(lambda p: f"\x1b[{p[0]};{p[1]}H"),
)
#: A run as vim writes it: CUP, then text, SGR and CUF first, then anything of the pieces.
_written = st.tuples(
    _cup, st.one_of(_text, _sgr, st.just("\x1b[4C")), st.lists(_piece, max_size=10).map("".join)
).map(lambda p: f"\x1b[{p[0][0]};{p[0][1]}H{p[1]}{p[2]}")
_setup = st.sampled_from(
    [
        "",
        "\x1b[?1049h",
        "\x1b[?1049h\x1b[44m\x1b[2J",
        "\x1b[2;4r",
        "\x1b[?6h",
        "\x1b[4h",
        "\x1b(0",
        "\x1b[?7l",
        "\x1b[43m",
        "가나다라마바사아자차카타",
    ]
)
#: What may come between: erasing, inserting and deleting cells and rows, scrolling, saved cursors, modes.
_between = st.one_of(
    _repeated,
    _idempotent,
    _compound,
    st.sampled_from(
        ["\x1b[2X", "\x1b[P", "\x1b[2@", "\x1b[L", "\x1b[M", "\x1b[S", "\x1b[T", "\x1b[1K", "\x1b[2K"]
    ),
    st.sampled_from(["\x1b[1J", "\x1b[J", "\x1b[4l", "\x1b(B", "\x1b[?7h", "\x1b[b", "\b", "\t"]),
    st.just("\x1b[r"),
    _text,
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    setup=_setup,
    ops=st.lists(st.one_of(_written, _written, _written, _between), min_size=1, max_size=14),
    cols=st.integers(1, 12),
    rows=st.integers(1, 6),
    scrollback=st.sampled_from([0, 3, 100]),
    splits=st.lists(st.integers(0, 10_000), max_size=3),
)
def test_rows_written_at_positions_change_speed_only(setup, ops, cols, rows, scrollback, splits):
    """Writes over wide characters and under them, CUF past the margin, text that reaches the last column
    (drawn the ordinary way), CR LF at the bottom of a region and of the screen, EL after a pending wrap,
    insert mode, origin mode and a character set (drawn token by token), rows erased, shifted or scrolled
    while writes are noted on them."""
    _compare(setup + "".join(ops), cols, rows, scrollback, splits)


def test_a_vim_page_is_one_token_noted_on_its_rows():
    """vim 9 draws a page as CUP, rows of short SGR pieces with CUF over blanks, joined by CR LF: one token,
    each row noted (not laid out) until it is read, then as drawn."""
    rows = [f"\x1b[38;5;130m{n:3d} \x1b[m\x1b[8C\x1b[34m# row {n}\x1b[m" for n in range(1, 6)]
    page = "\x1b[1;1H" + "\r\n".join(rows) + "\x1b[3;9H"
    assert TerminalStream.tokens.split(page) == ["", page, ""]
    screen = TerminalScreen(40, 8)
    TerminalStream(screen).feed_text("\x1b[?1049h\x1b[H\x1b[2J" + page)
    assert all(screen.buffer[y].written_start() is None and screen.buffer[y]._deferred for y in range(5))
    assert screen.buffer[2].text.rstrip() == "  3 " + " " * 8 + "# row 3"
    assert screen.buffer[2].styles[0].fg != screen.buffer[2].styles[13].fg
    assert (screen.cursor_x, screen.cursor_y) == (8, 2)
    _compare("\x1b[?1049h\x1b[H\x1b[2J" + page, 40, 8, 0, [17, 60, 61, 62])


def _korean_file(folder: Path) -> Path:
    path = folder / "korean.txt"
    lines = (
        f"{n:3d} 디스크 검사를 시작합니다 — 網路連線已中斷 バックアップ {'가나다라' * (n % 9)} end"
        for n in range(300)
    )
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _coloured_file(folder: Path) -> Path:
    path = folder / "coloured.txt"
    lines = (
        f"\x1b[3{n % 8}m{n:4d}\x1b[0m \x1b[1merror\x1b[22m {'x' * (n % 100)} 한국어 {n}" for n in range(400)
    )
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


_VIM = ["vim", *OPTIONS]
_EDITS = [b"gg", b"dd", b"u", b"yyp" * 5, b":q!\r"]
#: Real programs as they draw (no vimrc): vim over Korean and CJK text without wrapping, scrolled sideways
#: and paged; vim typing Korean in insert mode, deleting, undoing, pasting; less with colours, searching;
#: top refreshing every 0.2 s and switching its views.
_PROGRAMS = {
    "vim-korean-nowrap": (
        lambda folder: [*_VIM, "-c", "set nowrap", str(_korean_file(folder))],
        [b"j"] * 50 + [b"zl"] * 20 + [b"\x04"] * 4 + [b"G", b"gg", b"$", b":q!\r"],
    ),
    "vim-insert": (
        lambda folder: [*_VIM, str(folder / "new.py")],
        [b"i", *(c.encode() for c in "def hello(name):\r    print(f'안녕 {name}')\r" * 4), b"\x1b", *_EDITS],
    ),
    "less-colours": (
        lambda folder: ["less", "-R", str(_coloured_file(folder))],
        [b" "] * 8 + [b"j"] * 30 + [b"b"] * 3 + [b"/error\r", b"n", b"G", b"g", b"q"],
    ),
    "top": (lambda folder: ["top", "-d", "0.2"], [b"1", b"c", b"M", b"P", b"z", b"x", b"b", b"q"]),
}


@pytest.mark.parametrize("name", list(_PROGRAMS))
def test_real_programs_change_speed_only(name, tmp_path):
    argv_for, keys = _PROGRAMS[name]
    argv = argv_for(tmp_path)
    if shutil.which(argv[0]) is None:
        pytest.skip(f"{argv[0]} is not installed")
    data = capture(argv, keys, tmp_path).decode("utf-8", "replace")
    assert len(data) > 5000, "the program drew next to nothing"
    for size in (len(data), 32768, 4096, 997, 61):  # one read, reads cut anywhere
        _compare(data, 120, 40, 1000, list(range(size, len(data), size)))


def test_a_token_of_rows_that_reach_the_margin_is_cut_once(monkeypatch):
    """Rows the ordinary way takes over (each reaches the last column) share the token's pieces: cut once,
    not once a row (a token of many was cut again for each)."""
    cuts: list[str] = []
    moves = rowwrites.MOVES_RE

    class Counting:
        def split(self, text: str) -> list[str]:
            cuts.append(text)
            return moves.split(text)

    monkeypatch.setattr(rowwrites, "MOVES_RE", Counting())
    screen = TerminalScreen(20, 10)
    token = "".join(f"\x1b[{n % 10 + 1};1H~" + " " * 19 for n in range(200))
    TerminalStream(screen).feed_text("\x1b[?1049h" + token)
    assert len(cuts) <= 1
    assert screen.buffer[0].text == "~" + " " * 19
