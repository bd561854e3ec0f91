"""The team server inside the relay: the `valuezone-team` subsystem for technicians, one request at a time.

The relay hands a technician's session channel here (`TeamServer.session`) only after the technician's
key authenticated; customers (user `support`) never reach it. Each request looks the key up again in the
technicians file, so a changed role or a removed key applies to the very next request. Database work
and record verification run in worker threads: the relay's event loop keeps bridging sessions.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import asyncssh

from sessions.errors import SupportError
from sessions.recording.meta import CAST_FILE, EVENTS_FILE, SESSION_FILE
from sessions.team import hq_index, lead_ops, record_ops, retention, review_ops
from sessions.team.context import Context, Operation, audit, bad_request, text
from sessions.team.database import SYSTEM, Database
from sessions.team.indexing import load_files
from sessions.team.ingest import Pushed, ingest
from sessions.team.migrations import open_database
from sessions.team.protocol import (
    CHUNK,
    MAX_RECORD,
    RECORD_FILES,
    SUBSYSTEM,
    TeamProtocolError,
    TeamRefusal,
    decode_json,
    error_answer,
    frame,
    json_frame,
    read_frame,
)
from sessions.team.roles import Member

log = logging.getLogger(__name__)
MemberLookup = Callable[[str], Member | None]
INGEST_WORKERS = 2  # records verified and indexed at once (CPU-bound: keep cores for the relay)
PURGE_EVERY = 3600.0  # seconds between purges of records past their retention
FIRST_PURGE = 60.0  # seconds after start: a relay that is restarted often still purges


class TeamServer:
    """Owns the team database; `session()` serves one technician channel."""

    def __init__(self, database: Database, members: MemberLookup, spool: Path, max_record: int = MAX_RECORD):
        self.database = database
        self.members = members
        self.spool = spool
        self.max_record = max_record
        self.operations: dict[str, Operation] = {
            **record_ops.OPS,
            **review_ops.OPS,
            **lead_ops.OPS,
            **retention.OPS,
            **hq_index.OPS,
        }
        self._ingest = asyncio.Semaphore(INGEST_WORKERS)
        self._stop_purging = threading.Event()
        self._purger: threading.Thread | None = None

    def start_purging(self, every: float = PURGE_EVERY) -> None:
        """Purge records past their retention a minute after start, then every *every* seconds (one relay at
        a time), in a thread of its own: the event loop never waits on it."""
        self._purger = threading.Thread(
            target=self._purge_loop, args=(every,), name="team-purge", daemon=True
        )
        self._purger.start()

    def _purge_loop(self, every: float) -> None:
        self._stop_purging.wait(FIRST_PURGE)
        while not self._stop_purging.is_set():
            try:
                result = retention.purge(self.database)
                if result.purged:
                    log.info(
                        "purged %d records past retention (%d on legal hold kept)", result.purged, result.held
                    )
            except SupportError as exc:
                log.warning("purge failed: %s", exc)
            self._stop_purging.wait(every)

    @classmethod
    async def open(
        cls, url: str, state_dir: Path, members: MemberLookup, *, max_record: int = MAX_RECORD
    ) -> TeamServer:
        """Open (create, migrate) the database *url* names; SQLite in *state_dir* when it is empty."""
        database = await asyncio.to_thread(open_database, url, state_dir)
        spool = state_dir / "team-spool"
        shutil.rmtree(spool, ignore_errors=True)  # uploads a stopped relay left half-received
        spool.mkdir(parents=True, exist_ok=True)
        server = cls(database, members, spool, max_record)
        server.start_purging()
        return server

    async def close(self) -> None:
        self._stop_purging.set()
        if self._purger is not None:
            await asyncio.to_thread(self._purger.join)  # a purge under way finishes its batch first
        await asyncio.to_thread(self.database.close)

    def session(self, conn: asyncssh.SSHServerConnection, fingerprint: str) -> tuple[Any, TeamSession]:
        """A (channel, session) pair for `session_requested`: bytes, only the team subsystem."""
        return conn.create_server_channel(encoding=None), TeamSession(self, fingerprint)

    # --- one request --------------------------------------------------------------------------------
    def context(self, fingerprint: str) -> Context:
        member = self.members(fingerprint)
        if member is None:
            raise TeamRefusal(
                "forbidden",
                "Your key is no longer in the relay's technicians file.",
                "Ask the relay's administrator to add your public key again.",
                code="team.key_removed",
            )
        return Context(self.database, member, self.max_record)

    async def handle(
        self, fingerprint: str, request: dict[str, Any], stdin: Any
    ) -> tuple[dict[str, Any], dict]:
        """The answer to *request* and the files that follow it."""
        request_id = request.get("id")
        op = request.get("op")
        try:
            if op == "record.put":
                pushed = await self.receive_record(fingerprint, request, stdin)
                return {"id": request_id, "ok": True, **pushed.to_json()}, {}
            ctx = self.context(fingerprint)
            operation = self.operations.get(op) if isinstance(op, str) else None
            if operation is None:
                raise bad_request(f"The team server has no operation {op!r}.")
            answer = await asyncio.to_thread(operation, ctx, request)
        except TeamRefusal as refusal:
            return error_answer(request_id, refusal), {}
        except TeamProtocolError:
            raise
        except SupportError as exc:
            return error_answer(
                request_id, TeamRefusal("server", exc.message, exc.hint, code=exc.code, params=exc.params)
            ), {}
        except Exception:
            log.exception("team request %r failed", op)
            failed = TeamRefusal(
                "server",
                "The team server failed on this request.",
                "Try again; the relay's log has details.",
                code="team.server_failed",
            )
            return error_answer(request_id, failed), {}
        files = answer.pop("_files", {})
        if files:
            answer["files"] = [
                {"name": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()} for n, d in files.items()
            ]
        return {"id": request_id, "ok": True, **answer}, files

    # --- record uploads -----------------------------------------------------------------------------
    async def receive_record(self, fingerprint: str, request: dict[str, Any], stdin: Any) -> Pushed:
        """Read the files that follow a record.put into the spool, then verify and store them.

        A refusal before the files are read (unknown key, malformed request) ends the channel: the
        client is already sending the bytes, so the stream cannot be answered in step any more.
        """
        try:
            ctx = self.context(fingerprint)
            session_id = text(request, "session_id", limit=64)
            declared = _declared_files(request, self.max_record)
        except TeamRefusal as refusal:
            raise TeamProtocolError(
                refusal.message, refusal.hint, code=refusal.code, params=refusal.params
            ) from None
        folder = Path(tempfile.mkdtemp(prefix="put-", dir=self.spool))
        try:
            await _receive_files(stdin, declared, folder)
            async with self._ingest:
                return await asyncio.to_thread(self._ingest_folder, ctx, session_id, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _ingest_folder(self, ctx: Context, session_id: str, folder: Path) -> Pushed:
        if not (folder / CAST_FILE).exists():
            _fill_cast(self.database, session_id, folder, ctx.member.identity)
        try:
            pushed = _ingest_once_more_on_a_race(self.database, ctx.member, folder)
        except TeamRefusal as refusal:
            with self.database.tx(SYSTEM, write=True) as tx:
                audit(tx, ctx.actor, "record.refused", session_id, reason=refusal.message)
            raise
        if pushed.session_id != session_id:
            raise bad_request("The pushed session.json names another session than the request.")
        if pushed.state != "same":
            with self.database.tx(SYSTEM, write=True) as tx:
                audit(tx, ctx.actor, f"record.{pushed.state}", session_id, count=pushed.count)
        return pushed


def _ingest_once_more_on_a_race(database: Database, member: Member, folder: Path) -> Pushed:
    """Two pushes of one new record at once: the second insert fails; run it again and it finds the first."""
    try:
        return ingest(database, member, folder)
    except Exception as exc:
        if "unique" not in str(exc).lower() and type(exc).__name__ not in (
            "IntegrityError",
            "UniqueViolation",
        ):
            raise
        return ingest(database, member, folder)


def _declared_files(request: dict[str, Any], max_record: int) -> list[tuple[str, int, str]]:
    files = request.get("files")
    if not isinstance(files, list) or not 2 <= len(files) <= 3:
        raise bad_request("record.put names session.json, events.jsonl and (for a new record) terminal.cast.")
    declared = []
    for item in files:
        name, size, digest = item.get("name"), item.get("size"), item.get("sha256")
        if name not in RECORD_FILES or not isinstance(size, int) or size < 0 or not isinstance(digest, str):
            raise bad_request(f"record.put names a file it may not: {item!r}.")
        declared.append((name, size, digest))
    names = [name for name, _size, _digest in declared]
    if len(set(names)) != len(names) or SESSION_FILE not in names or EVENTS_FILE not in names:
        raise bad_request("record.put must name session.json and events.jsonl once each.")
    total = sum(size for _name, size, _digest in declared)
    if total > max_record:
        raise TeamProtocolError(
            f"The record is {total} bytes; this server takes at most {max_record}.",
            "Ask the relay's administrator to raise --team-max-record-mb.",
            code="team.record_too_big",
            params={"total": total, "max_record": max_record},
        )
    return declared


async def _receive_files(stdin: Any, declared: list[tuple[str, int, str]], folder: Path) -> None:
    """Read each declared file's B frames into *folder*; a size or SHA-256 mismatch breaks the stream."""
    for name, size, digest in declared:
        hasher = hashlib.sha256()
        left = size
        with (folder / name).open("wb") as out:
            while left > 0:
                got = await read_frame(stdin)
                if got is None or got[0] != b"B" or len(got[1]) > left:
                    raise TeamProtocolError(
                        f"The bytes of {name} did not arrive as declared.",
                        code="team.upload_incomplete",
                        params={"name": name},
                    )
                out.write(got[1])
                hasher.update(got[1])
                left -= len(got[1])
        if hasher.hexdigest() != digest:
            raise TeamProtocolError(
                f"{name} arrived damaged (SHA-256 mismatch).",
                "Push again.",
                code="team.upload_damaged",
                params={"name": name},
            )


