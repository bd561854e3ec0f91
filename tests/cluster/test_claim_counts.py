"""A technician key's allowance of refused claims is the deployment's: 5 per 10 minutes across every relay,
and a claim carried to another relay counts once."""

from __future__ import annotations

import asyncio

import pytest

from sessions import codes
from sessions.agent.events import ConsentRequested
from sessions.errors import CodeUnknownError, ConsentRefusedError, RateLimitedError
from sessions.relay.client import JoinOptions, connect_by_code, connect_relay, open_code_channel
from sessions.ssh.target import Target
from sessions.team.database import SYSTEM


def _counted(relay) -> int:  # type: ignore[no-untyped-def]
    with relay.cluster.registry.database.tx(SYSTEM) as tx:
        row = tx.one("SELECT count(*) FROM relay_claims")
    return int(row[0])


async def test_the_allowance_is_shared_by_every_relay(make_relay, db_url, tech_key, trust) -> None:
    first = await make_relay(db_url, "a")
    second = await make_relay(db_url, "b")
    conns = [
        await connect_relay(Target("127.0.0.1", relay.port), trust=trust, technician_key=tech_key)
        for relay in (first, second)
    ]
    for number in range(5):  # wrong codes, spread over both relays
        with pytest.raises(CodeUnknownError):
            await open_code_channel(conns[number % 2], codes.new_code())
    for conn in conns:  # the sixth is refused on either relay, unasked
        with pytest.raises(RateLimitedError):
            await open_code_channel(conn, codes.new_code())
        conn.close()


async def test_a_carried_claim_counts_once(make_relay, make_agent, db_url, tech_key, trust) -> None:
    holder = await make_relay(db_url, "a")
    carrier = await make_relay(db_url, "b")
    run = await make_agent(holder.port, auto_consent=False)
    answers = iter([False, True])
    run.agent.subscribe(lambda e: isinstance(e, ConsentRequested) and e.answer.set_result(next(answers)))
    options = JoinOptions(technician_key=tech_key, trust=trust)
    target = Target("127.0.0.1", carrier.port)
    with pytest.raises(ConsentRefusedError):
        await connect_by_code(target, codes.display(run.agent.code), options)
    await asyncio.sleep(0.3)  # refunds and counts are written in the background
    assert await asyncio.to_thread(_counted, holder) == 1  # the customer's no, counted once
    conn = await connect_by_code(target, codes.display(run.agent.code), options)
    assert (await conn.run("echo yes")).stdout == "yes\n"
    conn.close()
    await asyncio.sleep(0.3)
    assert await asyncio.to_thread(_counted, holder) == 1  # the yes was handed back
