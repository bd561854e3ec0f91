"""Terminal output as plain text for search indexes and bundle excerpts: escape sequences stripped."""

from __future__ import annotations

from sessions.patterns import compile_pattern

# Complete sequences: CSI (7- and 8-bit), OSC ended by BEL or ST, DCS/SOS/PM/APC ended by ST,
# character-set and line-attribute selections (ESC ( B, ESC # 8), and any other two-byte ESC sequence.
_COMPLETE = compile_pattern(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[PX^_][^\x1b]*\x1b\\"
    r"|\x1b[()*+#%-/][ -~]"
    r"|\x1b[ -~]"
)
# The start of a sequence cut off by the end of a chunk (or a CR that may begin CR LF): held back.
_INCOMPLETE_TAIL = compile_pattern(
    r"(?:\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*\x1b?|[PX^_][^\x1b]*\x1b?|[()*+#%-/])?|\x9b[0-?]*[ -/]*|\r)\Z"
)
_ERASED = compile_pattern(r"[^\n\x08]\x08")
_CONTROLS = compile_pattern(r"[\x00-\x08\x0b-\x1f\x7f]")
_HOLD_LIMIT = 4096  # an unterminated OSC longer than this is garbage, not a title


class TextExtractor:
    """Strips escape sequences from a stream of decoded output, even when a sequence spans chunks.

    Text comes out a line at a time: the unfinished last line is kept so a backspace echoed in a later
    chunk can still erase what it erased on the screen (lines longer than 4,096 characters come out whole).
    """

    def __init__(self) -> None:
        self._held = ""  # raw: an escape sequence (or CR) cut off at the end of the last chunk
        self._line = ""  # cleaned: the unfinished last line

    def feed(self, text: str) -> str:
        """The printable text of *text* that completes lines; the rest waits for the next call."""
        buf = self._held + text
        self._held = ""
        tail = _INCOMPLETE_TAIL.search(buf, max(0, len(buf) - _HOLD_LIMIT))
        if tail:
            self._held = buf[tail.start() :]
            buf = buf[: tail.start()]
        cleaned = _clean(self._line + buf)
        cut = cleaned.rfind("\n") + 1
        if len(cleaned) - cut > _HOLD_LIMIT:
            cut = len(cleaned)
        self._line = cleaned[cut:]
        return cleaned[:cut]

    def flush(self) -> str:
        """End of stream: the unfinished line; an escape sequence that never finished is dropped."""
        line, self._line, self._held = self._line, "", ""
        return line


def _clean(text: str) -> str:
    # Each pass runs only when its character occurs: most output has no backspace and no lone CR.
    if "\x1b" in text or "\x9b" in text:
        text = _COMPLETE.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for _ in range(8 if "\x08" in text else 0):  # "ab\b \bc" as echoed by a shell: erase what was erased
        text, count = _ERASED.subn("", text)
        if not count:
            break
    return _CONTROLS.sub("", text)


def strip_escapes(text: str) -> str:
    """The printable text of one complete piece of terminal output."""
    extractor = TextExtractor()
    return extractor.feed(text) + extractor.flush()
