"""The translation cache: SQLite keyed by provider, source, target and the (masked) text.

Only masked text is stored, so a secret that was kept out of a request is kept out of the cache too.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path

from sessions import storage
from sessions.errors import ConfigError
from sessions.paths import app_dirs

SCHEMA_VERSION = 1
CACHE_FILE = "translation-cache.sqlite3"

_MIGRATIONS = {
    1: """
    CREATE TABLE translations (
        provider TEXT NOT NULL,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        text TEXT NOT NULL,
        translation TEXT NOT NULL,
        created REAL NOT NULL,
        PRIMARY KEY (provider, source, target, text)
    ) WITHOUT ROWID;
    """,
}


def default_path() -> Path:
    """The cache file in the data folder (app_dirs().data)."""
    return app_dirs().data / CACHE_FILE


def _make_folder(folder: Path) -> None:
    """Make the cache's folder when missing; a file in its way or a folder we may not write: ConfigError."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(
            f"The folder for the translation cache {folder} cannot be made ({exc.strerror or exc}).",
            "Move away what is in its way or let this user write there (or set VALUEZONE_HOME to a folder "
            "you own), or turn the cache off: Tools ▸ Settings ▸ Translation, untick “Keep translations "
            "in a local cache”; on the command line, `valuezone translate --no-cache`.",
            code="translation.cache_folder_unusable",
            params={"folder": folder, "strerror": exc.strerror or exc},
        ) from exc


_DAMAGED = {"SQLITE_NOTADB", "SQLITE_CORRUPT"}


def _file_denied(path: Path) -> ConfigError | None:
    """A cache file this user may not read or write (SQLite opens a read-only one, then fails a write)."""
    if not path.is_file() or os.access(path, os.R_OK | os.W_OK):
        return None
    return ConfigError(
        f"This user may not read or write the translation cache {path}.",
        "Give this user read and write permission on the file (it may belong to another user, or have "
        "been made by `sudo valuezone`), or set VALUEZONE_HOME to a folder you own, or turn the cache "
        "off: Tools ▸ Settings ▸ Translation, untick “Keep translations in a local cache”; on the command "
        "line, `valuezone translate --no-cache`.",
        code="translation.cache_file_denied",
        params={"path": path},
    )


def _unopenable(path: Path, exc: sqlite3.DatabaseError) -> ConfigError:
    """Why SQLite could not open or write the cache, as the error a person can act on.

    Permission is asked of the file system (os.access) rather than read from SQLite's words: a file this user
    may not read or write, then a folder it may not write in (SQLite writes its journal beside the file);
    only a file SQLite calls not a database or corrupt is the one to delete.
    """
    denied = _file_denied(path)
    if denied is not None:
        return denied
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return ConfigError(
            f"This user may not write in the folder {folder}, where the translation cache {path} "
            "keeps its file and journal.",
            "Let this user write in that folder, or set VALUEZONE_HOME to a folder you own, or turn the "
            "cache off: Tools ▸ Settings ▸ Translation, untick “Keep translations in a local cache”; on "
            "the command line, `valuezone translate --no-cache`.",
            code="translation.cache_folder_readonly",
            params={"folder": folder, "path": path},
        )
    if getattr(exc, "sqlite_errorname", "") in _DAMAGED:
        return ConfigError(
            f"The translation cache {path} is damaged or not a translation cache ({exc}).",
            "Delete the file: it only holds translations that can be fetched again.",
            code="translation.cache_damaged",
            params={"path": path, "exc": exc},
        )
    return ConfigError(
        f"The translation cache {path} cannot be opened ({exc}).",
        "Check that it is a file, not a folder, and that its disk has room and is not failing; or turn "
        "the cache off: Tools ▸ Settings ▸ Translation, untick “Keep translations in a local cache”; on "
        "the command line, `valuezone translate --no-cache`.",
        code="translation.cache_unopenable",
        params={"path": path, "exc": exc},
    )


class TranslationCache:
    """A thread-safe SQLite cache; a hit is one primary-key lookup."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        _make_folder(self.path.parent)
        self._lock = threading.Lock()
        denied = _file_denied(self.path)
        if denied is not None:
            raise denied
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise _unopenable(self.path, exc) from exc

    def _migrate(self) -> None:
        def too_new(version: int) -> ConfigError:
            return ConfigError(
                f"The translation cache {self.path} was written by a newer Valuezone (schema {version}).",
                "Delete the file: it only holds translations that can be fetched again.",
                code="translation.cache_too_new",
                params={"path": self.path, "version": version},
            )

        steps = [_MIGRATIONS[step] for step in range(1, SCHEMA_VERSION + 1)]
        storage.migrate(self._db, steps, too_new=too_new)

    def get(self, provider: str, source: str, target: str, text: str) -> str | None:
        with self._lock:
            row = self._db.execute(
                "SELECT translation FROM translations WHERE provider=? AND source=? AND target=? AND text=?",
                (provider, source, target, text),
            ).fetchone()
        return None if row is None else str(row[0])

    def put(self, provider: str, source: str, target: str, text: str, translation: str) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?, ?)",
                (provider, source, target, text, translation, time.time()),
            )

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM translations").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()
