"""A bundle's values: what is asked for, what is previewed and consented to, progress, the result."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sessions.escalation.manifest import Manifest, new_bundle_id


@dataclass(frozen=True, slots=True)
class BundleRequest:
    """Everything a bundle is built from. Texts here are originals; redaction happens while staging."""

    record: Path | None = None
    ticket: str = ""
    technician: str = ""
    device: Mapping[str, Any] = field(default_factory=dict)
    summary: str = ""
    summary_language: str = ""
    summary_translation: str | None = None
    hq_language: str = ""
    logs_dir: Path | None = None
    raw_dir: Path | None = None
    notes: tuple[str, ...] = ()
    bundle_id: str = field(default_factory=new_bundle_id)


@dataclass(frozen=True, slots=True)
class PreviewFile:
    """One file as it will be sent: redacted size, size before redaction, redactions by rule."""

    path: str
    size: int
    original_size: int
    redactions: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Preview:
    """What the technician and the customer are shown before anything leaves the computer."""

    bundle_id: str
    files: tuple[PreviewFile, ...]
    redactions: Mapping[str, int]
    notes: tuple[str, ...] = ()

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)


@dataclass(frozen=True, slots=True)
class BuildProgress:
    """Pushed to the progress callback: `phase` is "redacting" or "packing"."""

    phase: str
    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int


@dataclass(frozen=True, slots=True)
class BuiltBundle:
    """A finished bundle file: its id, size and SHA-256 (the outbox and HQ check these)."""

    path: Path
    bundle_id: str
    size: int
    sha256: str
    manifest: Manifest
