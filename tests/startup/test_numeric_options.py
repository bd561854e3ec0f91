"""Every option that takes a number refuses nonsense (NaN, infinities, "5s", out of its range) with the range.

NUMBERS lists each numeric option with its range, and every one is swept with the same nonsense through
`main` (exit 2, the range in the message, no traceback). The walk over the parser finds every option that
takes a number, so an option added later without a range fails here before it reaches a user.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterator
from typing import cast

import pytest

from console.cli import build_parser, main
from console.commands.argtypes import Number

RELAY = ["relay", "--technicians", "t", "--state-dir", "s"]
HQ_SERVE = ["hq", "serve", "--listen", "127.0.0.1:8443", "--inbox", "in", "--tokens", "t"]
SERVER = ["--server", "relay.example:22"]

# (argv before the option, option, low, high): the range each option documents in its --help
NUMBERS: list[tuple[list[str], str, float, float]] = [
    (RELAY, "--code-ttl", 10, 86_400),
    (RELAY, "--grace", 0, 3_600),
    (RELAY, "--max-customers-per-address", 0, 100_000),
    (RELAY, "--codes-per-minute", 0, 100_000),
    (RELAY, "--audit-max-mb", 0.01, 100_000),
    (RELAY, "--audit-keep", 1, 10_000),
    (RELAY, "--team-max-record-mb", 1, 65_536),
    (RELAY, "--lease", 1, 300),
    (RELAY, "--resume-probe", 1, 7),
    (RELAY, "--max-unauthenticated", 1, 1_000_000),
    (RELAY, "--max-unauthenticated-per-address", 0, 1_000_000),
    (RELAY, "--handshake-timeout", 1, 600),
    (RELAY, "--login-timeout", 1, 600),
    (["agent"], "--let-back-in", 0, 1_440),
    (["agent"], "--consent-timeout", 1, 3_600),
    (["demo"], "--quit-after", 0, 86_400),
    (["translate", "--to", "ko", "hi"], "--deadline", 1, 60),
    (["connect", "vz482913557"], "--timeout", 1, 600),
    (["key", "add-to-agent"], "--lifetime", 1, 604_800),
    (["archive", "audit", *SERVER], "--limit", 1, 10_000),
    (HQ_SERVE, "--max-mb", 1, 65_536),
    (HQ_SERVE, "--max-unpacked-mb", 1, 65_536),
    (HQ_SERVE, "--max-connections", 1, 100_000),
    (HQ_SERVE, "--max-connections-per-address", 0, 100_000),
    (HQ_SERVE, "--header-timeout", 1, 600),
    (HQ_SERVE, "--idle-timeout", 1, 3_600),
    (HQ_SERVE, "--min-rate", 0, 100_000_000),
    (["hq", "bundles", *SERVER], "--limit", 1, 1_000),
    (["escalate", "build", "--record", "r", "--out", "o"], "--per-file-mb", 0.01, 4_096),
    (["escalate", "build", "--record", "r", "--out", "o"], "--total-mb", 0.01, 65_536),
    (["escalate", "open", "b.tar.gz", "--to", "d"], "--max-unpacked-mb", 1, 65_536),
    (["diagnose", "--offline", "b.tar.gz"], "--max-unpacked-mb", 1, 65_536),
    (["review", "search", "A", "w"], "--limit", 1, 1_000),
    (["review", "report", "A", "--html", "o"], "--min-score", 0, 10),
    (["review", "report", "A", "--html", "o"], "--max-score", 0, 10),
]

ALWAYS_NONSENSE = ["nan", "NaN", "inf", "-inf", "1e400", "-1", "5s", "", " ", "1,000", "0x10", "１e999"]


def _shown(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _nonsense(low: float, high: float) -> list[str]:
    """The values every option must refuse: ALWAYS_NONSENSE, just past each end, absurdly large."""
    values = [*ALWAYS_NONSENSE, _shown(high * 10), str(10**30), "9" * 5000]
    values.append(_shown(high + 0.5) if high < 10 else _shown(high + 1))
    if low > 0:
        values += ["0", _shown(low / 2)]
    return values


SWEEP = [
    (argv, option, value, f"from {_shown(low)} to {_shown(high)}")
    for argv, option, low, high in NUMBERS
    for value in _nonsense(low, high)
]


@pytest.mark.parametrize(
    ("argv", "option", "value", "words"),
    SWEEP,
    ids=[f"{a[0]} {o}={v[:12]!r}" for a, o, v, _ in SWEEP],
)
def test_every_numeric_option_refuses_nonsense_with_its_range(
    argv: list[str], option: str, value: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main([*argv, f"{option}={value}"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert re.search(rf"argument \S*{option}\b", err) and words in err, err
    if value.lower().lstrip("-") in ("nan", "inf", "1e400"):
        assert "is not a finite number" in err or "is not a whole number" in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "option", "low", "high"), NUMBERS, ids=[f"{a[0]} {o}" for a, o, _, _ in NUMBERS]
)
def test_both_ends_of_every_range_are_accepted(argv: list[str], option: str, low: float, high: float) -> None:
    parser = build_parser()
    for value in (low, high):
        args = parser.parse_args([*argv, option, _shown(value)])
        dest = option.lstrip("-").replace("-", "_")
        assert getattr(args, dest) == value


def test_the_retention_days_take_a_range_or_forever(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    base = ["archive", "retention", *SERVER, "seoul"]
    assert parser.parse_args([*base, "forever"]).days == "forever"
    assert parser.parse_args([*base, "100000"]).days == 100_000
    for value in ("0", "-3", "nan", "1e9", "100001", "30d", "ever"):
        with pytest.raises(SystemExit) as stop:
            main([*base, value])
        assert stop.value.code == 2
        err = capsys.readouterr().err
        assert "from 1 to 100000" in err and "or forever" in err, err


# --- the walk: every option of every subcommand ---------------------------------------------------------
def _actions(
    parser: argparse.ArgumentParser, path: str = "valuezone"
) -> Iterator[tuple[str, argparse.Action]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _actions(sub, f"{path} {name}")
        elif action.nargs != 0:
            yield path, action


def _name(path: str, action: argparse.Action) -> str:
    return f"{path} {'/'.join(action.option_strings) or action.dest}"


def _convert(action: argparse.Action) -> Callable[[str], object]:
    return cast("Callable[[str], object]", action.type)


def _takes_numbers(action: argparse.Action) -> bool:
    """An option whose value is a number: by its type, its default, its choices, or what it returns."""
    if action.type in (int, float) or isinstance(action.type, Number):
        return True
    if isinstance(action.choices, range):
        return True
    if isinstance(action.default, int | float) and not isinstance(action.default, bool):
        return True
    if action.type is None or isinstance(action.type, type):
        return False
    try:
        parsed = _convert(action)("5")
    except (argparse.ArgumentTypeError, ValueError, TypeError):
        return False
    return isinstance(parsed, int | float) and not isinstance(parsed, bool)


NUMERIC = [(path, action) for path, action in _actions(build_parser()) if _takes_numbers(action)]


def test_the_walk_finds_every_numeric_option() -> None:
    found = {_name(path, action) for path, action in NUMERIC}
    assert len(NUMERIC) >= len(NUMBERS) + 4  # NUMBERS, three ports, the retention days
    assert {
        "valuezone relay --lease",
        "valuezone agent --forward-sshd",
        "valuezone archive retention days",
    } <= found


def test_numbers_sweeps_every_numeric_option() -> None:
    """A new numeric option gets its row in NUMBERS, so its range is swept too."""
    swept = {(argv[0], option) for argv, option, _, _ in NUMBERS}
    ranged = {
        (path.split()[1], max(action.option_strings, key=len))
        for path, action in NUMERIC
        if isinstance(action.type, Number) and action.option_strings
    }
    assert ranged == swept


def test_no_numeric_option_uses_a_bare_int_or_float() -> None:
    """`type=float` takes nan, inf and 1e308; `type=int` takes -5 and 10**30: use argtypes' ranges."""
    bare = [
        _name(path, action) for path, action in NUMERIC if action.type in (int, float) or action.type is None
    ]
    assert not bare, f"use console/commands/argtypes.py (count, seconds, megabytes) for: {bare}"


