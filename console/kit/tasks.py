"""Background coroutines started from Qt slots: kept referenced until done, failures shown, never lost.

An expected error (SupportError) that ends a task goes to the message path; anything else is a bug and
goes to the crash dialog. Work that wants its own success and failure handling uses console.kit.operations.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from console.app import messages
from console.app.crash import show_exception
from sessions.errors import SupportError

log = logging.getLogger(__name__)
_running: set[asyncio.Task[Any]] = set()


def spawn(coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
    """Run *coro* on the loop; an exception that ends it is shown to the person, not only logged."""
    task = asyncio.ensure_future(coro)
    _running.add(task)
    task.add_done_callback(_done)
    return task


def _done(task: asyncio.Task[Any]) -> None:
    _running.discard(task)
    if task.cancelled():
        return
    exc = task.exception()
    if isinstance(exc, SupportError):
        messages.error(exc)
    elif exc is not None:
        show_exception(exc)
