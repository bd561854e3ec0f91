"""A diagnostics run stopped at any moment (the session ended) leaves no task or command behind."""

from __future__ import annotations

import asyncio
import gc
import warnings

import asyncssh

from sessions.diagnostics import DiagnosticsRunner, detect_profile, load_profile


def _ours(tasks: set[asyncio.Task]) -> list[str]:  # type: ignore[type-arg]
    return sorted(t.get_coro().__qualname__ for t in tasks if not t.done())  # type: ignore[union-attr]


async def test_a_run_cancelled_while_its_checks_start_leaves_nothing_running(
    conn: asyncssh.SSHClientConnection,
) -> None:
    """Cancelled after 0..39 turns of the loop: checks created, commands and SFTP starting, results coming."""
    for turns in range(40):
        runner = DiagnosticsRunner(conn, load_profile("linux"))
        before = asyncio.all_tasks()

        async def consume(runner: DiagnosticsRunner = runner) -> list[object]:
            return [r async for r in runner.run()]

        task = asyncio.ensure_future(consume())
        for _ in range(turns):
            await asyncio.sleep(0)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        assert _ours(asyncio.all_tasks() - before) == [], turns
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gc.collect()
    assert not [w for w in caught if "never awaited" in str(w.message)]


async def test_detection_cancelled_while_it_starts_leaves_nothing_running(
    conn: asyncssh.SSHClientConnection,
) -> None:
    for turns in range(24):  # through the SFTP start (its limits request included, where servers have it)
        before = asyncio.all_tasks()
        task = asyncio.ensure_future(detect_profile(conn))
        for _ in range(turns):
            await asyncio.sleep(0)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        assert _ours(asyncio.all_tasks() - before) == [], turns
