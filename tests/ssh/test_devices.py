"""The device book: CRUD, unique names, keyring clean-up, migration from schema 1."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sessions import secrets
from sessions.devices import SCHEMA_VERSION, Device, DeviceBook
from sessions.errors import DeviceBookError, DeviceNameTakenError
from sessions.paths import app_dirs
from sessions.ssh.target import Target, local_user


def test_crud(vz_home: Path) -> None:
    book = DeviceBook()
    assert book.path == app_dirs().devices_db
    nas = book.add("Acme NAS", "nas.acme.example", 2222, "admin", "qnap-qts", "rack 3", Path("/keys/acme"))
    pi = book.add("lab pi", "192.0.2.7")
    assert [d.name for d in book.list()] == ["Acme NAS", "lab pi"]
    assert book.get(nas.id) == nas
    assert book.find("acme nas") == nas
    assert nas.target() == Target("nas.acme.example", 2222, "admin", Path("/keys/acme"))
    assert pi.target() == Target("192.0.2.7", 22, local_user(), None)

    moved = book.update(Device(pi.id, "lab pi", "192.0.2.8", 22, "pi", notes="moved"))
    assert book.get(pi.id) == moved and moved.host == "192.0.2.8"

    book.remove(pi.id)
    assert book.find("lab pi") is None
    with pytest.raises(DeviceBookError, match="no device"):
        book.get(pi.id)
    assert [d.name for d in DeviceBook().list()] == ["Acme NAS"]  # persisted


def test_names_are_unique(vz_home: Path) -> None:
    book = DeviceBook()
    first = book.add("NAS", "a.example")
    other = book.add("Router", "b.example")
    with pytest.raises(DeviceNameTakenError, match="'nas' is already"):
        book.add("nas", "c.example")
    with pytest.raises(DeviceNameTakenError):
        book.update(Device(other.id, "NAS", "b.example"))
    assert book.get(first.id).host == "a.example"


@pytest.mark.parametrize(
    ("name", "host", "port"), [("", "h", 22), ("x", "", 22), ("x", "a b", 22), ("x", "h", 0)]
)
def test_bad_values(vz_home: Path, name: str, host: str, port: int) -> None:
    with pytest.raises(DeviceBookError):
        DeviceBook().add(name, host, port)


def test_no_secret_columns_and_keyring_follows(vz_home: Path) -> None:
    book = DeviceBook()
    nas = book.add("NAS", "nas.example", 22, "admin")
    secrets.store("password", "admin@nas.example:22", "s3cret")
    book.update(Device(nas.id, "NAS", "nas.example", 2200, "admin"))
    assert secrets.load("password", "admin@nas.example:22") is None
    assert secrets.load("password", "admin@nas.example:2200") == "s3cret"
    book.remove(nas.id)
    assert secrets.load("password", "admin@nas.example:2200") is None
    with sqlite3.connect(book.path) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(devices)")]
    assert not any(word in c for c in columns for word in ("password", "passphrase", "secret"))
    assert b"s3cret" not in book.path.read_bytes()


def test_migrates_a_version_1_book(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE devices (id INTEGER PRIMARY KEY AUTOINCREMENT,"
            " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
            " host TEXT NOT NULL, port INTEGER NOT NULL DEFAULT 22, user TEXT NOT NULL DEFAULT '',"
            " profile TEXT NOT NULL DEFAULT 'generic-linux', notes TEXT NOT NULL DEFAULT '');"
            "INSERT INTO devices (name, host, port, user) VALUES ('Old NAS', 'old.example', 22, 'root');"
            "PRAGMA user_version = 1;"
        )
    book = DeviceBook(path)
    [old] = book.list()
    assert (old.name, old.host, old.user, old.key_file) == ("Old NAS", "old.example", "root", None)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_refuses_a_newer_book(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(DeviceBookError, match="newer Valuezone"):
        DeviceBook(path)
