"""The docs state the range and unit of every numeric option they mention, and the same range as the parser.

Every README.md and docs/*.md file that mentions an option taking a number (of `valuezone` or of a bench
script, found by walking their parsers) states its range in that file at least once, written
"`--lease` 1 to 300 s" (also in a table row: "| `--lease` | 1 to 300 | seconds |"). A range binds to the
options named before it in the same sentence or table row, and must be the parser's range of one command
with that option, its unit (seconds, MB, minutes, days) between the option and the range or just after
it — so a range changed in the code and not in the docs (or the reverse) fails here.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench import relay as relay_bench
from console.commands.argtypes import Number
from tests.startup.test_bench_options import NUMERIC as BENCH_NUMERIC
from tests.startup.test_numeric_options import NUMERIC as VALUEZONE_NUMERIC

ROOT = Path(__file__).resolve().parents[2]
GENERATED = {"errors.md", "state-machines.md"}  # written by tests from the code
DOCS = [ROOT / "README.md", *(p for p in sorted((ROOT / "docs").glob("*.md")) if p.name not in GENERATED)]

# How each unit may be written next to its range.
UNITS = {
    "seconds": r"\bs\b|\bseconds?\b",
    "MB": r"\bMB\b",
    "minutes": r"\bmin\b|\bminutes?\b",
    "days": r"\bdays?\b",
}


def _ranges() -> dict[str, list[tuple[str, Number]]]:
    """Each long option name → (command, its range) for every command that has it."""
    found: dict[str, list[tuple[str, Number]]] = defaultdict(list)
    pairs: list[tuple[str, argparse.Action]] = [*VALUEZONE_NUMERIC, *BENCH_NUMERIC]
    for where, action in pairs:
        if isinstance(action.type, Number):
            for name in action.option_strings:
                if name.startswith("--"):
                    found[name].append((where, action.type))
    found["--pairs"].append(("bench/relay.py", relay_bench.PAIRS))  # a list of counts, each in this range
    return dict(found)


RANGES = _ranges()
OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*)(?![\w-])(?:[ =]([^\s`\]|,;)]+))?")
RANGE = re.compile(r"(\d[\d,]*(?:\.\d+)?) to (\d[\d,]*(?:\.\d+)?)")
WORD_VALUE = re.compile(r"[a-z][a-z-]*")  # `--claims leg`: another script's option of the same name


@dataclass(frozen=True)
class Mention:
    file: str
    line: int
    option: str
    stated: tuple[float, float] | None  # the range the text binds to it, if any
    unit_ok: bool


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _units(text: str) -> set[str]:
    return {unit for unit, pattern in UNITS.items() if re.search(pattern, text)}


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    """(first line, text) of each sentence of prose, each table row, each line of a code block."""
    lines = text.splitlines()
    paragraph: list[str] = []
    start = 0
    fenced = False
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if fenced or line.lstrip().startswith("|") or not line.strip():
            if paragraph:
                yield from _sentences(start, " ".join(paragraph))
                paragraph = []
            if line.strip():
                yield number, line
            continue
        if not paragraph:
            start = number
        paragraph.append(line.strip())
    if paragraph:
        yield from _sentences(start, " ".join(paragraph))


def _sentences(start: int, paragraph: str) -> Iterator[tuple[int, str]]:
    for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z(`*])|;\s+", paragraph):
        yield start, sentence


def _mentions(path: Path) -> Iterator[Mention]:
    for line, piece in _pieces(path.read_text(encoding="utf-8")):
        pending: list[tuple[str, int]] = []
        tokens = sorted(
            [(m.start(), "option", m) for m in OPTION.finditer(piece)]
            + [(m.start(), "range", m) for m in RANGE.finditer(piece)],
            key=lambda token: token[0],
        )
        for _, kind, match in tokens:
            if kind == "option":
                name, value = match.group(1), match.group(2)
                if name in RANGES and not (value and WORD_VALUE.fullmatch(value)):
                    pending.append((name, match.start()))
                continue
            stated = (_number(match.group(1)), _number(match.group(2)))
            for name, where in pending:
                tail = re.match(r"[^,;)]{0,25}", piece[match.end() :])
                around = piece[where : match.end()] + (tail.group(0) if tail else "")
                wanted = {number.unit for _, number in RANGES[name] if number.unit in UNITS}
                yield Mention(path.name, line, name, stated, not wanted or bool(_units(around) & wanted))
            pending = []
        for name, _ in pending:
            yield Mention(path.name, line, name, None, True)


MENTIONS = [mention for path in DOCS for mention in _mentions(path)]
STATED = [m for m in MENTIONS if m.stated is not None]


def test_the_scan_finds_the_docs_options() -> None:
    files = {m.file for m in MENTIONS}
    assert {"README.md", "escalation.md", "relay-cluster.md", "relay-protocol.md", "threat-model.md"} <= files
    assert len({m.option for m in MENTIONS}) >= 20


@pytest.mark.parametrize("mention", STATED, ids=[f"{m.file}:{m.line} {m.option}" for m in STATED])
def test_every_stated_range_is_the_parsers(mention: Mention) -> None:
    assert mention.stated is not None
    low, high = mention.stated
    ranges = RANGES[mention.option]
    assert any((number.low, number.high) == (low, high) for _, number in ranges), (
        f"{mention.file}:{mention.line}: {mention.option} is documented as {low:g} to {high:g}; the parser "
        f"says {'; '.join(f'{where}: {number.range_text} {number.unit}' for where, number in ranges)}"
    )
    assert mention.unit_ok, f"{mention.file}:{mention.line}: say the unit of {mention.option}'s range"


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_every_file_states_the_range_of_each_numeric_option_it_mentions(path: Path) -> None:
    mentioned = {m.option for m in MENTIONS if m.file == path.name}
    stated = {m.option for m in STATED if m.file == path.name}
    missing = {
        option: sorted({f"{number.range_text} {number.unit}" for _, number in RANGES[option]})
        for option in sorted(mentioned - stated)
    }
    assert not missing, f"{path.name} names these without their range (write e.g. `--x` 1 to 60 s): {missing}"
