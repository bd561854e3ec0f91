"""Plain terminal text for search: escape codes stripped, also when a sequence spans two chunks."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sessions.recording import Recorder, TextExtractor, open_record, strip_escapes, terminal_text


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("\x1b[1;31mred\x1b[0m", "red"),
        ("\x1b[38;2;255;0;0mtrue\x1b[m", "true"),
        ("\x1b]0;user@nas: ~\x07prompt", "prompt"),
        ("\x1b]52;c;aGVsbG8=\x1b\\after", "after"),
        ("\x1bPq#0;2;0;0;0\x1b\\sixel gone", "sixel gone"),
        ("\x1b(B\x1b=\x1b[?2004hbracketed", "bracketed"),
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("ab\x08 \x08c", "ac"),
        ("tab\there\x07bell", "tab\therebell"),
        ("가나다 \x1b[7m반전\x1b[27m", "가나다 반전"),
        ("unfinished \x1b]0;never ends", "unfinished "),
    ],
)
def test_strip_escapes(raw: str, plain: str) -> None:
    assert strip_escapes(raw) == plain


def test_any_split_gives_the_same_text() -> None:
    raw = "\x1b[1;32m$\x1b[0m ls\r\n\x1b]0;title\x1b\\가나 \x1b[38;5;196mred\x1b[0m\r\nab\x08 \x08c\r\n"
    whole = strip_escapes(raw)
    for cut in range(len(raw) + 1):
        extractor = TextExtractor()
        assert extractor.feed(raw[:cut]) + extractor.feed(raw[cut:]) + extractor.flush() == whole, cut


def test_backspace_erases_across_chunks() -> None:
    extractor = TextExtractor()
    pieces = ["$ ls -x", "\x08 \x08", "\x08 \x08", "l\r", "\n"]
    assert "".join(extractor.feed(piece) for piece in pieces) + extractor.flush() == "$ ls l\n"


def test_terminal_text_and_chunks_of_a_record(make_recorder: Callable[..., Recorder]) -> None:
    rec = make_recorder()
    rec.output(b"\x1b[1m$\x1b[0m uname -a\r\n")
    rec.output(b"Linux nas \x1b]0;ti")
    rec.output("tle\x07커널 5.10\r\n".encode())
    rec.close()
    assert terminal_text(rec.folder) == "$ uname -a\nLinux nas 커널 5.10\n"
    chunks = list(open_record(rec.folder).terminal_chunks())
    assert [text for _t, text in chunks] == ["$ uname -a\n", "Linux nas 커널 5.10\n"]
    assert chunks[0][0] <= chunks[1][0]
