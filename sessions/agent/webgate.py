"""The technician's forward to the device's web admin page: to this device only, after the customer's yes.

The console opens a direct-tcpip channel to ``localhost:<port>`` on the inner SSH connection. The first
one for a port asks the customer (a QuestionAsked in their language); a yes holds for that port until
the session ends, so a browser's many connections ask once (a no is asked again on the next try).
Anything else is refused with a reason the technician reads: another host (the agent is no jump host
into the customer's network), a diagnostics-only session (a web admin page can change everything), or
no yes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import asyncssh

from sessions.agent.inner import DIAGNOSTICS

ActivityFn = Callable[..., None]
AskFn = Callable[[int], Awaitable[bool]]  # port → the customer's answer (False: no, or no answer)

LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
_PROHIBITED = asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED


class WebGate:
    """Asks once per port, remembers the answer for the session, and connects what was allowed."""

    def __init__(self, *, scope: str, ask: AskFn, activity: ActivityFn) -> None:
        self.scope = scope
        self._ask = ask
        self._activity = activity
        self._answers: dict[int, asyncio.Future[bool]] = {}

    def forget(self) -> None:
        """A new session (another technician, or the same after a new yes): ask again."""
        for answer in self._answers.values():
            if not answer.done():
                answer.cancel()
        self._answers.clear()

    async def open(
        self, conn: asyncssh.SSHServerConnection, host: str, port: int
    ) -> asyncssh.SSHTCPSession[bytes]:
        """The channel's session to ``host:port`` when allowed; else ChannelOpenError with the reason."""
        if host.lower() not in LOOPBACK:
            raise asyncssh.ChannelOpenError(
                _PROHIBITED,
                f"Only this device's own web pages can be opened (localhost), not {host}.",
            )
        if self.scope == DIAGNOSTICS:
            self._activity("web_not_here", port=str(port))
            raise asyncssh.ChannelOpenError(
                _PROHIBITED,
                "This session allows diagnostics only: no web admin page. "
                "Ask the customer to restart the agent with --scope full.",
            )
        if not await self._allowed(port):
            raise asyncssh.ChannelOpenError(
                _PROHIBITED, f"The customer did not allow the web admin page (port {port})."
            )
        try:
            session = await conn.forward_connection("localhost", port)
        except asyncssh.ChannelOpenError as exc:
            raise asyncssh.ChannelOpenError(
                asyncssh.OPEN_CONNECT_FAILED,
                f"Nothing answers on port {port} of the device ({exc.reason}).",
            ) from None
        return session  # type: ignore[return-value]

    async def _allowed(self, port: int) -> bool:
        """A yes holds for the session; a no (or no answer) is asked again on the technician's next try."""
        answer = self._answers.get(port)
        if answer is not None:  # asked already, or being asked: this connection waits for that answer
            return not answer.cancelled() and await asyncio.shield(answer)
        answer = asyncio.get_running_loop().create_future()
        self._answers[port] = answer
        allowed = False
        try:
            allowed = await self._ask(port)
        finally:
            if not answer.done():
                answer.set_result(allowed)
            if not allowed:
                self._answers.pop(port, None)
        self._activity("web_allowed" if allowed else "web_refused", port=str(port))
        return allowed
