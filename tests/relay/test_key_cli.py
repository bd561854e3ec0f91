"""The technician key on the command line, as a person types it on a real terminal (a pty), with no keyring:
`valuezone key new`, then — a new process — `valuezone diagnose --code` through a real relay and agent."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from pathlib import Path

from sessions import codes
from sessions.agent.core import Agent, AgentConfig
from sessions.relay.techkey import Protection, read_technician_key
from sessions.ssh.target import Target
from tests.relay.keys import PtyProcess, agent_fingerprints, no_keyring, relay_listing, ssh_add, ssh_agent

NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
PASSPHRASE = "Sejong's 28 letters"


async def _new_key() -> None:
    new = PtyProcess("key", "new", env=NO_KEYRING)
    await new.expect(r"Enter a passphrase for the technician key .*technician_ed25519 \(empty for none\): ")
    new.send(PASSPHRASE + "\n")
    await new.expect("Enter the same passphrase again: ")
    new.send("typo\n")
    await new.expect("The passphrases do not match. Try again.")
    await new.expect("Enter a passphrase")
    new.send(PASSPHRASE + "\n")
    await new.expect("Enter the same passphrase again: ")
    new.send(PASSPHRASE + "\n")
    await new.expect(r"Send this line to your relay's administrator")
    await new.expect(r"ssh-ed25519 AAAA\S+ Valuezone technician on ")
    assert await new.wait() == 0, new.output
    assert PASSPHRASE not in new.output  # never echoed


async def _agent(relay_port: int, folder: Path) -> Agent:
    agent = Agent(AgentConfig(relay=Target("127.0.0.1", relay_port), state_dir=folder, auto_consent=True))
    await agent.start()
    return agent


async def test_key_made_on_a_terminal_then_diagnose_by_code_asks_its_passphrase(tmp_path: Path) -> None:
    await _new_key()
    key = read_technician_key()
    assert key is not None and key.protection is Protection.PASSPHRASE
    with no_keyring():
        async with relay_listing(tmp_path, key) as relay:
            agent = await _agent(relay.port, tmp_path / "agent")
            try:
                run = PtyProcess(
                    "diagnose", "--code", agent.code, "--relay", f"127.0.0.1:{relay.port}", "--accept-new",
                    env=NO_KEYRING,
                )  # fmt: skip
                await run.expect(r"Enter passphrase for the technician key .*technician_ed25519: ")
                run.send("not it\n")
                await run.expect(r"Bad passphrase, try again for .*technician_ed25519 \(2 of 3\): ")
                run.send(PASSPHRASE + "\n")
                await run.expect(r"\d+ checks, ")
                assert await run.wait() in (0, 1, 2, 3), run.output  # findings, not "no connection" (4)
            finally:
                await agent.end()
    assert "Permanently added" in run.output and PASSPHRASE not in run.output


async def test_diagnose_by_code_makes_the_key_on_first_use_and_names_the_relay(tmp_path: Path) -> None:
    with no_keyring():
        async with relay_listing(tmp_path) as relay:  # lists nobody yet
            agent = await _agent(relay.port, tmp_path / "agent")
            try:
                run = PtyProcess(
                    "diagnose", "--code", agent.code, "--relay", f"127.0.0.1:{relay.port}", "--accept-new",
                    env=NO_KEYRING,
                )  # fmt: skip
                await run.expect("You have no technician key yet; making one now.")
                await run.expect("Enter a passphrase for the technician key")
                run.send("\n")
                await run.expect("Enter the same passphrase again: ")
                run.send("\n")
                await run.expect("Without a passphrase, anyone who can read")
                await run.expect(r"Keep the key without a passphrase\? \[y/N\] ")
                run.send("y\n")
                line = (await run.expect(r"ssh-ed25519 AAAA\S+ [^\r\n]+")).group(0).strip()
                await run.expect(f"The relay at 127.0.0.1:{relay.port} does not list this technician key")
                assert await run.wait() == 4
            finally:
                await agent.end()
    key = read_technician_key()
    assert key is not None and key.protection is Protection.NONE and key.public_line == line
    assert "send this public key line to the relay's administrator" in run.output.lower()
    assert "authorized_keys" not in run.output


async def test_no_terminal_and_a_locked_key_says_how_to_unlock_it(tmp_path: Path) -> None:
    await _new_key()
    key = read_technician_key()
    assert key is not None
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "console.cli", "diagnose", "--code", codes.new_code(), "--relay", "127.0.0.1:9",
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(),
    )  # fmt: skip
    _, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 4
    assert "needs its passphrase, and there is nobody to ask here" in err.decode()
    assert f"ssh-add {key.path}" in err.decode()


async def test_key_in_ssh_agent_no_prompt_on_the_terminal(tmp_path: Path) -> None:
    await _new_key()
    key = read_technician_key()
    assert key is not None
    with no_keyring(), ssh_agent(tmp_path) as sock:
        ssh_add(sock, key.path, PASSPHRASE, tmp_path)
        async with relay_listing(tmp_path, key) as relay:
            agent = await _agent(relay.port, tmp_path / "agent")
            try:
                run = PtyProcess(
                    "diagnose", "--code", agent.code, "--relay", f"127.0.0.1:{relay.port}", "--accept-new",
                    env={**NO_KEYRING, "SSH_AUTH_SOCK": str(sock)},
                )  # fmt: skip
                await run.expect(r"\d+ checks, ")
                assert await run.wait() in (0, 1, 2, 3), run.output  # 3: a tool (sensors) missing here
            finally:
                await agent.end()
    assert "passphrase" not in run.output.lower()


def _env() -> dict[str, str]:
    import os

    return {**os.environ, **NO_KEYRING}


async def test_key_show_and_add_to_agent_like_ssh_add(tmp_path: Path) -> None:
    await _new_key()
    key = read_technician_key()
    assert key is not None
    with ssh_agent(tmp_path) as sock:
        env = {**NO_KEYRING, "SSH_AUTH_SOCK": str(sock)}
        show = PtyProcess("key", env=env)
        await show.expect(r"Protection:\s+your passphrase, asked when the key is needed")
        await show.expect(r"ssh-agent:\s+does not hold it")
        assert await show.wait() == 0
        add = PtyProcess("key", "add-to-agent", env=env)
        await add.expect(r"Enter passphrase for the technician key .*technician_ed25519: ")
        add.send(PASSPHRASE + "\n")
        await add.expect(f"Identity added: .*technician_ed25519 \\({re.escape(key.fingerprint)}\\)")
        assert await add.wait() == 0
        assert key.fingerprint in agent_fingerprints(sock)
        show = PtyProcess("key", env=env)
        await show.expect(r"ssh-agent:\s+holds it")
        await show.expect(re.escape(key.public_line))
        assert await show.wait() == 0