def _fill_cast(database: Database, session_id: str, folder: Path, owner: str) -> None:
    """An update sends no cast: the sealed one on the server is used to verify the record, only the
    pusher's own (another's session reads as one not on the server)."""
    with database.tx(SYSTEM) as tx:
        row = tx.one("SELECT id FROM records WHERE session_id = ? AND owner = ?", (session_id, owner))
        if row is None:
            raise TeamRefusal(
                "refused",
                f"Session {session_id} is not on the server yet.",
                "Push it again with its terminal.cast.",
                code="team.session_not_pushed",
                params={"session_id": session_id},
            )
        (folder / CAST_FILE).write_bytes(load_files(tx, int(row[0]), [CAST_FILE])[CAST_FILE])


class TeamSession(asyncssh.SSHServerProcess):  # type: ignore[type-arg]
    """One session channel: only the `valuezone-team` subsystem; no shell, command or terminal."""

    def __init__(self, server: TeamServer, fingerprint: str) -> None:
        super().__init__(self._serve, None, 0, False)
        self.server = server
        self.fingerprint = fingerprint

    def pty_requested(self, *args: Any) -> bool:
        return False

    def shell_requested(self) -> bool:
        return False

    def exec_requested(self, command: str) -> bool:
        return False

    def subsystem_requested(self, subsystem: str) -> bool:
        return subsystem == SUBSYSTEM and bool(super().subsystem_requested(subsystem))

    async def _serve(self, process: asyncssh.SSHServerProcess) -> None:  # type: ignore[type-arg]
        stdin, stdout = process.stdin, process.stdout
        try:
            while True:
                got = await read_frame(stdin)
                if got is None:
                    break
                kind, payload = got
                if kind != b"J":
                    raise TeamProtocolError(
                        "File bytes arrived without a request.", code="team.bytes_without_request"
                    )
                answer, files = await self.server.handle(self.fingerprint, decode_json(payload), stdin)
                stdout.write(json_frame(answer))
                for data in files.values():
                    for start in range(0, len(data), CHUNK):
                        stdout.write(frame(b"B", data[start : start + CHUNK]))
                await stdout.drain()
        except TeamProtocolError as exc:
            stdout.write(
                json_frame(
                    error_answer(
                        None, TeamRefusal("protocol", exc.message, exc.hint, code=exc.code, params=exc.params)
                    )
                )
            )
        except (asyncssh.Error, asyncio.IncompleteReadError, BrokenPipeError, ConnectionError):
            pass  # the technician went away mid-request; an upload left half-done is simply not stored
        process.exit(0)
