"""The deployment's one code history: a code closed on one relay is not issued again by another."""

from __future__ import annotations

import asyncio
import time

import pytest

from sessions import codes
from sessions.cluster import routing
from sessions.cluster.registry import Registry
from sessions.errors import SessionClosedError
from sessions.relay.client import JoinOptions, connect_by_code
from sessions.relay.protocol import Reason, relay_reason
from sessions.ssh.target import Target
from sessions.team.migrations import open_database


async def _until(predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not await predicate():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


async def test_a_code_ended_on_one_relay_is_not_issued_by_another(
    make_relay, make_agent, db_url, tech_key, trust, monkeypatch
) -> None:
    first = await make_relay(db_url, "a")
    second = await make_relay(db_url, "b")
    assert first.cluster is not None and second.cluster is not None
    run = await make_agent(first.port)
    code = run.agent.code
    await run.agent.end()  # the customer ends it: closed on the first relay

    async def closed() -> bool:
        return await asyncio.to_thread(second.cluster.registry.closed_reason, code) is not None

    await _until(closed)
    assert not await second.cluster.take_code(code, "another-token", time.time())
    # The second relay draws that very code first: it is skipped, and the next draw is issued.
    drawn = iter([code, codes.new_code()])
    monkeypatch.setattr(codes, "new_code", lambda: next(drawn))
    pairing = await routing.issue(second, object())  # type: ignore[arg-type]
    assert pairing.code != code
    # A late claim on the other relay reads why the code closed, as on the relay that closed it.
    with pytest.raises(SessionClosedError) as caught:
        await connect_by_code(
            Target("127.0.0.1", second.port),
            codes.display(code),
            JoinOptions(technician_key=tech_key, trust=trust),
        )
    assert relay_reason(caught.value) == Reason.ENDED


@pytest.fixture
def database(tmp_path):  # type: ignore[no-untyped-def]
    database = open_database(f"sqlite:///{tmp_path / 'team.sqlite3'}", tmp_path)
    yield database
    database.close()


def test_a_dead_relays_codes_join_the_history_when_released(database) -> None:
    dead = Registry(database, "dead", lease=0.05, grace=0.05)
    live = Registry(database, "live", lease=10, grace=0.05)
    dead.join("127.0.0.1:1", "SHA256:x")
    live.join("127.0.0.1:2", "SHA256:x")
    waiting, active = codes.new_code(), codes.new_code()
    assert dead.take_code(waiting, "t1", time.time()) and dead.take_code(active, "t2", time.time())
    dead.bind(active, "SHA256:tech", "Kim")
    time.sleep(0.2)
    live.heartbeat()  # the dead relay's leases ran out, and the grace after them
    assert live.holder(waiting) is None and live.holder(active) is None
    assert live.closed_reason(waiting) == Reason.EXPIRED
    assert live.closed_reason(active) == Reason.USED
    assert not live.take_code(waiting, "t3", time.time())


def test_the_history_keeps_the_newest_closed_codes(database) -> None:
    registry = Registry(database, "r", lease=10, grace=10, history=3)
    registry.join("127.0.0.1:1", "SHA256:x")
    closed = [codes.new_code() for _ in range(5)]
    for code in closed:
        assert registry.take_code(code, "t", time.time())
        registry.release(code, Reason.ENDED)
        time.sleep(0.01)
    registry.heartbeat()
    assert [registry.closed_reason(code) for code in closed] == [None, None] + [Reason.ENDED] * 3
    assert registry.take_code(closed[0], "t", time.time())  # out of the history: it may be drawn again
    assert not registry.take_code(closed[-1], "t", time.time())
