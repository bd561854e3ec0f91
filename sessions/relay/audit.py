"""The relay's audit log: one JSON object per line, flushed per event, readable only by the relay's owner."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO


class AuditLog:
    """Appends events to `audit.jsonl` in the relay's state folder.

    Lines are written and flushed one by one, so a crash loses at most the event being written.
    """

    FILE_NAME = "audit.jsonl"

    def __init__(self, state_dir: Path) -> None:
        state_dir.mkdir(parents=True, exist_ok=True)
        self.path = state_dir / self.FILE_NAME
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self._file: TextIO | None = os.fdopen(fd, "a", encoding="utf-8", buffering=1)
        # Relays of one deployment also write every event to one table (sessions/cluster/node.py).
        self.sink: Callable[[str, str, dict[str, Any]], None] | None = None

    def write(self, event: str, **fields: Any) -> None:
        """Record *event* with *fields*; `ts` is added (UTC, ISO 8601 with milliseconds)."""
        if self._file is None:
            return
        now = time.time()
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{int(now % 1 * 1000):03d}Z"
        line = json.dumps({"ts": stamp, "event": event, **fields}, ensure_ascii=False, sort_keys=False)
        self._file.write(line + "\n")
        if self.sink is not None:
            self.sink(stamp, event, fields)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def read_audit(path: Path) -> list[dict[str, Any]]:
    """Every event in an audit file, oldest first (for tests and the admin's tools)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
