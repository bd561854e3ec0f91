"""A real customer and technician through a relay held to 1,024 open files, without and during a flood.

    nice -n -15 python -m bench.relay_flood [--rounds 5] [--flood 2000]

The relay is `valuezone relay` in its own process with RLIMIT_NOFILE 1024:1024 (so raising the soft limit
cannot help it). The flood is tests/relay/flood.py in its own process: raw sockets that never send a
byte, opened 500 a second. A round: our agent (consent answered at once) connects from 127.0.0.1 and
gets a code (a refused start is retried after 0.2 s); our technician claims the code and runs `echo`.
Printed per scenario: the median and worst time to the code and from the code to the echo, the ratio
to the no-flood medians of the same run, the relay's open files (sampled from /proc every 50 ms) and
what the flood saw. Scenarios:

- no flood (the reference);
- held: 2,000 silent connections, 1,700 from 127.0.0.1 (the customer's address) and 300 from five
  others, not reopened when the relay closes them (the test in tests/relay/test_flood.py);
- sustained, other addresses: 2,000 from ten addresses that are not the customer's, every connection
  the relay closes opened again at once;
- sustained, the customer's address too: as held, but reopened (an attacker behind the customer's NAT);
- gate off, held: the held flood against the relay with its gate opened wide (`--max-unauthenticated
  100000 --max-unauthenticated-per-address 0 --handshake-timeout 30`: what the relay did before).

A round with no code after 20 s counts as locked out. One round before the flood starts is not counted
(the agent's host key, imports, caches).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from console.commands.argtypes import count
from sessions.agent.core import Agent, AgentConfig
from sessions.errors import SupportError
from sessions.relay.client import JoinOptions, connect_by_code
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from tests.relay.flood import FloodProcess, RelayProcess, relay_process
from tests.sshd import keygen

GATE_OFF = ("--max-unauthenticated", "100000", "--max-unauthenticated-per-address", "0",
            "--handshake-timeout", "30")  # fmt: skip
LOCKED_OUT = 20.0


@dataclass
class Round:
    code: float  # seconds until the agent showed a code (retries included)
    echo: float  # seconds from the code to the technician's echo
    attempts: int


@dataclass
class Scenario:
    name: str
    rounds: list[Round] = field(default_factory=list)
    locked_out: int = 0
    peak_fds: int = 0
    flood: dict[str, int] = field(default_factory=dict)


async def one_round(folder: Path, relay: RelayProcess, key: Path, n: int) -> Round | None:
    start = time.perf_counter()
    attempts = 0
    agent = None
    while time.perf_counter() - start < LOCKED_OUT:
        attempts += 1
        candidate = Agent(
            AgentConfig(
                Target("127.0.0.1", relay.port), auto_consent=True, state_dir=folder / "agent", grace=5.0
            )
        )
        try:
            await asyncio.wait_for(candidate.start(), LOCKED_OUT)
        except (SupportError, TimeoutError):
            with contextlib.suppress(Exception):
                await candidate.end()
            await asyncio.sleep(0.2)
            continue
        agent = candidate
        break
    if agent is None:
        return None
    got_code = time.perf_counter()
    trust = HostKeyTrust(known_hosts=folder / f"kh{n}", read_user_known_hosts=False, accept_new=True)
    try:
        conn = await connect_by_code(
            Target("127.0.0.1", relay.port, "kim"),
            agent.code,
            JoinOptions(technician_key=key, trust=trust, timeout=60),
        )
        result = await conn.run("echo flood-bench")
        assert result.stdout == "flood-bench\n", result
        conn.close()
        return Round(got_code - start, time.perf_counter() - got_code, attempts)
    finally:
        await agent.end()


async def sample_fds(relay: RelayProcess, scenario: Scenario, stop: asyncio.Event) -> None:
    while not stop.is_set():
        with contextlib.suppress(OSError):
            scenario.peak_fds = max(scenario.peak_fds, relay.open_fds())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.05)


def held_plan(flood: int) -> dict[str, int]:
    others = flood * 3 // 20  # 15 % from five other addresses
    return {"127.0.0.1": flood - others, **{f"127.0.0.{n}": others // 5 for n in range(2, 7)}}


def elsewhere_plan(flood: int) -> dict[str, int]:
    return {f"127.0.0.{n}": flood // 10 for n in range(2, 12)}


async def run_scenario(
    folder: Path,
    name: str,
    rounds: int,
    plan: dict[str, int] | None,
    *,
    reopen: bool = False,
    gate_off: bool = False,
) -> Scenario:
    scenario = Scenario(name)
    key = keygen(folder / f"tech-{len(name)}-{time.monotonic_ns()}")
    kind, blob = Path(f"{key}.pub").read_text().split()[:2]
    technicians = folder / "technicians"
    technicians.write_text(f"{kind} {blob} Bench\n")
    args = GATE_OFF if gate_off else ()
    state = folder / f"relay-{time.monotonic_ns()}"
    async with relay_process(state, technicians, *args, nofile=(1024, 1024)) as relay:
        stop = asyncio.Event()
        sampler = asyncio.ensure_future(sample_fds(relay, scenario, stop))
        await one_round(state, relay, key, -1)  # warm-up, before any flood: host key, imports, caches
        attack = None
        if plan:
            attack = FloodProcess(relay.port, plan, reopen=reopen)
            await attack.start()
            await asyncio.sleep(1.0)
        try:
            for n in range(rounds):
                got = await one_round(state, relay, key, n)
                if got is None:
                    scenario.locked_out += 1
                else:
                    scenario.rounds.append(got)
        finally:
            if attack is not None:
                scenario.flood = await attack.stop()
            stop.set()
            await sampler
    return scenario


def _ms(values: list[float]) -> str:
    if not values:
        return "      -"
    return f"{statistics.median(values) * 1000:7.0f} (worst {max(values) * 1000:6.0f})"


def report(scenarios: list[Scenario]) -> None:
    reference = scenarios[0]
    ref_code = statistics.median(r.code for r in reference.rounds)
    ref_echo = statistics.median(r.echo for r in reference.rounds)
    print(f"{'scenario':<24} {'code ms':>22} {'echo ms':>22} {'ratio':>11} {'tries':>5} "
          f"{'locked out':>10} {'relay fds':>9}  flood")  # fmt: skip
    for s in scenarios:
        codes = [r.code for r in s.rounds]
        echoes = [r.echo for r in s.rounds]
        ratio = (
            f"{statistics.median(codes) / ref_code:4.1f}/{statistics.median(echoes) / ref_echo:4.1f}"
            if codes
            else "-"
        )
        tries = max((r.attempts for r in s.rounds), default=0)
        flood = " ".join(f"{k}={v}" for k, v in s.flood.items() if k in ("opened", "closed", "reopened"))
        print(
            f"{s.name:<24} {_ms(codes):>22} {_ms(echoes):>22} {ratio:>11} {tries:>5} "
            f"{s.locked_out:>10} {s.peak_fds:>9}  {flood}"
        )
    print(
        "ratio: code/echo medians against the no-flood medians of this run; "
        "tries: most agent starts in one round"
    )


ROUNDS = count(1, 1_000, unit="rounds")
FLOOD = count(100, 1_000_000, unit="connections")  # spread over up to ten addresses, each gets some


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds", type=ROUNDS, default=5, help=f"rounds per scenario ({ROUNDS.range_text}; default 5)"
    )
    parser.add_argument(
        "--flood", type=FLOOD, default=2000, help=f"flood connections ({FLOOD.range_text}; default 2000)"
    )
    parser.add_argument("--skip-gate-off", action="store_true", help="leave out the gate-off scenario")
    return parser


async def main() -> None:
    args = build_parser().parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        held, elsewhere = held_plan(args.flood), elsewhere_plan(args.flood)
        scenarios = [
            await run_scenario(folder, "no flood", args.rounds, None),
            await run_scenario(folder, "held", args.rounds, held),
            await run_scenario(folder, "sustained, other addr.", args.rounds, elsewhere, reopen=True),
            await run_scenario(folder, "sustained, same addr.", args.rounds, held, reopen=True),
        ]
        if not args.skip_gate_off:
            scenarios.append(
                await run_scenario(folder, "gate off, held", min(args.rounds, 2), held, gate_off=True)
            )
    report(scenarios)


if __name__ == "__main__":
    asyncio.run(main())  # the relay (its own process) runs on uvloop when installed, as in production
