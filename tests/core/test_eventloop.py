"""sessions.eventloop: uvloop when installed, asyncio's loop when asked for (or when uvloop is missing)."""

from __future__ import annotations

import asyncio
import importlib.util

import pytest

from sessions import eventloop


async def _loop_module() -> str:
    return type(asyncio.get_running_loop()).__module__


def test_runs_on_uvloop_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VALUEZONE_EVENT_LOOP", raising=False)
    expected = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    assert eventloop.loop_name() == expected
    assert eventloop.run(_loop_module()).split(".")[0] == expected


def test_asyncio_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VALUEZONE_EVENT_LOOP", "asyncio")
    assert eventloop.loop_name() == "asyncio"
    assert eventloop.run(_loop_module()).startswith("asyncio")
    assert eventloop.run(_loop_module(), fast=False).startswith("asyncio")
