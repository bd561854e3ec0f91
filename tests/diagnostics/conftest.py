"""Fixtures for diagnostics: an asyncssh connection to the real sshd, vendor profiles, a qasync loop."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncssh
import pytest

from sessions.paths import app_dirs
from tests.sshd import Sshd


async def open_connection(sshd: Sshd) -> asyncssh.SSHClientConnection:
    return await asyncssh.connect(
        "127.0.0.1", port=sshd.port, username=sshd.user, client_keys=[str(sshd.client_key)], known_hosts=None
    )


@pytest.fixture
async def conn(sshd: Sshd) -> AsyncIterator[asyncssh.SSHClientConnection]:
    connection = await open_connection(sshd)
    yield connection
    connection.close()
    await connection.wait_closed()


VENDOR_PROFILE = """
[profile]
title = "Test vendor"
extends = "linux"
priority = 50
detect = { command = "echo vz-test-device", match = 'vz-test-device' }

[[check]]
id = "widget"
title = "Widget firmware"
parser = "version"
commands = ["vz-no-such-tool --version"]
timeout = 10

[[check]]
id = "slow"
title = "Slow check"
parser = "version"
commands = ["sleep 5; cat /etc/os-release"]
timeout = 0.5

[[check]]
id = "sleepy"
title = "Sleepy check"
parser = "version"
commands = ["sleep 2; cat /etc/os-release"]

[[check]]
id = "fallback"
title = "Falls back"
parser = "version"
commands = ["vz-no-such-tool --os", "cat /etc/os-release"]

[[check]]
id = "sensors"
enabled = false
"""


@pytest.fixture
def vendor_profile(vz_home: Path) -> Path:
    """A vendor's own profile dropped in the config folder: no code, just TOML."""
    folder = app_dirs().config / "diagnostics"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "vendor-test.toml"
    path.write_text(VENDOR_PROFILE)
    return path


@pytest.fixture
def qasync_loop(qapp: object) -> Iterator[asyncio.AbstractEventLoop]:
    """The asyncio loop running inside Qt's event loop, as the console runs it."""
    import qasync

    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        loop.close()
        asyncio.set_event_loop(None)
        from tests.qt import release_qt_garbage

        release_qt_garbage()
