"""Bench helper: many customers in one process, each printing its code; runs until stdin closes.

    relay_agents.py --relay-port P --count N [--real [--forward-sshd PORT]] [--protocol 1|2]

Default: lightweight customers (asyncssh, control channel + forward, an echo behind it: on the channel
with `--protocol 1`, on a pinned TLS data leg with 2, the default), for idle-scale and active-pair runs.
`--real`: the real `sessions.agent.core.Agent` (consent answered yes at once), serving its inner
SSH server or, with `--forward-sshd`, splicing to that sshd: what the latency comparison measures;
`--protocol 1` makes it speak v1, as agents before the data leg did.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import tempfile
from pathlib import Path
from typing import Any

# isort: off
import sessions  # noqa: F401  (before asyncssh: it quiets asyncssh's one known import-time warning)
import asyncssh
# isort: on

from console.commands.argtypes import count
from console.commands.argtypes import port as tcp_port
from sessions import eventloop
from sessions.agent.dataleg import LegOffer, hand_over, open_leg
from sessions.relay import protocol
from sessions.ssh.packets import streamline

_KEEP: list[object] = []


class Echo(asyncssh.SSHTCPSession[bytes]):
    def connection_made(self, chan: asyncssh.SSHTCPChannel[bytes]) -> None:  # type: ignore[override]
        self.chan = chan

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self.chan.write(data)


class LegEcho(asyncio.Protocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport: Any = transport

    def data_received(self, data: bytes) -> None:
        self.transport.write(data)


async def read_claims(reader: asyncssh.SSHReader[str], claims: dict[int, asyncio.Future[str]]) -> None:
    """The relay's `claim` announcements: each carries the one-time token of its data leg."""
    with contextlib.suppress(asyncssh.Error, OSError):
        async for line in reader:
            message = protocol.decode(line)
            if message["type"] == "claim":
                future = claims.setdefault(int(message["claim"]), asyncio.get_running_loop().create_future())
                if not future.done():
                    future.set_result(str(message.get("leg", "")))


async def leg_echo(offer: LegOffer, claims: dict[int, asyncio.Future[str]], claim: int) -> object:
    future = claims.setdefault(claim, asyncio.get_running_loop().create_future())
    token = await asyncio.wait_for(future, 10)
    claims.pop(claim, None)
    transport, early = await open_leg(offer, token)
    hand_over(transport, LegEcho(), early)
    return asyncssh.SSHTCPSession()  # the consent channel: the relay closes it


async def _light(port: int, version: int) -> tuple[asyncssh.SSHClientConnection, str]:
    conn = await asyncssh.connect("127.0.0.1", port, username="support", known_hosts=None, client_keys=None)
    streamline(conn)
    writer, reader, _ = await conn.open_session(subsystem=protocol.CONTROL_SUBSYSTEM, encoding="utf-8")
    writer.write(protocol.encode("hello", v=version, resume=None))
    offer = LegOffer.from_welcome("127.0.0.1", protocol.decode(await reader.readline()))
    claims: dict[int, asyncio.Future[str]] = {}
    await conn.create_server(
        lambda host, claim: Echo() if offer is None else leg_echo(offer, claims, claim),
        protocol.FORWARD_HOST,
        protocol.FORWARD_PORT,
    )
    code = protocol.decode(await reader.readline())["code"]
    task = asyncio.get_running_loop().create_task(read_claims(reader, claims))
    _KEEP.append((writer, reader, task))  # the control channel must stay referenced
    return conn, str(code)


async def _real(port: int, forward_sshd: int | None, state_dir: Path, version: int) -> tuple[object, str]:
    from sessions.agent.core import Agent, AgentConfig
    from sessions.ssh.target import Target

    agent = Agent(
        AgentConfig(
            relay=Target("127.0.0.1", port),
            forward_sshd=forward_sshd,
            auto_consent=True,
            state_dir=state_dir,
            data_leg=version >= 2,
        )
    )
    await agent.start()
    return agent, agent.code


AGENTS = count(1, 100_000, unit="agents")
PARALLEL = count(1, 10_000, unit="connections")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--relay-port", type=tcp_port, required=True, help="the relay's agent port (1 to 65535)"
    )
    parser.add_argument(
        "--count", type=AGENTS, default=1, help=f"agents to connect ({AGENTS.range_text}; default 1)"
    )
    parser.add_argument("--real", action="store_true", help="the real agent (default: lightweight echo)")
    parser.add_argument(
        "--forward-sshd", type=tcp_port, help="with --real: splice to this sshd port (1 to 65535)"
    )
    parser.add_argument(
        "--parallel",
        type=PARALLEL,
        default=20,
        help=f"connections opened at once ({PARALLEL.range_text}; default 20)",
    )
    parser.add_argument(
        "--protocol",
        type=int,
        choices=(1, 2),
        default=protocol.PROTOCOL_VERSION,
        help=f"1: sessions inside the SSH links; 2: on data legs (default {protocol.PROTOCOL_VERSION})",
    )
    return parser


async def main() -> None:
    args = build_parser().parse_args()
    gate = asyncio.Semaphore(args.parallel)
    state = tempfile.TemporaryDirectory()

    async def guarded() -> tuple[object, str]:
        async with gate:
            if args.real:
                return await _real(args.relay_port, args.forward_sshd, Path(state.name), args.protocol)
            return await _light(args.relay_port, args.protocol)

    # real agents share one inner host key: the first one creates it before the others start together
    first = [await guarded()] if args.real else []
    links = first + list(await asyncio.gather(*(guarded() for _ in range(args.count - len(first)))))
    for _, code in links:
        print(code, flush=True)
    print("ready", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)  # run until the bench closes our stdin
    for link, _ in links:
        with contextlib.suppress(Exception):
            if args.real:
                await link.end()  # type: ignore[attr-defined]
            else:
                link.close()  # type: ignore[attr-defined]
    state.cleanup()


if __name__ == "__main__":
    eventloop.run(main())
