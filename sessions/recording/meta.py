"""session.json and the folder layout: who, which device, when, and where the record lives."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sessions.config import Settings
from sessions.paths import app_dirs
from sessions.recording.chain import FORMAT, VERSION, canonical
from sessions.recording.safeio import loads, read_small

SESSION_FILE = "session.json"
CAST_FILE = "terminal.cast"
EVENTS_FILE = "events.jsonl"
VIAS = ("direct", "code")
# Keys only the recorder writes; update_meta refuses them.
RESERVED_KEYS = frozenset(
    {"format", "version", "session_id", "technician", "device", "via", "started", "events", "terminal"}
)
_SECRET_WORDS = ("password", "passphrase", "secret", "token", "api_key", "private_key")


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    """The device a session reached. Never holds a password or key: those stay in the keyring."""

    name: str
    host: str
    port: int = 22
    user: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def slug(text: str, limit: int = 32) -> str:
    """A file-name-safe lower-case ASCII slug ('' when nothing usable is left, e.g. all Hangul)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:limit].strip("-")


def archive_root(settings: Settings | None = None) -> Path:
    """The archive folder: the ``recording.archive`` setting, or ``archive/`` in the data folder."""
    if settings is None:
        settings = Settings.load(app_dirs().settings_file)
    configured = settings.get("recording", "archive", "")
    return Path(configured).expanduser() if configured else app_dirs().archive


def record_folder(archive_root: Path, started: datetime, device: DeviceInfo, session_id: str) -> Path:
    """``ARCHIVE/YYYY/MM/DD/YYYYMMDDTHHMMSSZ-<device-slug>-<first 8 of session id>`` (dates in UTC)."""
    moment = started.astimezone(UTC)
    device_slug = slug(device.name) or slug(device.host) or "device"
    name = f"{moment:%Y%m%dT%H%M%SZ}-{device_slug}-{session_id[:8]}"
    return archive_root / f"{moment:%Y}" / f"{moment:%m}" / f"{moment:%d}" / name


def check_meta_fields(fields: dict[str, Any]) -> None:
    """Refuse reserved keys and keys that look like secrets (ValueError: a programming mistake)."""
    for key in fields:
        if key in RESERVED_KEYS:
            raise ValueError(f"session.json key {key!r} is written by the recorder itself")
        if any(word in key.lower() for word in _SECRET_WORDS):
            raise ValueError(f"refusing to write {key!r} to session.json: secrets never go into a record")


def new_meta(
    *,
    session_id: str,
    technician: str,
    device: DeviceInfo,
    via: str,
    started: str,
    title: str,
    cols: int,
    rows: int,
    genesis_hash: str,
) -> dict[str, Any]:
    """The session.json of a record that has just started (no events yet)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "session_id": session_id,
        "technician": technician,
        "device": device.to_json(),
        "via": via,
        "title": title,
        "terminal": {"cols": cols, "rows": rows},
        "started": started,
        "ended": None,
        "duration": None,
        "outcome": None,
        "survey_score": None,
        "events": {"count": 0, "last_hash": genesis_hash},
        "recording": {"suspensions": 0, "dropped_events": 0, "dropped_output_bytes": 0},
    }


def write_meta(folder: Path, meta: dict[str, Any]) -> None:
    """Rewrite session.json atomically: a temporary file, fsync-free, then rename over the old one."""
    tmp = folder / f".{SESSION_FILE}.tmp"
    data = canonical(meta) + b"\n"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
    os.replace(tmp, folder / SESSION_FILE)


def read_meta(folder: Path) -> dict[str, Any]:
    """session.json as a dict; OSError or ValueError when it is missing or not a JSON object.

    RecordError when it is not a plain file (a link, folder or pipe) or too large to be one.
    """
    data = loads(read_small(folder / SESSION_FILE).removesuffix(b"\n"))
    if not isinstance(data, dict):
        raise ValueError("session.json is not a JSON object")
    return data
