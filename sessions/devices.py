"""The device book: customers' devices in SQLite (no secrets; passwords live in the keyring)."""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from sessions import secrets, storage
from sessions.errors import DeviceBookError, DeviceNameTakenError
from sessions.paths import app_dirs
from sessions.ssh.auth import PASSWORD_KIND, password_name
from sessions.ssh.target import Target, local_user

DEFAULT_PROFILE = "auto"

# Each entry moves the schema from version N to N+1; never edit one that has shipped, append a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE devices (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        name    TEXT NOT NULL UNIQUE COLLATE NOCASE,
        host    TEXT NOT NULL,
        port    INTEGER NOT NULL DEFAULT 22 CHECK (port BETWEEN 1 AND 65535),
        user    TEXT NOT NULL DEFAULT '',
        profile TEXT NOT NULL DEFAULT 'auto',
        notes   TEXT NOT NULL DEFAULT ''
    );
    """,
    "ALTER TABLE devices ADD COLUMN key_file TEXT;",
    """
    ALTER TABLE devices ADD COLUMN folder TEXT NOT NULL DEFAULT '';
    CREATE TABLE folders (name TEXT PRIMARY KEY COLLATE NOCASE);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
_COLUMNS = "id, name, host, port, user, profile, notes, key_file, folder"


@dataclass(frozen=True, slots=True)
class Device:
    """One device in the book."""

    id: int
    name: str
    host: str
    port: int = 22
    user: str = ""
    profile: str = DEFAULT_PROFILE
    notes: str = ""
    key_file: Path | None = None
    folder: str = ""  # "" is the top level; "Acme/Building 2" is a folder inside a folder

    def target(self) -> Target:
        """Where to connect; an empty user means the local user name."""
        return Target(self.host, self.port, self.user or local_user(), self.key_file)


def _row_to_device(row: sqlite3.Row) -> Device:
    key_file = Path(row["key_file"]) if row["key_file"] else None
    return Device(
        row["id"],
        row["name"],
        row["host"],
        row["port"],
        row["user"],
        row["profile"],
        row["notes"],
        key_file,
        row["folder"],
    )


