"""What an attacker with write access to a record folder does to it, spelled out for the attack tests.

Each helper leaves a record whose own files agree with each other wherever the attack allows it
(hashes recomputed, session.json reset), so only what is kept outside the record can catch it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sessions.recording import canonical, genesis, line_hash


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
