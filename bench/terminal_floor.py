"""How far pure Python can take real vim's output: what skipping and a compiled tokenizer would each give.

Run: ``nice -n -15 python bench/terminal_floor.py [--mb 2] [--runs 4]``. Prints, for the captured real vim
stream (bench/data/real_vim.bin) in 32 KiB reads into a 120x40 screen:

- our CPU time as it is (best of ``--runs``);
- the same with every regex pass on the hot path (cutting into tokens, the passes over rows written at
  positions) answered from a table filled by a first run, so each costs a dictionary lookup: what is left
  is the Python work on the tokens, which a compiled tokenizer or measure would not remove;
- how much of the stream is vim's one-row scrolling steps, and how much of that a later step in the same
  read scrolls out again (the most that skipping replaced rows before scanning them could save).

docs/terminal.md ("Measured") explains what these figures decided.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.terminal_streams import COLS, ROWS, real_vim
from console.commands.argtypes import count, megabytes
from sessions.terminal import TerminalScreen, TerminalStream
from sessions.terminal import stream as stream_module
from sessions.terminal import writes as writes_module

CHUNK = 32 * 1024
SIZE_MB = megabytes(0.2, 50)
RUNS = count(1, 20, unit="runs")
#: vim's one-row step: set the region, CUP into it, CR LF (at the bottom) or IL (at the top), reset it.
_STEP_RE = re.compile("\x1b\\[\\d+;\\d+r\x1b\\[\\d+;\\d+H(?:\r\n|\x1b\\[L)\x1b\\[1;\\d+r")


def ingest(chunks: list[bytes]) -> float:
    """CPU seconds to feed *chunks* and read the screen once."""
    screen = TerminalScreen(COLS, ROWS)
    stream = TerminalStream(screen)
    cpu = time.process_time()
    for chunk in chunks:
        stream.feed(chunk)
    screen.display  # noqa: B018  # rows kept as text are laid out when read
    return time.process_time() - cpu


class _Answered:
    """A compiled pattern whose split and sub are answered from a table after the first time."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._splits: dict[str, list[str]] = {}
        self._subs: dict[tuple[int, str], str] = {}

    def split(self, text: str, *args: Any) -> list[str]:
        found = self._splits.get(text)
        if found is None:
            found = self._splits[text] = self.pattern.split(text)
        return list(found)

    def sub(self, replacement: str | Callable[[re.Match[str]], str], text: str, *args: Any) -> str:
        key = (id(replacement), text)
        found = self._subs.get(key)
        if found is None:
            found = self._subs[key] = self.pattern.sub(replacement, text)
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern, name)


def without_regex_passes(chunks: list[bytes], runs: int) -> float:
    """Best CPU seconds with the hot path's regex passes answered from tables (filled by one run first)."""
    answered = _Answered(stream_module._TOKEN_RE)
    saved = (
        stream_module._TOKEN_RE,
        TerminalStream.tokens,
        writes_module.SGR_RE,
        writes_module._CUF_RE,
        writes_module.MOVES_RE,
    )
    stream_module._TOKEN_RE = answered  # type: ignore[assignment]
    TerminalStream.tokens = answered  # type: ignore[assignment]
    writes_module.SGR_RE = _Answered(writes_module.SGR_RE)  # type: ignore[assignment]
    writes_module._CUF_RE = _Answered(writes_module._CUF_RE)  # type: ignore[assignment]
    writes_module.MOVES_RE = _Answered(writes_module.MOVES_RE)  # type: ignore[assignment]
    try:
        ingest(chunks)
        return min(ingest(chunks) for _ in range(runs))
    finally:
        (
            stream_module._TOKEN_RE,
            TerminalStream.tokens,
            writes_module.SGR_RE,
            writes_module._CUF_RE,
            writes_module.MOVES_RE,
        ) = saved


def scroll_steps(text: str) -> tuple[int, int]:
    """Characters in one-row scrolling steps (a step up to the next), and of those the ones a later step in
    the same read scrolls out of the 39-row region again."""
    in_steps = replaced = 0
    for at in range(0, len(text), CHUNK):
        read = text[at : at + CHUNK]
        starts = [match.start() for match in _STEP_RE.finditer(read)] + [len(read)]
        sizes = [end - start for start, end in itertools.pairwise(starts)]
        in_steps += sum(sizes)
        replaced += sum(sizes[: max(0, len(sizes) - (ROWS - 1))])
    return in_steps, replaced


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--mb", type=SIZE_MB, default=2.0, help=f"size of the stream ({SIZE_MB.range_text} MB)"
    )
    parser.add_argument(
        "--runs", type=RUNS, default=4, help=f"best of this many runs per figure ({RUNS.range_text})"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data = real_vim(int(args.mb * 1e6))
    chunks = [data[i : i + CHUNK] for i in range(0, len(data), CHUNK)]
    now = min(ingest(chunks) for _ in range(args.runs))
    free = without_regex_passes(chunks, args.runs)
    in_steps, replaced = scroll_steps(data.decode())
    size = len(data)
    print(f"real vim, {size / 1e6:.1f} MB in 32 KiB reads, best of {args.runs}:")
    print(f"  as it is                                 {now * 1e3:7.1f} ms  ({size / 1e6 / now:.1f} MB/s)")
    print(f"  regex passes answered from a table      {free * 1e3:7.1f} ms  ({free / now:.2f} of it)")
    print(f"  one-row scrolling steps                 {in_steps / 1e3:7.0f} KB  ({in_steps / size:.0%})")
    print(f"  of them scrolled out in the same read   {replaced / 1e3:7.0f} KB  ({replaced / size:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
