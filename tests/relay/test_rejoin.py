"""Re-joining asks again: a technician who left comes back only with the customer's new yes, or within the
"let this technician back in for N minutes" the customer chose (shown on their screen)."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import asyncssh
import pytest

from sessions.agent.events import ConsentRequested
from sessions.errors import CodeUnknownError, ConsentRefusedError
from sessions.relay.client import JoinOptions, connect_by_code, connect_relay
from sessions.relay.server import Relay
from sessions.ssh.target import Target
from tests.relay.conftest import TECH_NAME
from tests.relay.processes import line_matching, relay_and_agents, start_agent


async def _until(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


class Customer:
    """Answers consent questions from a list of answers: True, False or "back-in"."""

    def __init__(self, run, answers: list[object]) -> None:  # type: ignore[no-untyped-def]
        self.answers = answers
        self.asked: list[ConsentRequested] = []
        run.agent.subscribe(self._on_event)

    def _on_event(self, event: object) -> None:
        if isinstance(event, ConsentRequested):
            self.asked.append(event)
            answer = self.answers.pop(0)
            if answer == "back-in":
                event.allow(let_back_in=True)
            elif answer:
                event.allow()
            else:
                event.decline()


async def _join_and_drop(relay_target: Target, code: str, tech_key: Path, trust) -> None:  # type: ignore[no-untyped-def]
    """Join, run a command, then lose the technician's network (the session waits for them)."""
    relay_conn = await connect_relay(relay_target, trust=trust, technician_key=tech_key)
    # on the claim channel, so that the relay link's drop is the session's (a leg of its own would stay)
    options = JoinOptions(trust=trust, technician_key=tech_key, data_leg=False)
    inner = await connect_by_code(relay_target, code, options, relay_conn=relay_conn)
    assert (await inner.run("echo in")).stdout == "in\n"
    relay_conn.abort()
    await asyncio.wait_for(inner.wait_closed(), 10)


async def test_a_technician_who_dropped_is_asked_about_again(
    relay: Relay, make_agent, relay_target, tech_key, trust
) -> None:
    run = await make_agent(auto_consent=False)
    customer = Customer(run, [True, False, True])
    await _join_and_drop(relay_target, run.agent.code, tech_key, trust)
    await _until(
        lambda: "The technician's connection dropped; waiting for them to come back…" in run.activity()
    )
    with pytest.raises(ConsentRefusedError, match="declined"):  # the customer says no this time
        await connect_by_code(relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust))
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    assert (await conn.run("echo back")).stdout == "back\n"
    assert [event.again for event in customer.asked] == [False, True, True]
    assert customer.asked[1].lines[0] == f"{TECH_NAME} wants to connect again."
    assert f"You declined {TECH_NAME}." in run.activity()
    assert f"You let {TECH_NAME} back in." in run.activity()
    conn.close()


async def test_let_back_in_for_n_minutes_is_the_customers_choice_and_shown(
    relay: Relay, make_agent, relay_target, tech_key, trust, tmp_path
) -> None:
    run = await make_agent(auto_consent=False, back_in_minutes=10)
    customer = Customer(run, ["back-in", True])
    await _join_and_drop(relay_target, run.agent.code, tech_key, trust)
    assert customer.asked[0].back_in_minutes == 10
    shown = [line for line in run.activity() if "may reconnect without a new question until" in line]
    assert shown and re.search(r"until \d\d:\d\d\.$", shown[0]), run.activity()
    until = shown[0].rsplit(" ", 1)[1].rstrip(".")
    await _until(lambda: any("connection dropped" in line for line in run.activity()))
    relay_conn = await connect_relay(relay_target, trust=trust, technician_key=tech_key)
    options = JoinOptions(trust=trust, technician_key=tech_key, data_leg=False)
    conn = await connect_by_code(relay_target, run.agent.code, options, relay_conn=relay_conn)
    assert (await conn.run("echo unasked")).stdout == "unasked\n"
    assert len(customer.asked) == 1  # let back in without a question, as the customer chose
    assert (
        f"{TECH_NAME} reconnected without a new question (you allowed this until {until})." in run.activity()
    )
    relay_conn.abort()  # Kim drops again; the session waits for her
    await asyncio.wait_for(conn.wait_closed(), 10)

    # another technician is not covered by Kim's window
    from tests.sshd import keygen

    lee = keygen(tmp_path / "lee_ed25519")
    kind, blob = Path(f"{lee}.pub").read_text().split()[:2]
    with relay.config.technicians_file.open("a") as handle:
        handle.write(f"{kind} {blob} Lee Jiwoo\n")
    with pytest.raises(CodeUnknownError, match="Another technician"):
        await connect_by_code(relay_target, run.agent.code, JoinOptions(technician_key=lee, trust=trust))


async def test_the_window_ends_and_the_question_comes_back(
    relay: Relay, make_agent, relay_target, tech_key, trust
) -> None:
    run = await make_agent(auto_consent=False, back_in_minutes=1)
    customer = Customer(run, ["back-in", True])
    await _join_and_drop(relay_target, run.agent.code, tech_key, trust)
    fingerprint, _, shown = run.agent._back_in
    run.agent._back_in = (fingerprint, asyncio.get_running_loop().time() - 1, shown)  # a minute later
    await _until(lambda: any("connection dropped" in line for line in run.activity()))
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    assert [event.again for event in customer.asked] == [False, True]
    conn.close()