class DeviceBook:
    """CRUD over the devices table; the file and its folder are created on first use."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or app_dirs().devices_db
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            migrate(db)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        try:
            with closing(sqlite3.connect(self.path, timeout=5)) as db:
                db.row_factory = sqlite3.Row
                with db:
                    yield db
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as exc:
            raise DeviceBookError(
                f"The device book {self.path} cannot be used ({exc}).",
                "Close other Valuezone windows and check the disk; if the file is damaged, move it away.",
                code="devices.book_unusable",
                params={"path": self.path, "exc": exc},
            ) from exc

    def list(self) -> list[Device]:
        """All devices, by name."""
        with self._db() as db:
            rows = db.execute(f"SELECT {_COLUMNS} FROM devices ORDER BY name COLLATE NOCASE").fetchall()
        return [_row_to_device(row) for row in rows]

    def get(self, device_id: int) -> Device:
        with self._db() as db:
            row = db.execute(f"SELECT {_COLUMNS} FROM devices WHERE id = ?", (device_id,)).fetchone()
        if row is None:
            raise DeviceBookError(
                f"There is no device with id {device_id}.",
                "It may have been removed.",
                code="devices.unknown_id",
                params={"device_id": device_id},
            )
        return _row_to_device(row)

    def find(self, name: str) -> Device | None:
        """The device of that name (case-insensitive), or None."""
        with self._db() as db:
            row = db.execute(f"SELECT {_COLUMNS} FROM devices WHERE name = ?", (name.strip(),)).fetchone()
        return _row_to_device(row) if row else None

    def add(
        self,
        name: str,
        host: str,
        port: int = 22,
        user: str = "",
        profile: str = DEFAULT_PROFILE,
        notes: str = "",
        key_file: Path | None = None,
        folder: str = "",
    ) -> Device:
        """Add a device; DeviceNameTakenError when the name is in use."""
        device = _checked(
            Device(0, name.strip(), host.strip(), port, user.strip(), profile, notes, key_file, folder)
        )
        try:
            with self._db() as db:
                cursor = db.execute(
                    "INSERT INTO devices (name, host, port, user, profile, notes, key_file, folder)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    _values(device),
                )
        except sqlite3.IntegrityError as exc:
            raise _name_taken(device.name) from exc
        return replace(device, id=int(cursor.lastrowid or 0))

    def update(self, device: Device) -> Device:
        """Save changes to an existing device; the keyring entry follows a change of user, host or port."""
        device = _checked(replace(device, name=device.name.strip(), host=device.host.strip()))
        old = self.get(device.id)
        try:
            with self._db() as db:
                db.execute(
                    "UPDATE devices SET name = ?, host = ?, port = ?, user = ?, profile = ?, notes = ?,"
                    " key_file = ?, folder = ? WHERE id = ?",
                    (*_values(device), device.id),
                )
        except sqlite3.IntegrityError as exc:
            raise _name_taken(device.name) from exc
        old_name, new_name = password_name(old.target()), password_name(device.target())
        if old_name != new_name:
            password = secrets.load(PASSWORD_KIND, old_name)
            secrets.delete(PASSWORD_KIND, old_name)
            if password is not None:
                secrets.store(PASSWORD_KIND, new_name, password)
        return device

    def remove(self, device_id: int) -> None:
        """Remove the device and forget its saved password."""
        device = self.get(device_id)
        with self._db() as db:
            db.execute("DELETE FROM devices WHERE id = ?", (device_id,))
        secrets.delete(PASSWORD_KIND, password_name(device.target()))

    # --- folders ----------------------------------------------------------------------------------------
    def folders(self) -> builtins.list[str]:
        """Every folder: those made empty, those devices are in, and the folders around them, sorted."""
        with self._db() as db:
            named = [row[0] for row in db.execute("SELECT name FROM folders")]
            used = [row[0] for row in db.execute("SELECT DISTINCT folder FROM devices WHERE folder != ''")]
        found: dict[str, str] = {}
        for folder in used + named:  # a device's spelling first
            parts = folder.split("/")
            for depth in range(1, len(parts) + 1):
                path = "/".join(parts[:depth])
                found.setdefault(path.casefold(), path)
        return sorted(found.values(), key=lambda f: [part.casefold() for part in f.split("/")])

    def add_folder(self, name: str) -> str:
        """Keep a folder even while no device is in it; returns its cleaned path."""
        folder = folder_path(name)
        if not folder:
            raise DeviceBookError(
                "A folder needs a name.",
                "Type a name, e.g. Acme or Acme/Building 2.",
                code="devices.folder_missing",
            )
        known = {f.casefold(): f for f in self.folders()}
        if folder.casefold() in known:
            return known[folder.casefold()]
        with self._db() as db:
            db.execute("INSERT OR IGNORE INTO folders (name) VALUES (?)", (folder,))
        return folder

    def move(self, device_id: int, folder: str) -> Device:
        """Put the device into *folder* ("" for the top level)."""
        return self.update(replace(self.get(device_id), folder=folder))

    def rename_folder(self, old: str, new: str) -> str:
        """Rename *old* to *new* (a move when *new* is elsewhere); what is inside moves with it."""
        old, new = folder_path(old), folder_path(new)
        if not old or not new:
            raise DeviceBookError(
                "A folder needs a name.",
                "Type a name, e.g. Acme or Acme/Building 2.",
                code="devices.folder_missing",
            )
        self._refolder(old, new)
        return new

    def remove_folder(self, name: str) -> None:
        """Remove a folder; the devices and folders in it move up one level."""
        folder = folder_path(name)
        if folder:
            self._refolder(folder, folder.rpartition("/")[0])

    def _refolder(self, old: str, new: str) -> None:
        """Every folder path at or under *old* rewritten to start with *new* ("" = the top level)."""

        def change(folder: str) -> str:
            key, prefix = folder.casefold(), old.casefold()
            inside = key == prefix or key.startswith(prefix + "/")
            return folder_path(new + "/" + folder[len(old) :]) if inside else folder

        with self._db() as db:
            for row in db.execute("SELECT id, folder FROM devices WHERE folder != ''").fetchall():
                if (moved := change(row["folder"])) != row["folder"]:
                    db.execute("UPDATE devices SET folder = ? WHERE id = ?", (moved, row["id"]))
            kept = [change(row[0]) for row in db.execute("SELECT name FROM folders").fetchall()]
            db.execute("DELETE FROM folders")
            db.executemany("INSERT OR IGNORE INTO folders (name) VALUES (?)", [(f,) for f in kept if f])


def folder_path(text: str) -> str:
    """A folder as the book keeps it: parts separated by "/", each stripped, empty parts dropped."""
    parts = [part.strip() for part in text.replace("\\", "/").split("/")]
    if any(not part.isprintable() for part in parts):
        raise DeviceBookError(
            f"The folder name {text!r} holds a control character.",
            "Type the folder name again without it.",
            code="devices.bad_folder",
            params={"text": text},
        )
    return "/".join(part for part in parts if part)


def matches(device: Device, query: str) -> bool:
    """Whether every word of *query* occurs (case-insensitive) in the device's name, host, user, notes or
    folder: what the Devices dock's search box filters by as you type."""
    haystack = " ".join(
        (device.name, device.host, device.user, device.notes, device.folder, str(device.port))
    ).casefold()
    return all(word in haystack for word in query.casefold().split())


def _values(device: Device) -> tuple[object, ...]:
    key_file = str(device.key_file) if device.key_file else None
    return (
        device.name,
        device.host,
        device.port,
        device.user,
        device.profile,
        device.notes,
        key_file,
        device.folder,
    )


def _checked(device: Device) -> Device:
    if not device.name:
        raise DeviceBookError(
            "A device needs a name.",
            "Type a name the team will recognise, e.g. Acme NAS.",
            code="devices.name_missing",
        )
    if not device.host or any(c.isspace() for c in device.host):
        raise DeviceBookError(
            f"'{device.host}' is not a host name or address.",
            "Type a name like nas.local or 192.0.2.10.",
            code="devices.bad_host",
            params={"host": device.host},
        )
    if not 0 < device.port < 65536:
        raise DeviceBookError(
            f"Port {device.port} is not valid.",
            "Use a port from 1 to 65535 (SSH: 22).",
            code="devices.bad_port",
            params={"port": device.port},
        )
    return replace(device, folder=folder_path(device.folder))


def _name_taken(name: str) -> DeviceNameTakenError:
    return DeviceNameTakenError(
        f"A device named '{name}' is already in the book.",
        "Choose another name, or edit that device.",
        params={"name": name},
    )


def migrate(db: sqlite3.Connection) -> int:
    """Bring *db* to SCHEMA_VERSION, applying the missing migrations in order; returns the version."""

    def too_new(version: int) -> DeviceBookError:
        return DeviceBookError(
            f"The device book was written by a newer Valuezone (schema {version}, this one knows "
            f"{SCHEMA_VERSION}).",
            "Update Valuezone, or use the newer version on this computer.",
            code="devices.book_too_new",
            params={"version": version, "supported": SCHEMA_VERSION},
        )

    return storage.migrate(db, MIGRATIONS[:SCHEMA_VERSION], too_new=too_new)
