"""The one record writer: appends terminal.cast and events.jsonl line by line, keeps session.json current.

Every line reaches the kernel in one ``os.write`` before the call returns, so a killed process leaves a
record that verifies up to its last complete line. Any OSError suspends recording instead of reaching the
session: the person is told once, later writes are counted and dropped, and ``resume()`` tries again.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import logging
import os
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sessions.errors import RecordError
from sessions.recording.chain import SESSION_ID_PATTERN, canonical, event_line, genesis, line_hash, ts_at
from sessions.recording.meta import (
    CAST_FILE,
    EVENTS_FILE,
    VIAS,
    DeviceInfo,
    check_meta_fields,
    new_meta,
    record_folder,
    write_meta,
)
from sessions.recording.seal import Sealer, seal_message, write_seal

log = logging.getLogger(__name__)

_OPEN_FLAGS = os.O_RDWR | os.O_APPEND | os.O_CREAT
_CAUSES = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file reached the size limit of this system",
    errno.EROFS: "the disk became read-only",
    errno.EACCES: "permission was denied",
    errno.EPERM: "permission was denied",
    errno.ENOENT: "the record folder was moved or removed",
    errno.ENOTDIR: "the record folder was replaced by a file",
    errno.EEXIST: "a file stands where the record folder should be",
    errno.EIO: "the disk reported an input/output error",
}


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def suspension_message(exc: OSError, folder: Path) -> str:
    """What a person reads when recording stops: what happened, that the session goes on, what to do."""
    cause = _CAUSES.get(exc.errno or 0, exc.strerror or str(exc))
    return (
        f"Recording stopped: {cause} while writing {folder}. The session goes on, but from now on it is "
        "not recorded; free space or restore the folder, then choose Resume recording."
    )


class Recorder:
    """Writes one session's record folder. Create with ``Recorder.create``; every method is cheap and sync."""

    def __init__(
        self,
        folder: Path,
        meta: dict[str, Any],
        started: datetime,
        on_suspended: Callable[[str], None] | None,
        term: str,
        sealer: Sealer | None = None,
    ) -> None:
        self._folder = folder
        self._sealer = sealer
        self._meta = meta
        self._started = started
        self._mono0 = time.monotonic()
        self._on_suspended = on_suspended
        self._term = term
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._cast_fd: int | None = None
        self._events_fd: int | None = None
        self._cast_good = 0  # bytes known to end on a complete line
        self._cast_sha = hashlib.sha256()  # of exactly those bytes: sealed into session.ended
        self._events_good = 0
        self._seq = 0
        self._last_hash = meta["events"]["last_hash"]
        self._last_t = 0.0
        self._suspended = False
        self._reason = ""
        self._gap_reason = ""
        self._suspended_at = 0.0
        self._gap_events = 0
        self._gap_bytes = 0
        self._closed = False

    # --- creating ------------------------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        archive_root: Path,
        *,
        session_id: str | None = None,
        technician: str,
        device: DeviceInfo,
        via: str = "direct",
        cols: int = 80,
        rows: int = 24,
        title: str = "",
        term: str = "xterm-256color",
        on_suspended: Callable[[str], None] | None = None,
        sealer: Sealer | None = None,
    ) -> Recorder:
        """Start a record under *archive_root* (see meta.record_folder for the layout).

        A bad argument raises ValueError or RecordError (the folder already exists). A disk problem does
        not raise: the recorder starts suspended and *on_suspended* is called, as for any later failure.
        *sealer* (the technician's key) signs the sealed chain into seal.sig when the record closes.
        """
        if via not in VIAS:
            raise ValueError(f"via must be one of {VIAS}, not {via!r}")
        if cols < 1 or rows < 1:
            raise ValueError(f"terminal size must be positive, not {cols}x{rows}")
        session_id = session_id or uuid.uuid4().hex
        if not SESSION_ID_PATTERN.match(session_id):
            raise ValueError("session_id must be 1-64 characters of A-Z a-z 0-9 _ -")
        started = datetime.now(UTC)
        folder = record_folder(archive_root, started, device, session_id)
        if folder.exists():
            raise RecordError(
                f"A record for session {session_id} already exists at {folder}.",
                "Start the session with a new id; records are never overwritten.",
                file=str(folder),
                code="record.exists",
                params={"session_id": session_id, "folder": folder},
            )
        meta = new_meta(
            session_id=session_id,
            technician=technician,
            device=device,
            via=via,
            started=ts_at(started, 0.0),
            title=title,
            cols=cols,
            rows=rows,
            genesis_hash=genesis(session_id),
        )
        recorder = cls(folder, meta, started, on_suspended, term, sealer)
        try:
            recorder._attach()
        except OSError as exc:
            recorder._suspend(exc)
        return recorder

    # --- properties ----------------------------------------------------------------------------------
    @property
    def folder(self) -> Path:
        return self._folder

    @property
    def session_id(self) -> str:
        return str(self._meta["session_id"])

    @property
    def suspended(self) -> bool:
        return self._suspended

    @property
    def suspended_reason(self) -> str:
        """The message given to on_suspended for the current suspension ('' while recording)."""
        return self._reason if self._suspended else ""

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def event_count(self) -> int:
        return self._seq

    @property
    def last_hash(self) -> str:
        return self._last_hash

    @property
    def dropped(self) -> dict[str, int]:
        """Totals lost to suspensions so far: events and output bytes."""
        rec = self._meta["recording"]
        return {
            "events": rec["dropped_events"] + self._gap_events,
            "output_bytes": rec["dropped_output_bytes"] + self._gap_bytes,
        }

    def elapsed(self) -> float:
        """Seconds since the session started on the cast clock (never goes backwards)."""
        self._last_t = max(self._last_t, round(time.monotonic() - self._mono0, 6))
        return self._last_t

    # --- recording -----------------------------------------------------------------------------------
    def output(self, data: bytes) -> None:
        """Record bytes the device sent to the terminal (one incremental UTF-8 decoder for the stream)."""
        text = self._decoder.decode(data)
        if text:
            self._cast("o", text)

    def resize(self, cols: int, rows: int) -> None:
        self._cast("r", f"{int(cols)}x{int(rows)}")

    def marker(self, label: str) -> None:
        """A named point on the playback timeline (asciicast ``m`` entry)."""
        self._cast("m", label)

    def event(self, type_: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
        """Append one event; returns it as written (``seq`` is None when recording is suspended).

        A malformed *type_* or non-JSON *data* raises ValueError: that is a programming mistake.
        """
        data = {} if data is None else data
        t = self.elapsed()
        ts = ts_at(self._started, t)
        if self._closed or self._suspended:
            event_line(0, ts, t, type_, data, self._last_hash)  # same validation as a written event
            self._gap_events += not self._closed
            return {"seq": None, "ts": ts, "t": t, "type": type_, "data": data, "prev": None}
        line = event_line(self._seq + 1, ts, t, type_, data, self._last_hash)
        written = {"seq": self._seq + 1, "ts": ts, "t": round(t, 6), "type": type_, "data": data}
        written["prev"] = self._last_hash
        try:
            self._append_event(line)
        except OSError as exc:
            self._suspend(exc)
            self._gap_events += 1
            return {**written, "seq": None, "prev": None}
        try:
            self._check_folder()
            write_meta(self._folder, self._meta)
        except OSError as exc:
            self._suspend(exc)  # the line itself is on disk; session.json lags until resume()
        return written

    def update_meta(self, **fields: Any) -> None:
        """Set top-level session.json fields (outcome, survey_score, summary, ...) and rewrite it."""
        check_meta_fields(fields)
        canonical(fields)  # raises ValueError/TypeError on a value JSON cannot hold
        self._meta.update(fields)
        if self._closed or self._suspended:
            return  # kept in memory; resume() or close() writes it
        try:
            write_meta(self._folder, self._meta)
        except OSError as exc:
            self._suspend(exc)

    def resume(self) -> bool:
        """Try to record again after a suspension; True when recording (a gap is written as events)."""
        if not self._suspended:
            return True
        if self._closed:
            return False
        try:
            self._attach()
            t = self.elapsed()
            gap = {
                "dropped_events": self._gap_events,
                "dropped_output_bytes": self._gap_bytes,
                "gap": round(t - self._suspended_at, 6),
            }
            suspended = {"reason": self._gap_reason}
            self._append_event(self._line_at(self._suspended_at, "recording.suspended", suspended))
            self._append_event(self._line_at(t, "recording.resumed", gap))
            self._write_cast(t, "m", f"recording gap of {t - self._suspended_at:.1f} s")
            rec = self._meta["recording"]
            rec["dropped_events"] += self._gap_events
            rec["dropped_output_bytes"] += self._gap_bytes
            write_meta(self._folder, self._meta)
        except OSError as exc:
            self._reason = suspension_message(exc, self._folder)
            log.warning("resuming the recording of %s failed: %s", self._folder, exc)
            return False
        self._suspended = False
        self._reason = ""
        self._gap_events = self._gap_bytes = 0
        return True

    def close(self, outcome: str | None = None, *, reason: str = "") -> None:
        """End the record: flush the decoder, write ``session.ended``, finish session.json, close files.

        *reason* (a sentence: who or what ended the session) goes into ``session.ended`` when given.
        """
        if self._closed:
            return
        tail = self._decoder.decode(b"", final=True)
        if tail:
            self._cast("o", tail)
        if self._suspended:
            self.resume()
        t = self.elapsed()
        self._meta["ended"] = ts_at(self._started, t)
        self._meta["duration"] = round(t, 6)
        if outcome is not None:
            self._meta["outcome"] = outcome
        seal = {"bytes": self._cast_good, "sha256": self._cast_sha.hexdigest()}
        ended = {"outcome": self._meta["outcome"], "duration": round(t, 6), "cast": seal}
        if reason:
            ended["reason"] = reason
        if self.event("session.ended", ended)["seq"] is not None and self._sealer is not None:
            self._sign()
        self._closed = True
        for fd in (self._cast_fd, self._events_fd):
            if fd is not None:
                os.close(fd)
        self._cast_fd = self._events_fd = None

    # --- internals -----------------------------------------------------------------------------------
    def _sign(self) -> None:
        """Sign the chain as sealed just now (seal.sig); a failure leaves the record valid, unsigned."""
        assert self._sealer is not None
        message = seal_message(self.session_id, self._seq, self._last_hash)
        try:
            write_seal(self._folder, self._sealer.sign(message))
        except (OSError, ValueError) as exc:
            log.warning("the record %s was not signed: %s", self._folder, exc)

    def _cast(self, code: str, text: str) -> None:
        if self._closed:
            return
        if self._suspended:
            self._gap_bytes += len(text.encode("utf-8", "replace"))
            return
        try:
            self._write_cast(self.elapsed(), code, text)
        except OSError as exc:
            self._suspend(exc)

    def _write_cast(self, t: float, code: str, text: str) -> None:
        assert self._cast_fd is not None
        self._append_cast(canonical([t, code, text]) + b"\n")

    def _append_cast(self, line: bytes) -> None:
        assert self._cast_fd is not None
        _write_all(self._cast_fd, line)
        self._cast_good += len(line)
        self._cast_sha.update(line)

    def _line_at(self, t: float, type_: str, data: dict[str, Any]) -> bytes:
        return event_line(self._seq + 1, ts_at(self._started, t), t, type_, data, self._last_hash)

    def _append_event(self, line: bytes) -> None:
        assert self._events_fd is not None
        _write_all(self._events_fd, line)
        self._events_good += len(line)
        self._seq += 1
        self._last_hash = line_hash(line)
        self._meta["events"] = {"count": self._seq, "last_hash": self._last_hash}

    def _check_folder(self) -> None:
        """Raise ENOENT when events.jsonl on disk is no longer the file we write (folder moved/removed)."""
        assert self._events_fd is not None
        held = os.fstat(self._events_fd)
        on_disk = os.stat(self._folder / EVENTS_FILE)
        if (held.st_dev, held.st_ino) != (on_disk.st_dev, on_disk.st_ino):
            raise OSError(errno.ENOENT, "the record folder was moved or removed", str(self._folder))

    def _attach(self) -> None:
        """Open (or re-open after a failure) both files, cut torn lines, write what must come first."""
        self._folder.mkdir(parents=True, exist_ok=True)
        self._cast_fd = self._reattach(CAST_FILE, self._cast_fd, self._cast_good)
        self._events_fd = self._reattach(EVENTS_FILE, self._events_fd, self._events_good)
        if self._cast_good == 0:
            header = {
                "version": 2,
                "width": self._meta["terminal"]["cols"],
                "height": self._meta["terminal"]["rows"],
                "timestamp": int(self._started.timestamp()),
                "env": {"TERM": self._term},
                "title": self._meta["title"],
            }
            self._append_cast(canonical(header) + b"\n")
        if self._seq == 0:
            started = {k: self._meta[k] for k in ("session_id", "technician", "device", "via", "title")}
            data = {**started, "format": "valuezone-record/1", **self._meta["terminal"]}
            self._append_event(self._line_at(0.0, "session.started", data))
        write_meta(self._folder, self._meta)

    def _reattach(self, name: str, fd: int | None, good: int) -> int:
        """The descriptor to append *name* through, holding exactly its first *good* bytes.

        When the file on disk is still ours, cut any torn last line. When it vanished or was replaced,
        rebuild it from the bytes our open descriptor still holds, so the chain stays whole.
        """
        path = self._folder / name
        try:
            disk = os.stat(path)
        except FileNotFoundError:
            disk = None
        if fd is None:
            if disk is not None and disk.st_size:
                raise OSError(errno.EEXIST, f"{name} exists already and is not ours", str(path))
            return os.open(path, _OPEN_FLAGS, 0o644)
        held = os.fstat(fd)
        if disk is not None and (disk.st_dev, disk.st_ino) == (held.st_dev, held.st_ino):
            os.ftruncate(fd, good)
            return fd
        tmp = self._folder / f".{name}.tmp"
        new = os.open(tmp, _OPEN_FLAGS | os.O_TRUNC, 0o644)
        try:
            offset = 0
            while offset < good:
                chunk = os.pread(fd, min(1 << 20, good - offset), offset)
                if not chunk:
                    raise OSError(errno.EIO, f"could not read back {name}", str(path))
                _write_all(new, chunk)
                offset += len(chunk)
            os.replace(tmp, path)
        except OSError:
            os.close(new)
            raise
        os.close(fd)
        return new

    def _suspend(self, exc: OSError) -> None:
        if self._suspended:
            return
        self._suspended = True
        self._suspended_at = self.elapsed()
        self._reason = self._gap_reason = suspension_message(exc, self._folder)
        self._meta["recording"]["suspensions"] += 1
        log.warning("recording of %s suspended: %s", self._folder, exc)
        if self._on_suspended is not None:
            try:
                self._on_suspended(self._reason)
            except Exception:  # a UI callback must not break the session it reports on
                log.exception("on_suspended callback failed")
