"""An attacker's edit: change one event and re-chain everything after it, session.json and all."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sessions.recording import line_hash
from sessions.recording.chain import event_line
from sessions.recording.meta import read_meta, write_meta


def rewrite_chain(
    folder: Path, lines: list[bytes], index: int, change: Callable[[dict[str, Any]], None]
) -> None:
    """Apply *change* to event *index* (0-based) and rebuild every hash after it: `verify` accepts it."""
    events = [json.loads(line) for line in lines]
    change(events[index])
    out, prev = [], events[0]["prev"]
    for event in events:
        line = event_line(event["seq"], event["ts"], event["t"], event["type"], event["data"], prev)
        out.append(line)
        prev = line_hash(line)
    (folder / "events.jsonl").write_bytes(b"".join(out))
    meta = read_meta(folder)
    meta["events"] = {"count": len(out), "last_hash": prev}
    write_meta(folder, meta)
