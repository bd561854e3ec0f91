"""The translation cache's folder cannot be made: a ConfigError saying where and what to do, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.cli import main
from sessions.errors import ConfigError
from translation import Translator
from translation.cache import TranslationCache


def _under_a_file(tmp_path: Path) -> Path:
    """A cache path whose folder cannot exist: a regular file sits where a folder should be (root too)."""
    blocker = tmp_path / "data"
    blocker.write_text("a file, not a folder\n", encoding="utf-8")
    return blocker / "valuezone" / "translation-cache.sqlite3"


def test_a_folder_that_cannot_be_made_is_a_config_error(tmp_path: Path) -> None:
    path = _under_a_file(tmp_path)
    with pytest.raises(ConfigError) as caught:
        TranslationCache(path)
    error = caught.value
    assert error.code == "translation.cache_folder_unusable"
    assert error.params["folder"] == str(path.parent)
    assert str(path.parent) in str(error) and "Not a directory" in str(error)
    assert "--no-cache" in error.hint and "Keep translations in a local cache" in error.hint
    assert not path.parent.exists()


def test_the_translator_reports_it_the_same_way(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be made"):
        Translator.from_settings({"providers": ["libre"]}, cache_path=_under_a_file(tmp_path))
    assert Translator.from_settings({}, cache_path=_under_a_file(tmp_path), use_cache=False).cache is None


def test_valuezone_translate_says_so_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "data").write_text("a file where the data folder goes\n", encoding="utf-8")
    monkeypatch.setenv("VALUEZONE_HOME", str(home))
    assert main(["translate", "--to", "ko", "hello"]) == 1
    err = capsys.readouterr().err
    assert f"The folder for the translation cache {home / 'data'} cannot be made" in err, err
    assert "--no-cache" in err and "Traceback" not in err
