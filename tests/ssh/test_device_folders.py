"""Device folders and search in the book: schema 3 migration, nested folders, rename, remove, filter."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sessions.devices import SCHEMA_VERSION, Device, DeviceBook, folder_path, matches
from sessions.errors import DeviceBookError


def test_a_version_2_book_gains_folders_and_keeps_its_devices(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE devices (id INTEGER PRIMARY KEY AUTOINCREMENT,"
            " name TEXT NOT NULL UNIQUE COLLATE NOCASE, host TEXT NOT NULL,"
            " port INTEGER NOT NULL DEFAULT 22 CHECK (port BETWEEN 1 AND 65535),"
            " user TEXT NOT NULL DEFAULT '', profile TEXT NOT NULL DEFAULT 'auto',"
            " notes TEXT NOT NULL DEFAULT '', key_file TEXT);"
            "INSERT INTO devices (name, host, port, user, key_file)"
            " VALUES ('Old NAS', 'old.example', 22, 'root', '/keys/old');"
            "PRAGMA user_version = 2;"
        )
    book = DeviceBook(path)
    [old] = book.list()
    assert (old.name, old.key_file, old.folder) == ("Old NAS", Path("/keys/old"), "")
    assert SCHEMA_VERSION == 3
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 3
    moved = book.move(old.id, " Acme / Building 2 ")
    assert moved.folder == "Acme/Building 2"
    assert DeviceBook(path).get(old.id).folder == "Acme/Building 2"


def test_folders_nest_rename_and_remove(vz_home: Path) -> None:
    book = DeviceBook()
    nas = book.add("NAS", "nas.example", folder="Acme/HQ")
    pi = book.add("pi", "pi.example", folder="Lab")
    book.add("loose", "loose.example")
    book.add_folder("Beta corp")
    book.add_folder("acme/hq")  # the same folder, in other case: kept once
    assert book.folders() == ["Acme", "Acme/HQ", "Beta corp", "Lab"]

    book.rename_folder("acme", "Customers/Acme")  # case-insensitive; what is inside moves along
    assert book.get(nas.id).folder == "Customers/Acme/HQ"
    assert book.folders() == ["Beta corp", "Customers", "Customers/Acme", "Customers/Acme/HQ", "Lab"]

    book.remove_folder("Customers/Acme")  # its devices and folders move up one level
    assert book.get(nas.id).folder == "Customers/HQ"
    book.remove_folder("Lab")
    assert book.get(pi.id).folder == ""
    book.remove_folder("Beta corp")
    assert book.folders() == ["Customers", "Customers/HQ"]
    assert book.update(Device(pi.id, "pi", "pi.example", folder="x//y/")).folder == "x/y"


@pytest.mark.parametrize("bad", ["", "  ", "/"])
def test_a_folder_needs_a_name(vz_home: Path, bad: str) -> None:
    with pytest.raises(DeviceBookError, match="needs a name"):
        DeviceBook().add_folder(bad)


def test_a_folder_name_with_a_control_character_is_refused(vz_home: Path) -> None:
    with pytest.raises(DeviceBookError, match="control character"):
        DeviceBook().add("NAS", "nas.example", folder="Acme\x1b[2J")
    assert folder_path("a\\b") == "a/b"


def test_search_matches_every_word_over_name_host_user_notes_and_folder() -> None:
    device = Device(
        1, "Acme NAS", "10.0.0.5", 2222, "admin", notes="RAID 5, 4 × 8 TB", folder="Customers/Acme"
    )
    assert matches(device, "")
    assert matches(device, "acme")
    assert matches(device, "customers raid")
    assert matches(device, "10.0.0")
    assert matches(device, "ADMIN 2222")
    assert not matches(device, "acme zfs")
