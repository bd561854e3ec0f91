"""Session records: terminal.cast, events.jsonl (hash-chained) and session.json; see docs/record-format.md."""

from sessions.recording.appender import append_event, update_record_meta
from sessions.recording.chain import canonical, genesis, line_hash
from sessions.recording.meta import DeviceInfo, archive_root, record_folder
from sessions.recording.plaintext import TextExtractor, strip_escapes
from sessions.recording.reader import CastEntry, Record, iter_records, open_record, terminal_text
from sessions.recording.verify import Anchor, VerifyReport, verify
from sessions.recording.writer import Recorder

__all__ = [
    "Anchor",
    "CastEntry",
    "DeviceInfo",
    "Record",
    "Recorder",
    "TextExtractor",
    "VerifyReport",
    "append_event",
    "archive_root",
    "canonical",
    "genesis",
    "iter_records",
    "line_hash",
    "open_record",
    "record_folder",
    "strip_escapes",
    "terminal_text",
    "update_record_meta",
    "verify",
]
