"""The agent's link to the relay: connect as `support`, say hello on the control channel, get a code."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import asyncssh

from sessions.agent.dataleg import LegOffer
from sessions.errors import ConnectError, HostKeyError, SessionClosedError
from sessions.relay import protocol
from sessions.ssh.auth import Credentials
from sessions.ssh.client import connect
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.packets import streamline
from sessions.ssh.target import Target
from sessions.vendor import Vendor

HELLO_TIMEOUT = 15.0


@dataclass(frozen=True, slots=True)
class Claim:
    """The relay's announcement of who is about to open a channel (matched by `claim` id)."""

    claim: int
    technician: str
    fingerprint: str
    address: str
    again: bool
    leg: str = ""  # the one-time data-leg token (protocol v2), "" on a v1 link


class RelayLink:
    """One SSH connection to the relay with its control channel and the code's remote forward."""

    def __init__(
        self,
        conn: asyncssh.SSHClientConnection,
        writer: asyncssh.SSHWriter[str],
        reader: asyncssh.SSHReader[str],
    ) -> None:
        self.conn = conn
        self._writer = writer
        self._reader = reader
        self.code = ""
        self.token = ""
        self.ttl = 0
        self.resumed = False
        self.relay_state = ""
        self.closed_reason = ""  # set when the relay closed the code for good
        self.vendor: Vendor | None = None  # the relay's vendor (welcome): for display only
        self.leg: LegOffer | None = None  # the data leg the relay offered (protocol v2)
        self._claims: dict[int, asyncio.Future[Claim]] = {}
        self.on_notice: Callable[[str], None] = lambda text: None
        self.on_withdrawn: Callable[[int], None] = lambda claim: None
        self._task: asyncio.Task[None] | None = None

    @classmethod
    async def open(
        cls,
        relay: Target,
        *,
        trust: HostKeyTrust,
        accept: Callable[[str, int], Any],
        resume: dict[str, str] | None,
        timeout: float = 15.0,
        pinned: asyncssh.SSHKey | None = None,
        version: int = protocol.PROTOCOL_VERSION,
        host_keys: tuple[str, ...] = (),
    ) -> RelayLink:
        """Connect, say hello (with the resume token after a drop), ask for the forward, read the code.

        *host_keys*: the inner server's public host keys, which the relay hands a technician who opens
        a leg of their own, to pin (the agent's own key, or the device sshd's with `--forward-sshd`).
        """
        target = Target(relay.host, relay.port, protocol.CUSTOMER_USER)
        try:
            conn = await connect(
                target,
                trust=trust,
                credentials=Credentials(use_agent=False, use_default_keys=False),
                timeout=timeout,
            )
        except ConnectError as exc:
            refused = _turned_away(relay, exc.__cause__)
            if refused is None:
                raise
            raise refused from exc
        _check_pinned(conn, relay, pinned)  # before the resume token is sent
        streamline(conn)
        try:
            writer, reader, _ = await conn.open_session(
                subsystem=protocol.CONTROL_SUBSYSTEM, encoding="utf-8"
            )
            link = cls(conn, writer, reader)
            keys = {"host_keys": list(host_keys)} if host_keys else {}
            # "ready": this agent says when its forward is in place (its SSH library takes a channel for it
            # only once the relay's answer arrived), so the relay holds a claim until then.
            writer.write(protocol.encode("hello", v=version, resume=resume, ready=True, **keys))
            welcome = await link._expect("welcome")
            link.vendor = Vendor.from_wire(welcome.get("vendor"))
            link.leg = LegOffer.from_welcome(relay.host, welcome) if version >= 2 else None
            try:
                await conn.create_server(accept, protocol.FORWARD_HOST, protocol.FORWARD_PORT)
            except asyncssh.ChannelListenError:
                await link._refused(relay)
                raise
            writer.write(protocol.encode("ready"))
            message = await link._expect("code")
        except (asyncssh.Error, asyncssh.ChannelListenError, OSError, TimeoutError) as exc:
            conn.abort()
            refused = _turned_away(relay, exc)
            if refused is not None:  # over the codes-per-minute limit, found when the code was issued
                raise refused from exc
            raise ConnectError(
                f"The relay {relay.host_port} did not hand out a session code ({exc}).",
                "Check the relay address; if it is right, the relay may be overloaded: try again soon.",
                code="relay.no_code_issued",
                params={"host_port": relay.host_port, "exc": exc},
            ) from exc
        link.code = str(message["code"])
        link.token = str(message["token"])
        link.ttl = int(message.get("ttl", 600))
        link.resumed = bool(message.get("resumed"))
        link.relay_state = str(message.get("state", ""))
        link._task = asyncio.get_running_loop().create_task(link._read())
        return link

    async def _expect(self, kind: str) -> dict[str, Any]:
        async with asyncio.timeout(HELLO_TIMEOUT):
            line = await self._reader.readline()
        if not line:
            raise ConnectionError("the relay closed the control channel")
        message = protocol.decode(line)
        if message["type"] != kind:
            raise ConnectionError(f"expected {kind!r} from the relay, got {message['type']!r}")
        return message

    async def _refused(self, relay: Target) -> None:
        """Raise the relay's reason when it refused the forward with one (over the codes limit)."""
        with contextlib.suppress(asyncssh.Error, OSError, TimeoutError):
            async with asyncio.timeout(2):
                message = protocol.decode(await self._reader.readline())
            if message["type"] == "refused":
                reason = str(message.get("reason", "")).rstrip(".")
                raise ConnectError(
                    f"The relay {relay.host_port} turned this connection away: {reason}.",
                    code="relay.link_refused",
                    params={"host_port": relay.host_port, "reason": reason},
                )

    async def _read(self) -> None:
        with contextlib.suppress(asyncssh.Error, OSError):
            async for line in self._reader:
                message = protocol.decode(line)
                kind = message["type"]
                if kind == "claim":
                    claim = Claim(
                        int(message.get("claim", 0)),
                        str(message.get("technician", "A technician")),
                        str(message.get("fingerprint", "")),
                        str(message.get("address", "")),
                        bool(message.get("again")),
                        str(message.get("leg") or ""),
                    )
                    self._future(claim.claim).set_result(claim)
                elif kind == "notice":
                    self.on_notice(str(message.get("text", "")))
                elif kind == "closed":
                    self.closed_reason = str(message.get("reason", "")) or protocol.Reason.ENDED
                elif kind == "withdrawn":
                    self.on_withdrawn(int(message.get("claim", 0)))

    def _future(self, claim: int) -> asyncio.Future[Claim]:
        future = self._claims.get(claim)
        if future is None or future.done():
            future = asyncio.get_running_loop().create_future()
            self._claims[claim] = future
        return future

    async def claim(self, claim: int, timeout: float = 5.0) -> Claim:
        """The announcement for channel *claim* (it may arrive just after the channel itself)."""
        future = self._claims.get(claim) or self._future(claim)
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout)
        except TimeoutError:
            raise SessionClosedError(protocol.Reason.UNANNOUNCED, code="relay.unannounced") from None
        finally:
            self._claims.pop(claim, None)

    def say_end(self, by: str) -> None:
        """Tell the relay this is a deliberate end by *by* (customer/technician), so it closes the code."""
        with contextlib.suppress(Exception):
            self._writer.write(protocol.encode("end", by=by))

    async def wait_closed(self) -> None:
        await self.conn.wait_closed()

    def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self.conn.close()


def _check_pinned(conn: asyncssh.SSHClientConnection, relay: Target, pinned: asyncssh.SSHKey | None) -> None:
    """Every relay of one deployment presents one host key: another relay must present the same."""
    key = conn.get_server_host_key()
    if pinned is None or (key is not None and key.public_data == pinned.public_data):
        return
    conn.abort()
    raise HostKeyError(
        f"The relay {relay.host_port} presents a different host key than the relay this session started on: "
        "it is not part of the same support service, so nothing was sent to it.",
        "Tell your support team; someone may be intercepting the connection.",
        code="relay.host_key_differs",
        params={"host_port": relay.host_port},
    )


def _turned_away(relay: Target, cause: BaseException | None) -> ConnectError | None:
    """The relay's own words when it refused this address (too many links or codes), else None."""
    if not isinstance(cause, asyncssh.DisconnectError) or cause.code != asyncssh.DISC_TOO_MANY_CONNECTIONS:
        return None
    reason = cause.reason.removesuffix(f" (error {cause.code})")
    return ConnectError(
        f"The relay {relay.host_port} turned this connection away: {reason}.",
        code="relay.link_refused",
        params={"host_port": relay.host_port, "reason": reason},
    )
