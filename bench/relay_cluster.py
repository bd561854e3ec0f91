"""Bench: three relays as one (issue 16): idle agents spread over them, active pairs, kill -9 one relay.

    PYTHONPATH=. python3 bench/relay_cluster.py [--agents 1000] [--pairs 200] [--db sqlite|postgresql]
        [--protocol 1|2] [--echoes 20] [--claims leg|channel]

Everything on loopback. Relays are `valuezone relay` processes sharing one database and one host key.
Agents are lightweight customers in this process (control channel + forward + an echo; with protocol 2,
the default, the echo sits on a pinned TLS data leg to the agent's own relay, as the real agent's session
does), which reconnect like the real agent: to the next relay, with their code's resume token.
Technicians are asyncssh clients with a listed key; a third of them claim on a relay that does not hold
their agent (the claim is carried over the peer link). Printed: pairing latency (claim to first echo) and
keystroke echo latency for same-relay and carried claims, how many of the killed relay's agents came back
with the same code and how fast, and the database transactions per second the relays made. Scale down
with --agents/--pairs on a small machine.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# isort: off
import sessions  # noqa: F401  (before asyncssh: it quiets asyncssh's one known import-time warning)
import asyncssh
# isort: on

from bench.relay_agents import Echo, leg_echo, read_claims
from console.commands.argtypes import count, seconds
from sessions import codes
from sessions.agent.dataleg import LegOffer
from sessions.relay import protocol
from sessions.relay.legclient import LEG_CLAIM_PORT, LegAnswer

ECHO = b"x" * 32


def _acceptor(offer: LegOffer | None, claims: dict[int, asyncio.Future[str]]) -> Any:
    """What answers the relay's channel for a claim: an echo on the channel (v1) or on a data leg (v2)."""
    return lambda host, claim: Echo() if offer is None else leg_echo(offer, claims, claim)


@dataclass
class LightAgent:
    """A customer that keeps its code across relays, as `valuezone agent --relay A,B,C` does."""

    ports: list[int]
    index: int
    version: int = protocol.PROTOCOL_VERSION
    code: str = ""
    token: str = ""
    conn: asyncssh.SSHClientConnection | None = None
    keep: list[object] = field(default_factory=list)
    back_after: float | None = None
    same_code: bool = False

    async def link(self, timeout: float = 60.0) -> None:
        resume = {"code": self.code, "token": self.token} if self.code else None
        for step in range(len(self.ports)):
            index = (self.index + step) % len(self.ports)
            try:
                conn = await asyncio.wait_for(
                    asyncssh.connect(
                        "127.0.0.1", self.ports[index], username="support", known_hosts=None,
                        client_keys=None, agent_path=None, config=[],
                    ),
                    timeout,
                )  # fmt: skip
            except (OSError, asyncssh.Error, TimeoutError):
                continue
            writer, reader, _ = await conn.open_session(
                subsystem=protocol.CONTROL_SUBSYSTEM, encoding="utf-8"
            )
            writer.write(protocol.encode("hello", v=self.version, resume=resume))
            welcome = protocol.decode(await reader.readline())
            offer = LegOffer.from_welcome("127.0.0.1", welcome) if self.version >= 2 else None
            claims: dict[int, asyncio.Future[str]] = {}
            await conn.create_server(_acceptor(offer, claims), protocol.FORWARD_HOST, protocol.FORWARD_PORT)
            message = protocol.decode(await reader.readline())
            self.same_code = bool(self.code) and message.get("code") == self.code
            self.code, self.token = str(message["code"]), str(message["token"])
            task = asyncio.get_running_loop().create_task(read_claims(reader, claims))
            self.keep = [writer, reader, task]
            self.conn, self.index = conn, index
            return
        raise ConnectionError("no relay answered")


async def _pair(
    port: int, code: str, tech_key: Path, echoes: int, leg: bool
) -> tuple[float, list[float], asyncssh.SSHClientConnection, tuple[Any, Any]]:
    """Claim *code* on the relay at *port*; returns (seconds from claim to first echo, each keystroke's
    echo in seconds, the connection, the stream pair the session runs on)."""
    conn = await asyncssh.connect(
        "127.0.0.1", port, username="kim", client_keys=[str(tech_key)], known_hosts=None, agent_path=None,
        config=[],
    )  # fmt: skip
    started = time.perf_counter()
    reader: Any
    writer: Any
    if leg:  # the technician's own leg (sessions/relay/legclient.py), to where the answer says
        claim_reader, claim_writer = await conn.open_connection(codes.wire(code), LEG_CLAIM_PORT)
        answer = LegAnswer.parse(await claim_reader.readline(), "127.0.0.1")
        assert answer is not None, "no leg answer"
        reader, writer = await asyncio.open_connection(answer.host, answer.port)
        writer.write(b"VZLEG1 " + answer.token.encode() + b"\n")
        assert await reader.readline() == b"ok\n"
        claim_writer.close()
    else:
        reader, writer = await conn.open_connection(codes.wire(code), protocol.FORWARD_PORT)
    writer.write(ECHO)
    await reader.readexactly(len(ECHO))
    paired = time.perf_counter() - started
    keystrokes = []
    for _ in range(echoes):  # one key at a time, as a technician types
        sent = time.perf_counter()
        writer.write(b"k")
        await reader.readexactly(1)
        keystrokes.append(time.perf_counter() - sent)
        await asyncio.sleep(0.05)
    return paired, keystrokes, conn, (reader, writer)


