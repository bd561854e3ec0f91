"""A translation cache that cannot be opened says why: a damaged file, a file this user may not read or write,
or a folder this user may not write — each with what to do, and "delete the file" only where that is the cure.

The permission cases run in a subprocess where permission bits apply (tests/unprivileged.py): as root they
would not stop anything.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from sessions.errors import ConfigError
from tests.unprivileged import run_python, shared_folder, way
from translation.cache import TranslationCache

# Opens the cache at argv[1] and prints what happened as one JSON line.
OPEN = """
import json, sys
from pathlib import Path
from sessions.errors import ConfigError
from translation.cache import TranslationCache
try:
    cache = TranslationCache(Path(sys.argv[1]))
    cache.put("libre", "en", "ko", "hi", "annyeong")
    print(json.dumps({"ok": cache.get("libre", "en", "ko", "hi")}))
except ConfigError as error:
    print(json.dumps({"code": error.code, "text": str(error), "hint": error.hint,
                      "params": {k: str(v) for k, v in error.params.items()}}))
"""


@pytest.fixture
def place() -> Iterator[Path]:
    found = way()
    if isinstance(found, str):
        pytest.skip(found)
    with shared_folder() as folder:
        yield folder


def _open_unprivileged(path: Path) -> dict[str, object]:
    done = run_python(OPEN, str(path))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _a_cache(folder: Path) -> Path:
    """A real, good cache file with one translation in it (made as root, then handed over by mode bits)."""
    folder.mkdir(mode=0o777, exist_ok=True)
    folder.chmod(0o777)
    path = folder / "translation-cache.sqlite3"
    cache = TranslationCache(path)
    cache.put("libre", "en", "ko", "bye", "annyeong")
    cache.close()
    for extra in [*folder.glob("*-wal"), *folder.glob("*-shm")]:
        extra.unlink()
    path.chmod(0o666)
    return path


def test_the_unprivileged_run_opens_a_usable_cache(place: Path) -> None:
    """The control: the same run in a folder it may write works, so a refusal below is the permission's."""
    assert _open_unprivileged(_a_cache(place / "data")) == {"ok": "annyeong"}
    assert _open_unprivileged(place / "data" / "new.sqlite3") == {"ok": "annyeong"}


def test_a_file_this_user_may_not_read(place: Path) -> None:
    path = _a_cache(place / "data")
    path.chmod(0o000)
    result = _open_unprivileged(path)
    assert result["code"] == "translation.cache_file_denied", result
    assert str(result["text"]).startswith(f"This user may not read or write the translation cache {path}")
    hint = str(result["hint"])
    assert "permission" in hint and "--no-cache" in hint, hint
    assert "Delete the file" not in hint
    path.chmod(0o644)
    assert sqlite3.connect(path).execute("SELECT count(*) FROM translations").fetchone() == (1,)


def test_a_file_this_user_may_read_but_not_write(place: Path) -> None:
    path = _a_cache(place / "data")
    path.chmod(0o444)
    result = _open_unprivileged(path)
    assert result["code"] == "translation.cache_file_denied", result
    assert result["params"] == {"path": str(path)}


@pytest.mark.parametrize("existing", [True, False], ids=["file there", "no file yet"])
def test_a_folder_this_user_may_not_write(place: Path, existing: bool) -> None:
    folder = place / "data"
    path = _a_cache(folder) if existing else folder / "translation-cache.sqlite3"
    folder.mkdir(exist_ok=True)
    folder.chmod(0o555)
    result = _open_unprivileged(path)
    assert result["code"] == "translation.cache_folder_readonly", result
    assert result["params"] == {"folder": str(folder), "path": str(path)}
    assert str(result["text"]).startswith(f"This user may not write in the folder {folder}"), result
    hint = str(result["hint"])
    assert "VALUEZONE_HOME" in hint and "--no-cache" in hint and "Delete the file" not in hint, hint
    assert path.exists() is existing


def test_valuezone_translate_names_a_folder_it_may_not_make(place: Path) -> None:
    """Told by the command a technician runs: exit 1, the words, no traceback."""
    home = place / "home"
    home.mkdir(mode=0o555)
    home.chmod(0o555)
    done = run_python(
        "import os, sys; os.environ['VALUEZONE_HOME'] = sys.argv[1]; from console.cli import main;"
        " raise SystemExit(main(['translate', '--to', 'ko', 'hello']))",
        str(home),
    )
    assert done.returncode == 1, done.stderr
    made = f"The folder for the translation cache {home / 'data'} cannot be made (Permission denied)"
    assert made in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_valuezone_translate_names_a_folder_it_may_not_write(place: Path) -> None:
    home = place / "home"
    (home / "data").mkdir(parents=True)
    home.chmod(0o755)
    (home / "data").chmod(0o555)
    done = run_python(
        "import os, sys; os.environ['VALUEZONE_HOME'] = sys.argv[1]; from console.cli import main;"
        " raise SystemExit(main(['translate', '--to', 'ko', 'hello']))",
        str(home),
    )
    assert done.returncode == 1, done.stderr
    assert f"This user may not write in the folder {home / 'data'}" in done.stderr, done.stderr
    assert "--no-cache" in done.stderr and "Traceback" not in done.stderr


# --- cases root meets too: no subprocess needed ---------------------------------------------------------
def test_a_file_that_is_not_a_database_is_the_one_to_delete(tmp_path: Path) -> None:
    path = tmp_path / "translation-cache.sqlite3"
    path.write_bytes(b"half a download, not SQLite\n" * 200)
    with pytest.raises(ConfigError) as caught:
        TranslationCache(path)
    error = caught.value
    assert error.code == "translation.cache_damaged"
    assert str(error).startswith(f"The translation cache {path} is damaged or not a translation cache")
    assert "Delete the file" in error.hint and "fetched again" in error.hint
    assert path.read_bytes().startswith(b"half a download")  # told, not deleted behind the user's back


def test_a_folder_where_the_file_should_be_is_not_called_damaged(tmp_path: Path) -> None:
    path = tmp_path / "translation-cache.sqlite3"
    path.mkdir()
    with pytest.raises(ConfigError) as caught:
        TranslationCache(path)
    assert caught.value.code == "translation.cache_unopenable"
    assert "Delete the file" not in caught.value.hint
    assert str(path) in str(caught.value)
