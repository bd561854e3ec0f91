"""Output cut short: every fixture cut after every line, through its parser: no crash, what was read is kept.

A command that times out or whose channel drops leaves part of its output. The runner parses that part
with ``cut=True``; every finding then says the output was cut, and a verdict whose lines all arrived is
the same verdict the whole output gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sessions.diagnostics.findings import Status
from sessions.diagnostics.parsers import CUT_NOTE, PARSERS, ParseContext, ParseError
from tests.diagnostics.test_parsers import EXPECTED, FIXTURES


def _cases() -> list[str]:
    return sorted(EXPECTED)


def _last_evidence_line(lines: list[str], evidence: tuple[str, ...]) -> int | None:
    """Index of the last line of the output that the finding cites (None: it cites no line verbatim)."""
    wanted = {line.strip() for line in evidence}
    found = [i for i, line in enumerate(lines) if line.strip() and line.strip() in wanted]
    return max(found) if found else None


@pytest.mark.parametrize("name", _cases())
def test_cut_after_every_line(name: str) -> None:
    parser, params, extra, _ = EXPECTED[name]
    text = (FIXTURES / name).read_text(encoding="utf-8", errors="replace")
    lines = text.splitlines()
    try:
        whole = PARSERS[parser](text, ParseContext(check=parser, params=params, extra=extra))
    except ParseError:
        whole = []  # refused whole (no SMART on the device): cut, it must still not raise
    # Where each whole-output verdict is settled: the last line it cites (text outputs only).
    settled = {
        f.target: (index, f.status)
        for f in whole
        if not name.endswith(".json") and (index := _last_evidence_line(lines, f.evidence)) is not None
    }
    for count in range(1, len(lines)):
        part = "\n".join(lines[:count]) + "\n"
        context = ParseContext(check=parser, params=params, extra=extra, cut=True)
        found = PARSERS[parser](part, context)  # never raises
        assert found, (name, count)
        for item in found:
            assert item.summary.endswith(CUT_NOTE), (name, count, item.summary)
            assert item.summary[0].isupper(), item.summary
        by_target = {f.target: f for f in found}
        for target, (index, status) in settled.items():
            if count > index:
                assert target in by_target, (name, count, target, [f.target for f in found])
                got = by_target[target]
                assert got.status is status, (name, count, target, status, got.summary)


def test_a_cut_before_the_verdict_is_an_error_that_says_so() -> None:
    text = (FIXTURES / "smartctl/ata_text_healthy_selftest_in_progress_12tb.txt").read_text()
    head = "\n".join(text.splitlines()[:6]) + "\n"
    (found,) = PARSERS["smart"](head, ParseContext("smart", target="/dev/sda", cut=True))
    assert found.status is Status.ERROR
    assert "cut before" in found.summary and found.summary.endswith(CUT_NOTE)


def test_a_cut_json_keeps_the_verdict_it_read() -> None:
    text = (FIXTURES / "smartctl/ata_json_failed_reallocated_failing_now.json").read_text()
    lines = text.splitlines()
    verdict = next(i for i, line in enumerate(lines) if '"passed": false' in line)
    head = "\n".join(lines[: verdict + 2]) + "\n"
    (found,) = PARSERS["smart"](head, ParseContext("smart", target="/dev/sdc", cut=True))
    assert found.status is Status.FAIL and "SMART FAILED" in found.summary
    assert found.summary.endswith(CUT_NOTE)


def test_a_whole_output_is_not_called_cut(tmp_path: Path) -> None:
    text = (FIXTURES / "mdstat/qnap_raid5_4disk_healthy_with_system_arrays.txt").read_text()
    found = PARSERS["mdstat"](text, ParseContext("md", params={"partial_ok_arrays": ["md9", "md13"]}))
    assert all(CUT_NOTE not in f.summary for f in found)
