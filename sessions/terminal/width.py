"""Cell widths of characters, as the C library's wcwidth gives them, compiled into regexes for whole runs."""

from __future__ import annotations

import re
import unicodedata

from wcwidth import list_versions
from wcwidth.table_wide import WIDE_EASTASIAN
from wcwidth.table_zero import ZERO_WIDTH

from sessions.patterns import compile_pattern

#: The second cell of a two-cell character holds this marker (never a real character: controls are dropped).
STUB = "\x00"

_VERSION = list_versions()[-1]
_Ranges = list[tuple[int, int]]


def _subtract(ranges: _Ranges, holes: _Ranges) -> _Ranges:
    """The code points of *ranges* that are not in *holes* (both lists of inclusive ranges)."""
    out: _Ranges = []
    for lo, hi in ranges:
        start = lo
        for hlo, hhi in holes:
            if hhi < start or hlo > hi:
                continue
            if hlo > start:
                out.append((start, hlo - 1))
            start = max(start, hhi + 1)
        if start <= hi:
            out.append((start, hi))
    return out


def _char_class(ranges: _Ranges) -> str:
    parts = []
    for lo, hi in ranges:
        parts.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
    return "[" + "".join(parts) + "]"


def _mc_ranges() -> _Ranges:
    """Spacing combining marks (general category Mc), from the wcwidth package's table when it has one."""
    try:
        from wcwidth.table_mc import CATEGORY_MC
    except ImportError:  # older wcwidth: Python's own (older) Unicode database
        CATEGORY_MC = {}
    if _VERSION in CATEGORY_MC:
        return [(lo, hi) for lo, hi in CATEGORY_MC[_VERSION]]
    return [(c, c) for c in range(0x300, 0x110000) if unicodedata.category(chr(c)) == "Mc"]


# Widths follow the C library's wcwidth (glibc's), which is how the program on the other end measures what
# it prints; the wcwidth package's tables are the base and differ from glibc (2.36, Unicode 15) on:
#: Regional indicators: one cell each (East Asian Width N), not two.
REGIONAL_INDICATORS: _Ranges = [(0x1F1E6, 0x1F1FF)]
#: Made wide by Unicode 16 (trigram, monogram and digram symbols, Tai Xuan Jing, counting rods); one cell in
#: every glibc a device ships today (glibc 2.41 and later follow Unicode 16 and give two).
UNICODE_16_WIDENED: _Ranges = [(0x2630, 0x2637), (0x268A, 0x268F), (0x1D300, 0x1D356), (0x1D360, 0x1D376)]
#: Two cells in glibc: circled numbers on black squares (East Asian Width A), Hangul tone marks and
#: Vietnamese reading marks (spacing marks that are East Asian wide), the Hangul filler.
_GLIBC_WIDE: _Ranges = [(0x3248, 0x324F), (0x302E, 0x302F), (0x3164, 0x3164), (0x16FF0, 0x16FF1)]
#: A nonspacing mark in Unicode 15 (and glibc 2.36) that Unicode 16 made a spacing one.
_STILL_NONSPACING: _Ranges = [(0x1171E, 0x1171E)]
#: Hangul fillers: glibc draws them (two cells and one), the wcwidth package makes them zero-width.
_FILLERS: _Ranges = [(0x3164, 0x3164), (0xFFA0, 0xFFA0)]
#: Spacing combining marks (Devanagari vowel signs and the like) take a cell, as in glibc; two where they
#: are East Asian wide (Hangul tone marks).
_ZERO_RANGES: _Ranges = _subtract(
    [(lo, hi) for lo, hi in ZERO_WIDTH[_VERSION] if hi >= 0xA0],
    sorted(_subtract(_mc_ranges(), _STILL_NONSPACING) + _FILLERS),
)
_WIDE_RANGES: _Ranges = _subtract(
    sorted([(lo, hi) for lo, hi in WIDE_EASTASIAN[_VERSION]] + _GLIBC_WIDE),
    sorted(_ZERO_RANGES + REGIONAL_INDICATORS + UNICODE_16_WIDENED),
)


def _bmp(ranges: _Ranges) -> _Ranges:
    return [(lo, min(hi, 0xFFFF)) for lo, hi in ranges if lo <= 0xFFFF]


def _astral(ranges: _Ranges) -> _Ranges:
    return [(max(lo, 0x10000), hi) for lo, hi in ranges if hi > 0xFFFF]


