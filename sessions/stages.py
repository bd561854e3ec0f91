"""How far connecting a session got: one enum, whose values are what progress callbacks receive."""

from __future__ import annotations

import enum


class SessionStage(enum.StrEnum):
    """A stage of connecting a session. Progress callbacks take ``str``; these members are strings.

    The SSH client's own stages (sessions.ssh) have the same values, so whatever reaches a progress
    callback is one of these.
    """

    RESOLVING = "resolving"  # the SSH client looks the host name up
    CONNECTING = "connecting"  # the session starts, and the SSH client opens its TCP connection
    BANNER = "waiting for the server"  # the server's SSH greeting
    KEY_EXCHANGE = "key exchange"
    HOST_KEY = "verifying host key"
    AUTHENTICATING = "authenticating"
    OPENING_CHANNEL = "opening channel"
    RELAY = "connecting to the relay"
    CUSTOMER = "waiting for the customer"
    OPENING_SHELL = "opening shell"

    @classmethod
    def of(cls, text: str) -> SessionStage | None:
        """The stage a progress callback named; None for a stage this version does not know."""
        try:
            return cls(text)
        except ValueError:
            return None
