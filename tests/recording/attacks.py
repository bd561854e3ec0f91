"""What an attacker with write access to a record folder does to it, spelled out for the attack tests.

The first helpers forge a chain; the ones after them put hostile files where a record's files belong.

Each helper leaves a record whose own files agree with each other wherever the attack allows it
(hashes recomputed, session.json reset), so only what is kept outside the record can catch it.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sessions.recording import canonical, genesis, line_hash
from sessions.recording.safeio import MAX_DEPTH

DEEP = 100_000  # levels of nesting: Python's json raises RecursionError long before this


def events(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (folder / "events.jsonl").read_bytes().splitlines()]


def meta(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "session.json").read_bytes())


def write_chain(folder: Path, chain: list[dict[str, Any]], **meta_fields: Any) -> None:
    """Write *chain* re-hashed from the genesis value, with seq renumbered, and session.json reset to it."""
    record = meta(folder)
    prev, lines = genesis(record["session_id"]), []
    for seq, event in enumerate(chain, start=1):
        line = canonical({**event, "seq": seq, "prev": prev})
        lines.append(line + b"\n")
        prev = line_hash(line)
    (folder / "events.jsonl").write_bytes(b"".join(lines))
    record.update(meta_fields)
    record["events"] = {"count": len(lines), "last_hash": prev}
    (folder / "session.json").write_bytes(canonical(record) + b"\n")


def cut_tail(folder: Path, drop: int) -> None:
    """Drop the last *drop* lines and reset session.json's count and last hash to match the cut."""
    chain = events(folder)[:-drop]
    ended = any(e["type"] == "session.ended" for e in chain)
    fields = {} if ended else {"ended": None, "duration": None}
    write_chain(folder, chain, **fields)


def rehash_with(folder: Path, line: int, **data: Any) -> None:
    """Change the data of event *line* (1-based) and re-hash every line after it: a fully forged chain."""
    chain = events(folder)
    chain[line - 1]["data"].update(data)
    write_chain(folder, chain)


def append_forged(folder: Path, type_: str, data: dict[str, Any]) -> None:
    """Append one event with a correct chain link (and session.json updated), as append_event would."""
    chain = events(folder)
    last = chain[-1]
    chain.append({"seq": 0, "ts": last["ts"], "t": last["t"], "type": type_, "data": data, "prev": ""})
    write_chain(folder, chain)


# --- hostile files ---------------------------------------------------------------------------------
def meta_of(folder: Path) -> dict:
    return json.loads((folder / "session.json").read_bytes())


def set_meta(folder: Path, key: str, value: object) -> None:
    meta = meta_of(folder)
    meta[key] = value
    (folder / "session.json").write_text(json.dumps(meta), encoding="utf-8")


def replace_with_folder(name: str) -> Callable[[Path], None]:
    def attack(folder: Path) -> None:
        (folder / name).unlink()
        (folder / name).mkdir()
        (folder / name / "x").write_text("not a file")

    return attack


def deep_meta(folder: Path) -> None:
    (folder / "session.json").write_bytes(b"[" * DEEP + b"]" * DEEP)


def deep_event(folder: Path) -> None:
    lines = (folder / "events.jsonl").read_bytes().splitlines(keepends=True)
    lines[1] = b'{"data":' + b'{"a":' * DEEP + b"1" + b"}" * DEEP + b"}\n"
    (folder / "events.jsonl").write_bytes(b"".join(lines))


def moderately_deep_event(folder: Path) -> None:
    """Below Python's recursion limit but above the record's own nesting limit."""
    lines = (folder / "events.jsonl").read_bytes().splitlines(keepends=True)
    event = json.loads(lines[1])
    event["data"]["nest"] = json.loads("[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5))
    lines[1] = json.dumps(event).encode() + b"\n"
    (folder / "events.jsonl").write_bytes(b"".join(lines))


def literal_in_meta(literal: bytes) -> Callable[[Path], None]:
    def attack(folder: Path) -> None:
        raw = (folder / "session.json").read_bytes()
        (folder / "session.json").write_bytes(
            raw.replace(b'"duration":', b'"duration":' + literal + b',"x":', 1)
        )

    return attack


def literal_in_event(literal: bytes) -> Callable[[Path], None]:
    def attack(folder: Path) -> None:
        lines = (folder / "events.jsonl").read_bytes().splitlines(keepends=True)
        event = lines[2]
        start = event.index(b'"t":') + 4
        end = event.index(b",", start)
        lines[2] = event[:start] + literal + event[end:]
        (folder / "events.jsonl").write_bytes(b"".join(lines))

    return attack


def garbage(name: str) -> Callable[[Path], None]:
    def attack(folder: Path) -> None:
        (folder / name).write_bytes(bytes(range(256)) * 64 + os.urandom(4096))

    return attack


def symlink_outside(name: str) -> Callable[[Path], None]:
    def attack(folder: Path) -> None:
        outside = folder.parents[4] / f"outside-{name}"
        shutil.copyfile(folder / name, outside)  # a perfect copy: only the link itself is wrong
        (folder / name).unlink()
        (folder / name).symlink_to(outside)

    return attack


def fifo(name: str) -> Callable[[Path], None]:
    def attack(folder: Path) -> None:
        (folder / name).unlink()
        os.mkfifo(folder / name)

    return attack


def huge(name: str, size: int) -> Callable[[Path], None]:
    def attack(folder: Path) -> None:
        with (folder / name).open("r+b") as fh:
            fh.truncate(size)  # sparse: gigabytes of NUL, no line feed, nothing on disk

    return attack
