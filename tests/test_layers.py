"""Layer rules: the Qt-free packages never import PySide6, checked in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import sessions
import translation


def _modules(package: object) -> list[str]:
    return [m.name for m in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")]  # type: ignore[attr-defined]


def test_sessions_and_translation_never_import_qt() -> None:
    names = _modules(sessions) + _modules(translation)
    assert len(names) > 5
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_headless_commands_do_not_import_qt() -> None:
    code = (
        "import sys\n"
        "from console.cli import build_parser\n"
        "build_parser()\n"
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
