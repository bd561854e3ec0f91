"""The device's web admin page through the session: a local forward on 127.0.0.1 to the device's HTTP(S) port.

`WebForward.open()` listens on a free port of 127.0.0.1 (never another address: the page is the
technician's alone) and forwards each connection over the session's SSH connection to
``localhost:<port>`` on the device. Before it returns it makes one connection itself: through an agent
that is when the customer is asked, so the browser is opened only after their yes; over a direct SSH
session it checks something answers. The forward ends with `close()` or with the connection.
"""

from __future__ import annotations

from dataclasses import dataclass

import asyncssh

from sessions.errors import WebAdminError

SCHEMES = ("https", "http")
DEVICE_HOST = "localhost"  # the device itself, as its SSH server (or the agent) sees it


@dataclass(frozen=True, slots=True)
class WebTarget:
    """Which page: ``https`` or ``http``, and the device's port (443, 80, 5001 …)."""

    scheme: str
    port: int

    def __post_init__(self) -> None:
        if self.scheme not in SCHEMES or not 0 < self.port < 65536:
            raise WebAdminError(
                f"{self.scheme}:{self.port} is not a web address this console opens.",
                "Choose http or https and a port from 1 to 65535.",
                code="webadmin.bad_target",
                params={"scheme": self.scheme, "port": self.port},
            )


class WebForward:
    """One open forward; `url` is what the browser opens."""

    def __init__(self, listener: asyncssh.SSHListener, target: WebTarget) -> None:
        self.listener = listener
        self.target = target
        self.local_port = listener.get_port()
        self.closed = False

    @property
    def url(self) -> str:
        return f"{self.target.scheme}://127.0.0.1:{self.local_port}/"

    @classmethod
    async def open(cls, conn: asyncssh.SSHClientConnection, target: WebTarget) -> WebForward:
        """Forward a free 127.0.0.1 port to the device's *target* port; WebAdminError when refused."""
        try:
            listener = await conn.forward_local_port("127.0.0.1", 0, DEVICE_HOST, target.port)
        except (OSError, asyncssh.Error) as exc:
            raise WebAdminError(
                f"Could not listen on 127.0.0.1 for the web admin page ({exc}).",
                "Try again; if it keeps failing, restart the console.",
                code="webadmin.listen_failed",
                params={"exc": exc},
            ) from exc
        try:
            _reader, writer = await conn.open_connection(DEVICE_HOST, target.port)
        except asyncssh.ChannelOpenError as exc:
            listener.close()
            raise _refused(exc, target) from None
        except (OSError, asyncssh.Error) as exc:
            listener.close()
            raise WebAdminError(
                f"The session ended before the web admin page opened ({exc}).",
                "Reconnect the session and try again.",
                code="webadmin.session_gone",
                params={"exc": exc},
            ) from exc
        writer.close()
        return cls(listener, target)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.listener.close()


def _refused(exc: asyncssh.ChannelOpenError, target: WebTarget) -> WebAdminError:
    """The device's (or the agent's) refusal, its reason kept: the customer's no, nothing listening …"""
    if exc.code == asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED:
        return WebAdminError(
            f"The web admin page (port {target.port}) was not opened: {exc.reason}",
            "Through a code the customer decides: ask them in the chat, then try again. Over a direct "
            "SSH session the device's SSH server does not allow forwarding (AllowTcpForwarding).",
            code="webadmin.refused",
            params={"port": target.port, "reason": exc.reason},
        )
    return WebAdminError(
        f"Nothing answered on port {target.port} of the device: {exc.reason}",
        "Check the device's web admin port (often 443, 80, 5001 or 8080) and try again.",
        code="webadmin.not_answering",
        params={"port": target.port, "reason": exc.reason},
    )
