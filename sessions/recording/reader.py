"""Reading records back: cast entries, events and session.json, for review, search and bundles."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sessions.errors import RecordError
from sessions.recording.meta import CAST_FILE, EVENTS_FILE, SESSION_FILE, read_meta
from sessions.recording.plaintext import TextExtractor
from sessions.recording.safeio import BadJSON, loads, read_lines

__all__ = ["CastEntry", "Record", "iter_records", "open_record", "read_lines", "terminal_text"]


@dataclass(frozen=True, slots=True)
class CastEntry:
    """One terminal.cast line after the header: ``t`` seconds, ``code`` o/r/m, ``data`` text."""

    t: float
    code: str
    data: str


class Record:
    """A record folder opened for reading. Lenient where verify is strict: a torn last line is skipped."""

    def __init__(self, folder: Path, meta: dict[str, Any]) -> None:
        self.folder = folder
        self.meta = meta

    @property
    def session_id(self) -> str:
        return str(self.meta.get("session_id", ""))

    def header(self) -> dict[str, Any]:
        """The asciicast v2 header (first line of terminal.cast)."""
        for number, raw, _complete in read_lines(self.folder / CAST_FILE):
            value = self._parse(CAST_FILE, number, raw, last_may_tear=False)
            if not isinstance(value, dict):
                raise RecordError(
                    "The cast header is not a JSON object.",
                    file=CAST_FILE,
                    line=1,
                    code="record.cast_header_invalid",
                )
            return value
        raise RecordError(
            "terminal.cast is empty.",
            "Run `valuezone verify` on the folder.",
            file=CAST_FILE,
            code="record.cast_empty",
        )

    def cast_entries(self) -> Iterator[CastEntry]:
        """Every output (o), resize (r) and marker (m) entry in time order."""
        for number, raw, complete in read_lines(self.folder / CAST_FILE):
            if number == 1:
                continue
            value = self._parse(CAST_FILE, number, raw, last_may_tear=not complete)
            if value is None:
                return
            if not isinstance(value, list) or len(value) != 3 or not isinstance(value[0], int | float):
                raise RecordError(
                    f"terminal.cast line {number} is not a [time, code, data] entry.",
                    "Run `valuezone verify` on the record folder to see whether it was altered.",
                    file=CAST_FILE,
                    line=number,
                    code="record.cast_line_invalid",
                    params={"number": number},
                )
            t, code, data = value
            yield CastEntry(float(t), str(code), str(data))

    def events(self, prefix: str = "") -> Iterator[dict[str, Any]]:
        """Every event whose type is *prefix* or starts with *prefix* + '.' (all events when '')."""
        for number, raw, complete in read_lines(self.folder / EVENTS_FILE):
            value = self._parse(EVENTS_FILE, number, raw, last_may_tear=not complete)
            if value is None:
                return
            if not isinstance(value, dict):
                raise RecordError(
                    f"events.jsonl line {number} is not a JSON object.",
                    "Run `valuezone verify` on the record folder to see whether it was altered.",
                    file=EVENTS_FILE,
                    line=number,
                    code="record.events_line_invalid",
                    params={"number": number},
                )
            kind = value.get("type", "")
            kind = kind if isinstance(kind, str) else ""
            if not prefix or kind == prefix or kind.startswith(prefix + "."):
                yield value

    def terminal_chunks(self) -> Iterator[tuple[float, str]]:
        """(t, plain text) for the output, escape codes stripped, in whole lines: for a search index."""
        extractor = TextExtractor()
        last_t = 0.0
        for entry in self.cast_entries():
            if entry.code != "o":
                continue
            last_t = entry.t
            text = extractor.feed(entry.data)
            if text:
                yield entry.t, text
        tail = extractor.flush()
        if tail:
            yield last_t, tail

    def terminal_text(self) -> str:
        return "".join(text for _t, text in self.terminal_chunks())

    @staticmethod
    def _parse(name: str, number: int, raw: bytes, *, last_may_tear: bool) -> Any:
        try:
            return loads(raw)
        except BadJSON as exc:
            if last_may_tear:
                return None  # the recorder stopped mid-line; everything before it is good
            raise RecordError(
                f"{name} line {number} is not valid JSON ({exc}).",
                "Run `valuezone verify` on the record folder to see whether it was altered.",
                file=name,
                line=number,
                code="record.invalid_json",
                params={"name": name, "number": number, "exc": exc},
            ) from exc


def open_record(folder: Path) -> Record:
    """Open a record folder; RecordError when it is not one (no readable session.json)."""
    folder = Path(folder)
    try:
        meta = read_meta(folder)
    except FileNotFoundError as exc:
        raise RecordError(
            f"{folder} is not a Valuezone record: it has no {SESSION_FILE}.",
            "Pass the folder of one session (ARCHIVE/YYYY/MM/DD/<session>).",
            file=SESSION_FILE,
            code="record.not_a_record",
            params={"folder": folder, "file": SESSION_FILE},
        ) from exc
    except RecordError:
        raise
    except (OSError, ValueError) as exc:
        raise RecordError(
            f"{folder / SESSION_FILE} cannot be read ({exc}).",
            "Run `valuezone verify` on the record folder.",
            file=SESSION_FILE,
            code="record.unreadable",
            params={"folder": folder / SESSION_FILE, "exc": exc},
        ) from exc
    return Record(folder, meta)


def terminal_text(folder: Path) -> str:
    """All terminal output of a record as plain text (escape codes stripped, CR LF as LF)."""
    return open_record(folder).terminal_text()


def iter_records(archive_root: Path) -> Iterator[Path]:
    """Every record folder under an archive (ARCHIVE/YYYY/MM/DD/<record>), oldest first."""
    for meta in sorted(
        Path(archive_root).glob(f"[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*/{SESSION_FILE}")
    ):
        yield meta.parent  # session.json may be anything here (even a folder); verify judges it
