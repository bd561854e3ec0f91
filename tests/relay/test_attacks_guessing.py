"""Guessing stays expensive: every claim that does not end in the customer's yes counts, counted at once.

A technician key (and a source address) gets 5 such claims per 10 minutes: wrong codes, codes in use
by someone else, declines and unanswered questions alike. Claims are counted the moment they start, so
simultaneous claims cannot slip under the limit; codes per minute per address are counted the same way.
"""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

import asyncssh
import pytest

from sessions.agent.events import ConsentRequested
from sessions.agent.link import RelayLink
from sessions.errors import (
    CodeUnknownError,
    ConnectError,
    ConsentRefusedError,
    RateLimitedError,
    SessionClosedError,
)
from sessions.relay.audit import read_audit
from sessions.relay.client import JoinOptions, connect_by_code, connect_relay, open_code_channel
from sessions.relay.protocol import Reason, relay_reason
from sessions.relay.server import Relay, RelayConfig
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from tests.relay.hostile import RawCustomer
from tests.sshd import keygen


def _add_technician(relay: Relay, tmp_path: Path, name: str) -> Path:
    key = keygen(tmp_path / f"{name.split()[0].lower()}_ed25519")
    kind, blob = Path(f"{key}.pub").read_text().split()[:2]
    with relay.config.technicians_file.open("a") as handle:
        handle.write(f"{kind} {blob} {name}\n")
    return key


