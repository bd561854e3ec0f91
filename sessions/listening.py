"""Why a server cannot listen on HOST:PORT, said as a person can act on it (port in use, wrong address)."""

from __future__ import annotations

import errno
import socket

from sessions.errors import ListenError


def listen_error(exc: OSError, host: str, port: int, *, who: str, option: str = "--listen") -> ListenError:
    """The error for *exc*, raised binding *host*:*port*; *who* guesses what holds it ("another relay?")."""
    where = f"Port {port} on {host}"
    if isinstance(exc, socket.gaierror):
        return ListenError(
            f"The address {host!r} to listen on cannot be resolved ({exc.strerror or exc}):",
            f"give an address of this machine, or 0.0.0.0 for all, in {option}.",
            code="listen.name_unknown",
            params={"host": host, "exc": exc.strerror or exc, "option": option},
        )
    if exc.errno == errno.EADDRINUSE:
        return ListenError(
            f"{where} is in use ({who}):",
            f"stop it or choose another {option} port.",
            code="listen.in_use",
            params={"where": where, "who": who, "option": option},
        )
    if exc.errno == errno.EADDRNOTAVAIL:
        return ListenError(
            f"{host} is not an address of this machine:",
            f"give one of its addresses, or 0.0.0.0 for all, in {option}.",
            code="listen.not_this_machine",
            params={"host": host, "option": option},
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ListenError(
            f"{where} may not be used by this user (ports below 1024 need privileges):",
            f"choose a port above 1023 in {option}, or give this program the right to bind it.",
            code="listen.privileged_port",
            params={"where": where, "option": option},
        )
    return ListenError(
        f"Cannot listen on {host}:{port} ({exc.strerror or exc}):",
        f"check {option}.",
        code="listen.cannot_listen",
        params={"host": host, "port": port, "exc": exc.strerror or exc, "option": option},
    )
