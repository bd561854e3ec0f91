"""The one settings loader: a TOML file in the config folder, sections owned by each capability.

Secrets never live here (they go to the OS keyring, see sessions.secrets); `save` refuses a key
whose name looks like one, so a slip cannot write a password to disk.
"""

from __future__ import annotations

import copy
import os
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from sessions.errors import ConfigError

DEFAULTS: dict[str, Any] = {
    "ui": {"language": "", "font_family": "DejaVu Sans Mono", "font_size": 11},
    "terminal": {"scrollback": 10_000},
    "technician": {"name": "", "company": ""},  # who the technician is (the console's first run asks)
    "recording": {"archive": ""},
    "relay": {"address": ""},
    "team": {
        "server": ""
    },  # the team server (a relay, host:port): records pushed, team review and follow-ups
    "followup": {"working_days": 2},  # a session not solved gets a follow-up due this many working days later
    "translation": {
        "providers": ["google", "mymemory"],  # the chain, tried in order (google, mymemory, deepl, ...)
        "libre_url": "",  # a self-hosted LibreTranslate, e.g. http://10.0.0.5:5000/
        "microsoft_region": "",
        "deadline": 8.0,  # seconds per provider call
        "technician_language": "en",
        "cache": True,
    },
    "escalation": {
        # HQ destinations: [{name, url, language, key_file?, ca_file?}]; url is sftp://user@host[:port]/path
        # or https://host[:port]/bundles. Their password, passphrase or token is in the keyring only.
        "destinations": [],
        "per_file_mb": 16,  # cap per collected log (its newest part is kept)
        "total_mb": 128,  # cap on all collected logs (the oldest are left out)
        "retry_base_seconds": 10.0,  # first retry after this, doubling up to an hour
        "consent_timeout": 300.0,  # seconds the customer has to answer the consent question
    },
}

_SECRET_WORDS = ("password", "passphrase", "secret", "token", "api_key")


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _check_no_secrets(data: dict[str, Any], where: str = "") -> None:
    for key, value in data.items():
        if isinstance(value, dict):
            _check_no_secrets(value, f"{where}{key}.")
            continue
        for index, item in enumerate(value if isinstance(value, list) else []):
            if isinstance(item, dict):  # arrays of tables: [[escalation.destinations]]
                _check_no_secrets(item, f"{where}{key}[{index}].")
        if any(word in key.lower() for word in _SECRET_WORDS):
            raise ConfigError(
                f"Refusing to write '{where}{key}' to the settings file.",
                "Secrets belong in the OS keyring (sessions.secrets), never in settings.toml.",
                code="config.refused_key",
                params={"where": where, "key": key},
            )


class Settings:
    """Settings read from and written to one TOML file; missing keys fall back to DEFAULTS."""

    def __init__(self, path: Path, data: dict[str, Any] | None = None) -> None:
        self.path = path
        self.data = _merge(DEFAULTS, data or {})

    @classmethod
    def load(cls, path: Path) -> Settings:
        """Read *path*; a missing file gives the defaults, a broken one a ConfigError."""
        if not path.exists():
            return cls(path)
        try:
            with path.open("rb") as fh:
                return cls(path, tomllib.load(fh))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"The settings file {path} is not valid TOML ({exc}).",
                "Fix the line it names, or move the file away to start from the defaults.",
                code="config.invalid_toml",
                params={"path": path, "exc": exc},
            ) from exc

    def get(self, section: str, key: str, default: Any = None) -> Any:
        return self.data.get(section, {}).get(key, default)

    def set(self, section: str, key: str, value: Any) -> None:
        self.data.setdefault(section, {})[key] = value

    def section(self, name: str) -> dict[str, Any]:
        return self.data.setdefault(name, {})

    def save(self) -> None:
        """Write atomically (temp file + rename) so a crash never leaves half a file."""
        _check_no_secrets(self.data)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".toml.tmp")
        tmp.write_text(tomli_w.dumps(self.data), encoding="utf-8")
        os.replace(tmp, self.path)
