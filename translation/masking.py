"""Masking: secrets and untranslatable spans become placeholders before text leaves the machine.

What is masked (and restored verbatim in the translation): secrets found by the redaction rules,
code blocks and `inline code`, shell command lines (`$ ` / `# ` prompts), URLs, e-mail addresses, IPv4
and IPv6 addresses, MAC addresses, paths, device names and glossary terms.

Placeholders look like `VZ3Q`: Latin capitals and digits, which translators keep as they would a model
number. Restoration accepts what providers do to them: lower case, spaces inside (`vz 3 q`), full-width
forms in Japanese and Chinese output (`ＶＺ３Ｑ`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sessions import secrets
from sessions.redaction import Redactor
from translation.glossary import Glossary

PLACEHOLDER_RE = re.compile(r"[VvＶｖ][ \t]*[ZzＺｚ][ \t]*([0-9０-９]{1,4})[ \t]*[QqＱｑ]")

_OCTET = r"(?:25[0-5]|2[0-4]\d|1?\d?\d)"
_IPV4 = rf"(?<![\w.]){_OCTET}(?:\.{_OCTET}){{3}}(?:/\d{{1,2}})?(?::\d{{1,5}})?(?![\w.]\w)"
_IPV6 = (
    r"(?<![\w:.])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
    r"|(?:[0-9A-Fa-f]{1,4}:){1,7}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,5})?"
    r"|::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?)"
    r"(?:%\w+)?(?:/\d{1,3})?(?![\w:])"
)

# (kind, pattern): the order breaks ties between spans that start at the same place.
SPAN_PATTERNS: tuple[tuple[str, str], ...] = (
    ("code_block", r"```.*?```"),
    ("inline_code", r"`[^`\n]+`"),
    ("command", r"(?m)^[ \t]*[$#][ \t]+\S.*$"),
    ("url", r"\b(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]}]"),
    ("email", r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"),
    ("mac", r"\b[0-9A-Fa-f]{2}(?:([:-])[0-9A-Fa-f]{2})(?:\1[0-9A-Fa-f]{2}){4}\b"),
    ("ipv4", _IPV4),
    ("ipv6", _IPV6),
    ("path", r"(?<![\w/.~])(?:~|\.{1,2})?/[\w.@%+=:,~-]*(?:/[\w.@%+=:,~-]+)*/?(?<![.,:])"),
    ("windows_path", r"\b[A-Za-z]:\\[^\s\"'<>|]*|\\\\[\w.-]+\\[^\s\"'<>|]+"),
    (
        "device",
        r"\b(?:sd[a-z]{1,2}\d*|hd[a-z]\d*|md\d+(?:p\d+)?|nvme\d+n\d+(?:p\d+)?|sata\d+(?:p\d+)?|mmcblk\d+(?:p\d+)?"
        r"|dm-\d+|drbd\d+|vg\d+|lv\d+|eth\d+|bond\d+|usb\d+(?:p\d+)?|cachedev\d+)\b",
    ),
)
_COMPILED = tuple(
    (kind, re.compile(pattern, re.DOTALL if kind == "code_block" else 0)) for kind, pattern in SPAN_PATTERNS
)


@dataclass(frozen=True, slots=True)
class Masked:
    """Text safe to send (`text`) and what its placeholders stand for."""

    text: str
    originals: tuple[str, ...]
    kinds: tuple[str, ...]

    @property
    def secrets(self) -> int:
        """How many secrets were kept on this computer."""
        return sum(1 for k in self.kinds if k.startswith("secret:"))

    def restore(self, translated: str) -> Restored:
        """Put the originals back into *translated*; placeholders the provider lost are appended."""
        seen: set[int] = set()

        def put_back(match: re.Match[str]) -> str:
            index = int(unicodedata.normalize("NFKC", match.group(1)))
            if index >= len(self.originals):
                return match.group(0)
            seen.add(index)
            return self.originals[index]

        text = PLACEHOLDER_RE.sub(put_back, translated)
        missing = tuple(i for i in range(len(self.originals)) if i not in seen)
        if missing:
            text = f"{text} ({' '.join(self.originals[i] for i in missing)})"
        return Restored(text, missing)


@dataclass(frozen=True, slots=True)
class Restored:
    """A translation with the originals put back; `missing` lists placeholders the provider dropped."""

    text: str
    missing: tuple[int, ...] = ()


def placeholder(index: int) -> str:
    return f"VZ{index}Q"


class Masker:
    """Finds what must not leave the machine or must not be translated; immutable, thread-safe."""

    def __init__(self, redactor: Redactor, glossary: Glossary) -> None:
        self.redactor = redactor
        self._glossary = glossary.pattern()

    @classmethod
    def from_resources(cls, optional_rules: tuple[str, ...] = ()) -> Masker:
        """Shipped rules and glossary, the secrets this console holds, and detect-secrets' token shapes."""
        redactor = Redactor.from_resources(optional_rules).with_known(secrets.held).with_detect_secrets()
        return cls(redactor, Glossary.from_resources())

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, kind) of every masked span, in order, without overlaps."""
        found: list[tuple[int, int, int, str]] = [
            (s.start, s.end, 0, f"secret:{s.rule}") for s in self.redactor.find(text)
        ]
        found += [(m.start(), m.end(), 1, "placeholder_lookalike") for m in PLACEHOLDER_RE.finditer(text)]
        for order, (kind, regex) in enumerate(_COMPILED, start=2):
            found += [(m.start(), m.end(), order, kind) for m in regex.finditer(text)]
        if self._glossary is not None:
            found += [(m.start(), m.end(), 99, "glossary") for m in self._glossary.finditer(text)]
        return _without_overlaps(found)

    def mask(self, text: str) -> Masked:
        parts: list[str] = []
        originals: list[str] = []
        kinds: list[str] = []
        pos = 0
        for start, end, kind in self.spans(text):
            parts.append(text[pos:start])
            parts.append(placeholder(len(originals)))
            originals.append(text[start:end])
            kinds.append(kind)
            pos = end
        parts.append(text[pos:])
        return Masked("".join(parts), tuple(originals), tuple(kinds))


def _without_overlaps(found: list[tuple[int, int, int, str]]) -> list[tuple[int, int, str]]:
    """Earliest start wins, then the longest, then pattern order; a secret is always fully covered.

    A span that contains a secret (a command line with a password in it) may hide it; a secret that
    only partly overlaps a chosen span is merged with it, so no part of a secret is ever sent.
    """
    picked: list[tuple[int, int, str]] = []
    for start, end, _order, kind in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]), f[2])):
        if end > start and (not picked or start >= picked[-1][1]):
            picked.append((start, end, kind))
    for start, end, _order, kind in found:
        if _order != 0 or any(s <= start and end <= e for s, e, _ in picked):
            continue
        touching = [p for p in picked if p[0] < end and start < p[1]]
        merged = (min([start] + [p[0] for p in touching]), max([end] + [p[1] for p in touching]), kind)
        picked = sorted([p for p in picked if p not in touching] + [merged])
    return picked
