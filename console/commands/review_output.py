"""What `valuezone review` prints: search hits, and charts drawn offscreen without a display."""

from __future__ import annotations

import json
import os
import sys
from typing import Any


def print_hits(hits: list[Any], *, as_json: bool) -> int:
    """Hits as JSON or as lines (the match highlighted on a terminal); exit 1 when there are none."""
    if as_json:
        print(json.dumps([hit.to_json() for hit in hits], ensure_ascii=False, indent=2))
        return 0 if hits else 1
    bold, plain = ("\x1b[1;33m", "\x1b[0m") if sys.stdout.isatty() else ("«", "»")
    for hit in hits:
        minutes, seconds = divmod(int(hit.t), 60)
        print(
            f"{hit.started[:16].replace('T', ' ')}  {hit.device}  {hit.technician}  "
            f"+{minutes}:{seconds:02d}  {hit.kind}  {hit.marked(bold, plain)}"
        )
        print(f"    {hit.folder}")
    if not hits:
        print("no matches", file=sys.stderr)
    return 0 if hits else 1


def offscreen_without_display() -> None:
    """Charts are drawn with Qt; on a machine without a display they are drawn offscreen."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
