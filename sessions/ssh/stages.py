"""The stages of opening an SSH connection, reported in order, so an error can name the one that failed."""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


class ConnectStage(enum.StrEnum):
    """Where a connection attempt is. The values are what `on_progress` receives (they are strings)."""

    RESOLVING = "resolving"
    TCP_CONNECTING = "connecting"
    BANNER = "waiting for the server"
    KEY_EXCHANGE = "key exchange"
    HOST_KEY = "verifying host key"
    AUTHENTICATING = "authenticating"
    OPENING_CHANNEL = "opening channel"

    @property
    def phrase(self) -> str:
        """The stage as the end of a sentence: "failed while {phrase}"."""
        return _PHRASES[self]


_PHRASES = {
    ConnectStage.RESOLVING: "looking up the host name",
    ConnectStage.TCP_CONNECTING: "opening the TCP connection",
    ConnectStage.BANNER: "waiting for the server's SSH greeting",
    ConnectStage.KEY_EXCHANGE: "agreeing on encryption (key exchange)",
    ConnectStage.HOST_KEY: "checking the host key",
    ConnectStage.AUTHENTICATING: "logging in",
    ConnectStage.OPENING_CHANNEL: "opening a channel",
}
ORDER = tuple(ConnectStage)

ProgressCallback = Callable[[str], None]


class StageTracker:
    """The furthest stage reached; each stage is reported once and never before the ones ahead of it.

    A stage the connection passes without a callback of its own (a host key matched by a certificate
    authority, a server that asks for no credential) is reported when the next one is reached.
    """

    def __init__(self, on_progress: ProgressCallback | None = None) -> None:
        self.on_progress = on_progress
        self.stage: ConnectStage | None = None
        self.reported: list[ConnectStage] = []

    def reach(self, stage: ConnectStage) -> None:
        """Move on to *stage*, reporting the stages passed on the way; going back is ignored."""
        if self.stage is not None and ORDER.index(stage) <= ORDER.index(self.stage):
            return
        start = ORDER.index(self.stage) + 1 if self.stage is not None else ORDER.index(stage)
        for step in ORDER[start : ORDER.index(stage) + 1]:
            self._report(step)
        self.stage = stage

    def _report(self, stage: ConnectStage) -> None:
        self.reported.append(stage)
        log.debug("connect stage: %s", stage.value)
        if self.on_progress is not None:
            self.on_progress(stage.value)
