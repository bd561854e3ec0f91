"""The transfers of one file browser: a queue run one at a time, each with progress and a cancel.

Watch it with `subscribe()`: a TransferStatus (frozen) whenever a transfer is queued, moves on (at most
every PROGRESS_EVERY seconds while it copies), or ends. Every file copied, cancelled or failed is an
event in the session's record (`file.transfer`: direction, paths, size, SHA-256; see
docs/record-format.md).
"""

from __future__ import annotations

import asyncio
import enum
import functools
import logging
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sessions.errors import FileTransferError
from sessions.events import Subscribers, Unsubscribe
from sessions.files.jobs import Ask, Direction, Download, Job, Skipped, Upload
from sessions.files.remote import RemoteEntry, RemoteFiles

log = logging.getLogger(__name__)
PROGRESS_EVERY = 0.1  # seconds between two progress events of one transfer


class TransferState(enum.Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"
    SKIPPED = "skipped"

    @property
    def finished(self) -> bool:
        return self not in (TransferState.QUEUED, TransferState.RUNNING)


@dataclass(frozen=True, slots=True)
class TransferStatus:
    """What the browser shows of one transfer (a file or a whole folder)."""

    id: int
    direction: Direction
    name: str  # the file or folder's name (from the device for downloads: show it through visible())
    source: str
    destination: str
    state: TransferState = TransferState.QUEUED
    done: int = 0  # bytes
    total: int = 0
    files_done: int = 0
    files_total: int = 0
    current: str = ""  # the file being copied
    left_out: tuple[str, ...] = ()  # links, special files … not copied, and why
    error: FileTransferError | None = field(default=None, compare=False)


Work = Callable[[Job], Awaitable[None]]


@dataclass(slots=True)
class _Item:
    status: TransferStatus
    work: Work  # runs the job
    task: asyncio.Task[None] | None = None


async def _download(job: Job, entry: RemoteEntry, folder: Path) -> None:
    assert isinstance(job, Download)
    await job.run(entry, folder)


async def _upload(job: Job, path: Path, folder: bytes) -> None:
    assert isinstance(job, Upload)
    await job.run(path, folder)


class Transfers:
    """Queues downloads and uploads over *files*; *ask* answers name conflicts (the technician)."""

    def __init__(self, files: RemoteFiles, ask: Ask) -> None:
        self.files = files
        self.ask = ask
        self.events: Subscribers[TransferStatus] = Subscribers("file transfers")
        self._items: dict[int, _Item] = {}
        self._queue: asyncio.Queue[int] = asyncio.Queue()
        self._next_id = 0
        self._worker: asyncio.Task[None] | None = None
        self._idle = asyncio.Event()
        self._idle.set()

    def subscribe(self, callback: Callable[[TransferStatus], None]) -> Unsubscribe:
        return self.events.subscribe(callback)

    def status(self, transfer_id: int) -> TransferStatus:
        return self._items[transfer_id].status

    def statuses(self) -> list[TransferStatus]:
        return [item.status for item in self._items.values()]

    # --- queueing ---------------------------------------------------------------------------------------
    def download(self, entries: list[RemoteEntry], folder: Path) -> list[int]:
        """Copy each entry (file or folder) into the local *folder*; returns the transfers' ids."""
        return [
            self._add(
                TransferStatus(0, Direction.DOWNLOAD, entry.name, entry.text_path, str(folder)),
                functools.partial(_download, entry=entry, folder=folder),
            )
            for entry in entries
        ]

    def upload(self, paths: list[Path], folder: bytes) -> list[int]:
        """Copy each local file or folder into the device's *folder*."""
        return [
            self._add(
                TransferStatus(0, Direction.UPLOAD, path.name, str(path), os.fsdecode(folder)),
                functools.partial(_upload, path=path, folder=folder),
            )
            for path in paths
        ]

    def _add(self, status: TransferStatus, work: Work) -> int:
        self._next_id += 1
        status = replace(status, id=self._next_id)
        self._items[status.id] = _Item(status, work)
        self._idle.clear()
        self._queue.put_nowait(status.id)
        if self._worker is None or self._worker.done():
            self._worker = asyncio.ensure_future(self._work())
        self.events.emit(status)
        return status.id

    def cancel(self, transfer_id: int) -> None:
        """Stop a running transfer (what was half copied is removed) or drop a queued one."""
        item = self._items.get(transfer_id)
        if item is None or item.status.state.finished:
            return
        if item.task is not None:
            item.task.cancel()
        else:
            self._set(item, state=TransferState.CANCELLED)

    def cancel_all(self) -> None:
        for transfer_id in list(self._items):
            self.cancel(transfer_id)

    async def wait(self) -> None:
        """Until every transfer queued so far has finished."""
        await self._idle.wait()

    def close(self) -> None:
        """Cancel everything (the session ended or the browser closed)."""
        self.cancel_all()
        if self._worker is not None:
            self._worker.cancel()

    # --- running ----------------------------------------------------------------------------------------
    def _set(self, item: _Item, **changes: object) -> None:
        item.status = replace(item.status, **changes)  # type: ignore[arg-type]
        self.events.emit(item.status)

    async def _work(self) -> None:
        while True:
            if self._queue.empty():
                self._idle.set()
            transfer_id = await self._queue.get()
            item = self._items[transfer_id]
            if item.status.state is TransferState.QUEUED:
                item.task = asyncio.ensure_future(self._run(item))
                await asyncio.gather(item.task, return_exceptions=True)
                item.task = None

    async def _run(self, item: _Item) -> None:
        last = [0.0]
        direction = item.status.direction

        def report(count: int, current: str) -> None:
            now = time.monotonic()
            status = item.status
            item.status = replace(status, done=status.done + count, current=current)
            if now - last[0] >= PROGRESS_EVERY:
                last[0] = now
                self._sync(item, job)

        job: Job = (Download if direction is Direction.DOWNLOAD else Upload)(self.files, self.ask, report)
        self._set(item, state=TransferState.RUNNING)
        try:
            await item.work(job)
        except asyncio.CancelledError:
            self._finish(item, job, TransferState.CANCELLED)
            return
        except Skipped:
            self._finish(item, job, TransferState.SKIPPED)
            return
        except FileTransferError as exc:
            self._finish(item, job, TransferState.FAILED, exc)
            return
        self._finish(item, job, TransferState.DONE)

    def _sync(self, item: _Item, job: Job) -> None:
        self._set(
            item,
            total=max(job.plan.total, item.status.done),
            files_total=len(job.plan.files),
            files_done=job.files_done,
            left_out=tuple(job.plan.left_out),
        )

    def _finish(
        self, item: _Item, job: Job, state: TransferState, error: FileTransferError | None = None
    ) -> None:
        item.status = replace(item.status, state=state, error=error)
        self._sync(item, job)
        log.info("transfer %s %s: %s", item.status.direction.value, item.status.source, state.value)
