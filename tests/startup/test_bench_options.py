"""The bench scripts' numeric options refuse nonsense with their range, as the `valuezone` commands' do.

Each bench script that reads options builds its parser in `build_parser()`, so this walk imports the script
(its `if __name__ == "__main__"` keeps the bench from running) and checks every option that takes a number:
a range from console/commands/argtypes.py (or a short list of choices), the range in its --help, its default
inside it, and the same nonsense (NaN, 0 runs, negative sizes, 10**30) refused with exit 2 and the range.
"""

from __future__ import annotations

import argparse
import importlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest

from console.commands.argtypes import Number
from tests.startup.test_numeric_options import ALWAYS_NONSENSE, _actions, _nonsense, _shown, _takes_numbers

BENCH = Path(__file__).resolve().parents[2] / "bench"
SCRIPTS = sorted(p.stem for p in BENCH.glob("*.py") if "argparse" in p.read_text(encoding="utf-8"))


def _parser(script: str) -> argparse.ArgumentParser:
    module = importlib.import_module(f"bench.{script}")
    build = getattr(module, "build_parser", None)
    assert callable(build), f"bench/{script}.py: build its parser in build_parser() (the test walks it)"
    return cast("argparse.ArgumentParser", build())


def _numeric() -> list[tuple[str, argparse.Action]]:
    found = []
    for script in SCRIPTS:
        if not hasattr(importlib.import_module(f"bench.{script}"), "build_parser"):
            continue  # test_every_script_builds_its_parser_apart says so
        for _, action in _actions(_parser(script), script):
            if _takes_numbers(action) or action.dest in RELAY_PAIRS_DEST:
                found.append((script, action))
    return found


REQUIRED = {"relay_agents": ["--relay-port", "2222"]}  # what a script cannot run without
RELAY_PAIRS_DEST = {"pairs"}  # bench/relay.py's --pairs is a list of counts: its own test below
NUMERIC = [(s, a) for s, a in _numeric() if not (s == "relay" and a.dest == "pairs")]
RANGED = [(s, a) for s, a in NUMERIC if isinstance(a.type, Number)]


def _id(script: str, action: argparse.Action) -> str:
    return f"{script} {max(action.option_strings, key=len)}"


def _convert(action: argparse.Action) -> Callable[[str], object]:
    return cast("Callable[[str], object]", action.type)


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_script_builds_its_parser_apart(script: str) -> None:
    assert _parser(script).prog


def test_the_walk_finds_the_scripts_and_their_numbers() -> None:
    assert {"escalation", "records", "terminal_ingest", "relay_cluster", "relay"} <= set(SCRIPTS)
    names = {_id(s, a) for s, a in NUMERIC}
    assert {
        "escalation --rounds",
        "records --size-mb",
        "terminal_ingest --runs",
        "relay_agents --relay-port",
    } <= names
    assert len(NUMERIC) >= 30


@pytest.mark.parametrize(("script", "action"), NUMERIC, ids=[_id(s, a) for s, a in NUMERIC])
def test_every_numeric_bench_option_has_a_range(script: str, action: argparse.Action) -> None:
    """A range from argtypes, or a short list of choices (the relay protocol: 1 or 2): never a bare int."""
    if isinstance(action.type, Number):
        return
    if isinstance(action.choices, tuple | list) and len(action.choices) <= 10:
        return
    assert action.type is not None and not isinstance(action.type, type), (
        f"bench/{script}.py {_id(script, action)}: use console/commands/argtypes.py (count, seconds, "
        "megabytes, port), not a bare int or float"
    )
    for value in [*ALWAYS_NONSENSE, "0", str(10**30)]:
        with pytest.raises(argparse.ArgumentTypeError):
            _convert(action)(value)  # a port


@pytest.mark.parametrize(("script", "action"), RANGED, ids=[_id(s, a) for s, a in RANGED])
def test_the_range_is_in_the_help_and_the_default_inside_it(script: str, action: argparse.Action) -> None:
    number = cast("Number", action.type)
    assert 0 <= number.low <= number.high < 10**12
    assert number.range_text in (action.help or ""), f"{_id(script, action)}: say '{number.range_text}'"
    if action.default is not None:
        assert number(_shown(action.default)) == action.default, (
            f"{_id(script, action)}: default out of range"
        )


SWEEP = [
    (script, action, value)
    for script, action in RANGED
    for value in _nonsense(cast("Number", action.type).low, cast("Number", action.type).high)
]


@pytest.mark.parametrize(
    ("script", "action", "value"), SWEEP, ids=[f"{_id(s, a)}={v[:12]!r}" for s, a, v in SWEEP]
)
def test_every_range_refuses_nonsense_saying_the_range(
    script: str, action: argparse.Action, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    option = max(action.option_strings, key=len)
    number = cast("Number", action.type)
    with pytest.raises(SystemExit) as stop:
        _parser(script).parse_args([*REQUIRED.get(script, []), f"{option}={value}"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert re.search(rf"argument \S*{option}\b", err) and f"from {number.range_text}" in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize(("script", "action"), RANGED, ids=[_id(s, a) for s, a in RANGED])
def test_both_ends_are_accepted(script: str, action: argparse.Action) -> None:
    number = cast("Number", action.type)
    option = max(action.option_strings, key=len)
    for value in (number.low, number.high):
        args = _parser(script).parse_args([*REQUIRED.get(script, []), option, _shown(value)])
        assert getattr(args, action.dest) == value


def test_the_relay_bench_pairs_are_a_list_of_counts(capsys: pytest.CaptureFixture[str]) -> None:
    parser = _parser("relay")
    assert parser.parse_args(["--pairs", "50,100,200"]).pairs == [50, 100, 200]
    assert parser.parse_args(["--pairs", "20"]).pairs == [20]
    for value in ("0", "50,nan", "50,,100", "", "-5", "50,1e9", "fifty"):
        with pytest.raises(SystemExit) as stop:
            parser.parse_args([f"--pairs={value}"])
        assert stop.value.code == 2
        err = capsys.readouterr().err
        assert "argument --pairs" in err and "from 1 to" in err and "Traceback" not in err, err