async def _type_together(streams: list[tuple[Any, Any]], seconds: float) -> list[list[float]]:
    """Every pair types 10 keys a second at once for *seconds*; each pair's echo times in seconds."""
    loop = asyncio.get_running_loop()

    async def type_keys(index: int, reader: Any, writer: Any) -> list[float]:
        times: list[float] = []
        await asyncio.sleep((index % 10) / 100)  # spread the pairs over the 100 ms between keys
        end = loop.time() + seconds
        while loop.time() < end:
            sent = time.perf_counter()
            writer.write(b"k")
            await reader.readexactly(1)
            times.append(time.perf_counter() - sent)
            await asyncio.sleep(max(0.0, 0.1 - (time.perf_counter() - sent)))
        return times

    return list(await asyncio.gather(*(type_keys(i, r, w) for i, (r, w) in enumerate(streams))))


def _quantiles(values: list[float]) -> str:
    if not values:
        return "n/a"
    ms = sorted(v * 1000 for v in values)
    p = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]  # noqa: E731
    return (
        f"p50 {p(0.5):.1f} ms, p95 {p(0.95):.1f} ms, p99 {p(0.99):.1f} ms, max {ms[-1]:.1f} ms (n={len(ms)})"
    )


async def _relay(
    base: Path, name: str, port: int, db_url: str, key: Path, techs: Path, data_port: int
) -> asyncio.subprocess.Process:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "console.cli", "relay", "--listen", f"127.0.0.1:{port}",
        "--data-port", str(data_port), "--technicians",
        str(techs), "--state-dir", str(base / name), "--db", db_url, "--host-key", str(key), "--lease", "3",
        "--grace", "60", "--max-customers-per-address", "0", "--codes-per-minute", "0",
        "--max-unauthenticated-per-address", "0",  # every bench agent comes from 127.0.0.1
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert process.stdout is not None
    while b"Cluster member" not in (line := await asyncio.wait_for(process.stdout.readline(), 60)):
        if not line:
            raise RuntimeError(f"relay {name} did not start")
    return process


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def run(args: argparse.Namespace, base: Path, db_url: str) -> None:
    key = base / "deployment_ed25519"
    tech = base / "tech_ed25519"
    for path in (key, tech):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)
    techs = base / "technicians"
    techs.write_text(Path(f"{tech}.pub").read_text().strip() + " Bench Tech\n")
    ports = [_free_port() for _ in range(3)]
    relays = [
        await _relay(base, f"r{i}", port, db_url, key, techs, _free_port()) for i, port in enumerate(ports)
    ]
    began = time.monotonic()
    try:
        agents = [LightAgent(ports, i % 3, args.protocol) for i in range(args.agents)]
        started = time.perf_counter()
        for batch in range(0, len(agents), 25):
            await asyncio.gather(*(agent.link() for agent in agents[batch : batch + 25]))
        print(f"{len(agents)} idle agents linked over 3 relays in {time.perf_counter() - started:.1f} s")

        same: list[float] = []
        forwarded: list[float] = []
        same_echo: list[float] = []
        forwarded_echo: list[float] = []
        technicians: list[asyncssh.SSHClientConnection] = []
        streams: list[tuple[Any, Any]] = []
        paired = agents[: args.pairs]
        carried = lambda i: i % 3 == 2  # noqa: E731 - a third claim on a relay that does not hold the agent
        for batch in range(0, len(paired), 4):  # one technician key: at most 5 claims pending at once
            chunk = paired[batch : batch + 4]
            results = await asyncio.gather(*(
                _pair(ports[(a.index + carried(i)) % 3], a.code, tech, args.echoes, args.claims == "leg")
                for i, a in enumerate(chunk, start=batch)
            ))  # fmt: skip
            for i, (seconds, keystrokes, conn, stream) in enumerate(results, start=batch):
                (forwarded if carried(i) else same).append(seconds)
                (forwarded_echo if carried(i) else same_echo).extend(keystrokes)
                technicians.append(conn)
                streams.append(stream)
        leg = "agent's data leg" if args.protocol >= 2 else "agent's SSH link"
        leg += ", technician's own leg" if args.claims == "leg" else ", technician's SSH channel"
        print(f"pairing, claim on the agent's relay:      {_quantiles(same)}")
        print(f"pairing, claim carried to another relay:  {_quantiles(forwarded)}")
        ratio = statistics.median(forwarded) / statistics.median(same)
        print(f"  carried / same-relay pairing p50: {ratio:.2f}x")
        print(f"echo ({leg}), claim on the agent's relay:     {_quantiles(same_echo)}")
        print(f"echo ({leg}), claim carried to another relay: {_quantiles(forwarded_echo)}")
        if same_echo and forwarded_echo:
            ratio = statistics.median(forwarded_echo) / statistics.median(same_echo)
            print(f"  carried / same-relay echo p50: {ratio:.2f}x")
        together = await _type_together(streams, args.seconds)
        same_all = [t for i, times in enumerate(together) if not carried(i) for t in times]
        carried_all = [t for i, times in enumerate(together) if carried(i) for t in times]
        print(
            f"all {len(streams)} pairs typing 10 keys/s at once for {args.seconds:g} s (target p99 < 50 ms):"
        )
        print(f"  echo, claim on the agent's relay:     {_quantiles(same_all)}")
        print(f"  echo, claim carried to another relay: {_quantiles(carried_all)}")

        victims = [a for a in agents if a.index == 0]
        before = {id(a): a.code for a in victims}
        killed_at = time.perf_counter()
        relays[0].send_signal(signal.SIGKILL)
        await relays[0].wait()

        async def come_back(agent: LightAgent) -> None:
            assert agent.conn is not None
            await agent.conn.wait_closed()
            await agent.link()
            agent.back_after = time.perf_counter() - killed_at

        outcomes = await asyncio.wait_for(
            asyncio.gather(*(come_back(a) for a in victims), return_exceptions=True), args.window
        )
        back = [a for a in victims if a.back_after is not None and a.same_code and a.code == before[id(a)]]
        errors = [f"{type(r).__name__}: {r}" for r in outcomes if isinstance(r, BaseException)]
        failed = len(errors)
        for reason, count in collections.Counter(errors).most_common(3):
            print(f"  {count} failed: {reason[:160]}")
        print(
            f"kill -9 relay 0: {len(back)}/{len(victims)} of its agents back with the same code "
            f"({failed} failed); time to come back: {_quantiles([a.back_after or 0 for a in back])}"
        )
        for conn in technicians:
            conn.close()
        for agent in agents:
            if agent.conn is not None:
                agent.conn.close()
    finally:
        transactions = 0
        for process in relays[1:]:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
                out, _ = await asyncio.wait_for(process.communicate(), 60)
                for line in out.decode().splitlines():
                    if line.startswith("Cluster:"):
                        transactions += int(line.split()[1])
        for process in relays:
            if process.returncode is None:
                process.kill()
        elapsed = time.monotonic() - began
        rate = transactions / elapsed
        print(f"database ({args.db}): {transactions} transactions by the 2 surviving relays in "
              f"{elapsed:.0f} s = {rate:.0f}/s (relay 0's are lost with it)")  # fmt: skip


