"""Finding English a customer should not read: runs of three or more ASCII words, once names are taken out."""

from __future__ import annotations

import re

# Three or more ASCII words in a row ("You ended the", "Allow the technician") is an English sentence;
# single terms a customer meets in any language (SSH, SFTP, Enter, Ctrl-C, /end, --gui) are not.
_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,'’]+[A-Za-z]{2,}){2,}")


def english_runs(text: str, allowed: list[str]) -> list[str]:
    """The English word runs in *text* after every *allowed* string (names, commands, paths) is removed."""
    for name in sorted(allowed, key=len, reverse=True):
        text = text.replace(name, " ")
    return _RUN.findall(text)
