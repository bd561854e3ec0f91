"""Session codes: Damm check digit, display and wire forms, parsing what people type."""

from __future__ import annotations

import pytest

from sessions import codes
from sessions.errors import CodeError, CodeTypoError


def test_new_codes_are_valid_and_distinct() -> None:
    made = {codes.new_code() for _ in range(2000)}
    assert len(made) > 1990
    assert all(len(code) == 9 and code.isdigit() and codes.is_valid(code) for code in made)


def test_damm_catches_every_single_digit_error_and_adjacent_swap() -> None:
    code = "482913557" if codes.is_valid("482913557") else codes.new_code()
    for position in range(9):
        for digit in "0123456789":
            if digit != code[position]:
                assert not codes.is_valid(code[:position] + digit + code[position + 1 :])
    for position in range(8):
        a, b = code[position], code[position + 1]
        if a != b:
            assert not codes.is_valid(code[:position] + b + a + code[position + 2 :])


def test_forms() -> None:
    code = codes.new_code()
    assert codes.display(code) == f"{code[:3]} {code[3:6]} {code[6:]}"
    assert codes.wire(code) == f"vz{code}"
    assert codes.from_wire(f"VZ{code}") == code
    assert codes.from_wire("127.0.0.1") is None
    assert "***" in codes.masked(code) and code[3:] not in codes.masked(code)


@pytest.mark.parametrize(
    "form", ["{a} {b} {c}", "{a}-{b}-{c}", "vz{a}{b}{c}", " {a}{b}{c} ", "VZ{a}.{b}.{c}"]
)
def test_parse_accepts_what_people_type(form: str) -> None:
    code = codes.new_code()
    assert codes.parse(form.format(a=code[:3], b=code[3:6], c=code[6:])) == code


def test_typo_is_caught_locally() -> None:
    code = codes.new_code()
    wrong = code[:4] + str((int(code[4]) + 1) % 10) + code[5:]
    with pytest.raises(CodeTypoError, match="typo"):
        codes.parse(codes.display(wrong))


@pytest.mark.parametrize("text", ["", "12345678", "1234567890", "vzabc", "482 913 55x"])
def test_not_a_code(text: str) -> None:
    with pytest.raises(CodeError) as info:
        codes.parse(text)
    assert not isinstance(info.value, CodeTypoError)
