"""Running `valuezone` as a real process, the way a lead or a script runs it."""

from __future__ import annotations

import os
import subprocess
import sys

CLI = "import sys; from console.cli import main; sys.exit(main(sys.argv[1:]))"


def vz(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`valuezone ARGS` in a fresh process, text output. This machine's cryptography warns about DSA when
    asyncssh is imported (every command imports it); that noise is silenced so stderr holds only what
    valuezone itself says."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore:DSA is deprecated", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", CLI, *args], capture_output=True, text=True, timeout=timeout, env=env
    )
