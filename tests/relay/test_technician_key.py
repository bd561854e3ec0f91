"""The technician key without a keyring: chosen passphrase asked when needed, ssh-agent, lost passphrases,
and errors that name the relay (not the device) when the relay does not list the key."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import asyncssh
import pytest

from sessions import codes, secrets
from sessions.agent.core import Agent, AgentConfig
from sessions.errors import (
    AuthenticationError,
    HostKeyChangedError,
    RelayKeyRefusedError,
    TechnicianKeyError,
    TechnicianKeyLockedError,
)
from sessions.relay.client import JoinOptions, connect_by_code, connect_relay
from sessions.relay.joined import CodeSession
from sessions.relay.techkey import (
    Protection,
    create_technician_key,
    default_key_path,
    forget_unlocked,
    passphrase_lost,
    read_technician_key,
    replace_technician_key,
)
from sessions.relay.unlock import PassphraseAnswer, PassphraseQuestion, TechnicianKeyAccess
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from tests.relay.keys import agent_fingerprints, no_keyring, relay_listing, ssh_add, ssh_agent

PASSPHRASE = "correct horse battery staple"


class Asker:
    """An `ask` callback typing the answers it was handed, in order; records each question."""

    def __init__(self, *answers: str | None, add_to_agent: bool = False) -> None:
        self.answers = list(answers)
        self.questions: list[PassphraseQuestion] = []
        self.add_to_agent = add_to_agent

    async def __call__(self, question: PassphraseQuestion) -> PassphraseAnswer | None:
        self.questions.append(question)
        answer = self.answers.pop(0) if self.answers else None
        return None if answer is None else PassphraseAnswer(answer, add_to_agent=self.add_to_agent)


def never(question: PassphraseQuestion) -> PassphraseAnswer:
    raise AssertionError(f"the passphrase was asked: {question}")


@pytest.fixture(autouse=True)
def fresh_run() -> Iterator[None]:
    forget_unlocked()
    yield
    forget_unlocked()


def restart() -> None:
    """What a new run of the program starts with: no opened key, nothing kept in memory."""
    forget_unlocked()
    secrets._memory.clear()


async def _join(relay_port: int, tmp_path: Path, access: TechnicianKeyAccess, trust: HostKeyTrust) -> str:
    agent = Agent(
        AgentConfig(
            relay=Target("127.0.0.1", relay_port),
            state_dir=tmp_path / f"agent-{id(access)}",
            auto_consent=True,
        )
    )
    await agent.start()
    try:
        conn = await connect_by_code(
            Target("127.0.0.1", relay_port, "kim"), agent.code, JoinOptions(trust=trust, key_access=access)
        )
        try:
            return str((await conn.run("echo joined-$((40+2))")).stdout)
        finally:
            conn.close()
            await conn.wait_closed()
    finally:
        await agent.end()


async def test_no_keyring_chosen_passphrase_is_asked_after_a_restart(tmp_path: Path, trust, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    with no_keyring():
        key = create_technician_key(passphrase=PASSPHRASE)
        assert key.protection is Protection.PASSPHRASE and key.path == default_key_path()
        assert "PRIVATE KEY" in key.path.read_text() and PASSPHRASE not in key.path.read_text()
        assert PASSPHRASE not in (key.path.parent / "technician_ed25519.json").read_text()
        restart()
        async with relay_listing(tmp_path, key) as relay:
            ask = Asker(PASSPHRASE)
            assert await _join(relay.port, tmp_path, TechnicianKeyAccess(ask=ask), trust) == "joined-42\n"
            assert [q.attempt for q in ask.questions] == [1]
            assert ask.questions[0].fingerprint == key.fingerprint and not ask.questions[0].can_save
            # once per run: the second join in this run does not ask again
            assert await _join(relay.port, tmp_path, TechnicianKeyAccess(ask=never), trust) == "joined-42\n"  # type: ignore[arg-type]
    assert "connect stage: authenticating" in caplog.text  # DEBUG was on…
    assert PASSPHRASE not in caplog.text  # …and the passphrase is nowhere in the log


async def test_wrong_passphrase_three_tries_then_a_clear_error(tmp_path: Path, trust) -> None:  # type: ignore[no-untyped-def]
    with no_keyring():
        key = create_technician_key(passphrase=PASSPHRASE)
        restart()
        async with relay_listing(tmp_path, key) as relay:
            ask = Asker("nope-1", "nope-2", "nope-3", PASSPHRASE)
            with pytest.raises(TechnicianKeyError) as caught:
                await connect_relay(
                    Target("127.0.0.1", relay.port), trust=trust, key_access=TechnicianKeyAccess(ask=ask)
                )
    assert [q.attempt for q in ask.questions] == [1, 2, 3]
    assert "was wrong 3 times" in str(caught.value)
    assert "nope" not in str(caught.value)


async def test_cancelled_passphrase_sends_nothing(tmp_path: Path, trust) -> None:  # type: ignore[no-untyped-def]
    with no_keyring():
        key = create_technician_key(passphrase=PASSPHRASE)
        restart()
        async with relay_listing(tmp_path, key) as relay:
            with pytest.raises(TechnicianKeyError, match="nothing was sent to the relay"):
                await connect_relay(
                    Target("127.0.0.1", relay.port),
                    trust=trust,
                    key_access=TechnicianKeyAccess(ask=Asker(None)),
                )
            assert not (tmp_path / "tech_known_hosts").exists()  # not even the relay's host key was seen


async def test_key_in_a_real_ssh_agent_is_used_with_no_prompt(tmp_path: Path, trust, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with no_keyring(), ssh_agent(tmp_path) as sock:
        key = create_technician_key(passphrase=PASSPHRASE)
        ssh_add(sock, key.path, PASSPHRASE, tmp_path)  # stock ssh-add opens Valuezone's key file
        restart()
        monkeypatch.setenv("SSH_AUTH_SOCK", str(sock))
        async with relay_listing(tmp_path, key) as relay:
            access = TechnicianKeyAccess(ask=never)  # type: ignore[arg-type]
            offered = await access.open()
            assert offered.source == "ssh-agent"
            offered.close()
            assert await _join(relay.port, tmp_path, access, trust) == "joined-42\n"


async def test_add_to_ssh_agent_when_asked_like_ssh_add(tmp_path: Path, trust, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with no_keyring(), ssh_agent(tmp_path) as sock:
        monkeypatch.setenv("SSH_AUTH_SOCK", str(sock))
        key = create_technician_key(passphrase=PASSPHRASE)
        restart()
        async with relay_listing(tmp_path, key) as relay:
            ask = Asker(PASSPHRASE, add_to_agent=True)
            assert await _join(relay.port, tmp_path, TechnicianKeyAccess(ask=ask), trust) == "joined-42\n"
            assert ask.questions[0].can_add_to_agent
            assert key.fingerprint in agent_fingerprints(sock)
            restart()  # the next run finds it in the agent
            assert await _join(relay.port, tmp_path, TechnicianKeyAccess(ask=never), trust) == "joined-42\n"  # type: ignore[arg-type]


async def test_with_a_keyring_nothing_is_asked(tmp_path: Path, trust) -> None:  # type: ignore[no-untyped-def]
    key = create_technician_key()  # the tests' in-memory keyring stands in for the OS keyring
    assert key.protection is Protection.KEYRING
    restart()
    async with relay_listing(tmp_path, key) as relay:
        assert await _join(relay.port, tmp_path, TechnicianKeyAccess(ask=never), trust) == "joined-42\n"  # type: ignore[arg-type]


def test_a_random_passphrase_needs_a_keyring() -> None:
    with no_keyring(), pytest.raises(TechnicianKeyError, match="no keyring"):
        create_technician_key()
    assert read_technician_key() is None


async def test_lost_random_passphrase_says_what_to_do_and_a_new_key_works(tmp_path: Path, trust) -> None:  # type: ignore[no-untyped-def]
    # A key made by an earlier Valuezone on this keyring-less box: random passphrase, lost with the run.
    path = default_key_path()
    path.parent.mkdir(parents=True)
    old = asyncssh.generate_private_key("ssh-ed25519", comment="Valuezone technician on old")
    path.write_bytes(old.export_private_key(passphrase="random-and-gone"))
    Path(f"{path}.pub").write_bytes(old.export_public_key())
    with no_keyring():
        old_key = read_technician_key()
        assert old_key is not None and old_key.protection is Protection.UNKNOWN
        async with relay_listing(tmp_path / "old", old_key) as relay:
            with pytest.raises(TechnicianKeyLockedError) as caught:
                await connect_relay(
                    Target("127.0.0.1", relay.port),
                    trust=trust,
                    key_access=TechnicianKeyAccess(ask=never),  # type: ignore[arg-type]
                )
            assert "cannot be opened any more" in str(caught.value)
            assert "Create a new key" in caught.value.hint and "relay's administrator" in caught.value.hint
            new = replace_technician_key(passphrase=PASSPHRASE)  # the one-click fix
            assert new.fingerprint != old_key.fingerprint and list(
                path.parent.glob("technician_ed25519.old-*")
            )
            restart()
            with pytest.raises(RelayKeyRefusedError) as refused:  # the relay lists the old key only
                await connect_relay(
                    Target("127.0.0.1", relay.port),
                    trust=trust,
                    key_access=TechnicianKeyAccess(ask=Asker(PASSPHRASE)),
                )
        assert new.public_line in refused.value.hint
        async with relay_listing(tmp_path / "new", new) as relay:  # the administrator listed the new line
            assert await _join(relay.port, tmp_path, TechnicianKeyAccess(ask=never), trust) == "joined-42\n"  # type: ignore[arg-type]


async def test_a_relay_that_does_not_list_the_key_is_named(tmp_path: Path, trust) -> None:  # type: ignore[no-untyped-def]
    key = create_technician_key()
    other = create_technician_key(tmp_path / "someone_else")
    async with relay_listing(tmp_path, other) as relay:
        with pytest.raises(RelayKeyRefusedError) as caught:
            await connect_relay(Target("127.0.0.1", relay.port), trust=trust)
        session = CodeSession(Target("127.0.0.1", relay.port), codes.new_code(), JoinOptions(trust=trust))
        with pytest.raises(RelayKeyRefusedError):
            await session.join()
    error = caught.value
    assert str(error).startswith(f"The relay at 127.0.0.1:{relay.port} does not list this technician key")
    assert "send this public key line to the relay's administrator" in error.hint.lower()
    assert error.public_line == key.public_line and key.public_line in error.hint
    assert "authorized_keys" not in str(error) and "device" not in str(error)
    assert error.stage == "authenticating"


async def test_no_key_yet_is_a_clear_error(trust) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TechnicianKeyError, match="There is no technician key") as caught:
        await connect_relay(Target("127.0.0.1", 9), trust=trust)
    assert "valuezone key new" in caught.value.hint


async def test_device_behind_a_code_is_named_as_such_and_stages_start_at_the_greeting(  # type: ignore[no-untyped-def]
    make_agent, relay_target, tech_key, trust, sshd
) -> None:
    """With --forward-sshd the device's own sshd logs the technician in: its refusal names that device
    (by code), not the relay; the inner connection's stages start at the server's greeting."""
    run = await make_agent(forward_sshd=sshd.port)
    stages: list[str] = []
    with pytest.raises(AuthenticationError) as caught:
        options = JoinOptions(technician_key=tech_key, trust=trust, user="nobody-here")
        await connect_by_code(relay_target, run.agent.code, options, on_progress=stages.append)
    shown = codes.display(run.agent.code)
    assert str(caught.value).startswith(f"The device behind code {shown} refused to let user 'nobody-here'")
    assert not isinstance(caught.value, RelayKeyRefusedError) and "relay" not in str(caught.value)
    assert stages[:2] == ["connecting to the relay", "waiting for the customer"]
    assert stages[2:] == ["waiting for the server", "key exchange", "verifying host key", "authenticating"]


async def test_changed_relay_host_key_names_the_relay(tmp_path: Path, tech_key: Path, relay) -> None:  # type: ignore[no-untyped-def]
    known = tmp_path / "known_hosts"
    other = asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode().split()
    known.write_text(f"[127.0.0.1]:{relay.port} {other[0]} {other[1]}\n")
    with pytest.raises(HostKeyChangedError) as caught:
        trust = HostKeyTrust(known_hosts=known, read_user_known_hosts=False)
        await connect_relay(Target("127.0.0.1", relay.port), trust=trust, technician_key=tech_key)
    assert str(caught.value).startswith(f"The relay at 127.0.0.1:{relay.port} shows a different host key")
    assert "relay's administrator" in caught.value.hint and "customer" not in str(caught.value)
    assert caught.value.fingerprint == relay.fingerprint and caught.value.stage == "verifying host key"


def test_lost_is_not_lost_when_the_ssh_agent_holds_it(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = default_key_path()
    path.parent.mkdir(parents=True)
    old = asyncssh.generate_private_key("ssh-ed25519")
    path.write_bytes(old.export_private_key(passphrase="random-and-gone"))
    path.chmod(0o600)
    Path(f"{path}.pub").write_bytes(old.export_public_key())
    with no_keyring():
        key = read_technician_key()
        assert key is not None and passphrase_lost(key)
        with ssh_agent(tmp_path) as sock:
            ssh_add(sock, path, "random-and-gone", tmp_path)  # added while it could still be opened
            monkeypatch.setenv("SSH_AUTH_SOCK", str(sock))
            assert not passphrase_lost(key)


def test_the_null_keyring_is_no_keyring() -> None:
    import keyring
    import keyring.backends.null

    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.null.Keyring())
    try:
        assert not secrets.keyring_available()
        with pytest.raises(TechnicianKeyError, match="no keyring"):
            create_technician_key()  # a random passphrase it would silently drop
        assert secrets.store("password", "kim@nas:22", "held-for-this-run") is False
    finally:
        keyring.set_keyring(previous)
