"""Bench: three relays as one (issue 16): idle agents spread over them, active pairs, kill -9 one relay.

    PYTHONPATH=. python3 bench/relay_cluster.py [--agents 1000] [--pairs 200] [--db sqlite|postgresql]

Everything on loopback. Relays are `valuezone relay` processes sharing one database and one host key.
Agents are lightweight customers in this process (control channel + forward + an echo), which reconnect
like the real agent: to the next relay, with their code's resume token. Technicians are asyncssh clients
with a listed key. Printed: pairing latency for claims on the agent's own relay and for claims carried to
another relay, how many of the killed relay's agents came back with the same code and how fast, and the
database transactions per second the relays made. Scale down with --agents/--pairs on a small machine.
"""

from __future__ import annotations

import argparse
import asyncio
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

import asyncssh

from sessions import codes
from sessions.relay import protocol

ECHO = b"x" * 32


class _Echo(asyncssh.SSHTCPSession[bytes]):
    def connection_made(self, chan: asyncssh.SSHTCPChannel[bytes]) -> None:  # type: ignore[override]
        self.chan = chan

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self.chan.write(data)


@dataclass
class LightAgent:
    """A customer that keeps its code across relays, as `valuezone agent --relay A,B,C` does."""

    ports: list[int]
    index: int
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
            writer.write(protocol.encode("hello", v=protocol.PROTOCOL_VERSION, resume=resume))
            await reader.readline()
            await conn.create_server(lambda h, p: _Echo(), protocol.FORWARD_HOST, protocol.FORWARD_PORT)
            message = protocol.decode(await reader.readline())
            self.same_code = bool(self.code) and message.get("code") == self.code
            self.code, self.token = str(message["code"]), str(message["token"])
            self.keep = [writer, reader]
            self.conn, self.index = conn, index
            return
        raise ConnectionError("no relay answered")


async def _pair(port: int, code: str, tech_key: Path) -> tuple[float, asyncssh.SSHClientConnection]:
    """Claim *code* on the relay at *port*; returns (seconds from claim to first echo, connection)."""
    conn = await asyncssh.connect(
        "127.0.0.1", port, username="kim", client_keys=[str(tech_key)], known_hosts=None, agent_path=None,
        config=[],
    )  # fmt: skip
    started = time.perf_counter()
    reader, writer = await conn.open_connection(codes.wire(code), protocol.FORWARD_PORT)
    writer.write(ECHO)
    await reader.readexactly(len(ECHO))
    return time.perf_counter() - started, conn


def _quantiles(values: list[float]) -> str:
    if not values:
        return "n/a"
    ms = sorted(v * 1000 for v in values)
    p = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]  # noqa: E731
    return f"p50 {p(0.5):.1f} ms, p95 {p(0.95):.1f} ms, max {ms[-1]:.1f} ms (n={len(ms)})"


async def _relay(
    base: Path, name: str, port: int, db_url: str, key: Path, techs: Path
) -> asyncio.subprocess.Process:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "console.cli", "relay", "--listen", f"127.0.0.1:{port}", "--technicians",
        str(techs), "--state-dir", str(base / name), "--db", db_url, "--host-key", str(key), "--lease", "3",
        "--grace", "60", "--max-customers-per-address", "0", "--codes-per-minute", "0",
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
    relays = [await _relay(base, f"r{i}", port, db_url, key, techs) for i, port in enumerate(ports)]
    began = time.monotonic()
    try:
        agents = [LightAgent(ports, i % 3) for i in range(args.agents)]
        started = time.perf_counter()
        for batch in range(0, len(agents), 25):
            await asyncio.gather(*(agent.link() for agent in agents[batch : batch + 25]))
        print(f"{len(agents)} idle agents linked over 3 relays in {time.perf_counter() - started:.1f} s")

        same: list[float] = []
        forwarded: list[float] = []
        technicians: list[asyncssh.SSHClientConnection] = []
        paired = agents[: args.pairs]
        for batch in range(0, len(paired), 10):
            chunk = paired[batch : batch + 10]
            # even pairs claim on the agent's own relay, odd ones on the next relay (carried over)
            results = await asyncio.gather(*(
                _pair(ports[(a.index + (i % 2)) % 3], a.code, tech) for i, a in enumerate(chunk, start=batch)
            ))  # fmt: skip
            for i, (seconds, conn) in enumerate(results, start=batch):
                (same if i % 2 == 0 else forwarded).append(seconds)
                technicians.append(conn)
        print(f"pairing, claim on the agent's relay:      {_quantiles(same)}")
        print(f"pairing, claim carried to another relay:  {_quantiles(forwarded)}")
        print(f"  forwarded / same-relay p50: {statistics.median(forwarded) / statistics.median(same):.2f}x")

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
        failed = sum(1 for r in outcomes if isinstance(r, BaseException))
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=1000)
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--window", type=float, default=90.0, help="seconds the killed relay's agents get")
    args = parser.parse_args()
    args.pairs = min(args.pairs, args.agents)
    print(f"run: 3 relays, {args.agents} idle agents, {args.pairs} active pairs, database {args.db}, "
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
