"""A clear message when a command needs the GUI libraries and the install has none (a headless agent)."""

from __future__ import annotations

import importlib.util

from sessions.errors import ConfigError

# What the `gui` extra brings (pyproject.toml): the console, `valuezone demo`, `agent --gui`.
GUI_MODULES = ("PySide6", "qasync", "deep_translator", "lingua", "detect_secrets", "ahocorasick_rs")


def missing_gui_modules() -> list[str]:
    """The GUI extra's modules this Python cannot import."""
    return [name for name in GUI_MODULES if importlib.util.find_spec(name) is None]


def gui_missing_error(missing: list[str]) -> ConfigError:
    """What to tell someone who started a window (or the console) on a headless install."""
    return ConfigError(
        f"This is the headless install (no {', '.join(missing)}): it runs `valuezone agent` in a terminal "
        "and `valuezone relay`, not windows.",
        'Install the full program: pip install "valuezone[gui]" (or run `valuezone agent` without --gui).',
        code="gui.missing",
        params={"missing": ", ".join(missing)},
    )


def require_gui() -> None:
    """Raise a ConfigError that says how to install the GUI libraries when any is missing."""
    missing = missing_gui_modules()
    if missing:
        raise gui_missing_error(missing)
