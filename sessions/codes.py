"""Session codes: eight random digits + a Damm check digit, shown `482 913 557`, sent as `vz482913557`."""

from __future__ import annotations

import re
import secrets

from sessions.errors import CodeError, CodeTypoError

WIRE_PREFIX = "vz"
DIGITS = 9

# Damm's quasigroup of order 10 (totally anti-symmetric): catches every single-digit error and
# every transposition of adjacent digits.
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)

_SEPARATORS = re.compile(r"[\s\-._]+")


def damm_digit(digits: str) -> str:
    """The Damm check digit of a string of decimal digits."""
    interim = 0
    for char in digits:
        interim = _DAMM[interim][int(char)]
    return str(interim)


def is_valid(digits: str) -> bool:
    """True when *digits* (nine decimal digits) ends in its correct check digit."""
    return len(digits) == DIGITS and digits.isdigit() and damm_digit(digits) == "0"


def new_code() -> str:
    """A fresh code: eight digits from the OS CSPRNG plus the check digit (nine digits, no spaces)."""
    body = "".join(str(secrets.randbelow(10)) for _ in range(DIGITS - 1))
    return body + damm_digit(body)


def display(code: str) -> str:
    """`482913557` → `482 913 557`, the form people read out."""
    return f"{code[0:3]} {code[3:6]} {code[6:9]}"


def wire(code: str) -> str:
    """`482913557` → `vz482913557`: the host name on the wire (not all digits, so never read as IPv4)."""
    return WIRE_PREFIX + code


def masked(code: str) -> str:
    """`482913557` → `482 *** ***`: for status lines and logs that must not hold a live code."""
    return f"{code[0:3]} *** ***"


def parse(text: str) -> str:
    """Accept `482 913 557`, `482-913-557`, `482913557` or `vz482913557`; return the nine digits.

    Raises:
        CodeTypoError: nine digits whose check digit does not match (nothing is sent anywhere).
        CodeError: not nine digits at all.
    """
    raw = _SEPARATORS.sub("", text.strip()).lower()
    if raw.startswith(WIRE_PREFIX):
        raw = raw[len(WIRE_PREFIX) :]
    if len(raw) != DIGITS or not raw.isdigit():
        raise CodeError(
            f"'{text.strip()}' is not a session code.",
            "A session code is nine digits, like 482 913 557; ask the customer to read it again.",
            code="code.not_a_code",
            params={"text": text.strip()},
        )
    if not is_valid(raw):
        raise CodeTypoError(
            "This code has a typo: its last digit does not match the others.",
            "Ask the customer to read the code again, digit by digit.",
        )
    return raw


def from_wire(host: str) -> str | None:
    """The nine digits of a wire alias `vz482913557`, or None when *host* is not one (any check digit)."""
    host = host.strip().lower()
    if not host.startswith(WIRE_PREFIX):
        return None
    digits = host[len(WIRE_PREFIX) :]
    return digits if len(digits) == DIGITS and digits.isdigit() else None
