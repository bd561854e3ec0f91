"""The `translation` settings section, checked: a bad value is a ConfigError saying where to fix it."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Mapping
from typing import Any

from sessions.errors import ConfigError

DEFAULT_DEADLINE = 8.0
DEFAULT_PROVIDERS = ("google",)  # the chain when the section names none
_SHOWN = 60  # characters of a bad value quoted back


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def deadline(section: Mapping[str, Any]) -> float:
    """Seconds to wait for each provider: a finite number more than 0 (a number written as text counts)."""
    value = section.get("deadline", DEFAULT_DEADLINE)
    seconds = math.nan
    if isinstance(value, int | float | str) and not isinstance(value, bool):
        with contextlib.suppress(ValueError):
            seconds = float(value)
    if not math.isfinite(seconds) or seconds <= 0:
        shown = _shown(value)
        raise ConfigError(
            f"The wait per translation provider in the settings is {shown}, "
            "not a number of seconds more than 0.",
            "Open Tools ▸ Settings ▸ Translation, set “Wait per provider” and press OK.",
            code="translation.bad_deadline",
            params={"shown": shown},
        )
    return seconds


def providers(section: Mapping[str, Any]) -> list[str]:
    """The chain's provider names, in order (DEFAULT_PROVIDERS when none is named).

    Names are not checked here: an unknown one fails when it is tried, and the next provider answers.
    """
    value = section.get("providers")
    if value is None or value == []:
        return list(DEFAULT_PROVIDERS)
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        shown = _shown(value)
        raise ConfigError(
            f"The translation providers in the settings are {shown}, not a list of provider names.",
            "Open Tools ▸ Settings ▸ Translation, tick the providers to try (in order) and press OK.",
            code="translation.bad_providers",
            params={"shown": shown},
        )
    return list(value)