AGENTS = count(3, 100_000, unit="agents")  # a third of the pairs claim on another relay: at least 3
PAIRS = count(3, 100_000, unit="pairs")
ECHOES = count(0, 100_000, unit="keystrokes")
WINDOW = seconds(1, 3_600)
TYPING = seconds(1, 3_600)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=AGENTS, default=1000, help=f"idle agents ({AGENTS.range_text})")
    parser.add_argument("--pairs", type=PAIRS, default=200, help=f"active pairs ({PAIRS.range_text})")
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument(
        "--window",
        type=WINDOW,
        default=90.0,
        help=f"seconds the killed relay's agents get ({WINDOW.range_text})",
    )
    parser.add_argument(
        "--protocol",
        type=int,
        choices=(1, 2),
        default=protocol.PROTOCOL_VERSION,
        help="2: sessions on the agents' data legs (default); 1: inside their SSH links",
    )
    parser.add_argument(
        "--echoes",
        type=ECHOES,
        default=20,
        help=f"keystrokes echoed per pair as it is paired ({ECHOES.range_text})",
    )
    parser.add_argument(
        "--seconds",
        type=TYPING,
        default=10.0,
        help=f"all pairs typing at once, this long ({TYPING.range_text})",
    )
    parser.add_argument(
        "--claims",
        choices=("leg", "channel"),
        default="leg",
        help="leg: technicians bring their own data leg (the console's way, default); channel: the session "
        "inside their SSH channel (`ssh -J`)",
    )
    return parser


def main() -> None:
    args = build_parser().parse_args()
    args.pairs = min(args.pairs, args.agents)
    print(f"run: 3 relays, {args.agents} idle agents, {args.pairs} active pairs, database {args.db}, "
          f"protocol {args.protocol}, claims {args.claims}, {args.echoes} echoes per pair, "
          f"cpus {os.cpu_count()}, load {os.getloadavg()[0]:.1f}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="vz-cluster-bench-") as folder:
        base = Path(folder)
        with contextlib.ExitStack() as stack:
            if args.db == "postgresql":
                from tests.team.pgcluster import running_cluster

                url = stack.enter_context(running_cluster()).database("bench")
            else:
                url = f"sqlite:///{base / 'shared.sqlite3'}"
            asyncio.run(run(args, base, url))


if __name__ == "__main__":
    main()
