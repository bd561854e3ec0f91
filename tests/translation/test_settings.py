"""The `translation` settings section as a hand-edited file may hold it: good values read, bad refused."""

from __future__ import annotations

import math

import pytest

from sessions.errors import ConfigError
from translation import settings
from translation.translator import Translator


@pytest.mark.parametrize(("value", "seconds"), [(8, 8.0), (2.5, 2.5), ("3", 3.0), (0.2, 0.2)])
def test_a_number_of_seconds_is_the_deadline(value: object, seconds: float) -> None:
    assert settings.deadline({"deadline": value}) == seconds
    assert settings.deadline({}) == settings.DEFAULT_DEADLINE


@pytest.mark.parametrize("value", ["soon", "", 0, -1, math.nan, math.inf, True, None, [8], {"s": 8}])
def test_anything_else_is_a_config_error_naming_the_value(value: object) -> None:
    with pytest.raises(ConfigError) as refused:
        settings.deadline({"deadline": value})
    assert refused.value.code == "translation.bad_deadline"
    assert refused.value.params["shown"] == repr(value) and repr(value) in str(refused.value)


@pytest.mark.parametrize("value", ["deepl", 5, ["google", 5], {"google": True}, ""])
def test_providers_are_a_list_of_names(value: object) -> None:
    with pytest.raises(ConfigError) as refused:
        settings.providers({"providers": value})
    assert refused.value.code == "translation.bad_providers"
    assert settings.providers({}) == settings.providers({"providers": []}) == ["google"]
    assert settings.providers({"providers": ["libre", "google"]}) == ["libre", "google"]


def test_a_long_bad_value_is_cut_when_quoted() -> None:
    with pytest.raises(ConfigError) as refused:
        settings.deadline({"deadline": "x" * 500})
    assert len(str(refused.value.params["shown"])) == 60


def test_from_settings_raises_the_config_error_not_a_value_error() -> None:
    with pytest.raises(ConfigError):
        Translator.from_settings({"deadline": "soon"}, use_cache=False)
    translator = Translator.from_settings({"providers": ["libre"], "deadline": 3}, use_cache=False)
    try:
        assert [c.name for c in translator.chain] == ["libre"] and translator.deadline == 3.0
    finally:
        translator.close()
