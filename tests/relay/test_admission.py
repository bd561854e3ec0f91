"""Per-address limits on customer (`support`) connections: concurrent links and new codes per minute."""

from __future__ import annotations

import asyncio
import dataclasses

import asyncssh
import pytest

from sessions.errors import ConnectError
from sessions.relay.admission import CustomerAdmission
from sessions.relay.audit import read_audit
from sessions.relay.client import JoinOptions, connect_by_code
from sessions.relay.server import Relay, RelayConfig


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_links_are_counted_per_address_and_freed() -> None:
    admission = CustomerAdmission(max_links=2, codes_per_minute=0)
    for _ in range(2):
        assert admission.refusal("198.51.100.7") == ""
        admission.linked("198.51.100.7")
    assert "Too many customer connections from 198.51.100.7 (2 at once)" in admission.refusal("198.51.100.7")
    assert admission.refusal("203.0.113.9") == ""  # another address has its own share
    admission.unlinked("198.51.100.7")
    assert admission.refusal("198.51.100.7") == ""
    assert admission.links("198.51.100.7") == 1


def test_codes_per_minute_slide() -> None:
    clock = _Clock()
    admission = CustomerAdmission(max_links=0, codes_per_minute=3, clock=clock)
    for _ in range(3):
        assert admission.take_code("198.51.100.7") == ""
    assert "(3 a minute); wait a minute" in admission.refusal("198.51.100.7")
    assert "(3 a minute); wait a minute" in admission.take_code("198.51.100.7")
    clock.now += 59
    assert admission.refusal("198.51.100.7") != ""
    clock.now += 2
    assert admission.refusal("198.51.100.7") == ""


def test_zero_means_no_limit() -> None:
    admission = CustomerAdmission(max_links=0, codes_per_minute=0)
    for _ in range(500):
        admission.linked("198.51.100.7")
        assert admission.take_code("198.51.100.7") == ""
    assert admission.refusal("198.51.100.7") == ""


@pytest.fixture
def relay_config(relay_config: RelayConfig) -> RelayConfig:
    return dataclasses.replace(relay_config, max_customers_per_address=2, codes_per_minute_per_address=3)


async def _refusals(relay: Relay) -> list[str]:
    await asyncio.sleep(0)
    return [e["reason"] for e in read_audit(relay.audit.path) if e["event"] == "customer.refused"]


async def test_a_third_agent_from_one_address_is_turned_away_with_the_reason(
    relay: Relay, make_agent, relay_target, tech_key, trust
) -> None:
    first = await make_agent()
    await make_agent()
    with pytest.raises(ConnectError) as refused:
        await make_agent()
    message = str(refused.value)
    assert "turned this connection away: Too many customer connections from 127.0.0.1 (2 at once)" in message
    assert "(error" not in message
    assert any("Too many customer connections" in reason for reason in await _refusals(relay))

    # technicians are not customers: the full address can still be served
    inner = await connect_by_code(
        relay_target, first.agent.code, JoinOptions(trust=trust, technician_key=tech_key)
    )
    result = await inner.run("echo still-served", check=True)
    assert result.stdout == "still-served\n"
    inner.close()

    await first.agent.end()
    for _ in range(100):  # the relay sees the link go
        if relay.admission.links("127.0.0.1") < 2:
            break
        await asyncio.sleep(0.05)
    third = await make_agent()
    assert third.agent.code


async def test_codes_per_minute_refuse_a_plain_asyncssh_client(relay: Relay, make_agent) -> None:
    for _ in range(3):  # three codes, each link ended at once
        run = await make_agent()
        await run.agent.end()
    for _ in range(100):
        if relay.admission.links("127.0.0.1") == 0:
            break
        await asyncio.sleep(0.05)
    with pytest.raises(asyncssh.DisconnectError) as refused:
        await asyncssh.connect(
            "127.0.0.1", relay.port, username="support", known_hosts=None, client_keys=None
        )
    assert refused.value.code == asyncssh.DISC_TOO_MANY_CONNECTIONS
    assert "Too many session codes requested from 127.0.0.1 (3 a minute)" in refused.value.reason
    assert any("Too many session codes" in reason for reason in await _refusals(relay))


async def test_stock_openssh_customer_reads_the_refusal(relay: Relay, make_agent, openssh) -> None:
    await make_agent()
    await make_agent()
    process = await asyncio.create_subprocess_exec(
        openssh, "-N", "-p", str(relay.port), "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
        "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-R", "vz:22:127.0.0.1:22",
        "support@127.0.0.1",
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode != 0
    assert "Too many customer connections from 127.0.0.1 (2 at once)" in err.decode()
