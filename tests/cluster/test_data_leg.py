"""A claim carried to another relay runs on the holding relay's data leg (protocol v2), or on the link."""

from __future__ import annotations

import asyncio
import os

import pytest

from sessions import codes
from sessions.relay.audit import read_audit
from sessions.relay.client import JoinOptions, connect_by_code
from sessions.ssh.target import Target

SIZE = 4 << 20


def _events(relay, name: str) -> list[dict]:
    return [event for event in read_audit(relay.audit.path) if event["event"] == name]


async def _until(predicate, timeout: float = 15.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


@pytest.mark.parametrize("data_leg", [True, False], ids=["data-leg", "no-data-leg"])
async def test_forwarded_claim_runs_on_the_holding_relays_path(
    make_relay, make_agent, sqlite_url, tech_key, trust, tmp_path, data_leg
) -> None:
    holder = await make_relay(sqlite_url, "a", data_leg=data_leg)
    front = await make_relay(sqlite_url, "b", data_leg=data_leg)
    run = await make_agent(holder.port, data_leg=data_leg)
    conn = await connect_by_code(
        Target("127.0.0.1", front.port),
        codes.display(run.agent.code),
        JoinOptions(technician_key=tech_key, trust=trust),
    )
    down = await conn.run(f"head -c {SIZE} /dev/zero", encoding=None)
    assert down.exit_status == 0 and len(down.stdout) == SIZE
    payload = os.urandom(SIZE)
    sftp = await conn.start_sftp_client()  # up: the technician's bytes to the device
    async with sftp.open(str(tmp_path / "up.bin"), "wb") as handle:
        await handle.write(payload)
    sftp.exit()
    assert (tmp_path / "up.bin").read_bytes() == payload
    conn.close()
    await conn.wait_closed()

    await _until(lambda: _events(holder, "session.ended") and _events(front, "forward.ended"))
    # The holding relay asked its own agent and opened the device side: over its data leg when on.
    started = _events(holder, "session.started")
    assert [event["leg"] for event in started] == ["tls" if data_leg else "ssh"]
    if data_leg:
        assert holder.legs is not None and run.agent._link is not None and run.agent._link.leg is not None
        assert run.agent._link.leg.port == holder.legs.port  # the agent's leg goes to ITS relay
    else:
        assert holder.legs is None and run.agent._link is not None and run.agent._link.leg is None
    # The relay the technician reached only carried bytes between relays (the peer link).
    assert not _events(front, "session.started") and not _events(front, "claim.ok")
    carried = _events(front, "forward.ended")[0]
    if data_leg:  # the technician's own leg went straight to the holder: the peer link carried its answer
        assert carried["bytes_to_technician"] < 4096 and _events(holder, "leg.joined")
    else:
        assert carried["bytes_to_technician"] > SIZE and carried["bytes_to_customer"] > SIZE
    ended = _events(holder, "session.ended")[0]
    assert ended["bytes_to_technician"] > SIZE and ended["bytes_to_customer"] > SIZE