async def _until(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


def _refusals(relay: Relay) -> list[str]:
    return [e["reason"] for e in read_audit(relay.audit.path) if e["event"] == "claim.refused"]


async def test_declines_count_and_the_sixth_claim_is_refused_unasked(
    relay: Relay, make_agent, relay_target, tech_key, trust, tmp_path
) -> None:
    """A rogue technician asks a customer over and over, hoping for a yes: five noes, then no more asking."""
    run = await make_agent(auto_consent=False)
    run.agent.subscribe(lambda e: isinstance(e, ConsentRequested) and e.answer.set_result(False))
    relay_conn = await connect_relay(relay_target, trust=trust, technician_key=tech_key)
    for _ in range(5):
        with pytest.raises(ConsentRefusedError, match="declined"):
            await open_code_channel(relay_conn, run.agent.code)
    with pytest.raises(RateLimitedError) as info:
        await open_code_channel(relay_conn, run.agent.code)
    assert relay_reason(info.value) == Reason.RATE_LIMITED
    assert len(run.of(ConsentRequested)) == 5  # the sixth never reached the customer
    relay_conn.close()
    lee = _add_technician(relay, tmp_path, "Lee Jiwoo")  # the same address: its share is used up too
    with pytest.raises(RateLimitedError):
        await connect_by_code(relay_target, run.agent.code, JoinOptions(technician_key=lee, trust=trust))


async def test_unanswered_questions_count(relay: Relay, make_agent, relay_target, tech_key, trust) -> None:
    run = await make_agent(auto_consent=False, consent_timeout=0.2)
    relay_conn = await connect_relay(relay_target, trust=trust, technician_key=tech_key)
    for _ in range(5):
        with pytest.raises(ConsentRefusedError, match="did not answer"):
            await open_code_channel(relay_conn, run.agent.code)
    with pytest.raises(RateLimitedError):
        await open_code_channel(relay_conn, run.agent.code)
    relay_conn.close()


async def test_claims_on_a_code_in_use_count(
    relay: Relay, make_agent, relay_target, tech_key, trust, tmp_path
) -> None:
    run = await make_agent()
    kim = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    lee = _add_technician(relay, tmp_path, "Lee Jiwoo")
    lee_conn = await connect_relay(relay_target, trust=trust, technician_key=lee)
    for _ in range(5):
        with pytest.raises(CodeUnknownError, match="Another technician"):
            await open_code_channel(lee_conn, run.agent.code)
    with pytest.raises(RateLimitedError):
        await open_code_channel(lee_conn, run.agent.code)
    assert _refusals(relay) == [Reason.IN_USE] * 5 + [Reason.RATE_LIMITED]
    assert (await kim.run("echo kim-unaffected")).stdout == "kim-unaffected\n"
    lee_conn.close()
    kim.close()


async def test_simultaneous_claims_are_counted_when_they_start(
    relay: Relay, make_agent, relay_target, tech_key, trust
) -> None:
    """Eight claims at once on eight live codes, nobody answering: only five customers are asked."""
    runs = [await make_agent(auto_consent=False, consent_timeout=30) for _ in range(8)]
    relay_conn = await connect_relay(relay_target, trust=trust, technician_key=tech_key)
    claims = [
        asyncio.ensure_future(open_code_channel(relay_conn, run.agent.code, consent_wait=30)) for run in runs
    ]

    def limited() -> int:
        return sum(c.done() and isinstance(c.exception(), RateLimitedError) for c in claims)

    def asked() -> int:
        return sum(len(run.of(ConsentRequested)) for run in runs)

    await _until(lambda: limited() + asked() == 8)
    assert (limited(), asked()) == (3, 5)
    relay_conn.close()
    for claim in claims:
        claim.cancel()
    await asyncio.gather(*claims, return_exceptions=True)


async def test_technicians_behind_one_address_may_all_wait_for_their_customers(
    relay: Relay, make_agent, relay_target, tech_key, trust, tmp_path
) -> None:
    """An office behind one address: two technicians with four pending questions each are all asked."""
    runs = [await make_agent(auto_consent=False, consent_timeout=30) for _ in range(8)]
    lee = _add_technician(relay, tmp_path, "Lee Jiwoo")
    conns = [await connect_relay(relay_target, trust=trust, technician_key=key) for key in (tech_key, lee)]
    claims = [
        asyncio.ensure_future(open_code_channel(conns[n % 2], run.agent.code, consent_wait=30))
        for n, run in enumerate(runs)
    ]
    await _until(lambda: sum(len(run.of(ConsentRequested)) for run in runs) == 8)
    assert not any(c.done() for c in claims)
    for conn in conns:
        conn.close()
    for claim in claims:
        claim.cancel()
    await asyncio.gather(*claims, return_exceptions=True)


async def test_own_retries_while_the_customer_reconnects_do_not_count(
    relay: Relay, relay_target, tech_key, trust
) -> None:
    """The technician's own session waits for the customer's link: retrying it is not guessing."""
    customer = await RawCustomer.open(relay.port)
    relay_conn = await connect_relay(relay_target, trust=trust, technician_key=tech_key)
    await open_code_channel(relay_conn, customer.code)  # the raw customer accepts at once
    customer.conn.abort()  # the customer's network drops; the code waits for the grace period
    await _until(lambda: relay.book.get(customer.code).state.value == "active-away")
    for _ in range(8):
        with pytest.raises(SessionClosedError, match="reconnecting"):
            await open_code_channel(relay_conn, customer.code)
    assert Reason.RATE_LIMITED not in _refusals(relay)
    relay_conn.close()


@pytest.fixture
def relay_config(relay_config: RelayConfig) -> RelayConfig:
    # The gate's cap on connections still logging in per address (32) would turn some of the 60 away
    # before they ask for a code; this test is about the codes-per-minute count, so it is lifted here.
    return dataclasses.replace(
        relay_config,
        max_customers_per_address=0,
        codes_per_minute_per_address=30,
        max_unauthenticated_per_address=0,
    )


async def _stock_customer(port: int) -> str:
    """`ssh -N -R vz:22:…` by asyncssh: log in as support, ask for the forward; '' when turned away."""
    try:
        conn = await asyncssh.connect(
            "127.0.0.1", port, username="support", known_hosts=None, client_keys=None, agent_path=None
        )
        await conn.create_server(lambda host, port: asyncssh.SSHTCPSession(), "vz", 22)
    except (asyncssh.Error, asyncssh.ChannelListenError, OSError) as exc:
        return f"refused: {exc}"
    return "code"


async def test_simultaneous_logins_from_one_address_get_at_most_the_codes_per_minute(
    relay: Relay, trust
) -> None:
    """60 customer logins at once from 127.0.0.1 (50 stock, 10 our agent's link) with 30 codes a minute
    allowed: exactly 30 codes, and every agent turned away says why."""
    stock = [_stock_customer(relay.port) for _ in range(50)]
    agents = [_agent_link(relay, trust) for _ in range(10)]
    results = await asyncio.gather(*stock, *agents, return_exceptions=True)
    relay.refusals.report()  # refusals past the first 10 from an address are counted in a summary line
    events = read_audit(relay.audit.path)
    issued = [e for e in events if e["event"] == "code.issued"]
    refused = [e for e in events if e["event"] == "customer.refused"]
    summaries = [e["counts"] for e in events if e["event"] == "refusals.summarized"]
    counted = sum(counts.get("customer.refused", 0) for counts in summaries)
    assert len(issued) == 30
    assert len(refused) + counted == 30 and all("Too many session codes" in e["reason"] for e in refused)
    assert results[:50].count("code") + sum(isinstance(r, RelayLink) for r in results[50:]) == 30
    for result in results[50:]:
        if isinstance(result, RelayLink):
            result.close()
        else:
            assert isinstance(result, ConnectError), result
            assert "turned this connection away: Too many session codes requested from 127.0.0.1" in str(
                result
            )


async def _agent_link(relay: Relay, trust: HostKeyTrust) -> RelayLink:
    return await RelayLink.open(
        Target("127.0.0.1", relay.port), trust=trust, accept=lambda host, port: None, resume=None
    )


async def test_one_key_from_many_loopback_addresses_and_connections_gets_five_guesses(
    relay: Relay, make_agent, tech_key
) -> None:
    """A guesser spreads its claims over 127.0.0.2 … 127.0.0.9, a new connection for each, some at once."""
    from sessions.codes import new_code

    run = await make_agent()  # one live code: guesses never name it (a hit would need 1 in 10⁸)
    guesses = [code for code in (new_code() for _ in range(20)) if code != run.agent.code][:8]
    conns = [
        await asyncssh.connect(
            "127.0.0.1", relay.port, local_addr=(f"127.0.0.{n}", 0), username="kim",
            client_keys=[str(tech_key)], known_hosts=None,
        )
        for n in range(2, 10)
    ]  # fmt: skip
    results = await asyncio.gather(
        *(open_code_channel(conn, code, consent_wait=5) for conn, code in zip(conns, guesses, strict=True)),
        return_exceptions=True,
    )
    kinds = sorted(type(result).__name__ for result in results)
    assert kinds == ["CodeUnknownError"] * 5 + ["RateLimitedError"] * 3, results
    late = await asyncssh.connect(
        "127.0.0.1", relay.port, local_addr=("127.0.0.77", 0), username="kim",
        client_keys=[str(tech_key)], known_hosts=None,
    )  # fmt: skip
    with pytest.raises(RateLimitedError):  # the real code too, from a fresh address: the key is spent
        await open_code_channel(late, run.agent.code)
    assert not run.of(ConsentRequested)
    for conn in [*conns, late]:
        conn.close()
