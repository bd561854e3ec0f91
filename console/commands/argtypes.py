"""Option value types for argparse: nonsense is refused when the command line is read, with what to write.

Each function takes the text as typed and returns the value, or raises ``argparse.ArgumentTypeError``;
argparse then prints ``valuezone CMD: error: argument --opt: <message>`` and exits with status 2.
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Callable, Iterable
from datetime import date

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


def _number(
    convert: Callable[[str], float], low: float, *, inclusive: bool, unit: str, high: float = math.inf
) -> Callable[[str], float]:
    kind = "a whole number" if convert is int else "a number"
    bound = f"{'at least' if inclusive else 'more than'} {low:g}"
    if high < math.inf:
        bound = f"from {low:g} to {high:g}"

    def check(text: str) -> float:
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not {kind}: give {kind} of {unit}, {bound}"
            ) from None
        if not math.isfinite(value) or value < low or (value == low and not inclusive) or value > high:
            raise argparse.ArgumentTypeError(f"{text!r} is out of range: give {kind} of {unit}, {bound}")
        return value

    return check


def seconds(*, zero: bool = False) -> Callable[[str], float]:
    """A finite number of seconds, more than 0 (or at least 0 with ``zero``)."""
    return _number(float, 0, inclusive=zero, unit="seconds")


def seconds_between(low: float, high: float) -> Callable[[str], float]:
    """A number of seconds from *low* to *high*, both included."""
    return _number(float, low, inclusive=True, unit="seconds", high=high)


def megabytes() -> Callable[[str], float]:
    """A finite size in MB, more than 0."""
    return _number(float, 0, inclusive=False, unit="MB")


def count(*, zero: bool = False, unit: str = "items") -> Callable[[str], int]:
    """A whole number, at least 1 (or at least 0 with ``zero``, where 0 usually means "no limit")."""
    return _number(int, 0, inclusive=zero, unit=unit) if zero else _number(int, 1, inclusive=True, unit=unit)  # type: ignore[return-value]


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
