"""Option value types for argparse: nonsense is refused when the command line is read, with what to write.

Each function takes the text as typed and returns the value, or raises ``argparse.ArgumentTypeError``;
argparse then prints ``valuezone CMD: error: argument --opt: <message>`` and exits with status 2.
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(text: str) -> str:
    """A calendar date written YYYY-MM-DD (``2026-03-01``); returned as typed."""
    example = f"e.g. {date.today().isoformat()}"
    if not _DATE.fullmatch(text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it as YYYY-MM-DD, {example}")
    try:
        date.fromisoformat(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date on the calendar ({exc}); {example}"
        ) from exc
    return text.strip()


def port(text: str) -> int:
    """A TCP port, 1 to 65535."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: give a number from 1 to 65535")
    return value


def listen_address(text: str) -> tuple[str, int]:
    """Where a server listens: HOST:PORT (``0.0.0.0:2222``, ``[::]:2222``); port 0 lets the system pick."""
    host, sep, number = text.strip().rpartition(":")
    host = host.strip()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not sep or not host or (":" in host and not sep):
        raise argparse.ArgumentTypeError(f"{text!r} is not HOST:PORT: write e.g. 0.0.0.0:2222")
    if not number.isdigit() or int(number) > 65535:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no port from 0 to 65535: write e.g. 0.0.0.0:2222 (0: any free port)"
        )
    return host, int(number)


@dataclass(frozen=True)
class Number:
    """A number from *low* to *high* (both included) of *unit*: NaN, infinities, text such as ``5s`` and
    anything outside the range are refused with the range to use. ``zero`` says what 0 means when 0 is in
    the range and stands for something ("no limit"). ``range_text`` is the wording every --help gives."""

    kind: type[int] | type[float]
    low: float
    high: float
    unit: str
    zero: str = ""
    word: str = ""  # a word taken instead of a number and returned as typed ("forever")

    @property
    def range_text(self) -> str:
        return f"{_shown(self.low)} to {_shown(self.high)}"

    def _give(self) -> str:
        kind = "a whole number" if self.kind is int else "a number"
        meaning = f" (0: {self.zero})" if self.zero else ""
        word = f", or {self.word}" if self.word else ""
        return f"give {kind} of {self.unit} from {self.range_text}{meaning}{word}"

    def __call__(self, text: str) -> Any:
        if self.word and text.strip() == self.word:
            return self.word
        try:
            value = self.kind(text)
        except ValueError:
            kind = "a whole number" if self.kind is int else "a number"
            raise argparse.ArgumentTypeError(f"{text!r} is not {kind}: {self._give()}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"{text!r} is not a finite number: {self._give()}")
        if not self.low <= value <= self.high:
            raise argparse.ArgumentTypeError(f"{text!r} is out of range: {self._give()}")
        return value


def _shown(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def seconds(low: float, high: float) -> Number:
    """A number of seconds from *low* to *high* (fractions allowed)."""
    return Number(float, low, high, "seconds")


def megabytes(low: float, high: float) -> Number:
    """A size in MB from *low* to *high* (fractions allowed)."""
    return Number(float, low, high, "MB")


def count(low: int, high: int, *, unit: str = "items", zero: str = "", word: str = "") -> Number:
    """A whole number from *low* to *high*; *zero* says what 0 means ("no limit") when *low* is 0;
    *word* is taken instead of a number ("forever")."""
    return Number(int, low, high, unit, zero, word)


def language(
    names: Iterable[str], normalize: Callable[[str], str], *, extra: Iterable[str] = ()
) -> Callable[[str], str]:
    """A language we speak (``ko``, ``zh-TW``…; aliases such as ``ko_KR`` or ``japanese`` are normalized)."""
    allowed = tuple(names)
    accepted = (*allowed, *extra)

    def check(text: str) -> str:
        code = normalize(text) if text.strip() else ""
        if code not in accepted:
            names = ", ".join(a for a in accepted if a)
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a language Valuezone speaks: use one of {names}"
            )
        return code

    return check


def one_of(names: Iterable[str], what: str) -> Callable[[str], str]:
    """One of *names* (like ``choices``, with a sentence that says what the value is)."""
    allowed = tuple(names)

    def check(text: str) -> str:
        if text not in allowed:
            raise argparse.ArgumentTypeError(f"{text!r} is not a {what}: use one of {', '.join(allowed)}")
        return text

    return check


def chat_language(*, extra: Iterable[str] = ()) -> Callable[[str], str]:
    """A language translation supports (``ko``, ``en``, ``ja``, ``zh-TW``, ``zh-CN``; aliases accepted).

    The translation package is imported only when the option is given: it is slow to import.
    """

    def check(text: str) -> str:
        from translation.languages import SUPPORTED, normalize

        return language(SUPPORTED, normalize, extra=extra)(text)

    return check
