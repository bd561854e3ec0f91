"""The password never reaches a file under VALUEZONE_HOME nor a log record, even at DEBUG."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from sessions.devices import DeviceBook
from sessions.errors import AuthenticationError
from sessions.ssh.auth import Credentials
from sessions.ssh.client import connect
from sessions.ssh.hostkeys import HostKeyTrust
from tests.sshd import Sshd


async def test_password_stays_in_the_keyring(
    sshd: Sshd,
    password_user: tuple[str, str],
    vz_home: Path,
    caplog: pytest.LogCaptureFixture,
    memory_keyring,
) -> None:
    caplog.set_level(logging.DEBUG)
    user, password = password_user
    book = DeviceBook()
    device = book.add("password box", sshd.host, sshd.port, user)
    trust = HostKeyTrust(accept_new=True)

    async def ask_password(target):
        return password, True

    async def ask_wrong(target):
        return "not-" + password, True

    with pytest.raises(AuthenticationError):
        await connect(device.target(), trust=trust, credentials=Credentials(ask_password=ask_wrong))
    conn = await connect(device.target(), trust=trust, credentials=Credentials(ask_password=ask_password))
    assert (await conn.run("whoami", check=True)).stdout == f"{user}\n"
    conn.close()
    await conn.wait_closed()
    conn = await connect(device.target(), trust=trust)  # from the keyring this time
    conn.close()
    await conn.wait_closed()

    assert password in memory_keyring.store.values()
    written = [path for path in vz_home.rglob("*") if path.is_file()]
    assert written, "the test should have written the device book and known_hosts"
    for path in written:
        assert password.encode() not in path.read_bytes(), path
    assert len(caplog.records) > 5
    for record in caplog.records:
        assert password not in record.getMessage()
        assert password not in repr(record.args)
