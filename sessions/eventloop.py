"""The event loop for headless processes (relay, agent): uvloop when it is installed, else asyncio's own.

uvloop runs the loop, the socket transports and the timers in C; on the relay that cuts the per-packet
overhead that is not SSH itself (see docs/relay-protocol.md, "Performance"). It is optional: without it
everything works the same, a little slower. `VALUEZONE_EVENT_LOOP=asyncio` forces asyncio's loop (to
compare, or to rule uvloop out). The Qt console keeps qasync's loop.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

_T = TypeVar("_T")


def loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's loop factory if uvloop can be imported (and is not turned off), else None."""
    if os.environ.get("VALUEZONE_EVENT_LOOP", "").lower() == "asyncio":
        return None
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def loop_name() -> str:
    """'uvloop' or 'asyncio': which loop `run()` uses here."""
    return "uvloop" if loop_factory() is not None else "asyncio"


def run(main: Coroutine[Any, Any, _T], *, fast: bool = True) -> _T:
    """`asyncio.run(main)`, on uvloop when available and *fast* is true."""
    factory = loop_factory() if fast else None
    with asyncio.Runner(loop_factory=factory) as runner:
        return runner.run(main)
