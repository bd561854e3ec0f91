"""A carried claim, many times over: `wc -c` of 4 MiB stdin counts every byte, and 4 MiB come back whole.

Before sessions/agent/stdinpipe.py, one round in 12 to 50 of this loop (it varies with the machine's
load) lost one to three 32 KiB packets of stdin on a carried claim: the agent closed the command's
pipe with them still buffered. tests/relay/test_stdin_whole.py makes that moment happen every time;
this loop guards the whole carried path. Bounded: fixed rounds, fewer through a slow, chunking proxy.
"""

from __future__ import annotations

import os

import pytest

from sessions import codes
from sessions.relay.client import JoinOptions, connect_by_code
from sessions.ssh.target import Target
from tests.cluster.slowpath import SlowProxy

SIZE = 4 << 20


@pytest.mark.parametrize("slow, rounds", [(False, 25), (True, 3)], ids=["loopback", "slow-proxy"])
@pytest.mark.parametrize("data_leg", [True, False], ids=["data-leg", "no-data-leg"])
async def test_a_carried_claim_loses_no_stdin_and_no_output(
    make_relay, make_agent, sqlite_url, tech_key, trust, data_leg, slow, rounds
) -> None:
    holder = await make_relay(sqlite_url, "a", data_leg=data_leg)
    front = await make_relay(sqlite_url, "b", data_leg=data_leg)
    run = await make_agent(holder.port, data_leg=data_leg)
    proxy = await SlowProxy(front.port).start() if slow else None
    port = proxy.port if proxy is not None else front.port
    conn = await connect_by_code(
        Target("127.0.0.1", port),
        codes.display(run.agent.code),
        JoinOptions(technician_key=tech_key, trust=trust),
    )
    payload = os.urandom(SIZE)
    short: list[tuple[str, int, int]] = []
    try:
        for round_ in range(rounds):
            up = await conn.run("wc -c", input=payload, encoding=None)
            if up.exit_status != 0 or int(up.stdout or b"-1") != SIZE:
                short.append(("stdin", round_, SIZE - int(up.stdout or b"0")))
            down = await conn.run(f"head -c {SIZE} /dev/zero", encoding=None)
            if len(down.stdout) != SIZE:
                short.append(("stdout", round_, SIZE - len(down.stdout)))
    finally:
        conn.close()
        await conn.wait_closed()
        if proxy is not None:
            await proxy.close()
    assert not short, f"bytes missing (direction, round, how many) in {rounds} rounds: {short}"
