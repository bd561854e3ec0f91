"""Building a bundle: redact every source into a private staging folder, preview it, then pack one .tar.gz.

Redaction runs before anything is written: staging holds only redacted bytes. Everything here is
synchronous and thread-safe per object, so the console runs `stage`/`pack` (or `build_bundle`) in a
worker thread; a `threading.Event` cancels between chunks.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gzip
import hashlib
import io
import json
import os
import queue
import shutil
import tarfile
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast

from sessions.errors import EscalationError
from sessions.escalation.consent import Consent
from sessions.escalation.contents import findings_from_raw, read_record_texts, summary_markdown
from sessions.escalation.manifest import MANIFEST, FileEntry, Manifest, utc_now
from sessions.escalation.safepaths import create_new, device_member
from sessions.escalation.values import BuildProgress, BuiltBundle, BundleRequest, Preview, PreviewFile
from sessions.redaction import Redactor

CHUNK = 4 << 20
COMPRESS_LEVEL = 6  # gzip's default, so a bundle is as small as `tar czf` makes it
CONSENT = "consent.json"


@dataclass(frozen=True, slots=True)
class _Source:
    member: str
    size: int
    open: Callable[[], Any]  # () -> a binary file object (plain or gzip)


@dataclass(frozen=True, slots=True)
class StagedFile:
    entry: FileEntry
    original_size: int
    path: Path


Progress = Callable[[BuildProgress], None]


class _HashingWriter(io.RawIOBase):
    """Counts and hashes what passes through to *sink*."""

    def __init__(self, sink: BinaryIO) -> None:
        self.sink = sink
        self.digest = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data)
        self.digest.update(view)
        self.sink.write(view)
        self.size += len(view)
        return len(view)


class _Cancellable(io.RawIOBase):
    """A reader that stops with an error when *cancel* is set and reports bytes read."""

    def __init__(self, src: BinaryIO, cancel: threading.Event | None, on_read: Callable[[int], None]) -> None:
        self.src = src
        self.cancel = cancel
        self.on_read = on_read

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self.cancel is not None and self.cancel.is_set():
            raise EscalationError(
                "Building the bundle was cancelled.", "Nothing was sent.", code="escalation.build_cancelled"
            )
        data = self.src.read(size)
        self.on_read(len(data))
        return data


NameFn = Callable[[str], str]  # a device path as it may be named in the bundle (secrets redacted)


def _log_sources(logs_dir: Path, named: NameFn) -> list[_Source]:
    """Collected logs (regular files only; links are never followed); .gz are unpacked to be redacted."""
    sources = []
    for path in sorted(logs_dir.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        relative = named(path.relative_to(logs_dir).as_posix())
        if relative.endswith(".gz"):
            member = device_member(relative.removesuffix(".gz"))
            sources.append(_Source(member, path.stat().st_size, functools.partial(gzip.open, path, "rb")))
        else:
            sources.append(
                _Source(device_member(relative), path.stat().st_size, functools.partial(path.open, "rb"))
            )
    return sources


def _text_source(member: str, text: str) -> _Source:
    data = text.encode("utf-8")
    return _Source(member, len(data), lambda: io.BytesIO(data))


def _unique(sources: list[_Source]) -> list[_Source]:
    """Members named alike once their secrets were redacted stay apart: `…log`, `…log.2`, …"""
    seen: set[str] = set()
    out = []
    for source in sources:
        member, n = source.member, 1
        while member in seen:
            n += 1
            member = f"{source.member}.{n}"
        seen.add(member)
        out.append(dataclasses.replace(source, member=member))
    return out


def _plan(request: BundleRequest, created: str, named: NameFn) -> list[_Source]:
    texts = read_record_texts(request.record) if request.record else None
    meta = texts.meta if texts else {}
    findings = findings_from_raw(request.raw_dir) or (texts.findings if texts else [])
    device = dict(request.device or meta.get("device", {}))
    summary = summary_markdown(
        ticket=request.ticket,
        device=device,
        technician=request.technician or str(meta.get("technician", "")),
        created=created,
        original=request.summary or (texts.summary if texts else ""),
        original_language=request.summary_language,
        translation=request.summary_translation,
        hq_language=request.hq_language,
        findings=findings,
    )
    sources = [
        _text_source("summary.md", summary),
        _text_source("findings.json", json.dumps(findings, ensure_ascii=False, indent=2) + "\n"),
    ]
    if texts:
        sources += [_text_source("terminal.txt", texts.terminal), _text_source("chat.txt", texts.chat)]
    if request.raw_dir and request.raw_dir.is_dir():
        for path in sorted(request.raw_dir.glob("*.out")):
            if path.is_file() and not path.is_symlink():
                member = device_member(named(path.name), "diagnostics/raw")
                sources.append(_Source(member, path.stat().st_size, functools.partial(path.open, "rb")))
    if request.logs_dir and request.logs_dir.is_dir():
        sources += _log_sources(request.logs_dir, named)
    return _unique(sources)


class StagedBundle:
    """A bundle being built: `stage()` redacts into a private folder, `preview()`, then `pack()`.

    Use as a context manager (or call `close()`): the staging folder is removed at the end.
    """

    def __init__(self, request: BundleRequest, redactor: Redactor | None = None, workdir: Path | None = None):
        self.request = request
        self.redactor = redactor or Redactor.for_this_console()
        self.created = utc_now()
        self.folder = Path(tempfile.mkdtemp(prefix="vz-bundle-", dir=workdir))
        self.staged: list[StagedFile] = []
        meta = read_record_texts(request.record).meta if request.record else {}
        self.device = dict(request.device or meta.get("device", {}))
        self.technician = request.technician or str(meta.get("technician", ""))
        self.session_id = str(meta.get("session_id", ""))
        # A file's name is redacted like its contents (a password in a log's name), before its symbols
        # are made safe: "Lobby_Pw_2291" would still show it.
        self._sources = _plan(request, self.created, lambda name: self.redactor.redact(name).text)

    def __enter__(self) -> StagedBundle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def bundle_id(self) -> str:
        return self.request.bundle_id

    def stage_iter(
        self, on_progress: Progress | None = None, cancel: threading.Event | None = None
    ) -> Iterator[StagedFile]:
        """Redact each source into the staging folder, yielding each file as soon as it is complete."""
        total = sum(s.size for s in self._sources)
        done = 0

        def read(n: int) -> None:
            nonlocal done
            done += n
            if on_progress is not None and n:
                on_progress(BuildProgress("redacting", len(self.staged), len(self._sources), done, total))

        for index, source in enumerate(self._sources):
            path = self.folder / f"{index:05d}"
            with os.fdopen(create_new(path), "wb") as sink, source.open() as src:
                writer = _HashingWriter(sink)
                reader = cast(BinaryIO, _Cancellable(src, cancel, read))
                counts = self.redactor.redact_stream(reader, cast(BinaryIO, writer), chunk_size=CHUNK)
            entry = FileEntry(source.member, writer.size, writer.digest.hexdigest(), counts)
            staged = StagedFile(entry, source.size, path)
            self.staged.append(staged)
            yield staged

    def stage(self, on_progress: Progress | None = None, cancel: threading.Event | None = None) -> Preview:
        """Redact everything (CPU-heavy: run it in a worker) and return the preview."""
        for _ in self.stage_iter(on_progress, cancel):
            pass
        return self.preview()

    def preview(self) -> Preview:
        files = tuple(
            PreviewFile(s.entry.path, s.entry.size, s.original_size, s.entry.redactions) for s in self.staged
        )
        return Preview(
            self.bundle_id, files, _totals(s.entry.redactions for s in self.staged), self.request.notes
        )

    def pack(
        self,
        out: Path,
        consent: Consent,
        *,
        staged: Iterable[StagedFile] | None = None,
        on_progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> BuiltBundle:
        """Write the .tar.gz at *out* (atomically: `.part`, then rename) from the staged files."""
        if not consent.agreed:
            raise EscalationError(
                "A bundle is only packed with the customer's consent.",
                "Ask for it first.",
                code="escalation.no_consent",
            )
        part = out.with_name(out.name + ".part")
        part.unlink(missing_ok=True)
        entries: list[FileEntry] = []
        with open(part, "wb") as raw:
            hasher = _HashingWriter(raw)  # type: ignore[arg-type]
            gz = gzip.GzipFile(fileobj=hasher, mode="wb", compresslevel=COMPRESS_LEVEL, mtime=0)  # type: ignore[arg-type]
            with (
                gz,
                tarfile.TarFile(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT, copybufsize=CHUNK) as tar,
            ):
                for item in list(self.staged) if staged is None else staged:
                    if cancel is not None and cancel.is_set():
                        raise EscalationError(
                            "Building the bundle was cancelled.",
                            "Nothing was sent.",
                            code="escalation.build_cancelled",
                        )
                    with item.path.open("rb") as fh:
                        tar.addfile(_info(item.entry.path, item.entry.size), fh)
                    entries.append(item.entry)
                    if on_progress is not None:
                        done = sum(e.size for e in entries)
                        on_progress(BuildProgress("packing", len(entries), len(self._sources), done, done))
                entries.append(_add_bytes(tar, CONSENT, consent.to_bytes()))
                manifest = self._manifest(entries)
                _add_bytes(tar, MANIFEST, manifest.to_bytes())
        os.replace(part, out)
        return BuiltBundle(out, self.bundle_id, hasher.size, hasher.digest.hexdigest(), manifest)

    def _manifest(self, entries: list[FileEntry]) -> Manifest:
        return Manifest(
            bundle_id=self.bundle_id,
            ticket=self.request.ticket,
            device=self.device,
            technician=self.technician,
            created=self.created,
            files=tuple(entries),
            redactions=_totals(e.redactions for e in entries),
            hq_language=self.request.hq_language,
            session_id=self.session_id,
            notes=self.request.notes,
        )


def _totals(counts: Iterable[Mapping[str, int]]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for item in counts:
        total.update(item)
    return dict(sorted(total.items()))


def _info(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o644
    info.mtime = int(time.time())
    return info


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> FileEntry:
    tar.addfile(_info(name, len(data)), io.BytesIO(data))
    return FileEntry(name, len(data), hashlib.sha256(data).hexdigest())


def build_bundle(
    request: BundleRequest,
    out: Path,
    consent: Consent,
    *,
    redactor: Redactor | None = None,
    on_progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> BuiltBundle:
    """Stage and pack in one go, redacting the next file while the last one is compressed (two threads).

    For when consent was given before the preview (the CLI with --consent-by, the benchmark).
    """
    handoff: queue.Queue[StagedFile | BaseException | None] = queue.Queue(maxsize=4)
    stop = _EitherEvent(cancel)
    with StagedBundle(request, redactor) as staged:

        def produce() -> None:
            try:
                for item in staged.stage_iter(on_progress, stop):
                    handoff.put(item)
                handoff.put(None)
            except BaseException as exc:  # handed to the packing thread, which re-raises it
                handoff.put(exc)

        def consume() -> Iterator[StagedFile]:
            while (item := handoff.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                yield item

        worker = threading.Thread(target=produce, name="bundle-redact", daemon=True)
        worker.start()
        try:
            return staged.pack(out, consent, staged=consume(), on_progress=on_progress, cancel=cancel)
        finally:
            stop.set()
            while worker.is_alive():  # unblock a producer waiting on a full queue
                with contextlib.suppress(queue.Empty):
                    handoff.get(timeout=0.05)
            worker.join()


class _EitherEvent(threading.Event):
    """Set when it is set itself or when the caller's cancel event is."""

    def __init__(self, outer: threading.Event | None) -> None:
        super().__init__()
        self.outer = outer

    def is_set(self) -> bool:
        return super().is_set() or (self.outer is not None and self.outer.is_set())
