"""Where Valuezone keeps its files: platformdirs locations, or one folder when VALUEZONE_HOME is set.

VALUEZONE_HOME puts config, data, logs and state under one folder: tests, `valuezone demo` and
portable installs use it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP = "valuezone"


@dataclass(frozen=True, slots=True)
class AppDirs:
    """The folders the program writes to. Each is created on first use by whoever writes there."""

    config: Path
    data: Path
    log: Path
    state: Path

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.toml"

    @property
    def known_hosts(self) -> Path:
        return self.config / "known_hosts"

    @property
    def devices_db(self) -> Path:
        return self.data / "devices.sqlite3"

    @property
    def technician_key(self) -> Path:
        """The technician's relay key (OpenSSH format; `.pub` beside it): the console and the CLI share it."""
        return self.data / "technician_ed25519"

    @property
    def archive(self) -> Path:
        return self.data / "archive"

    @property
    def log_file(self) -> Path:
        return self.log / "valuezone.log"


def app_dirs() -> AppDirs:
    """The folders for this run, honouring VALUEZONE_HOME."""
    home = os.environ.get("VALUEZONE_HOME")
    if home:
        root = Path(home)
        return AppDirs(root / "config", root / "data", root / "log", root / "state")
    return AppDirs(
        Path(platformdirs.user_config_dir(APP)),
        Path(platformdirs.user_data_dir(APP)),
        Path(platformdirs.user_log_dir(APP)),
        Path(platformdirs.user_state_dir(APP)),
    )
