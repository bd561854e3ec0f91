"""Window titles from the remote, made safe to show: no controls, no bidi tricks, bounded length."""

from __future__ import annotations

import unicodedata

from sessions.patterns import compile_pattern

MAX_TITLE = 120

# C0, DEL, C1; bidi embeddings, overrides, isolates and marks; zero-width and BOM; line/paragraph separators.
_UNSAFE = compile_pattern(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff]"
)


def sanitize_title(raw: str) -> str:
    """*raw* without control, bidi or invisible characters, composed, at most MAX_TITLE characters."""
    text = _UNSAFE.sub("", raw[: MAX_TITLE * 8])
    text = unicodedata.normalize("NFC", text).strip()
    if len(text) > MAX_TITLE:
        text = text[: MAX_TITLE - 1] + "…"
    return text
