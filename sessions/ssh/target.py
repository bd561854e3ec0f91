"""Where to connect: host, port, user and an optional key file, parsed from `[user@]host[:port]`."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from pathlib import Path

from sessions.errors import InvalidTargetError


def local_user() -> str:
    """The name of the user running Valuezone (OpenSSH's default login name)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "root"


def _port(text: str, spec: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise InvalidTargetError(
            f"'{spec}' has an invalid port '{text}'.",
            "Write the address as [user@]host[:port], with a port between 1 and 65535.",
            code="target.bad_port",
            params={"spec": spec, "text": text},
        )
    return int(text)


@dataclass(frozen=True, slots=True)
class Target:
    """One SSH endpoint. `user` empty means the local user name (see `parse`)."""

    host: str
    port: int = 22
    user: str = ""
    key_file: Path | None = None

    @classmethod
    def parse(cls, spec: str, key_file: Path | str | None = None) -> Target:
        """Parse `[user@]host[:port]`; IPv6 addresses with a port are written `[::1]:2222`."""
        text = spec.strip()
        user, _, rest = text.rpartition("@")
        if rest.startswith("["):
            host, sep, tail = rest[1:].partition("]")
            if not sep or (tail and not tail.startswith(":")):
                raise InvalidTargetError(
                    f"'{spec}' is not a valid address.",
                    "Write an IPv6 address with a port as [::1]:2222.",
                    code="target.invalid_2",
                    params={"spec": spec},
                )
            port = _port(tail[1:], spec) if tail else 22
        elif rest.count(":") == 1:
            host, _, port_text = rest.partition(":")
            port = _port(port_text, spec)
        else:
            host, port = rest, 22  # a bare IPv6 address has several colons and no port
        if not host or any(c.isspace() for c in host) or "/" in host:
            raise InvalidTargetError(
                f"'{spec}' is not a valid address.",
                "Write it as [user@]host[:port], e.g. admin@nas.local:2222.",
                code="target.invalid",
                params={"spec": spec},
            )
        path = Path(key_file).expanduser() if key_file else None
        return cls(host=host, port=port, user=user or local_user(), key_file=path)

    @property
    def login(self) -> str:
        """The user name sent to the server."""
        return self.user or local_user()

    @property
    def host_port(self) -> str:
        """`host:port`, with IPv6 addresses in brackets."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def display(self) -> str:
        """`user@host:port`: how the target is shown and the name its saved password is filed under."""
        return f"{self.login}@{self.host_port}"

    def __str__(self) -> str:
        return self.display
