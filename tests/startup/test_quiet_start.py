"""No warning text on a normal start of any command; the DSA filter is exactly as narrow as it says."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

COMMANDS = [
    ["--version"],
    ["--help"],
    ["agent", "--help"],
    ["relay", "--help"],
    ["review", "--help"],
    ["review", "report", "--help"],
    ["diagnose", "--help"],
    ["escalate", "--help"],
    ["escalate", "build", "--help"],
    ["hq", "serve", "--help"],
    ["ssh", "--help"],
    ["translate", "--help"],
    ["verify", "--help"],
    ["demo", "--help"],
]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, VALUEZONE_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    env.pop("PYTHONWARNINGS", None)
    return env


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: " ".join(argv))
def test_command_starts_without_warning_text(argv: list[str], tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "console", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(tmp_path),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert result.stderr == ""


def test_sessions_then_asyncssh_is_quiet_even_with_all_warnings_shown(tmp_path: Path) -> None:
    """`-W default` shows every warning once; the DSA one still stays away (relay and agent import path)."""
    code = "import sessions, asyncssh, sessions.relay.server, sessions.agent.core"
    result = subprocess.run(
        [sys.executable, "-W", "default", "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "DSA" not in result.stderr


def test_the_filter_is_narrow() -> None:
    """Other deprecations from cryptography, and a DSA warning raised elsewhere, still show."""
    from cryptography.utils import CryptographyDeprecationWarning

    import sessions  # noqa: F401  (installs the filter)

    def raise_from(module: str, message: str, category: type[Warning]) -> list[warnings.WarningMessage]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("default")
            from sessions.startup import silence_asyncssh_dsa_warning

            silence_asyncssh_dsa_warning()
            warnings.warn_explicit(message, category, f"{module}.py", 1, module=module)
        return caught

    dsa = "DSA is deprecated and support will be removed in a future release."
    assert raise_from("asyncssh.crypto.misc", dsa, CryptographyDeprecationWarning) == []
    assert raise_from("asyncssh.crypto.dsa", dsa, CryptographyDeprecationWarning) == []
    assert (
        len(raise_from("asyncssh.crypto.misc", "TripleDES has been moved", CryptographyDeprecationWarning))
        == 1
    )
    assert len(raise_from("somethingelse.keys", dsa, CryptographyDeprecationWarning)) == 1
    assert len(raise_from("asyncssh.crypto.misc", dsa, DeprecationWarning)) == 1