async def test_no_offer_when_the_agent_is_started_with_zero(
    make_agent, relay_target, tech_key, trust
) -> None:
    run = await make_agent(auto_consent=False, back_in_minutes=0)
    customer = Customer(run, ["back-in", True])  # "a" without an offer is a plain yes
    await _join_and_drop(relay_target, run.agent.code, tech_key, trust)
    assert customer.asked[0].back_in_minutes == 0
    assert run.agent._back_in is None
    await _until(lambda: any("connection dropped" in line for line in run.activity()))
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    assert len(customer.asked) == 2
    conn.close()


async def test_korean_terminal_agent_asks_again_and_offers_the_window(
    tmp_path: Path, technicians_file: Path, tech_key: Path, trust
) -> None:
    """The terminal agent as a customer runs it: asked again in Korean, "a" lets Kim back in for 10 min."""
    async with relay_and_agents(tmp_path, technicians_file) as (port, seen, agents):
        agent = await start_agent(port, tmp_path / "agent", agents, "--lang", "ko")
        assert agent.stdin is not None
        match = await line_matching(agent.stdout, r"세션 코드: (\d{3} \d{3} \d{3})", seen)
        code = match.group(1).replace(" ", "")
        relay = Target("127.0.0.1", port, "kim")

        async def join_then_drop(answer: bytes, question: str | None) -> None:
            join = asyncio.ensure_future(_join_and_drop(relay, code, tech_key, trust))
            if question is not None:
                await line_matching(agent.stdout, question, seen)
                await line_matching(
                    agent.stdout, r"또는 a 를 입력하면 허용하고, .*10분 동안은 묻지 않고", seen
                )
                agent.stdin.write(answer)
            await asyncio.wait_for(join, 20)
            await line_matching(agent.stdout, r"기술자의 연결이 끊겼습니다", seen)

        await join_then_drop("예\n".encode(), re.escape(f"{TECH_NAME}님이 이 장치에 연결하려고 합니다"))
        await join_then_drop(b"a\n", re.escape(f"{TECH_NAME}님이 다시 연결하려고 합니다"))
        assert re.search(r"\d\d:\d\d까지는 .*다시 연결할 때 묻지 않습니다", "".join(seen)), seen
        await join_then_drop(b"", None)  # within the window: no question
        unasked = r"질문 없이 다시 연결되었습니다 \(\d\d:\d\d까지 허용하셨습니다\)"
        assert re.search(unasked, "".join(seen)), seen
        agent.stdin.write(b"/end\n")
        assert await asyncio.wait_for(agent.wait(), 10) == 0


async def test_stock_openssh_customer_is_asked_again_by_the_relay(
    relay: Relay, sshd, openssh, tmp_path, tech_key, trust
) -> None:  # type: ignore[no-untyped-def]
    """`ssh -R` customer (no agent): the relay's own prompt asks again when the technician comes back."""
    customer = await asyncio.create_subprocess_exec(
        openssh, "-tt", "-p", str(relay.port), "-o", "StrictHostKeyChecking=no",
        "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
        "-R", f"vz:22:127.0.0.1:{sshd.port}", "support@127.0.0.1",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert customer.stdin is not None and customer.stdout is not None
    seen = bytearray()

    async def read_until(pattern: bytes) -> tuple[bytes, ...]:
        while not (match := re.search(pattern, seen)):
            try:
                chunk = await asyncio.wait_for(customer.stdout.read(4096), 15)
            except TimeoutError:
                raise AssertionError(bytes(seen).decode(errors="replace")) from None
            assert chunk, bytes(seen).decode(errors="replace")
            seen.extend(chunk)
        groups = tuple(bytes(group) for group in match.groups())
        del seen[: match.end()]
        return groups

    try:
        code = b"".join(await read_until(rb"Session code: (\d{3}) (\d{3}) (\d{3})")).decode()
        relay_target = Target("127.0.0.1", relay.port, "kim")
        for question in (rb"wants to connect to this device\.", rb"wants to connect again\."):
            relay_conn = await connect_relay(relay_target, trust=trust, technician_key=tech_key)
            tunnel = asyncio.ensure_future(_open_device(relay_conn, code, sshd))
            await read_until(question)
            customer.stdin.write(b"y\r")
            inner = await asyncio.wait_for(tunnel, 20)
            assert (await inner.run("echo via-sshd")).stdout == "via-sshd\n"
            relay_conn.abort()
    finally:
        customer.kill()
        await customer.wait()


async def _open_device(
    relay_conn: asyncssh.SSHClientConnection, code: str, sshd
) -> asyncssh.SSHClientConnection:  # type: ignore[no-untyped-def]
    from sessions.relay.client import open_code_channel

    tunnel = await open_code_channel(relay_conn, code)
    return await asyncssh.connect(
        "vz" + code, tunnel=tunnel, username=sshd.user, client_keys=[str(sshd.client_key)], known_hosts=None
    )
