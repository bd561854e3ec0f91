"""The ways a held secret is written in logs and chat, so it is found by value in each of them.

A password the console holds (sessions.secrets.held) reaches a log or a chat line as typed, but also
URL- or form-encoded (a request line, a mount URL), base64-encoded (a config value, HTTP basic
credentials `admin:<password>`, at any of the three byte offsets inside a longer value), JSON-escaped
(`\\/`, `\\uc11c`), in full-width letters (an input method left in full-width mode) and with its case
swapped (Caps Lock). `finder()` holds one regular expression for all of them: the text forms ignore
case, the base64 ones do not (they are case-sensitive by nature, and ignoring case there would only
add false matches).
"""

from __future__ import annotations

import base64
import json
import re
import urllib.parse
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

try:  # a declared dependency (sessions/redaction/triggers.py uses it too)
    import ahocorasick_rs as _aho
except ImportError:  # pragma: no cover
    _aho = None  # type: ignore[assignment]

MIN_BASE64 = 8  # shorter base64 runs would match ordinary words


def _full_width(value: str) -> str:
    """ASCII letters, digits and symbols as their full-width forms (U+FF01–U+FF5E), a space as U+3000."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in value)


def _base64_cores(data: bytes) -> set[str]:
    """The part of *data*'s base64 that is the same wherever *data* sits in a longer value.

    Base64 packs 3 bytes in 4 characters, so the characters depend on the offset of *data* modulo 3
    and its first and last characters on the bytes around it: those are left out.
    """
    cores = set()
    for offset in range(3):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            encoded = encode(b"\0" * offset + data).decode().rstrip("=")
            start = -(-offset * 8 // 6)  # characters that hold a bit of the prefix
            end = (offset + len(data)) * 8 // 6  # characters wholly inside the data
            core = encoded[start:end]
            if len(core) >= MIN_BASE64:
                cores.add(core)
    return cores


def text_forms(value: str) -> set[str]:
    """*value* as typed and as it is written encoded in text (matched ignoring case)."""
    forms = {value, _full_width(value)}
    for safe in ("", "/"):
        forms.add(urllib.parse.quote(value, safe=safe))
        forms.add(urllib.parse.quote_plus(value, safe=safe))
    for ascii_only in (True, False):
        escaped = json.dumps(value, ensure_ascii=ascii_only)[1:-1]
        forms.update({escaped, escaped.replace("/", "\\/")})
    return {form for form in forms if form}


class Finder:
    """Finds every form of the held values: one Aho-Corasick pass says whether any can be there at all
    (over the case-folded text, so it never misses what the expression would find), then the expression
    runs (only then: a held secret is rare in a log, and the expression ignoring case is slow)."""

    def __init__(self, regex: re.Pattern[str], folded: list[str]) -> None:
        self.regex = regex
        self._present: Any = _aho.AhoCorasick(folded) if _aho is not None else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._present is not None:
            try:
                absent = not self._present.find_matches_as_indexes(text.casefold())
            except UnicodeEncodeError:  # bytes that were not UTF-8 (surrogate escapes): run the expression
                absent = False
            if absent:
                return iter(())
        return self.regex.finditer(text)


@lru_cache(maxsize=64)
def finder(values: frozenset[str]) -> Finder | None:
    """Every form of every value in one expression (longest first where two start together)."""
    texts: set[str] = set()
    encoded: set[str] = set()
    for value in values:
        texts |= text_forms(value)
        encoded |= _base64_cores(value.encode("utf-8", "surrogateescape"))
    alternatives = [(form, True) for form in texts] + [(form, False) for form in encoded - texts]
    if not alternatives:
        return None
    alternatives.sort(key=lambda pair: len(pair[0]), reverse=True)
    parts = [f"(?i:{re.escape(form)})" if folded else re.escape(form) for form, folded in alternatives]
    folded = sorted({form.casefold() for form, _ in alternatives})
    return Finder(re.compile("|".join(parts)), folded)
