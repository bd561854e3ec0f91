"""Cell widths against an outside reference: the C library's wcwidth, which the program on the other end uses.

Remote programs (bash's readline, ncurses, less, vim with its default settings) measure what they print with
the C library's wcwidth; if our cells differ, their cursor and ours part ways. This calls glibc's wcwidth
through ctypes under a UTF-8 locale for every code point of Unicode and compares. Code points glibc does
not know (it returns -1: unassigned in its Unicode version) keep the wcwidth package's (newer) widths.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import locale
import platform
import unicodedata

import pytest

from sessions.terminal import STUB, TerminalScreen, TerminalStream
from sessions.terminal.width import REGIONAL_INDICATORS, UNICODE_16_WIDENED, char_width, to_cells


def _glibc_version() -> tuple[int, ...]:
    name, version = platform.libc_ver()
    return tuple(int(part) for part in version.split(".")) if name == "glibc" and version else ()


@pytest.fixture(scope="module")
def wcwidth():
    """glibc's wcwidth under C.UTF-8 (the locale is put back afterwards)."""
    version = _glibc_version()
    if not version:
        pytest.skip("the reference is glibc's wcwidth; this C library is not glibc")
    if not (2, 36) <= version < (2, 41):
        pytest.skip(f"the expected widths are those of glibc 2.36-2.40 (Unicode 15); this is {version}")
    before = locale.setlocale(locale.LC_CTYPE)
    try:
        locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
    except locale.Error:
        pytest.skip("no C.UTF-8 locale")
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.wcwidth.argtypes = [ctypes.c_wchar]
    libc.wcwidth.restype = ctypes.c_int
    yield libc.wcwidth
    locale.setlocale(locale.LC_CTYPE, before)


def _printable() -> range:
    return range(0xA0, 0x110000)


def test_every_code_point_glibc_knows_has_glibcs_width(wcwidth):
    differ = []
    for code in _printable():
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        theirs = wcwidth(char)
        if theirs >= 0 and char_width(char) != theirs:
            differ.append(f"U+{code:04X} glibc {theirs} ours {char_width(char)}")
    assert differ == []


def test_the_classes_that_differ_from_the_wcwidth_package(wcwidth):
    """Each class where glibc and the wcwidth package disagree, checked on its own (see width.py)."""
    samples = {
        "\u093e": 1,  # DEVANAGARI VOWEL SIGN AA: a spacing mark (Mc) takes a cell
        "\u0bbe": 1,  # TAMIL VOWEL SIGN AA
        "\U0001f1f0": 1,  # REGIONAL INDICATOR K: one cell, not two
        "\u2630": 1,  # TRIGRAM FOR HEAVEN: wide only from Unicode 16
        "\u3248": 2,  # CIRCLED NUMBER TEN ON BLACK SQUARE
        "\u302e": 2,  # HANGUL SINGLE DOT TONE MARK
        "\u3164": 2,  # HANGUL FILLER
        "\uffa0": 1,  # HALFWIDTH HANGUL FILLER
        "\u0301": 0,  # COMBINING ACUTE ACCENT (Mn) stays zero
        "\u1160": 0,  # HANGUL JUNGSEONG FILLER: zero, it joins the syllable
        "가": 2,
        "😀": 2,  # emoji presentation: wide
        "\u2764": 1,  # HEAVY BLACK HEART: text presentation by default
    }
    for char, width in samples.items():
        assert wcwidth(char) == width == char_width(char), f"U+{ord(char):04X} {unicodedata.name(char, '?')}"
    assert all(char_width(chr(c)) == 1 for lo, hi in REGIONAL_INDICATORS for c in range(lo, hi + 1))
    assert all(char_width(chr(c)) == 1 for lo, hi in UNICODE_16_WIDENED for c in range(lo, hi + 1))


def test_indic_syllables_and_flags_take_the_cells_glibc_counts():
    screen = TerminalScreen(20, 2)
    TerminalStream(screen).feed("नमस्ते|🇰🇷|".encode())
    # न म स ् त े: the virama and the vowel sign E are nonspacing (0), so 4 cells; a flag is 2 indicators.
    assert to_cells("नमस्ते") is None  # it has nonspacing marks: drawn one by one, marks joined
    assert screen.buffer[0].text.rstrip() == "नमस्ते|🇰🇷|"
    assert screen.cursor_x == 4 + 1 + 2 + 1
    assert STUB not in screen.buffer[0].chars[:8]
