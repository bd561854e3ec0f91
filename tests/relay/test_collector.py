"""CollectorPacing: long-lived objects frozen after full collections, cycles among them still freed hourly."""

from __future__ import annotations

import asyncio
import gc
import weakref

import pytest

from sessions.relay.collector import CollectorPacing

pytestmark = pytest.mark.asyncio


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector can free it


async def test_survivors_of_a_full_collection_are_frozen_and_cycles_still_freed() -> None:
    pacing = CollectorPacing(full_every=0.2)
    try:
        pacing.start()
        assert gc.get_freeze_count() > 0  # the start-up heap is out of every later scan
        kept = [_Node() for _ in range(100)]
        before = gc.get_freeze_count()
        gc.collect()  # a full collection, as the collector runs by itself
        await asyncio.sleep(0)  # the freeze is scheduled on the loop, not done inside the collector
        assert gc.get_freeze_count() >= before + len(kept)
        garbage = weakref.ref(kept[0])
        kept.clear()  # frozen cycles are not scanned by ordinary collections ...
        gc.collect(1)
        assert garbage() is not None
        deadline = asyncio.get_running_loop().time() + 5
        while pacing.full_collections == 0 and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.05)
        assert pacing.full_collections >= 1  # ... until the periodic complete collection frees them
        assert garbage() is None
    finally:
        pacing.stop()
    assert gc.get_freeze_count() == 0
    assert pacing._collected not in gc.callbacks
