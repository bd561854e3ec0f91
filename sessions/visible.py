"""Text from the technician, the relay or the device made safe to show: every control made visible.

A command, a path, a chat line or a technician's name is shown to the customer as text, never as
instructions to their terminal or window. `visible()` replaces each character that a terminal or a
text layout would *act on* instead of showing (like `cat -v`, with Unicode's own symbols):

- C0 controls, DEL → their Control Pictures (``\\x1b`` → ``␛``, ``\\r`` → ``␍``, ``\\n`` → ``␊``);
- C1 controls (U+0080–U+009F, e.g. the one-character CSI U+009B) and every other format character
  (bidi embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, marks U+200E/U+200F/U+061C,
  zero-width space and joiners, U+2060, U+FEFF, soft hyphen …), line and paragraph separators
  U+2028/U+2029 → ``⟨U+202E⟩``;
- bytes that were not UTF-8 (surrogate escapes from a file name) → ``⟨0xFF⟩``.

A tab stays (it only moves forward; nothing is erased or rewritten). The result is idempotent.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_DEL = "\x7f"
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


@lru_cache(maxsize=512)
def _picture(char: str) -> str:
    code = ord(char)
    if char == "\t":
        return char
    if code < 0x20:
        return chr(0x2400 + code)
    if char == _DEL:
        return "\u2421"
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's escape for a byte that is not UTF-8
        return f"⟨0x{code - 0xDC00:02X}⟩"
    return f"⟨U+{code:04X}⟩"


def is_hidden(char: str) -> bool:
    """Whether *char* would be acted on (or not drawn) instead of shown as itself."""
    return char != "\t" and unicodedata.category(char) in _HIDDEN_CATEGORIES


def visible(text: str) -> str:
    """*text* with every control, format character and separator shown as a visible symbol."""
    if text.isprintable():  # the common case: nothing to do (tabs are not "printable", handled below)
        return text
    return "".join(_picture(c) if is_hidden(c) else c for c in text)


def visible_lines(text: str) -> list[str]:
    """*text* split on its line breaks (\\n, \\r\\n), each line made visible: for chat that has lines."""
    return [visible(line) for line in text.replace("\r\n", "\n").split("\n")]