# A class of code points below 0x10000 compiles to a bitmap (one step per character); a class with
# higher ones to a list of ranges tried one by one, 50 times slower. So the two halves are kept apart.
_ZERO_BMP_RE = compile_pattern(_char_class(_bmp(_ZERO_RANGES)))
_ZERO_ASTRAL_RE = compile_pattern(_char_class(_astral(_ZERO_RANGES)))
_WIDE_BMP_RE = compile_pattern(_char_class(_bmp(_WIDE_RANGES)))
_WIDE_ASTRAL_RE = compile_pattern(_char_class(_astral(_WIDE_RANGES)))
_ASTRAL_RE = compile_pattern("[\U00010000-\U0010ffff]")
#: Characters that take no cell of their own (combining marks, Hangul medial and final jamo, ...).
ZERO_RE = compile_pattern(f"{_ZERO_BMP_RE.pattern}|(?=[\U00010000-\U0010ffff]){_ZERO_ASTRAL_RE.pattern}")
#: Characters that take two cells.
WIDE_RE = compile_pattern(f"{_WIDE_BMP_RE.pattern}|(?=[\U00010000-\U0010ffff]){_WIDE_ASTRAL_RE.pattern}")
#: Pattern of a run of printable characters that take one or two cells each (no controls, no zero-width
#: ones); the common ones are looked up in a bitmap, those above U+FFFF one by one.
SPACING_RUN = (
    f"(?:{_char_class(_subtract([(0x20, 0x7E), (0xA0, 0xFFFF)], _bmp(_ZERO_RANGES)))}++"
    f"|(?=[\\U00010000-\\U0010ffff])(?!{_ZERO_ASTRAL_RE.pattern}).)"
)


def _wide_count(text: str) -> int:
    count = len(_WIDE_BMP_RE.findall(text))
    if _ASTRAL_RE.search(text) is not None:
        count += len(_WIDE_ASTRAL_RE.findall(text))
    return count


def char_width(char: str) -> int:
    """0, 1 or 2 cells for a printable character (controls are never passed here)."""
    if char.isascii():
        return 1
    if ZERO_RE.match(char):
        return 0
    return 2 if WIDE_RE.match(char) else 1


class _LayoutTable(dict[int, str]):
    """A ``str.translate`` table filled on demand: narrow -> itself, wide -> + STUB, zero-width -> MARK."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        width = char_width(char)
        cells = char if width == 1 else (char + STUB if width == 2 else ZERO_MARK)
        if len(self) < 65536:
            self[code] = cells
        return cells


#: Stands for a zero-width character in a layout (a control character: never in printable text).
ZERO_MARK = "\x01"
_LAYOUT = _LayoutTable()


def to_cells(text: str) -> str | None:
    """Lay out printable NFC *text* as cells (STUB after each wide char); None if it has zero-width ones."""
    if text.isascii():
        return text
    cells = text.translate(_LAYOUT)
    return None if ZERO_MARK in cells else cells


#: Layouts of non-ASCII runs of text (``layout``); bounded, started over when full.
LAYOUTS: dict[str, str] = {}


def layout(text: str) -> str | None:
    """``to_cells(nfc(text))``, remembered when it lays out (None: it has zero-width characters): the rows a
    log or a full-screen program writes repeat."""
    cells = LAYOUTS.get(text)
    if cells is None:
        cells = to_cells(text if is_nfc(text) else nfc(text))
        if cells is not None:
            if len(LAYOUTS) >= 4096:
                LAYOUTS.clear()
            LAYOUTS[text] = cells
    return cells


def fits(text: str, cols: int) -> bool:
    """Whether printable NFC *text* without zero-width characters takes at most *cols* cells."""
    n = len(text)
    if n > cols:
        return False
    if text.isascii():
        return True
    # Every wide character is at U+1100 or above, three or four bytes in UTF-8, so half the extra bytes
    # bound the number of wide ones from above: exact for ASCII mixed with Hangul or CJK.
    if n + (len(text.encode("utf-8", "surrogatepass")) - n) // 2 <= cols:
        return True
    return n + _wide_count(text) <= cols


def is_nfc(text: str) -> bool:
    """Whether *text* is already composed (quick check in C)."""
    return unicodedata.is_normalized("NFC", text)


def nfc(text: str) -> str:
    """*text* composed (NFD Hangul becomes syllables); cheap when it already is."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)