def test_no_numeric_option_leans_on_choices() -> None:
    """`choices=range(...)` prints every value and says nothing of what the number is."""
    leaning = [_name(path, action) for path, action in NUMERIC if isinstance(action.choices, range)]
    assert not leaning


@pytest.mark.parametrize(("path", "action"), NUMERIC, ids=[_name(p, a) for p, a in NUMERIC])
def test_every_numeric_option_refuses_the_same_nonsense(path: str, action: argparse.Action) -> None:
    assert action.type is not None and not isinstance(action.type, type)
    for value in [*ALWAYS_NONSENSE, str(10**30)]:
        with pytest.raises(argparse.ArgumentTypeError):
            _convert(action)(value)


@pytest.mark.parametrize(("path", "action"), NUMERIC, ids=[_name(p, a) for p, a in NUMERIC])
def test_every_range_is_bounded_and_in_the_help(path: str, action: argparse.Action) -> None:
    if not isinstance(action.type, Number):
        pytest.skip("a port or HOST:PORT: 0/1 to 65535 is the protocol's own range")
    assert action.type.high < 10**12 and action.type.low >= 0
    if action.help != argparse.SUPPRESS:
        assert action.type.range_text in (action.help or ""), (
            f"{_name(path, action)}: say '{action.type.range_text}' in its help"
        )
