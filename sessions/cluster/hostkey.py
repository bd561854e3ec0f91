"""The deployment's one host key, shared by every relay (`valuezone relay --host-key FILE`)."""

from __future__ import annotations

import stat
from pathlib import Path

import asyncssh

from sessions.errors import ConfigError


def read_shared_host_key(path: Path) -> asyncssh.SSHKey:
    """The private key in *path*; refused when others may read it (it also signs relay-to-relay links)."""
    try:
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise ConfigError(
                f"The host key {path} can be read by other users of this machine.",
                f"Run `chmod 600 {path}`: whoever reads it can pose as a relay of this deployment.",
                code="cluster.host_key_readable",
                params={"path": path},
            )
        return asyncssh.read_private_key(path)
    except OSError as exc:
        raise ConfigError(
            f"The host key {path} cannot be read ({exc.strerror}).",
            "Make it once with `ssh-keygen -t ed25519 -N '' -f FILE` and copy it to every relay.",
            code="cluster.host_key_unreadable",
            params={"path": path, "strerror": exc.strerror},
        ) from exc
    except (asyncssh.KeyImportError, ValueError) as exc:
        raise ConfigError(
            f"The host key {path} is not an unencrypted OpenSSH private key ({exc}).",
            "Make one with `ssh-keygen -t ed25519 -N '' -f FILE`.",
            code="cluster.host_key_invalid",
            params={"path": path, "exc": exc},
        ) from exc
